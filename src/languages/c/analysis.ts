/**
 * The path-sensitive analysis of one C or C++ file: lowered once, every function explored with
 * the C library models, callees before their callers so that calls inside the file apply what
 * the callee does (frees its argument, returns fresh memory or input). A call passing what its
 * callee's own exploration could not assume (an untrusted number, NULL, a buffer of known size)
 * has the callee explored again as that call runs it; a call of a function the file does not
 * define is noted with what it passes, for the project pass (pipeline/cross-file-paths.ts). Rules
 * share the result per file.
 */
import type { FunctionIR, ModuleIR } from '../../analysis/ir.js';
import type { Obj, Val } from '../../analysis/path-state.js';
import { MODULE_BODY } from '../../analysis/ir.js';
import { calleeName, cppMethodName, forEachExprOfStmt, forEachStmt, PathExplorer, type EntryContext, type PathEvent, type PathLanguage, type PathSummary, type SummaryView } from '../../analysis/path-explorer.js';
import type { SourceFile } from '../../core/source-file.js';
import type { Tree } from '../parse.js';
import { lowerCCached } from './lower.js';
import { cPathLanguage } from './models.js';

/** A call of a function the file does not define, with what it passes. */
export interface OutgoingCall {
  callee: string;
  context: EntryContext;
}

export interface CAnalysis {
  module: ModuleIR;
  events: PathEvent[];
  /** What each function of the file does for its callers. */
  summaries: ReadonlyMap<string, PathSummary>;
  outgoing: OutgoingCall[];
  /** By function, the functions it calls that the file does not define. */
  external: ReadonlyMap<string, ReadonlySet<string>>;
  /** By function, those of them it hands memory or a handle it owns. */
  handsOver: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Calls deep that a callee is explored again for what its caller passes (a source, a helper, a sink). */
const MAX_SPECIALIZED_DEPTH = 3;
/** Such explorations per file: a file that passes input everywhere costs at most this many more. */
const MAX_SPECIALIZED = 64;

/**
 * Explorations of one module's functions: callees' summaries, callees explored again for what a
 * call passes them (bounded), and calls of functions of other files handed to `onExternal`.
 */
export class CExplorations {
  readonly summaries: Map<string, PathSummary>;
  readonly events: PathEvent[] = [];
  /** By function, the functions of other files it hands memory or a handle it owns. */
  readonly handsOver = new Map<string, Set<string>>();
  private readonly lang: PathLanguage;
  private readonly byName: Map<string, FunctionIR>;
  private readonly specialized = new Set<string>();
  private depth = 0;
  private readonly view: SummaryView;

  constructor(
    readonly module: ModuleIR,
    summaries: ReadonlyMap<string, PathSummary> = new Map(),
    onExternal?: (callee: string, context: EntryContext) => void,
    /** Fills in a function's insides before it is explored, where the module holds only outlines. */
    private readonly load: (fn: FunctionIR) => void = () => undefined,
  ) {
    this.lang = cPathLanguage(module);
    // A C++ method defined out of its class is also known as `Cls::name`, which calls on objects name (cppMethodName).
    const functions = module.functions.filter((f) => f.id !== MODULE_BODY);
    this.byName = new Map([...functions.map((f): [string, FunctionIR] => [f.name, f]), ...functions.filter(isMethod).map((f): [string, FunctionIR] => [f.id, f])]);
    this.summaries = new Map(summaries);
    this.view = {
      summary: (name) => this.summaries.get(name),
      // Another file's function known by its summary (the cross-file step) is explored there.
      specialize: (name, context) => (this.byName.has(name) ? this.specialize(name, context) : onExternal?.(name, context)),
      ...(onExternal ? { external: (name: string, context: EntryContext) => (this.byName.has(name) ? undefined : onExternal(name, context)) } : {}),
      handedOver: (caller, callee) => {
        if (this.byName.has(callee)) return;
        const set = this.handsOver.get(caller);
        if (set) set.add(callee);
        else this.handsOver.set(caller, new Set([callee]));
      },
    };
  }

  function(name: string): FunctionIR | undefined {
    return this.byName.get(name);
  }

  /** Explores `fn` as a caller passing `context` runs it, or on its own; its events are kept. */
  explore(fn: FunctionIR, context?: EntryContext): PathSummary {
    this.load(fn);
    const { events, summary } = new PathExplorer(this.module, fn, this.lang, this.view, context).run();
    this.events.push(...events);
    return summary;
  }

  /** Explores function `name` again for a call that passes it `context`, once per distinct context. */
  specialize(name: string, context: EntryContext): void {
    const fn = this.byName.get(name);
    const key = `${name}(${contextKey(context)})`;
    if (!fn || this.depth >= MAX_SPECIALIZED_DEPTH || this.specialized.size >= MAX_SPECIALIZED || this.specialized.has(key)) return;
    this.specialized.add(key);
    this.depth++;
    try {
      this.explore(fn, context);
    } finally {
      this.depth--;
    }
  }

  /** The events found so far, in source order; a place found again for a caller keeps its first report. */
  distinctEvents(): PathEvent[] {
    const seen = new Set<string>();
    const events = this.events.filter((e) => {
      const key = `${e.kind}/${e.cwe}@${e.s}:${e.e}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    events.sort((a, b) => a.s - b.s || a.e - b.e || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
    return events;
  }
}

export function analyzeC(module: ModuleIR): CAnalysis {
  const outgoing = new Map<string, OutgoingCall>();
  const run = new CExplorations(module, new Map(), (callee, context) => {
    const key = `${callee}(${contextKey(context)})`;
    if (!outgoing.has(key)) outgoing.set(key, { callee, context });
  });
  const state = new Map<string, 'running' | 'done'>();
  const external = new Map<string, Set<string>>();
  const visit = (name: string): void => {
    if (state.has(name)) return;
    const fn = run.function(name);
    if (!fn) return;
    state.set(name, 'running');
    const others = new Set<string>();
    for (const s of fn.body) {
      forEachExprOfStmt(s, function walk(x) {
        if (x.k === 'call') {
          const callee = cppMethodName(fn, x) ?? calleeName(x);
          if (callee && run.function(callee)) visit(callee);
          else if (callee && (x.f.k === 'name' || callee.includes('::'))) others.add(callee);
          x.a.forEach(walk);
        } else if (x.k === 'name' && run.function(x.n)) {
          // Named, not called (`void (*sink)(int) = bad_sink;`): called through a pointer later.
          visit(x.n);
        } else if (x.k === 'un' && x.op === '&') {
          walk(x.x);
        }
      });
    }
    // A pointer set to a function of another file (`void (*sink)(char *) = other_sink;`) calls it.
    forEachStmt(fn.body, (s) => {
      if (s.k !== 'assign' || s.t.k !== 'name' || s.x.k !== 'name') return;
      const target = fn.vars?.[s.t.n];
      const named = s.x.n;
      if (target && target.ptr > 0 && !fn.vars?.[named] && !module.vars?.[named] && !run.function(named)) others.add(named);
    });
    if (others.size > 0) external.set(name, others);
    // A method is explored once, under either of its names.
    const summary = explored.get(fn) ?? run.explore(fn);
    explored.set(fn, summary);
    run.summaries.set(name, summary);
    state.set(name, 'done');
  };
  const explored = new Map<FunctionIR, PathSummary>();
  const functions = module.functions.filter((f) => f.id !== MODULE_BODY);
  for (const name of [...new Set([...functions.map((f) => f.name), ...functions.filter(isMethod).map((f) => f.id)])].sort()) visit(name);
  return { module, events: run.distinctEvents(), summaries: run.summaries, outgoing: [...outgoing.values()], external, handsOver: run.handsOver };
}

export interface CFilePaths extends CAnalysis {
  /** Functions whose body the parser could not read: their events are dropped. */
  unreadable: ReadonlySet<string>;
}

// The rules and the project pass's cross-file step both want a file's analysis: run it once per tree.
const analyses = new WeakMap<Tree, CFilePaths>();

/**
 * The analysis of the file, without events in functions whose body the parser could not read:
 * there a macro it could not expand (`FOREACH(list, p) {`, `#if 0` around half an `if`) has
 * changed the control flow, and on libxml2 nearly every path finding in such a body was false.
 * The syntactic rules still check those functions.
 */
export function cPathAnalysis(file: SourceFile, tree: Tree): CFilePaths {
  let paths = analyses.get(tree);
  if (paths) return paths;
  const analysis = analyzeC(lowerCCached(file, tree));
  const broken = tree.rootNode.hasError ? tree.rootNode.descendantsOfType('function_definition').filter((f) => f.childForFieldName('body')?.hasError) : [];
  const inBroken = (s: number): boolean => broken.some((f) => f.startIndex <= s && s < f.endIndex);
  const unreadable = new Set(analysis.module.functions.filter((f) => inBroken(f.s)).map((f) => f.name));
  paths = { ...analysis, events: broken.length === 0 ? analysis.events : analysis.events.filter((e) => !inBroken(e.s)), unreadable };
  analyses.set(tree, paths);
  return paths;
}

/** The values a context gives, which decide what exploring with it finds (the call site only labels it). */
export function contextKey(c: EntryContext): string {
  const val = (v: Val): string => `${v.lo}..${v.hi}${v.input ? 'i' : ''}${v.nul ?? ''}`;
  const obj = (o: Obj | undefined): string => (o ? `@${o.region}:${o.state}:${o.family ?? ''}:${o.size?.join('..') ?? ''}:${o.len?.join('..') ?? ''}` : '');
  const params = [...c.params].map(([i, v]) => `${i}:${val(v)}${obj(c.objs.get(i))}`);
  const globals = [...c.globals].map(([k, v]) => `${k}:${val(v)}${obj(c.globalObjs?.get(k))}`);
  const members = [...c.members].map(([k, v]) => `${k}:${val(v)}${obj(c.memberObjs?.get(k))}`);
  return [...params, ...members, ...globals].join(',');
}

/** A C++ method defined out of its class (`void Cls::action(…) {…}`). */
export function isMethod(f: FunctionIR): boolean {
  return f.id.includes('::');
}
