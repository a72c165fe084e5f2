/**
 * The path-sensitive analysis of one C or C++ file: lowered once, every function explored with
 * the C library models, callees before their callers so that calls inside the file apply what
 * the callee does (frees its argument, returns fresh memory). Rules share the result per file.
 */
import type { ModuleIR } from '../../analysis/ir.js';
import type { Obj, Val } from '../../analysis/path-state.js';
import { MODULE_BODY } from '../../analysis/ir.js';
import { calleeName, forEachExprOfStmt, PathExplorer, type EntryContext, type PathEvent, type PathSummary, type SummaryView } from '../../analysis/path-explorer.js';
import type { SourceFile } from '../../core/source-file.js';
import type { Tree } from '../parse.js';
import { lowerC } from './lower.js';
import { cPathLanguage } from './models.js';

export interface CAnalysis {
  module: ModuleIR;
  events: PathEvent[];
}

export function lowerCFile(file: SourceFile, tree: Tree): ModuleIR {
  return lowerC({ path: file.path, text: file.text, language: file.language }, tree);
}

/** Calls deep that a callee is explored again for what its caller passes (a source, a helper, a sink). */
const MAX_SPECIALIZED_DEPTH = 3;
/** Such explorations per file: a file that passes input everywhere costs at most this many more. */
const MAX_SPECIALIZED = 64;

export function analyzeC(module: ModuleIR): CAnalysis {
  const lang = cPathLanguage(module);
  const byName = new Map(module.functions.filter((f) => f.id !== MODULE_BODY).map((f) => [f.name, f]));
  const summaries = new Map<string, PathSummary>();
  const state = new Map<string, 'running' | 'done'>();
  const events: PathEvent[] = [];
  const specialized = new Set<string>();
  let depth = 0;
  const view: SummaryView = {
    summary: (name) => summaries.get(name),
    specialize(name, context) {
      const fn = byName.get(name);
      const key = `${name}(${contextKey(context)})`;
      if (!fn || depth >= MAX_SPECIALIZED_DEPTH || specialized.size >= MAX_SPECIALIZED || specialized.has(key)) return;
      specialized.add(key);
      depth++;
      try {
        events.push(...new PathExplorer(module, fn, lang, view, context).run().events);
      } finally {
        depth--;
      }
    },
  };
  const visit = (name: string): void => {
    if (state.has(name)) return;
    const fn = byName.get(name);
    if (!fn) return;
    state.set(name, 'running');
    for (const s of fn.body) {
      forEachExprOfStmt(s, function walk(x) {
        if (x.k === 'call') {
          const callee = calleeName(x);
          if (callee && byName.has(callee)) visit(callee);
        }
        if (x.k === 'call') x.a.forEach(walk);
      });
    }
    const { events: found, summary } = new PathExplorer(module, fn, lang, view).run();
    summaries.set(name, summary);
    events.push(...found);
    state.set(name, 'done');
  };
  for (const name of [...byName.keys()].sort()) visit(name);
  return { module, events: distinct(events) };
}

/** The values a context gives, which decide what exploring with it finds (the call site only labels it). */
function contextKey(c: EntryContext): string {
  const val = (v: Val): string => `${v.lo}..${v.hi}${v.input ? 'i' : ''}${v.nul ?? ''}`;
  const obj = (o: Obj | undefined): string => (o ? `@${o.at.s}:${o.region}:${o.size?.join('..') ?? ''}:${o.len?.join('..') ?? ''}` : '');
  const params = [...c.params].map(([i, v]) => `${i}:${val(v)}${obj(c.objs.get(i))}`);
  const globals = [...c.globals].map(([k, v]) => `${k}:${val(v)}`);
  return [...params, ...globals].join(',');
}

/** Events in source order; a place found again by a callee's exploration for a caller keeps its first report. */
function distinct(found: PathEvent[]): PathEvent[] {
  const seen = new Set<string>();
  const events = found.filter((e) => {
    const key = `${e.kind}/${e.cwe}@${e.s}:${e.e}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  events.sort((a, b) => a.s - b.s || a.e - b.e || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return events;
}
