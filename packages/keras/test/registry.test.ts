/**
 * Meta-tests that keep the registry honest: alphabetical, every entry a rule, every family table reachable.
 */
import { describe, expect, it } from 'vitest';
import { LAYER_RULES } from '../src/index.js';

describe('registry', () => {
  it('is one alphabetical table of rules', () => {
    const names = Object.keys(LAYER_RULES);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const n of names) expect(typeof LAYER_RULES[n]!.outputs).toBe('function');
  });

  it('maps the Keras 1 names to their Keras 2 rules', () => {
    expect(LAYER_RULES['Convolution2D']).toBe(LAYER_RULES['Conv2D']);
    expect(LAYER_RULES['SeparableConvolution2D']).toBe(LAYER_RULES['SeparableConv2D']);
    expect(LAYER_RULES['Deconvolution2D']).toBe(LAYER_RULES['Conv2DTranspose']);
    expect(LAYER_RULES['AtrousConvolution2D']).toBe(LAYER_RULES['Conv2D']);
    expect(LAYER_RULES['Merge']).toBeDefined();
  });
});
