/**
 * The module tree of a Report: every node placed under a module path recovered from the file, with
 * per-module totals and, where the boundary is clear, the module's input and output tensors.
 *
 * Where the scope of a node comes from:
 * - an importer's {@link ModuleScope} hint when it knows better than the name (the dynamo exporter's
 *   `pkg.torch.onnx.name_scopes` metadata, ONNX local-function calls, Keras nested models and layers);
 * - else the node's name ({@link scopeFromName}): the TorchScript exporter's `/layer1/layer1.0/conv1/Conv`,
 *   tf2onnx / keras2onnx `model/block_1/conv/Conv2D`, TFLite's `;`-joined names (the first part);
 * - a node whose name carries no scope at all (`Constant_12`) joins the deepest module shared by the
 *   scoped nodes before and after it in the graph's order (the constants and shape arithmetic of an
 *   attention block stay in that block), or the root when one side has none.
 *
 * PyTorch writes a child's name with its parent's name (TorchScript: `conv.0` under `conv`) or path
 * (dynamo: `layer1.0.conv1` under `layer1.0`) in front: that prefix is taken off, and a name with dots left (`layers.1` directly under the root, where the ModuleList
 * `layers` has no scope of its own) becomes one level per part, so repeated blocks always share a
 * parent (`layers` > `0`, `1`...).
 *
 * Linear in the nodes and edges (times the depth, at most {@link MAX_MODULE_DEPTH}); at most
 * {@link MAX_MODULES} modules, names cut at {@link MAX_MODULE_NAME} characters and paths at
 * {@link MAX_MODULE_PATH}, so a hostile file cannot make the tree quadratic. Pure.
 */
import { countBig, isCount, toCount, type Count } from './count.js';
import type { ReportDiagnostic, ReportModule, ReportNode, ReportTensor } from './report.js';

/** A node's module scope as an importer knows it. */
export interface ModuleScope {
  /**
   * Module names from the outermost down, as the file writes them: a name may carry its parent's path
   * in front (`layer1.0` under `layer1`, as PyTorch's exporters write it) or not (`conv1`).
   */
  readonly names: readonly string[];
  /** Class of the module at each level, where known (`torch.nn.modules.conv.Conv2d` is shown as written). */
  readonly types?: readonly (string | undefined)[];
  /** Call instance at each level: distinct values seen at one module count its calls (Keras `base`, `base#2`). */
  readonly calls?: readonly (string | undefined)[];
  /** Take `names` as they are: no parent prefix taken off, no split at dots (Keras layer names). */
  readonly literal?: boolean;
  /** Class of the root (the model itself), where known. */
  readonly rootType?: string;
}

/** Deepest module level kept; deeper scopes are counted in their ancestor at this depth. */
export const MAX_MODULE_DEPTH = 32;
/** Most modules in one tree; past it nodes stay in their deepest module already made, with a `module-limit` diagnostic. */
export const MAX_MODULES = 100_000;
/** Longest module name kept (characters); a longer one is cut. */
export const MAX_MODULE_NAME = 200;
/** Longest module path kept (characters); a longer one is cut. */
export const MAX_MODULE_PATH = 600;
/** Most boundary tensors listed each way; a module with more has no `inputs` / `outputs` (its boundary is not clear), as has one with no output read outside it. */
export const MAX_MODULE_IO = 4;

/** `StatefulPartitionedCall/` and `PartitionedCall_3/` wrappers tf2onnx leaves in front of Keras scopes. */
const TF_WRAPPER = /^(?:Stateful)?PartitionedCall(?:_\d+)?$/;

/**
 * The module scope written in a node name, outermost first, or undefined when the name carries none.
 * `/layer1/layer1.0/conv1/Conv` -> `['layer1', 'layer1.0', 'conv1']`; `/Flatten` -> `[]` (the root);
 * `model/block_1/conv/Conv2D` -> `['model', 'block_1', 'conv']`; `a/b/Relu;a/b/BiasAdd` -> `['a', 'b']`;
 * `Conv_12` -> undefined. The last part is the node's own name and is dropped.
 */
export function scopeFromName(name: string): string[] | undefined {
  const semi = name.indexOf(';');
  const t = semi >= 0 ? name.slice(0, semi) : name;
  if (!t.includes('/')) return undefined;
  const parts = t.split('/').filter((p) => p !== '');
  parts.pop();
  let i = 0;
  while (i < parts.length && TF_WRAPPER.test(parts[i]!)) i++;
  return i ? parts.slice(i) : parts;
}

/** The result of {@link buildModuleTree}. */
export interface ModuleTree {
  /** The tree in pre-order, root first. */
  readonly modules: ReportModule[];
  /** Per node (in the report's order), the index of its innermost module. */
  readonly nodeModules: Int32Array;
  /** Set when the tree hit {@link MAX_MODULES}. */
  readonly diagnostic?: ReportDiagnostic;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Exact per-module sums of counts: doubles while a sum stays a safe integer (exact, and no BigInt
 * allocated per node on a 10^6-node report), spilling into a bigint beyond that.
 */
class ExactSums {
  private readonly small: Float64Array;
  private big: (bigint | undefined)[] | undefined;
  constructor(n: number) {
    this.small = new Float64Array(n);
  }
  private spill(m: number, v: bigint): void {
    (this.big ??= [])[m] = (this.big[m] ?? 0n) + v;
  }
  /** Add `v * mult` to module m's sum. */
  add(m: number, v: Count, mult: Count): void {
    if (typeof v === 'number' && mult === 1) {
      if (v === 0) return;
      const s = this.small[m]! + v;
      if (s <= MAX_SAFE) {
        this.small[m] = s;
        return;
      }
    }
    this.spill(m, countBig(v) * countBig(mult));
  }
  /** Add module c's sum to module p's. */
  addModule(p: number, c: number): void {
    const s = this.small[p]! + this.small[c]!;
    if (s <= MAX_SAFE) this.small[p] = s;
    else this.spill(p, BigInt(this.small[c]!));
    const b = this.big?.[c];
    if (b !== undefined) this.spill(p, b);
  }
  count(m: number): Count {
    const b = this.big?.[m];
    return b === undefined ? this.small[m]! : toCount(BigInt(this.small[m]!) + b);
  }
}

const OVERFLOW = null;
type IoList = ReportTensor[] | typeof OVERFLOW | undefined;

const cut = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}…` : s);

/** Integer tensors of rank 0 or 1 are shapes, axes and indices, not activations: they do not make a boundary. */
function isShapeLike(t: ReportTensor): boolean {
  return t.shape !== null && t.shape.length <= 1 && (t.dtype === 'int64' || t.dtype === 'int32');
}

/**
 * Build the module tree of a report's nodes. `scopeOf(i)` is node i's scope from its importer: a
 * {@link ModuleScope}, `null` for "none" (the node is placed by its neighbours, its name not read), or
 * undefined to read the scope from the node's name. Returns undefined when no node has a scope
 * (the file records no module structure): a report then has no `modules`.
 */
export function buildModuleTree(
  nodes: readonly ReportNode[],
  scopeOf: (i: number) => ModuleScope | null | undefined,
  inputs: readonly ReportTensor[],
  outputs: readonly ReportTensor[],
): ModuleTree | undefined {
  // Modules in creation order (a parent is always made before its children).
  const names: string[] = [''];
  const paths: string[] = [''];
  const parents: number[] = [-1];
  const depths: number[] = [0];
  const types: (string | undefined)[] = [undefined];
  const children: (Map<string, number> | undefined)[] = [undefined];
  const firstCall: (string | undefined)[] = [undefined];
  const callSets: (Set<string> | undefined)[] = [undefined];
  let overflow = false;

  const child = (cur: number, raw: string): number => {
    const name = cut(raw, MAX_MODULE_NAME);
    let m = children[cur];
    const found = m?.get(name);
    if (found !== undefined) return found;
    if (names.length >= MAX_MODULES) {
      overflow = true;
      return cur;
    }
    if (!m) children[cur] = m = new Map();
    const i = names.length;
    m.set(name, i);
    names.push(name);
    paths.push(cut(paths[cur] ? `${paths[cur]}.${name}` : name, MAX_MODULE_PATH));
    parents.push(cur);
    depths.push(depths[cur]! + 1);
    types.push(undefined);
    children.push(undefined);
    firstCall.push(undefined);
    callSets.push(undefined);
    return i;
  };
  const noteCall = (m: number, id: string): void => {
    const first = firstCall[m];
    if (first === undefined) firstCall[m] = id;
    else if (first !== id) (callSets[m] ??= new Set([first])).add(id);
  };
  const resolve = (s: ModuleScope): number => {
    let cur = 0;
    for (let i = 0; i < s.names.length && depths[cur]! < MAX_MODULE_DEPTH; i++) {
      const raw = s.names[i]!;
      if (s.literal) {
        if (raw !== '') cur = child(cur, raw);
      } else {
        // The TorchScript exporter writes a container's child as `<container's own name>.<child>` (`conv.0`
        // under `conv`, `conv.0.0` under `conv.0`); the dynamo exporter writes full paths (`layer1.0.conv1`).
        const prev = i > 0 ? s.names[i - 1]! : '';
        const p = paths[cur]!;
        const local = prev && raw.startsWith(`${prev}.`) ? raw.slice(prev.length + 1) : p && raw.startsWith(`${p}.`) ? raw.slice(p.length + 1) : raw === p || raw === prev ? '' : raw;
        for (const piece of local.split('.')) if (piece !== '' && depths[cur]! < MAX_MODULE_DEPTH) cur = child(cur, piece);
      }
      const type = s.types?.[i];
      if (type !== undefined && types[cur] === undefined && cur !== 0) types[cur] = cut(type, MAX_MODULE_NAME);
      const call = s.calls?.[i];
      if (call !== undefined && cur !== 0) noteCall(cur, call);
    }
    return cur;
  };

  // 1. Place every node with a scope; -1 for the others (filled from their neighbours below).
  const n = nodes.length;
  const moduleOf = new Int32Array(n);
  const byNameScope = new Map<string, number>();
  let rootType: string | undefined;
  let scoped = 0;
  for (let i = 0; i < n; i++) {
    const hint = scopeOf(i);
    if (hint === null) {
      moduleOf[i] = -1;
      continue;
    }
    if (hint) {
      rootType ??= hint.rootType;
      moduleOf[i] = resolve(hint);
      scoped++;
      continue;
    }
    const name = nodes[i]!.name;
    const semi = name.indexOf(';');
    const key = name.slice(0, name.lastIndexOf('/', semi >= 0 ? semi : name.length) + 1);
    const cached = key === '' ? undefined : byNameScope.get(key);
    if (cached !== undefined) {
      moduleOf[i] = cached;
      scoped++;
      continue;
    }
    const s = scopeFromName(name);
    if (!s) {
      moduleOf[i] = -1;
      continue;
    }
    const m = resolve({ names: s });
    byNameScope.set(key, m);
    moduleOf[i] = m;
    scoped++;
  }
  if (scoped === 0 || names.length === 1) return undefined;

  const lca = (a: number, b: number): number => {
    while (depths[a]! > depths[b]!) a = parents[a]!;
    while (depths[b]! > depths[a]!) b = parents[b]!;
    while (a !== b) {
      a = parents[a]!;
      b = parents[b]!;
    }
    return a;
  };
  for (let i = 0; i < n; ) {
    if (moduleOf[i] !== -1) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && moduleOf[j] === -1) j++;
    const before = i > 0 ? moduleOf[i - 1]! : -1;
    const after = j < n ? moduleOf[j]! : -1;
    const target = before >= 0 && after >= 0 ? lca(before, after) : 0;
    moduleOf.fill(target, i, j);
    i = j;
  }

  // 2. Pre-order: children in creation order (the order the graph first reaches them).
  const count = names.length;
  const order: number[] = [];
  const stack: number[] = [0];
  while (stack.length) {
    const m = stack.pop()!;
    order.push(m);
    const c = children[m];
    if (c) {
      const list = [...c.values()];
      for (let k = list.length - 1; k >= 0; k--) stack.push(list[k]!);
    }
  }
  const newIndex = new Int32Array(count);
  order.forEach((old, i) => (newIndex[old] = i));

  // 3. Totals: each node into its own module, then every module into its parent (children were made after parents).
  const params = new ExactSums(count);
  const macs = new ExactSums(count);
  const flops = new ExactSums(count);
  const bytes = new ExactSums(count);
  const nodeCount = new Array<number>(count).fill(0);
  const unsupported = new Array<number>(count).fill(0);
  const lastOp: (string | undefined)[] = new Array<string | undefined>(count);
  for (let i = 0; i < n; i++) {
    const node = nodes[i]!;
    const m = moduleOf[i]!;
    const mult = node.multiplicity ?? 1;
    params.add(m, node.params, 1);
    macs.add(m, node.macs, mult);
    flops.add(m, node.flops, mult);
    bytes.add(m, node.bytesRead, mult);
    bytes.add(m, node.bytesWritten, mult);
    nodeCount[m]!++;
    if (node.status === 'unsupported') unsupported[m]!++;
    lastOp[m] = node.op;
  }
  for (let m = count - 1; m > 0; m--) {
    const p = parents[m]!;
    params.addModule(p, m);
    macs.addModule(p, m);
    flops.addModule(p, m);
    bytes.addModule(p, m);
    nodeCount[p]! += nodeCount[m]!;
    unsupported[p]! += unsupported[m]!;
    if (nodeCount[m]! > 0) lastOp[p] = lastOp[m];
  }

  // 4. Boundaries: a tensor read in module a and made in module b is an input of every module from a up
  // to (not including) their common ancestor, and an output of every module from b up to it.
  const ins: IoList[] = new Array<IoList>(count);
  const outs: IoList[] = new Array<IoList>(count);
  const add = (lists: IoList[], m: number, t: ReportTensor): void => {
    const l = lists[m];
    if (l === OVERFLOW) return;
    if (l === undefined) {
      lists[m] = [t];
      return;
    }
    for (const x of l) if (x.name === t.name) return;
    if (l.length >= MAX_MODULE_IO) lists[m] = OVERFLOW;
    else l.push(t);
  };
  const producer = new Map<string, number>();
  for (let i = 0; i < n; i++) for (const o of nodes[i]!.outputs) if (o.name !== '') producer.set(o.name, i);
  const graphInputs = new Map<string, ReportTensor>();
  for (const t of inputs) graphInputs.set(t.name, t);
  const tensorOf = (p: number, name: string): ReportTensor | undefined => {
    for (const o of nodes[p]!.outputs) if (o.name === name) return o;
    return undefined;
  };
  for (let i = 0; i < n; i++) {
    const node = nodes[i]!;
    const a0 = moduleOf[i]!;
    for (const name of node.inputs) {
      if (name === '') continue;
      const p = producer.get(name);
      let t: ReportTensor | undefined;
      let b = -1;
      if (p === undefined) {
        t = graphInputs.get(name);
        if (!t) continue; // a weight
      } else {
        if (p >= i || nodes[p]!.op === 'Constant') continue;
        b = moduleOf[p]!;
        if (b === a0) continue;
        t = tensorOf(p, name);
      }
      if (!t || isShapeLike(t)) continue;
      let a = a0;
      if (b === -1) {
        for (; a !== -1; a = parents[a]!) add(ins, a, t);
        continue;
      }
      while (depths[a]! > depths[b]!) {
        add(ins, a, t);
        a = parents[a]!;
      }
      while (depths[b]! > depths[a]!) {
        add(outs, b, t);
        b = parents[b]!;
      }
      while (a !== b) {
        add(ins, a, t);
        add(outs, b, t);
        a = parents[a]!;
        b = parents[b]!;
      }
    }
  }
  for (const o of outputs) {
    const p = producer.get(o.name);
    if (p === undefined) continue;
    const t = tensorOf(p, o.name) ?? o;
    for (let b = moduleOf[p]!; b !== -1; b = parents[b]!) add(outs, b, t);
  }

  // 5. The report's modules, in pre-order.
  const modules: ReportModule[] = order.map((old) => {
    const calls = callSets[old]?.size ?? 1;
    const i = ins[old];
    const o = outs[old];
    const type = old === 0 ? rootType : types[old];
    return {
      path: paths[old]!,
      name: names[old]!,
      ...(old === 0 ? {} : { parent: newIndex[parents[old]!]! }),
      depth: depths[old]!,
      ...(type !== undefined ? { type: cut(type, MAX_MODULE_NAME) } : {}),
      ...(nodeCount[old] === 1 && lastOp[old] !== undefined ? { op: lastOp[old] } : {}),
      ...(calls > 1 ? { calls } : {}),
      nodes: nodeCount[old]!,
      ...(unsupported[old]! > 0 ? { unsupported: unsupported[old]! } : {}),
      params: params.count(old),
      macs: macs.count(old),
      flops: flops.count(old),
      bytesMoved: bytes.count(old),
      // No output read outside it: the edges out are not visible (a function body's renamed values), so neither boundary is shown.
      ...(i === OVERFLOW || !o ? {} : { inputs: i ?? [] }),
      ...(!o ? {} : { outputs: o }),
    };
  });
  const nodeModules = new Int32Array(n);
  for (let i = 0; i < n; i++) nodeModules[i] = newIndex[moduleOf[i]!]!;
  return {
    modules,
    nodeModules,
    ...(overflow
      ? { diagnostic: { severity: 'warning' as const, code: 'module-limit', message: `more than ${MAX_MODULES} modules: the nodes of the rest are counted in their deepest module already listed` } }
      : {}),
  };
}

/** Child indices of every module (same order as `modules`). */
export function moduleChildren(modules: readonly ReportModule[]): number[][] {
  const out: number[][] = modules.map(() => []);
  for (let i = 1; i < modules.length; i++) {
    const p = modules[i]!.parent;
    if (p !== undefined) out[p]!.push(i);
  }
  return out;
}

/** True for the name of one of a container's numbered children (`0`, `12`: a Sequential's or ModuleList's blocks). */
export function isBlockName(name: string): boolean {
  return /^\d{1,9}$/.test(name);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown, below: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < below;

/**
 * What is wrong with a report's `modules` (and the nodes' `module` indices), or undefined when they
 * are well formed: a stored report is untrusted, and renderers walk the tree by index. Checks the
 * root, that each parent comes before its child with depth one less, the counts, and the indices.
 */
export function moduleTreeProblem(r: { readonly modules?: unknown; readonly nodes?: unknown }): string | undefined {
  if (r.modules === undefined) return undefined;
  const mods = r.modules;
  if (!Array.isArray(mods) || mods.length === 0) return 'modules: expected a non-empty list';
  for (let i = 0; i < mods.length; i++) {
    const m: unknown = mods[i];
    if (!isObj(m) || typeof m.path !== 'string' || typeof m.name !== 'string') return `modules[${i}]: expected {path, name, depth, nodes, params, macs, flops, bytesMoved}`;
    if (i === 0) {
      if (m.parent !== undefined || m.depth !== 0) return 'modules[0]: the root has depth 0 and no parent';
    } else {
      if (!isIndex(m.parent, i)) return `modules[${i}].parent: expected the index of an earlier module`;
      if (m.depth !== (mods[m.parent as number] as { depth: number }).depth + 1) return `modules[${i}].depth: expected its parent's depth + 1`;
    }
    if (!Number.isSafeInteger(m.nodes) || (m.nodes as number) < 0) return `modules[${i}].nodes: expected a non-negative integer`;
    for (const k of ['params', 'macs', 'flops', 'bytesMoved']) if (!isCount(m[k])) return `modules[${i}].${k}: expected an exact non-negative count`;
    if (m.calls !== undefined && (!Number.isSafeInteger(m.calls) || (m.calls as number) < 2)) return `modules[${i}].calls: expected an integer of 2 or more`;
    for (const k of ['type', 'op']) if (m[k] !== undefined && typeof m[k] !== 'string') return `modules[${i}].${k}: expected a string`;
    for (const k of ['inputs', 'outputs']) {
      const l = m[k];
      if (l !== undefined && (!Array.isArray(l) || l.length > MAX_MODULE_IO || !l.every((t) => isObj(t) && typeof t.name === 'string' && typeof t.dtype === 'string' && (t.shape === null || Array.isArray(t.shape)))))
        return `modules[${i}].${k}: expected at most ${MAX_MODULE_IO} tensors`;
    }
  }
  if (Array.isArray(r.nodes)) for (let i = 0; i < r.nodes.length; i++) if (!isIndex((r.nodes[i] as { module?: unknown } | null)?.module, mods.length)) return `nodes[${i}].module: expected an index into modules`;
  return undefined;
}
