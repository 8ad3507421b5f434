import { describe, expect, it } from 'vitest';
import { bytesSource, HDF5_SIGNATURE, hdf5SuperblockOffset, isHdf5Signature } from '../../src/index.js';

function withSignatureAt(at: number, size: number): Uint8Array {
  const b = new Uint8Array(size);
  b.set(HDF5_SIGNATURE, at);
  return b;
}

describe('hdf5SuperblockOffset', () => {
  it('finds the signature at 0 and after a user block of 512, 1024, 2048 bytes', () => {
    for (const at of [0, 512, 1024, 2048]) expect(hdf5SuperblockOffset(bytesSource(withSignatureAt(at, 4096)))).toBe(at);
  });
  it('ignores the signature anywhere else, and a file too short to hold it', () => {
    expect(hdf5SuperblockOffset(bytesSource(withSignatureAt(100, 4096)))).toBe(-1);
    expect(hdf5SuperblockOffset(bytesSource(withSignatureAt(768, 4096)))).toBe(-1);
    expect(hdf5SuperblockOffset(bytesSource(new Uint8Array(HDF5_SIGNATURE.slice(0, 7))))).toBe(-1);
    expect(isHdf5Signature(new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  });
});
