/**
 * CommonJS entry of the executor for Nx, which loads executors with `require()`: forwards to the ES
 * module implementation through a dynamic import (which works on every Node version Nx supports).
 */
import type { ExecutorContext } from '@nx/devkit';
import type { ProfileExecutorOptions } from './executor.js';

async function profile(options: ProfileExecutorOptions, context: ExecutorContext): Promise<{ success: boolean }> {
  const mod = await import('./executor.js');
  return mod.default(options, context);
}

export = profile;
