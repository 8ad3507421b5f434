/**
 * Module scopes of Keras layer calls for core's module tree. Every layer is a module (its class the
 * layer class) and every nested model too (`Functional`, `Sequential`), its layers inside it: the walk
 * names a nested model's calls `outer/inner`, a layer's later calls `layer#2` and a nested model's
 * later calls `outer#2` (one node holding that call's whole cost). A shared layer or nested model is
 * one module whatever the number of calls: its weights once, its cost summed, `calls` counted.
 */
import { MAX_MODULE_DEPTH, type ModuleScope } from '@modelcost/core';
import type { ModelSpec } from './read/formats.js';

/** `layer#3` -> `layer`: the walk's suffix for a later call. */
const stripCall = (s: string): string => s.replace(/#\d+$/, '');

/** Classes of the nested models of `model`, by their `/`-joined path of layer names. */
function nestedClasses(model: ModelSpec): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (m: ModelSpec, prefix: string, depth: number): void => {
    if (depth >= MAX_MODULE_DEPTH) return;
    for (const l of m.layers) {
      if (!l.model) continue;
      const path = `${prefix}${l.name}`;
      out.set(path, l.className);
      walk(l.model, `${path}/`, depth + 1);
    }
  };
  walk(model, '', 0);
  return out;
}

/**
 * A function giving each layer call's module scope: `(node name, layer class) -> scope`. The node
 * name is the walk's (`base#2/block_1/conv`); the root class is the model's own.
 */
export function kerasScopes(model: ModelSpec): (name: string, className: string) => ModuleScope {
  const classes = nestedClasses(model);
  return (name, className) => {
    const raw = name.split('/');
    const names = raw.map(stripCall);
    const calls: string[] = [];
    const types: (string | undefined)[] = [];
    let call = '';
    let path = '';
    raw.forEach((r, i) => {
      call = i ? `${call}/${r}` : r;
      path = i ? `${path}/${names[i]}` : names[i]!;
      calls.push(call);
      types.push(i === raw.length - 1 ? (classes.get(path) ?? className) : classes.get(path));
    });
    return { names, types, calls, literal: true, rootType: model.className };
  };
}
