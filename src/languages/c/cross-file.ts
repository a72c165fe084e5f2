/**
 * What one C or C++ file's path analysis tells the project pass, so that a function of another
 * file is explored as this file's calls run it (pipeline/cross-file-paths.ts): the calls of
 * functions the file does not define with what they pass (an untrusted number, NULL, a buffer of
 * known size), which functions of other files each function calls, what each of its functions
 * does for its callers, and which of them other files can call. Places in a caller are located
 * here, where its text is, since the callee's exploration runs on the other file's IR.
 */
import { Locator } from '../../analysis/locate.js';
import { portableFileFacts, type EntryContext, type FileFacts, type PathEvent, type PathSummary } from '../../analysis/path-explorer.js';
import type { ModuleIR } from '../../analysis/ir.js';
import type { Obj, Placed, Val } from '../../analysis/path-state.js';
import type { SourceFile } from '../../core/source-file.js';
import type { Tree } from '../parse.js';
import { cPathAnalysis, isMethod, type OutgoingCall } from './analysis.js';

export interface CrossFileFacts {
  outgoing: OutgoingCall[];
  summaries: Record<string, PathSummary>;
  /** By function, the functions it calls that the file does not define. */
  external: Record<string, string[]>;
  /** Functions other files can call: not `static`, and with a body the parser could read. */
  exported: string[];
  /** Functions whose body the parser could not read: nothing found inside them is reported. */
  unreadable: string[];
  /** Functions where memory or a handle leaks, which what another file's callee does may explain. */
  leaky: string[];
  /** By function, the functions of other files it hands memory or a handle it owns. */
  handsOver: Record<string, string[]>;
  /** What calls may do to the file's `static` globals, for explorations that load only some bodies. */
  facts?: FileFacts;
}

export function crossFileFacts(file: SourceFile, tree: Tree): CrossFileFacts {
  const paths = cPathAnalysis(file, tree);
  const module = paths.module;
  const locator = new Locator([module]);
  const exported = module.functions.filter((f) => !paths.unreadable.has(f.name) && !/\bstatic\b/.test(module.text.slice(f.s, f.nameSpan.s)));
  return {
    outgoing: paths.outgoing.map((o) => ({ callee: o.callee, context: placedContext(o.context, locator) })),
    summaries: Object.fromEntries([...paths.summaries].map(([name, summary]) => [name, placedSummary(summary, locator)])),
    external: Object.fromEntries([...paths.external].map(([fn, callees]) => [fn, [...callees]])),
    handsOver: Object.fromEntries([...paths.handsOver].map(([fn, callees]) => [fn, [...callees]])),
    exported: [...new Set(exported.flatMap((f) => (isMethod(f) ? [f.name, f.id] : [f.name])))],
    unreadable: [...paths.unreadable],
    leaky: leakyFunctions(paths.events, module),
    ...(Object.values(module.vars ?? {}).some((d) => d.storage === 'static') ? { facts: portableFileFacts(module) } : {}),
  };
}

/** The functions (by name) where the file's own analysis reports memory or a handle leaked. */
function leakyFunctions(events: readonly PathEvent[], module: ModuleIR): string[] {
  const names = new Map(module.functions.map((f) => [f.id, f.name]));
  return [...new Set(events.filter((e) => e.kind === 'memory-leak' || e.kind === 'handle-leak').map((e) => names.get(e.fn) ?? e.fn))];
}

function placer(locator: Locator): <T extends Placed>(p: T) => T {
  return (p) => (p.where ? p : { ...p, where: locator.location(0, p.s, p.e) });
}

/** `s` with where the input it returns or fills in was read located, for its callers in other files. */
function placedSummary(s: PathSummary, locator: Locator): PathSummary {
  const place = placer(locator);
  const from = s.returnsInput?.from;
  return {
    ...s,
    ...(from ? { returnsInput: { ...s.returnsInput!, from: place(from) } } : {}),
    ...(s.returnsAlloc?.freedAt ? { returnsAlloc: { ...s.returnsAlloc, freedAt: place(s.returnsAlloc.freedAt) } } : {}),
    ...(s.fillsInput ? { fillsInput: s.fillsInput.map((f) => (f.from ? { ...f, from: place(f.from) } : f)) } : {}),
  };
}

/** `c` with each place it names located in the module `locator` reads (index 0), unless already located. */
export function placedContext(c: EntryContext, locator: Locator): EntryContext {
  const place = placer(locator);
  const placeVal = (v: Val): Val => (v.from ? { ...v, from: place(v.from) } : v);
  const placeObj = (o: Obj): Obj => ({ ...o, at: place(o.at), ...(o.from ? { from: place(o.from) } : {}), ...(o.freedAt ? { freedAt: place(o.freedAt) } : {}) });
  return {
    params: new Map([...c.params].map(([i, v]) => [i, placeVal(v)])),
    objs: new Map([...c.objs].map(([i, o]) => [i, placeObj(o)])),
    members: new Map([...c.members].map(([k, v]) => [k, placeVal(v)])),
    globals: new Map([...c.globals].map(([k, v]) => [k, placeVal(v)])),
    ...(c.globalObjs ? { globalObjs: new Map([...c.globalObjs].map(([k, o]) => [k, placeObj(o)])) } : {}),
    ...(c.memberObjs ? { memberObjs: new Map([...c.memberObjs].map(([k, o]) => [k, placeObj(o)])) } : {}),
    via: place(c.via),
  };
}
