/**
 * Colour for human output: on when stdout is an interactive terminal, off when `NO_COLOR` is set
 * (https://no-color.org) or `TERM=dumb`; `FORCE_COLOR` (non-empty, not `0`) turns it on anywhere.
 * Renderers stay plain text (their golden files have no escapes); the CLI tints finished lines.
 */
import type { CliIO } from './io.js';

/** Whether the CLI colours its human output for this I/O. */
export function useColor(io: Pick<CliIO, 'stdout' | 'env'>): boolean {
  const { env } = io;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && env.TERM !== 'dumb';
}

const SGR = { bold: [1, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22] } as const;

/** Styling functions; identity when colour is off. */
export type Paint = Record<keyof typeof SGR, (s: string) => string>;

/** The palette for this I/O. */
export function paint(io: Pick<CliIO, 'stdout' | 'env'>): Paint {
  const on = useColor(io);
  const make = ([a, b]: readonly [number, number]) => (s: string) => (on ? `\x1b[${a}m${s}\x1b[${b}m` : s);
  return { bold: make(SGR.bold), red: make(SGR.red), green: make(SGR.green), yellow: make(SGR.yellow), dim: make(SGR.dim) };
}

/** Tint a rendered profile table or diff: the title line bold, warnings yellow, errors and breaches red. */
export function tintReport(text: string, p: Paint): string {
  return text
    .split('\n')
    .map((line, i) => {
      if (i === 0 && line) return p.bold(line);
      if (/^\s+warning: /.test(line)) return p.yellow(line);
      if (/^\s+error: /.test(line) || /no cost rule \(not counted\)/.test(line)) return p.red(line);
      return line;
    })
    .join('\n');
}
