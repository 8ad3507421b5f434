/** The importers' byte input lives in core (shared with @modelcost/keras); re-exported for this package's API. */
export { bytesSource, type ByteSource } from '@modelcost/core';
