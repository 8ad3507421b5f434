/**
 * The XNNPACK runtime on a CPU: only clamps fuse into the operator before them (docs/latency-model.md,
 * section 2). Each figure against a hand derivation.
 */
import { describe, expect, it } from 'vitest';
import { findRuntime, groupKernels } from '../../src/index.js';
import { node, report } from './helpers.js';

describe('XNNPACK fusion: a clamp is the output range of the operator before it, nothing else fuses', () => {
  it('runs residual adds, HardSwish and layout ops as operators of their own; BatchNormalization folds into the conv', () => {
    const s = [1, 16, 8, 8];
    const r = report(
      [
        node('conv1', 'Conv', ['x', 'w1'], { name: 'c1', shape: s }, { macs: 64 * 16 * 16, flops: 2 * 64 * 16 * 16 }),
        node('bn1', 'BatchNormalization', ['c1', 'g', 'bb', 'mu', 'var'], { name: 'n1', shape: s }),
        node('relu1', 'Relu', ['n1'], { name: 'r1', shape: s }),
        node('conv2', 'Conv', ['r1', 'w2'], { name: 'c2', shape: s }, { macs: 64 * 16 * 16, flops: 2 * 64 * 16 * 16 }),
        node('hs', 'HardSwish', ['c2'], { name: 'h', shape: s }),
        node('add', 'Add', ['h', 'r1'], { name: 'a', shape: s }),
        node('clip', 'Clip', ['a'], { name: 'q', shape: s }),
        node('t', 'Transpose', ['q'], { name: 'o', shape: [1, 8, 8, 16] }),
      ],
      [{ name: 'x', shape: s, dtype: 'float32' }],
      [{ name: 'o', shape: [1, 8, 8, 16], dtype: 'float32' }],
    );
    const ops = (policy: 'clamp' | 'pointwise'): string[] => groupKernels(r, policy).map((k) => k.nodes.map((n) => n.op).join('+'));
    // XNNPACK's MobileNet v2 / v3 (models/*.cc at the README's commit): add_nc, hardswish_nc and
    // transpose are operators; a clamp joins whatever produced its input, the Add included.
    expect(ops('clamp')).toEqual(['Conv+BatchNormalization+Relu', 'Conv', 'HardSwish', 'Add+Clip', 'Transpose']);
    // A pointwise compiler (TorchInductor) fuses the whole elementwise chain and the layout into the conv.
    expect(ops('pointwise')).toEqual(['Conv+BatchNormalization+Relu', 'Conv+HardSwish+Add+Clip+Transpose']);
    expect(findRuntime('tflite-xnnpack').fusion).toBe('clamp');
  });
});
