/**
 * The cross-file step of the C/C++ path analysis, run in the project pass once every file is
 * back from the workers. A call of a function that another file of the review defines, passing
 * what that function's own exploration could not assume (an untrusted number, NULL, a buffer of
 * known size: languages/c/cross-file.ts), has the function explored again as that call runs it,
 * on its own file's IR, and so on down the calls it makes in turn (a source file, a helper file, a
 * sink file); and a function calling another file's function that returns a number read from
 * input is explored again knowing so. What those explorations find that the file's own analysis
 * did not is reported in the file it is in, traced back to where the input was read.
 */
import { Locator } from '../analysis/locate.js';
import { Unpacker, type PackedModule } from '../analysis/packed.js';
import { knowFileFacts, type EntryContext, type PathEvent, type PathSummary } from '../analysis/path-explorer.js';
import type { FunctionIR } from '../analysis/ir.js';
import type { Placed } from '../analysis/path-state.js';
import type { Finding, TraceStep } from '../core/finding.js';
import { linesOf, splitLines } from '../core/source-file.js';
import { CExplorations, contextKey } from '../languages/c/analysis.js';
import { placedContext, type CrossFileFacts } from '../languages/c/cross-file.js';
import { nearestDefinition } from '../languages/c/linkage.js';
import { keepsArgumentsByName } from '../languages/c/models.js';
import { PATH_EVENT_RULES } from '../rules/c/path-event-rule.js';
import { staticFinding } from '../rules/run.js';

/** Files deep a call chain is followed: a caller, then up to this many files of callees. */
const MAX_HOPS = 4;
/**
 * Explorations in all, growing with the review: the step runs on one thread after the parallel
 * part, so it stays short, but a project of many small files (a test suite, a tree of tools) makes
 * as many calls across files as it has files.
 */
const MIN_EXPLORATIONS = 256;
const EXPLORATIONS_PER_FILE = 4;
/**
 * Callers explored again for what an allocating helper of another file returns only where it has
 * at most this many callers: a library's own allocator (`xmlStrdup`) has hundreds, whose
 * explorations would take the time the calls that pass input on need, and what the callers do
 * with the memory is usually to store it.
 */
const MAX_HELPER_CALLERS = 8;

interface CFile {
  path: string;
  findings: readonly Finding[];
  module?: PackedModule;
  paths?: CrossFileFacts;
}

interface Pending {
  callee: string;
  context: EntryContext;
  hops: number;
  /** The file the call is in. */
  from: number;
}

/** Rules whose findings say a function leaves something unreleased: a callee that releases it withdraws them. */
const RELEASE_RULES = new Set(['c/memory-leak', 'c/handle-leak']);

export interface CrossFileResult {
  /** New findings, by the path of the file they are in. */
  added: Map<string, Finding[]>;
  /** `ruleId:line` of findings a file's own analysis made that the cross-file step withdraws, by path. */
  withdrawn: Map<string, Set<string>>;
}

/** What the cross-file step finds, and withdraws, by the path of the file concerned. */
export function crossFilePathFindings(files: readonly CFile[]): CrossFileResult {
  const out = new Map<string, Finding[]>();
  const withdrawn = new Map<string, Set<string>>();
  const definedIn = new Map<string, number[]>();
  files.forEach((f, i) => {
    if (!f.paths || !f.module) return;
    for (const name of f.paths.exported) {
      const list = definedIn.get(name);
      if (list) list.push(i);
      else definedIn.set(name, [i]);
    }
  });
  // A name more than one file defines (a `main` per program) links to the nearest definition.
  const linked = (name: string, from: number): number | undefined => nearestDefinition(definedIn.get(name) ?? [], (i) => files[i].path, files[from].path);
  // Functions of one file that return a number read from input or fill a caller's buffer with it
  // (a source helper), or return memory or a handle their caller then owns (an allocating helper),
  // for their callers in other files; functions that release what they are passed (`void sink(char
  // *p) { free(p); }`), for callers that hand them memory or a handle: it is released there, not
  // leaked; and functions that keep what they are passed, or do not, when their name says otherwise
  // (a caller's own analysis goes by the name: keepsArgumentsByName). Each call links to its
  // definition (`file:name`), the nearest one where several files define the name.
  const definition = (name: string, from: number): string | undefined => {
    const t = linked(name, from);
    return t === undefined ? undefined : `${t}:${name}`;
  };
  const callerCount = new Map<string, number>();
  files.forEach((f, i) => {
    for (const callees of Object.values(f.paths?.external ?? {})) {
      for (const c of callees) {
        const d = definition(c, i);
        if (d) callerCount.set(d, (callerCount.get(d) ?? 0) + 1);
      }
    }
  });
  const sources = new Map<string, PathSummary>();
  const releasers = new Map<string, PathSummary>();
  const misnamed = new Map<string, PathSummary>();
  for (const [name, defining] of definedIn) {
    for (const t of defining) {
      const summary = files[t].paths!.summaries[name];
      if (!summary) continue;
      const key = `${t}:${name}`;
      // By its name, a caller takes the function to keep every argument, or none.
      const byName = keepsArgumentsByName(name);
      if (summary.returnsInput || summary.fillsInput || (summary.returnsAlloc && (callerCount.get(key) ?? 0) <= MAX_HELPER_CALLERS)) sources.set(key, summary);
      if (summary.frees.length > 0) releasers.set(key, summary);
      else if (byName ? !summary.keeps : summary.keeps) misnamed.set(key, summary);
    }
  }
  const known = (key: string | undefined): PathSummary | undefined => (key === undefined ? undefined : (sources.get(key) ?? releasers.get(key) ?? misnamed.get(key)));
  // A function whose name says it keeps what it is handed and does not matters where a caller
  // hands it something the caller owns; one that keeps it although its name does not, where the
  // caller's analysis reported the leak it withdraws.
  const callers = files.map((f, i) => {
    if (!f.paths || !f.module) return [];
    const leaky = new Set(f.paths.leaky);
    const matters = (fn: string, c: string): boolean => {
      const d = definition(c, i);
      if (d === undefined) return false;
      return sources.has(d) || releasers.has(d) || (misnamed.has(d) && (leaky.has(fn) || !!f.paths!.handsOver[fn]?.includes(c)));
    };
    return Object.keys(f.paths.external).filter((fn) => f.paths!.external[fn].some((c) => matters(fn, c)));
  });
  const queue: Pending[] = files.flatMap((f, from) => f.paths?.outgoing.map((o) => ({ ...o, hops: 1, from })) ?? []);
  if (queue.length === 0 && callers.every((c) => c.length === 0)) return { added: out, withdrawn };
  const unpacker = new Unpacker();
  const runs = new Map<number, { run: CExplorations; locator: Locator }>();
  const seen = new Set<string>();
  let hops = 0;
  const open = (i: number): { run: CExplorations; locator: Locator } => {
    let opened = runs.get(i);
    if (!opened) {
      const packed = files[i].module!;
      const module = unpacker.module(packed);
      const locator = new Locator([module]);
      const loaded = new Set<FunctionIR>();
      // Only the bodies explored are unpacked: what the others do to the file's globals came along.
      if (files[i].paths!.facts) knowFileFacts(module, files[i].paths!.facts!);
      const summaries = new Map<string, PathSummary>();
      for (const callees of Object.values(files[i].paths!.external)) {
        for (const c of callees) {
          const summary = known(definition(c, i));
          if (summary) summaries.set(c, summary);
        }
      }
      for (const [name, summary] of Object.entries(files[i].paths!.summaries)) summaries.set(name, summary);
      const onExternal = (callee: string, context: EntryContext): void => {
        if (hops < MAX_HOPS) queue.push({ callee, context: placedContext(context, locator), hops: hops + 1, from: i });
      };
      const run = new CExplorations(module, summaries, onExternal, (fn) => {
        if (!loaded.has(fn)) unpacker.unpack(packed, fn);
        loaded.add(fn);
      });
      runs.set(i, (opened = { run, locator }));
    }
    return opened;
  };
  let explored = 0;
  const budget = MIN_EXPLORATIONS + EXPLORATIONS_PER_FILE * files.length;
  // Callers of another file's source helper or releasing sink, explored again knowing what it
  // does: the leaks their own analysis reported that this exploration no longer finds are withdrawn.
  // A caller that thereby turns out to release what it is handed (it passes it on to the sink)
  // is a releaser in turn, for its own callers: a chain across files, a wave at a time.
  const again = new Set<string>();
  let wave = callers.flatMap((names, i) => names.map((name) => ({ i, name })));
  while (wave.length > 0 && explored < budget) {
    const next: string[] = [];
    for (const { i, name } of wave) {
      const key = `${i}:${name}`;
      if (explored >= budget || again.has(key)) continue;
      again.add(key);
      const { run, locator } = open(i);
      const fn = run.function(name)!;
      hops = 0;
      const before = run.events.length;
      const summary = run.explore(fn);
      explored++;
      if (summary.frees.length > 0 && !releasers.has(key) && definedIn.get(name)?.includes(i)) {
        releasers.set(key, summary);
        for (const [j, { run: other }] of runs) if (definition(name, j) === key) other.summaries.set(name, summary);
        next.push(key);
      }
      const still = new Set(run.events.slice(before).map((e) => `${PATH_EVENT_RULES.get(e.kind)?.id}:${locator.location(0, e.s, e.e).startLine}`));
      const span = locator.location(0, fn.s, fn.e);
      for (const f of files[i].findings) {
        const finding = `${f.ruleId}:${f.location.startLine}`;
        if (!RELEASE_RULES.has(f.ruleId) || f.location.startLine < span.startLine || f.location.startLine > span.endLine || still.has(finding)) continue;
        let set = withdrawn.get(files[i].path);
        if (!set) withdrawn.set(files[i].path, (set = new Set()));
        set.add(finding);
      }
    }
    wave = files.flatMap((f, i) => (f.paths && f.module ? Object.keys(f.paths.external).filter((fn) => f.paths!.external[fn].some((c) => next.includes(definition(c, i) ?? ''))).map((name) => ({ i, name })) : []));
  }
  while (queue.length > 0 && explored < budget) {
    const next = queue.shift()!;
    const target = linked(next.callee, next.from);
    const key = `${target}:${next.callee}(${contextKey(next.context)})`;
    if (target === undefined || seen.has(key)) continue;
    seen.add(key);
    const { run } = open(target);
    const fn = run.function(next.callee);
    if (!fn) continue;
    hops = next.hops;
    run.explore(fn, next.context);
    explored++;
  }
  for (const [i, { run, locator }] of runs) {
    const file = files[i];
    const found = findings(file, run, locator);
    if (found.length > 0) out.set(file.path, found);
  }
  return { added: out, withdrawn };
}

/** Findings of what the explorations of one file found, but neither its own analysis nor the unreadable functions. */
function findings(file: CFile, run: CExplorations, locator: Locator): Finding[] {
  const module = run.module;
  const lines = splitLines(module.text);
  const unreadable = module.functions.filter((f) => file.paths!.unreadable.includes(f.name));
  const known = new Set(file.findings.map((f) => `${f.ruleId}:${f.location.startLine}`));
  const out: Finding[] = [];
  for (const event of run.distinctEvents()) {
    const meta = PATH_EVENT_RULES.get(event.kind);
    if (!meta || unreadable.some((f) => f.s <= event.s && event.s < f.e)) continue;
    const location = locator.location(0, event.s, event.e);
    const key = `${meta.id}:${location.startLine}`;
    if (known.has(key)) continue;
    known.add(key);
    out.push(
      staticFinding(meta, {
        cwe: event.cwe,
        location,
        description: event.message,
        evidence: linesOf({ lines }, location.startLine, location.endLine),
        code: module.text.slice(event.s, event.e),
        scope: event.fn,
        trace: trace(event, locator),
      }),
    );
  }
  return out;
}

/** Where the untrusted data came from, the call that passed it and the places the event names, then the event. */
function trace(event: PathEvent, locator: Locator): TraceStep[] {
  const at = (p: Placed): TraceStep['location'] => p.where ?? locator.location(0, p.s, p.e);
  const steps: TraceStep[] = [];
  if (event.from) steps.push({ location: at(event.from), label: `source: ${event.from.what}` });
  for (const r of event.related) steps.push({ location: at(r), label: r.label });
  steps.push({ location: locator.location(0, event.s, event.e), label: event.message.length > 100 ? `${event.message.slice(0, 97)}...` : event.message });
  return steps;
}
