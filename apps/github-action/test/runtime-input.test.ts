/** The `runtime` input overrides the config's runtime, checked against its hardware. */
import { describe, expect, it } from 'vitest';
import { actionConfig } from '../src/action.js';

describe('input runtime', () => {
  const inputs = { config: '.modelcost.yml', comment: 'update', commentKey: 'default', failOnBudget: true, commentAuthor: 'github-actions[bot]' } as const;
  it('sets the runtime of every estimate, or per hardware', () => {
    expect(actionConfig('hardware: [nvidia-l4]', { ...inputs, runtime: 'pytorch-eager' }).runtime).toBe('pytorch-eager');
    expect(actionConfig('hardware: [nvidia-l4, rpi5-cpu]', { ...inputs, runtime: 'rpi5-cpu=tflite-xnnpack' }).runtime).toEqual({ 'rpi5-cpu': 'tflite-xnnpack' });
  });
  it('refuses one that does not run on the config hardware, naming both', () => {
    expect(() => actionConfig('hardware: [rpi5-cpu]', { ...inputs, runtime: 'tensorrt' })).toThrow('input runtime: runtime: runtime "tensorrt" does not run on cpu hardware ("rpi5-cpu"); it runs on gpu');
  });
});
