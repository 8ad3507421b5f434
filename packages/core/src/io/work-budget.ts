/**
 * The work one model may cost. A pull request chooses the files a review profiles, so a 600-byte
 * file must not buy minutes of CPU or gigabytes of memory (nested Loops, functions that fan out or
 * call themselves, models nested a thousand deep, constants with millions of dims). Importers create
 * one {@link WorkBudget} per model and charge it in the loops that can grow; when a limit is passed
 * the budget throws {@link WorkLimitError}, which front ends turn into that model's error row
 * (exit 2 from the CLI) naming the model and the limit.
 *
 * Pure: the clock is injected (defaults to `Date.now`), so tests are deterministic.
 */
import { groupDigits } from '../util/text.js';
import { ModelImportError } from './import-error.js';

/** Limits of the work one model may cost. Every field is optional; see {@link DEFAULT_WORK_LIMITS}. */
export interface WorkLimits {
  /** Nodes or layer calls inferred, sub-graph bodies and function calls included (each inference counts). */
  readonly maxNodes?: number;
  /** Wall-clock milliseconds for the whole model (decode, inference, report). */
  readonly maxMs?: number;
  /** Tensor elements materialised for constant and shape-data propagation, in all. */
  readonly maxDataElements?: number;
  /** Nesting depth: sub-graphs, function calls, nested models, and nesting of the file's own structures (JSON, protobuf). */
  readonly maxDepth?: number;
  /**
   * Bytes of memory in use while the model is read and inferred, as the budget's memory probe reads
   * them (the CLI's: the JavaScript heap in use, garbage collected first); checked every
   * 16,384 nodes or decoded entries. A budget without a probe does not check it.
   */
  readonly maxMemoryBytes?: number;
}

/** The limits applied when a caller sets none. Chosen so that honest models (10^6 nodes, LLMs of 10^5 nodes with their constants) fit, and a hostile file ends within seconds. */
export const DEFAULT_WORK_LIMITS: Required<WorkLimits> = {
  maxNodes: 4_000_000,
  maxMs: 8_000,
  maxDataElements: 16_000_000,
  maxDepth: 200,
  // A 10^6-node graph holds about 360 MB once inferred (its report about as much again, made as the
  // inference records go), and reads up to 630 MB, garbage included, near the end of inference:
  // 700 MiB leaves it one collection fewer; a file refused at this limit peaks under 1 GB (40 MB of
  // 5 * 10^6 tiny nodes: 0.85-0.88 GB, tools/bench/onnx/hostile.ts).
  maxMemoryBytes: 700 * 2 ** 20,
};

/** Which limit was passed. */
export type WorkLimitKind = 'nodes' | 'time' | 'data' | 'depth' | 'memory';

/** Thrown when a model costs more work than its {@link WorkLimits} allow. `code` is `work-limit`. */
export class WorkLimitError extends ModelImportError {
  override readonly name = 'WorkLimitError';
  readonly code = 'work-limit';
  constructor(
    /** The file label, when the budget was given one. */
    readonly file: string | undefined,
    /** The limit passed. */
    readonly limit: WorkLimitKind,
    /** The limit's value (nodes, milliseconds, elements, levels or bytes). */
    readonly value: number,
    /** What was being done when it was passed (`Loop body of node "l1"`), if known. */
    readonly where?: string,
  ) {
    super(`${file ? `${file}: ` : ''}${WorkLimitError.describe(limit, value)}${where ? ` (at ${where})` : ''}`);
  }

  /** The message without the file and place. */
  static describe(limit: WorkLimitKind, value: number): string {
    switch (limit) {
      case 'nodes':
        return `work limit reached: more than ${groupDigits(value)} nodes to infer (sub-graphs and calls included); the model was not profiled`;
      case 'time':
        return `work limit reached: profiling took more than ${value / 1000} s; the model was not profiled`;
      case 'data':
        return `work limit reached: more than ${groupDigits(value)} tensor elements of constant data to propagate; the model was not profiled`;
      case 'depth':
        return `work limit reached: nested more than ${value} levels deep; the model was not profiled`;
      case 'memory':
        return `work limit reached: more than ${Math.round(value / 2 ** 20)} MiB of memory in use while reading and inferring the model; the model was not profiled`;
    }
  }
}

/** Check the clock once every this many charged nodes (Date.now is cheap, but not free on 10^6 nodes). */
const CLOCK_EVERY = 256;
/** Ask the memory probe once every this many charged nodes or ticks. */
const MEMORY_EVERY = 16_384;

/**
 * Reads the bytes in use for {@link WorkLimits.maxMemoryBytes}. It is given the limit: a reading over
 * it may collect garbage first and answer what is still alive.
 */
export type MemoryProbe = (limit: number) => number;

/**
 * A running account of one model's work. Charge it where work grows: {@link node} per node or layer
 * inferred, {@link data} per tensor element materialised, {@link enter}/{@link leave} around nesting.
 * Each throws {@link WorkLimitError} when its limit is passed.
 */
export class WorkBudget {
  /** The limits in force (defaults filled in). */
  readonly limits: Required<WorkLimits>;
  private readonly start: number;
  private nodes = 0;
  private elements = 0;
  private depth = 0;
  private sinceClock = 0;
  private sinceMemory = 0;

  constructor(
    limits: WorkLimits = {},
    /** Names the model in the error. */
    readonly file?: string,
    private readonly clock: () => number = Date.now,
    /** Reads the memory in use; without one, `maxMemoryBytes` is not checked. */
    private readonly memory?: MemoryProbe,
  ) {
    this.limits = {
      maxNodes: limits.maxNodes ?? DEFAULT_WORK_LIMITS.maxNodes,
      maxMs: limits.maxMs ?? DEFAULT_WORK_LIMITS.maxMs,
      maxDataElements: limits.maxDataElements ?? DEFAULT_WORK_LIMITS.maxDataElements,
      maxDepth: limits.maxDepth ?? DEFAULT_WORK_LIMITS.maxDepth,
      maxMemoryBytes: limits.maxMemoryBytes ?? DEFAULT_WORK_LIMITS.maxMemoryBytes,
    };
    this.start = clock();
  }

  /** Nodes charged so far. */
  get nodesUsed(): number {
    return this.nodes;
  }

  /** Data elements charged so far. */
  get dataUsed(): number {
    return this.elements;
  }

  /** Charge `n` nodes (default 1); checks the clock every few hundred. */
  node(n = 1, where?: string): void {
    this.nodes += n;
    if (this.nodes > this.limits.maxNodes) throw new WorkLimitError(this.file, 'nodes', this.limits.maxNodes, where);
    this.every(n, where);
  }

  /** Count `n` more units of work toward the next clock and memory checks, and run those that are due. */
  private every(n: number, where: string | undefined): void {
    this.sinceClock += n;
    if (this.sinceClock >= CLOCK_EVERY) {
      this.sinceClock = 0;
      this.time(where);
    }
    if (this.memory) {
      this.sinceMemory += n;
      if (this.sinceMemory >= MEMORY_EVERY) {
        this.sinceMemory = 0;
        this.checkMemory(where);
      }
    }
  }

  /**
   * `n` entries of the file read (decoded nodes, tensors, value infos): charges no node, but checks
   * the clock and the memory as `node` does, so reading a huge file ends within the limits too.
   */
  tick(where?: string, n = 1): void {
    this.every(n, where);
  }

  /** Ask the memory probe now (nothing without one). */
  checkMemory(where?: string): void {
    if (!this.memory) return;
    const limit = this.limits.maxMemoryBytes;
    if (this.memory(limit) > limit) throw new WorkLimitError(this.file, 'memory', limit, where);
  }

  /** Charge `elements` tensor elements of materialised data (a non-finite or negative count is refused as over the limit). */
  data(elements: number, where?: string): void {
    if (!(elements >= 0) || !Number.isFinite(elements)) throw new WorkLimitError(this.file, 'data', this.limits.maxDataElements, where);
    this.elements += elements;
    if (this.elements > this.limits.maxDataElements) throw new WorkLimitError(this.file, 'data', this.limits.maxDataElements, where);
  }

  /** Check the clock now. */
  time(where?: string): void {
    if (this.clock() - this.start > this.limits.maxMs) throw new WorkLimitError(this.file, 'time', this.limits.maxMs, where);
  }

  /** Go one level deeper (pair with {@link leave}, in a `finally`). */
  enter(where?: string): void {
    if (++this.depth > this.limits.maxDepth) {
      this.depth--;
      throw new WorkLimitError(this.file, 'depth', this.limits.maxDepth, where);
    }
  }

  /** Come back up one level. */
  leave(): void {
    if (this.depth > 0) this.depth--;
  }

  /** Run `f` one level deeper. */
  nested<T>(where: string | undefined, f: () => T): T {
    this.enter(where);
    try {
      return f();
    } finally {
      this.leave();
    }
  }
}
