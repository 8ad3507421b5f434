/**
 * UTF-8 decoding without DOM or Node typings: TextDecoder is a global in every runtime this package
 * supports (Node >= 11, browsers), but the ES2022 lib does not declare it.
 */
declare const TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(input: Uint8Array): string };

/** Decode UTF-8 bytes (a leading byte-order mark is dropped; invalid sequences become U+FFFD). */
export function utf8(bytes: Uint8Array): string {
  const s = new TextDecoder('utf-8').decode(bytes);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
