/**
 * Where an HDF5 file's superblock starts. The HDF5 format lets a file begin with a user block, so the
 * signature is searched at byte 0, 512, 1024, 2048, ... (each a multiple of two of the previous), as
 * the HDF5 File Format Specification (II.A, "Format Signature and Superblock") says. Shared by the
 * format sniffing of every front end and the Keras `.h5` reader.
 */
import type { ByteSource } from './byte-source.js';

/** The 8-byte HDF5 format signature, `\x89HDF\r\n\x1a\n`. */
export const HDF5_SIGNATURE: readonly number[] = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when `bytes` start with the HDF5 signature. */
export function isHdf5Signature(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && HDF5_SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * Absolute offset of the HDF5 superblock in `source`, or -1 when the source is not HDF5. Reads 8
 * bytes at each candidate offset (about 20 reads for a 500 MB file).
 */
export function hdf5SuperblockOffset(source: ByteSource): number {
  for (let at = 0; at + 8 <= source.size; at = at === 0 ? 512 : at * 2) {
    if (isHdf5Signature(source.read(at, 8))) return at;
  }
  return -1;
}
