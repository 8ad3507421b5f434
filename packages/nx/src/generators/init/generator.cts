/**
 * CommonJS entry of the init generator for Nx, which loads generators with `require()`: forwards to
 * the ES module implementation through a dynamic import.
 */
import type { GeneratorCallback, Tree } from '@nx/devkit';
import type { InitGeneratorOptions } from './generator.js';

async function init(tree: Tree, options: InitGeneratorOptions): Promise<GeneratorCallback | void> {
  const mod = await import('./generator.js');
  return mod.default(tree, options);
}

export = init;
