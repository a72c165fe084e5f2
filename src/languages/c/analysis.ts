/**
 * The path-sensitive analysis of one C or C++ file: lowered once, every function explored with
 * the C library models, callees before their callers so that calls inside the file apply what
 * the callee does (frees its argument, returns fresh memory). Rules share the result per file.
 */
import type { ModuleIR } from '../../analysis/ir.js';
import { MODULE_BODY } from '../../analysis/ir.js';
import { calleeName, forEachExprOfStmt, PathExplorer, type PathEvent, type PathSummary } from '../../analysis/path-explorer.js';
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

export function analyzeC(module: ModuleIR): CAnalysis {
  const lang = cPathLanguage(module);
  const byName = new Map(module.functions.filter((f) => f.id !== MODULE_BODY).map((f) => [f.name, f]));
  const summaries = new Map<string, PathSummary>();
  const state = new Map<string, 'running' | 'done'>();
  const events: PathEvent[] = [];
  const view = { summary: (name: string) => summaries.get(name) };
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
  events.sort((a, b) => a.s - b.s || a.e - b.e || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return { module, events };
}
