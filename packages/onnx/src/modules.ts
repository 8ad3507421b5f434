/**
 * Module scopes of ONNX nodes for core's module tree, beyond what a node's name says:
 *
 * - the dynamo exporter (`torch.onnx.export(..., dynamo=True)`) writes each node's module path in its
 *   `metadata_props`: `pkg.torch.onnx.name_scopes` is the repr of a Python list of cumulative paths
 *   (`['', 'layer1', 'layer1.0', 'layer1.0.conv1', 'conv2d_3']`: the root, the modules, the node's own
 *   name) and `pkg.torch.onnx.class_hierarchy` the classes alongside (`['torchvision.models.resnet.ResNet',
 *   ..., 'aten.conv2d.default']`);
 * - a call of a model-local function is a module (its body's nodes inside it): with the TorchScript
 *   exporter's `export_modules_as_functions` the call node is named like the module it replaces
 *   (`/blocks/blocks.0/Block`: the module `blocks.0`, of class `Block`); otherwise the call gets a module
 *   of its own named after the call node (`CONV__8`, of class `CONV`);
 * - the nodes of an If / Loop / Scan body belong where the control-flow node does.
 *
 * Top-level nodes without metadata get no hint: core reads their names (`/layer1/layer1.0/conv1/Conv`).
 */
import { MAX_MODULE_DEPTH, scopeFromName, type ModuleScope } from '@modelcost/core';
import type { EnclosingNode, InferredNode } from './infer/engine.js';

/** The metadata key holding the dynamo exporter's module paths. */
export const NAME_SCOPES_KEY = 'pkg.torch.onnx.name_scopes';
/** The metadata key holding the classes of those modules. */
export const CLASS_HIERARCHY_KEY = 'pkg.torch.onnx.class_hierarchy';

/** Longest metadata value parsed (characters): a longer one is ignored, not read. */
const MAX_LIST_TEXT = 64 * 1024;

/**
 * The strings of a Python list literal of str, as `repr()` writes it (`['', 'layer1', "it's"]`), or
 * undefined when the text is anything else. At most `max` items are kept.
 */
export function parsePyStrList(text: string, max = MAX_MODULE_DEPTH + 2): string[] | undefined {
  if (text.length > MAX_LIST_TEXT) return undefined;
  const s = text.trim();
  if (!s.startsWith('[') || !s.endsWith(']')) return undefined;
  const out: string[] = [];
  let i = 1;
  const end = s.length - 1;
  const ws = (): void => {
    while (i < end && /\s/.test(s[i]!)) i++;
  };
  ws();
  while (i < end) {
    const q = s[i];
    if (q !== "'" && q !== '"') return undefined;
    let v = '';
    i++;
    for (;;) {
      if (i >= end) return undefined;
      const c = s[i]!;
      if (c === q) break;
      if (c === '\\') {
        const e = s[i + 1];
        if (e === undefined) return undefined;
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
        if (e in simple) {
          v += simple[e];
          i += 2;
        } else if (e === 'x' || e === 'u' || e === 'U') {
          const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
          const hex = s.slice(i + 2, i + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return undefined;
          const cp = parseInt(hex, 16);
          if (cp > 0x10ffff) return undefined;
          v += String.fromCodePoint(cp);
          i += 2 + len;
        } else return undefined;
        continue;
      }
      v += c;
      i++;
    }
    i++;
    if (out.length < max) out.push(v);
    ws();
    if (i < end) {
      if (s[i] !== ',') return undefined;
      i++;
      ws();
    }
  }
  return out;
}

/** `torch.nn.modules.conv.Conv2d` -> `Conv2d`. */
const shortClass = (c: string): string => c.slice(c.lastIndexOf('.') + 1) || c;

/** The module scope the dynamo exporter wrote in a node's metadata, or undefined when there is none. */
export function dynamoScope(metadata: Readonly<Record<string, string>> | undefined): ModuleScope | undefined {
  const raw = metadata?.[NAME_SCOPES_KEY];
  if (raw === undefined) return undefined;
  const scopes = parsePyStrList(raw);
  if (!scopes || scopes.length === 0) return undefined;
  const classesRaw = metadata?.[CLASS_HIERARCHY_KEY];
  const classes = classesRaw === undefined ? undefined : parsePyStrList(classesRaw);
  // The last entry is the node's own name (with its aten op as the last class) unless it extends the path before it.
  const last = scopes[scopes.length - 1]!;
  const prev = scopes.length > 1 ? scopes[scopes.length - 2]! : undefined;
  const lastClass = classes?.[scopes.length - 1];
  const ownName = lastClass !== undefined ? /^(aten|prims|<built-in)/.test(lastClass) || (prev !== undefined && prev !== '' && !last.startsWith(`${prev}.`)) : prev !== undefined && prev !== '' && !last.startsWith(`${prev}.`);
  const names = scopes.slice(scopes[0] === '' ? 1 : 0, ownName ? -1 : undefined);
  const offset = scopes[0] === '' ? 1 : 0;
  const types = classes ? names.map((_, i) => (classes[i + offset] !== undefined ? shortClass(classes[i + offset]!) : undefined)) : undefined;
  return {
    names,
    ...(types ? { types } : {}),
    ...(classes?.[0] !== undefined && offset === 1 ? { rootType: shortClass(classes[0]) } : {}),
  };
}

const fnName = (key: string): string => key.slice(key.indexOf('::') + 2);

/** The scope of the outermost enclosing node: its dynamo metadata, or its name's scope. */
function enclosingScope(e: EnclosingNode): ModuleScope | undefined {
  const d = dynamoScope(e.metadata);
  if (d) return d;
  const s = scopeFromName(e.name);
  return s ? { names: s } : undefined;
}

/**
 * The module scope of one inferred node: a {@link ModuleScope}, `null` when it has none (core then
 * places it by its neighbours), or undefined to let core read its name.
 */
export function onnxNodeScope(n: InferredNode): ModuleScope | null | undefined {
  const enc = n.enclosing;
  if (!enc || enc.length === 0) return dynamoScope(n.metadata);
  const outer = enclosingScope(enc[0]!);
  const names: string[] = [...(outer?.names ?? [])];
  const types: (string | undefined)[] = outer?.types ? [...outer.types] : names.map(() => undefined);
  const calls: (string | undefined)[] = names.map(() => undefined);
  let path = '';
  enc.forEach((e, i) => {
    path = path ? `${path}/${e.name || e.op}` : e.name || e.op;
    if (e.fn === undefined) return;
    if (i === 0 && names.length > 0 && !dynamoScope(e.metadata)) {
      // `/blocks/blocks.0/Block`: the call stands for the module its name scopes.
      types[names.length - 1] = fnName(e.fn);
      calls[names.length - 1] = path;
    } else {
      names.push(e.name.slice(e.name.lastIndexOf('/') + 1) || e.op);
      types.push(fnName(e.fn));
      calls.push(path);
    }
  });
  if (names.length === 0) return null;
  return { names, types, calls, ...(outer?.rootType !== undefined ? { rootType: outer.rootType } : {}) };
}
