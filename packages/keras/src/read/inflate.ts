/**
 * Raw DEFLATE for the one `config.json` member of a `.keras` archive, through fflate's streaming
 * inflater with a hard output cap: compressed input is fed in 1 KiB slices (at most ~1 MiB of
 * output each, DEFLATE's ratio being bounded near 1032:1), and output is counted as it comes, so a
 * member that lies about its size (a zip bomb) stops at the limit instead of filling memory.
 */
import { Inflate } from 'fflate';

/** Inflate failed: damaged data (`message`) or output over the cap (`overLimit`). */
export class InflateError extends Error {
  override readonly name = 'InflateError';
  constructor(
    message: string,
    readonly overLimit = false,
  ) {
    super(message);
  }
}

const SLICE = 1024;

/** Inflate raw DEFLATE `data`, refusing to produce more than `maxBytes`. */
export function inflateRaw(data: Uint8Array, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) throw new InflateError(`more than ${maxBytes} bytes`, true);
    chunks.push(chunk);
    if (final) done = true;
  });
  try {
    for (let i = 0; i < data.length || (i === 0 && data.length === 0); i += SLICE) inflater.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  } catch (e) {
    if (e instanceof InflateError) throw e;
    throw new InflateError((e as Error).message || 'invalid DEFLATE data');
  }
  if (!done) throw new InflateError('the compressed data ends before the DEFLATE stream does');
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
