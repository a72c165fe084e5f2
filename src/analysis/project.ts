/**
 * The project pass: the lowered modules of a whole review, their imports resolved to one another,
 * and function summaries computed on demand (callees before callers), re-running the functions
 * caught in recursion until their summaries stop changing (bounded). Every function that can
 * take part in a flow from a source is analysed (relevance.ts), so each sink is judged against
 * every caller the project has.
 */
import { HeapGovernor } from '../core/memory.js';
import { Interpreter, type ProjectView } from './engine.js';
import type { ClassIR, Expr, FunctionIR, ModuleIR, Spanned } from './ir.js';
import { MODULE_BODY } from './ir.js';
import { Unpacker, type PackedModule } from './packed.js';
import { callGraph } from './relevance.js';
import { nearestDefinition } from '../languages/c/linkage.js';
import type { SpecIndex } from './spec-index.js';
import type { SinkClass } from './specs.js';
import { EMPTY_SUMMARY, signature, type Summary, type TaintReport } from './summary.js';
import { deepTaint, type Taint, type Value } from './values.js';

/** Whether a function hands source data to its callers (returned, stored in an argument, raised). */
function exportsSources(s: Summary): boolean {
  const fromSource = (t: Taint): boolean => t.some((l) => l.kind !== 'param' && l.kind !== 'free');
  return fromSource(deepTaint(s.ret)) || fromSource(s.raises) || s.effects.some(([, v]) => fromSource(deepTaint(v)));
}

const MAX_CALL_DEPTH = 40;
const MAX_FILE_CROSSINGS = 4;
const CROSS_FILE_ANALYSES = 64;
const CROSS_FILE_ANALYSES_PER_FILE = 1;
const MAX_RECURSION_ROUNDS = 3;
const MAX_ALIAS_HOPS = 6;

interface ModuleIndex {
  functions: Map<string, FunctionIR>;
  classes: Map<string, ClassIR>;
  /** Module-level definitions by name. */
  defs: Map<string, string>;
  topClasses: Map<string, string>;
  imports: Map<string, string>;
  wildcards: string[];
  package: string;
}

export class Project implements ProjectView {
  readonly modules: readonly ModuleIR[];
  private readonly index: ModuleIndex[];
  private readonly byName = new Map<string, number>();
  /** Analyses of functions reached through calls across C files still allowed (see crossings()). */
  private crossFileLeft: number;
  /** C/C++ globals some file's functions assign (ModuleIR.reassigned), in any file. */
  private readonly cReassigned = new Set<string>();
  /** C/C++ functions by name, across files: a call names one in any file. */
  private readonly cFunctions = new Map<string, Array<{ mod: number; id: string }>>();
  /** C++ methods defined outside their class (`void Cls::action(…) {…}`), by `Cls::action`; null when several files define one. */
  private readonly cppMethods = new Map<string, { mod: number; id: string } | null>();
  private readonly bySuffix = new Map<string, number>();
  private readonly summaries = new Map<string, Summary>();
  private readonly status = new Map<string, 'running' | 'done'>();
  private readonly globals = new Map<number, Map<string, Value>>();
  private readonly stack: string[] = [];
  private readonly revisit = new Set<string>();
  private readonly reports = new Map<string, TaintReport[]>();
  private readonly sinkArguments = new Map<string, { cls: SinkClass; mod: number; s: number; e: number; literal: boolean }>();
  private readonly staticCache = new Map<string, Value | undefined>();
  private readonly classAttrCache = new Map<string, Value | undefined>();
  private readonly external = new Set<string>();
  private readonly flags: Array<{ html: boolean; request: string | undefined }>;

  private readonly packed: readonly PackedModule[];
  private readonly loaded = new Set<FunctionIR>();
  /** Analysed functions whose body was dropped; their parameters, locals and decorators stay for callers. */
  private readonly dropped = new Set<FunctionIR>();
  private readonly unpacker = new Unpacker();
  /** Each analysis leaves much garbage (interpreter states) and little that lives on. */
  private readonly heap = new HeapGovernor();
  private readonly relevant = new Set<FunctionIR>();
  followsFixedText = false;

  constructor(
    modules: readonly PackedModule[],
    private readonly specsFor: (language: string) => SpecIndex,
  ) {
    this.packed = [...modules].sort((a, b) => (a.header.path < b.header.path ? -1 : a.header.path > b.header.path ? 1 : 0));
    this.modules = this.packed.map((p) => this.unpacker.module(p));
    this.index = this.modules.map((m) => indexModule(m));
    this.crossFileLeft = CROSS_FILE_ANALYSES + CROSS_FILE_ANALYSES_PER_FILE * this.modules.length;
    this.modules.forEach((m, i) => {
      if (C_LANGUAGES.has(m.language)) {
        for (const name of m.reassigned ?? []) this.cReassigned.add(name);
        for (const f of m.functions) {
          const parts = f.id.split('::');
          if (parts.length < 2) continue;
          const key = parts.slice(-2).join('::');
          this.cppMethods.set(key, this.cppMethods.has(key) ? null : { mod: i, id: f.id });
        }
        for (const [name, id] of this.index[i].defs) {
          const list = this.cFunctions.get(name);
          if (list) list.push({ mod: i, id });
          else this.cFunctions.set(name, [{ mod: i, id }]);
        }
      }
      if (!this.byName.has(m.name)) this.byName.set(m.name, i);
      const parts = m.name.split('.');
      for (let k = 1; k < parts.length - 1; k++) {
        const suffix = parts.slice(k).join('.');
        this.bySuffix.set(suffix, this.bySuffix.has(suffix) ? -1 : i);
      }
    });
    this.flags = this.modules.map((m) => {
      const specs = this.specsFor(m.language).specs;
      const targets = m.imports.map((i) => i.target.split('.')[0]);
      const request = targets.map((t) => specs.requestParamByImport[t]).find((t) => t !== undefined);
      return { html: targets.includes('flask') && !targets.includes('fastapi'), request };
    });
  }

  /** Analyses every function of every module; returns one report per sink and sink class. */
  run(): TaintReport[] {
    const graph = callGraph(this.modules, this.packed.map((p) => p.scans));
    this.followsFixedText = graph.followsFixedText;
    for (const { fn } of graph.seeds) this.relevant.add(fn);
    const queue = [...graph.seeds];
    const queued = new Set(queue.map((r) => r.fn));
    for (let i = 0; i < queue.length; i++) {
      const { mod, fn } = queue[i];
      this.ensureModuleBody(mod);
      const summary = this.summary(mod, fn.id);
      if (!summary || !exportsSources(summary)) continue;
      for (const caller of graph.callers(queue[i])) {
        if (queued.has(caller.fn)) continue;
        queued.add(caller.fn);
        this.relevant.add(caller.fn);
        queue.push(caller);
      }
    }
    for (let round = 0; round < MAX_RECURSION_ROUNDS && this.revisit.size > 0; round++) {
      const keys = [...this.revisit].sort();
      this.revisit.clear();
      let changed = false;
      for (const key of keys) {
        const [mod, id] = splitKey(key);
        const before = signature(this.summaries.get(key) ?? EMPTY_SUMMARY);
        this.status.delete(key);
        this.analyze(mod, id);
        if (signature(this.summaries.get(key) ?? EMPTY_SUMMARY) !== before) changed = true;
      }
      if (!changed) break;
    }
    return this.collectReports();
  }

  // ---- ProjectView ------------------------------------------------------------------------

  specs(mod: number): SpecIndex {
    return this.specsFor(this.modules[mod].language);
  }

  fn(mod: number, id: string): FunctionIR | undefined {
    const f = this.index[mod]?.functions.get(id);
    if (f && !this.loaded.has(f)) {
      this.loaded.add(f);
      this.unpacker.unpack(this.packed[mod], f);
    }
    return f;
  }

  qualifiedName(mod: number, id: string): string | undefined {
    const f = this.index[mod]?.functions.get(id);
    return f && f.parent === undefined && f.cls === undefined ? `${this.modules[mod].name}.${f.name}` : undefined;
  }

  /**
   * Whether a call with no tainted data at all can skip the callee: it reads no source itself (it
   * is not relevant), sees no enclosing function's variables, and returns no object whose type
   * later calls would need.
   */
  skippable(mod: number, id: string): boolean {
    const fn = this.index[mod]?.functions.get(id);
    if (!fn || this.relevant.has(fn) || fn.parent !== undefined) return false;
    const i = this.modules[mod].functions.indexOf(fn);
    return i >= 0 && !this.packed[mod].scans[i].returnsObject;
  }

  cls(mod: number, id: string): ClassIR | undefined {
    return this.index[mod]?.classes.get(id);
  }

  htmlRoutes(mod: number): boolean {
    return this.flags[mod].html;
  }

  requestParamType(mod: number): string | undefined {
    return this.flags[mod].request;
  }

  summary(mod: number, id: string): Summary | undefined {
    const key = `${mod}:${id}`;
    const status = this.status.get(key);
    if (status === 'done') return this.summaries.get(key);
    if (status === 'running') {
      // Recursion: use what is known so far and come back to everyone on the cycle.
      const from = this.stack.lastIndexOf(key);
      for (let i = Math.max(0, from); i < this.stack.length; i++) this.revisit.add(this.stack[i]);
      return this.summaries.get(key) ?? EMPTY_SUMMARY;
    }
    if (this.stack.length >= MAX_CALL_DEPTH) return undefined;
    const crossings = this.crossings(mod);
    if (crossings > 0) {
      if (crossings > MAX_FILE_CROSSINGS || this.crossFileLeft <= 0) return undefined;
      this.crossFileLeft--;
    }
    return this.analyze(mod, id);
  }

  /**
   * How many times the calls on the stack, and this one into `mod`, go from one C file to
   * another. Input read in one place of a large C tree reaches much of it, and this pass runs on
   * one thread: functions analysed for a chain of calls across files are limited in depth (a
   * source file, a helper file, a sink file, as the C path step follows them, cross-file-paths.ts)
   * and in number, growing with the review.
   */
  private crossings(mod: number): number {
    if (!C_LANGUAGES.has(this.modules[mod].language)) return 0;
    let n = 0;
    let last = mod;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const m = splitKey(this.stack[i])[0];
      if (m !== last) n++;
      last = m;
    }
    return n;
  }

  noteSinkArgument(cls: SinkClass, mod: number, at: Spanned, literal: boolean): void {
    const key = `${cls}:${mod}:${at.s}:${at.e}`;
    const seen = this.sinkArguments.get(key);
    if (seen) seen.literal &&= literal;
    else this.sinkArguments.set(key, { cls, mod, s: at.s, e: at.e, literal });
  }

  /**
   * Sink calls whose argument every analysis found to be made of the program's literals only
   * (`eval(bar)` where `bar` can only be `"1 + 1"`): the proof that a "not a literal" warning there is wrong.
   */
  literalSinks(): Array<{ cls: SinkClass; mod: number; s: number; e: number }> {
    return [...this.sinkArguments.values()].filter((a) => a.literal);
  }

  report(r: TaintReport): void {
    const key = this.stack[this.stack.length - 1];
    if (!key) return;
    const list = this.reports.get(key);
    if (list) list.push(r);
    else this.reports.set(key, [r]);
  }

  resolveGlobal(mod: number, name: string): Value {
    const state = this.globals.get(mod);
    const v = state?.get(name);
    if (v) return v;
    if (!state) {
      this.ensureModuleBody(mod);
      const w = this.globals.get(mod)?.get(name);
      if (w) return w;
    }
    return this.staticGlobal(mod, name, 0) ?? { taint: [], ref: { k: 'ext', q: name } };
  }

  cppMethod(qualified: string): { mod: number; id: string } | undefined {
    return this.cppMethods.get(qualified) ?? undefined;
  }

  resolveQualified(q: string): Value | undefined {
    return this.qualified(q, 0);
  }

  findMethod(mod: number, classId: string, name: string, seen = new Set<string>()): { mod: number; id: string } | undefined {
    const key = `${mod}:${classId}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const cls = this.cls(mod, classId);
    if (!cls) return undefined;
    const own = cls.methods[name];
    if (own) return { mod, id: own };
    for (const base of this.bases(mod, cls)) {
      const found = this.findMethod(base.mod, base.id, name, seen);
      if (found) return found;
    }
    return undefined;
  }

  classAttr(mod: number, classId: string, name: string, seen = new Set<string>()): Value | undefined {
    const key = `${mod}:${classId}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const cls = this.cls(mod, classId);
    if (!cls) return undefined;
    const expr = cls.attrs[name];
    if (expr) {
      const cacheKey = `${key}.${name}`;
      if (!this.classAttrCache.has(cacheKey)) {
        this.classAttrCache.set(cacheKey, undefined);
        this.classAttrCache.set(cacheKey, new Interpreter(this, mod, this.fn(mod, MODULE_BODY)!).evaluate(expr));
      }
      return this.classAttrCache.get(cacheKey);
    }
    for (const base of this.bases(mod, cls)) {
      const found = this.classAttr(base.mod, base.id, name, seen);
      if (found) return found;
    }
    return undefined;
  }

  // ---- internals --------------------------------------------------------------------------

  private analyze(mod: number, id: string): Summary | undefined {
    const fn = this.fn(mod, id);
    if (!fn) return undefined;
    if (this.dropped.delete(fn)) this.unpacker.unpack(this.packed[mod], fn);
    const key = `${mod}:${id}`;
    this.heap.check();
    this.status.set(key, 'running');
    this.stack.push(key);
    this.reports.delete(key);
    try {
      const { summary, globals } = new Interpreter(this, mod, fn).run();
      this.summaries.set(key, summary);
      if (globals) this.globals.set(mod, globals);
      return summary;
    } finally {
      this.stack.pop();
      this.status.set(key, 'done');
      // The summary is what callers use; the body comes back only if recursion asks for a rerun.
      // The rest stays: every later call binds its arguments to the parameters.
      fn.body = [];
      this.dropped.add(fn);
    }
  }

  private ensureModuleBody(mod: number): void {
    const key = `${mod}:${MODULE_BODY}`;
    if (this.status.has(key) || this.stack.length >= MAX_CALL_DEPTH) return;
    this.analyze(mod, MODULE_BODY);
  }

  private bases(mod: number, cls: ClassIR): Array<{ mod: number; id: string }> {
    const out: Array<{ mod: number; id: string }> = [];
    for (const b of cls.bases) {
      const v = this.staticExpr(mod, b);
      if (v?.ref?.k === 'class') out.push({ mod: v.ref.mod, id: v.ref.id });
    }
    return out;
  }

  /** Names and attribute chains resolved without running code (class bases, decorators). */
  private staticExpr(mod: number, x: Expr): Value | undefined {
    if (x.k === 'name') {
      const nested = this.index[mod].classes.get(x.n);
      if (nested) return { taint: [], ref: { k: 'class', mod, id: nested.id } };
      return this.staticGlobal(mod, x.n, 0);
    }
    if (x.k === 'attr') {
      const base = this.staticExpr(mod, x.o);
      const ref = base?.ref;
      if (ref?.k === 'module') return this.qualified(`${ref.name}.${x.n}`, 0);
      if (ref?.k === 'ext') return this.qualified(`${ref.q}.${x.n}`, 0) ?? { taint: [], ref: { k: 'ext', q: `${ref.q}.${x.n}` } };
    }
    return undefined;
  }

  reassignedGlobal(name: string): boolean {
    return this.cReassigned.has(name);
  }

  /** The C/C++ function another file defines that a call of `name` in `mod` links to. */
  private linkedFunction(mod: number, name: string): { mod: number; id: string } | undefined {
    return nearestDefinition(this.cFunctions.get(name) ?? [], (f) => this.modules[f.mod].path, this.modules[mod].path);
  }

  private staticGlobal(mod: number, name: string, hops: number): Value | undefined {
    const cacheKey = `${mod}\0${name}`;
    if (this.staticCache.has(cacheKey)) return this.staticCache.get(cacheKey);
    const idx = this.index[mod];
    let out: Value | undefined;
    const def = idx.defs.get(name);
    const cls = idx.topClasses.get(name);
    const target = idx.imports.get(name);
    const elsewhere = !def && C_LANGUAGES.has(this.modules[mod].language) ? this.linkedFunction(mod, name) : undefined;
    if (def) out = { taint: [], ref: { k: 'fn', mod, id: def } };
    else if (elsewhere) out = { taint: [], ref: { k: 'fn', mod: elsewhere.mod, id: elsewhere.id } };
    else if (cls) out = { taint: [], ref: { k: 'class', mod, id: cls } };
    else if (target !== undefined) out = this.resolveImport(mod, target, hops) ?? { taint: [], ref: { k: 'ext', q: unvendored(target) } };
    else if (hops < MAX_ALIAS_HOPS) {
      for (const w of idx.wildcards) {
        const m = this.moduleFor(mod, w);
        const v = m !== undefined ? (this.globals.get(m)?.get(name) ?? this.staticGlobal(m, name, hops + 1)) : undefined;
        if (v && v.ref?.k !== 'ext') {
          out = v;
          break;
        }
      }
    }
    this.staticCache.set(cacheKey, out);
    return out;
  }

  /** An import target as seen from `mod`: absolute, then next to the importer, then by unique suffix. */
  private resolveImport(mod: number, target: string, hops: number): Value | undefined {
    // Re-exports can form cycles (`a` imports from `b`, `b` from `a`).
    if (hops > MAX_ALIAS_HOPS) return undefined;
    const idx = this.index[mod];
    const candidates = [target];
    if (idx.package) candidates.push(`${idx.package}.${target}`);
    for (const c of candidates) {
      const v = this.qualified(c, hops + 1);
      if (v) return v;
    }
    const parts = target.split('.');
    for (let i = parts.length; i >= 2; i--) {
      const m = this.bySuffix.get(parts.slice(0, i).join('.'));
      if (m !== undefined && m >= 0) return this.inModule(m, parts.slice(i), hops + 1);
    }
    return undefined;
  }

  private moduleFor(mod: number, name: string): number | undefined {
    const exact = this.byName.get(name);
    if (exact !== undefined) return exact;
    const pkg = this.index[mod].package;
    const sibling = pkg ? this.byName.get(`${pkg}.${name}`) : undefined;
    if (sibling !== undefined) return sibling;
    const suffix = this.bySuffix.get(name);
    return suffix !== undefined && suffix >= 0 ? suffix : undefined;
  }

  private qualified(q: string, hops: number): Value | undefined {
    if (hops > MAX_ALIAS_HOPS || this.external.has(q)) return undefined;
    const parts = q.split('.');
    for (let i = parts.length; i >= 1; i--) {
      const m = this.byName.get(parts.slice(0, i).join('.'));
      if (m !== undefined) return this.inModule(m, parts.slice(i), hops);
    }
    // No module of the project is a prefix of it: it is someone else's name for good.
    this.external.add(q);
    return undefined;
  }

  private inModule(mod: number, rest: string[], hops: number): Value | undefined {
    if (rest.length === 0) return { taint: [], ref: { k: 'module', name: this.modules[mod].name } };
    const [head, ...more] = rest;
    const idx = this.index[mod];
    const def = idx.defs.get(head);
    if (def) return more.length === 0 ? { taint: [], ref: { k: 'fn', mod, id: def } } : undefined;
    const cls = idx.topClasses.get(head);
    if (cls) {
      if (more.length === 0) return { taint: [], ref: { k: 'class', mod, id: cls } };
      if (more.length === 1) {
        const method = this.findMethod(mod, cls, more[0]);
        return method ? { taint: [], ref: { k: 'fn', mod: method.mod, id: method.id } } : this.classAttr(mod, cls, more[0]);
      }
      return undefined;
    }
    const target = idx.imports.get(head);
    if (target !== undefined) {
      const v = this.resolveImport(mod, [target, ...more].join('.'), hops + 1);
      if (v) return v;
      return undefined;
    }
    const variable = this.globals.get(mod)?.get(head);
    if (variable && more.length === 0) return variable;
    for (const w of idx.wildcards) {
      const m = this.moduleFor(mod, w);
      if (m !== undefined && m !== mod && hops < MAX_ALIAS_HOPS) {
        const v = this.inModule(m, rest, hops + 1);
        if (v) return v;
      }
    }
    return undefined;
  }

  private collectReports(): TaintReport[] {
    const best = new Map<string, TaintReport>();
    for (const list of this.reports.values()) {
      for (const r of list) {
        const key = `${r.cls}|${r.mod}|${r.s}`;
        const current = best.get(key);
        if (!current || r.trace.length < current.trace.length) best.set(key, r);
      }
    }
    return [...best.values()].sort((a, b) => a.mod - b.mod || a.s - b.s || (a.cls < b.cls ? -1 : a.cls > b.cls ? 1 : 0));
  }
}

/**
 * A library copied into the project's vendoring folder (`pip._vendor.requests`,
 * `shop.vendor.werkzeug.security`), which the review skips, is the library its specs describe.
 */
function unvendored(q: string): string {
  const m = /^(?:[\w.]*\.)?(?:_?vendor(?:ed)?|third_party|_vendored)\.(.+)$/.exec(q);
  return m ? m[1] : q;
}

function splitKey(key: string): [number, string] {
  const i = key.indexOf(':');
  return [Number(key.slice(0, i)), key.slice(i + 1)];
}

const C_LANGUAGES = new Set(['c', 'cpp']);

function indexModule(m: ModuleIR): ModuleIndex {
  const functions = new Map(m.functions.map((f) => [f.id, f]));
  const classes = new Map(m.classes.map((c) => [c.id, c]));
  const defs = new Map<string, string>();
  for (const f of m.functions) if (!f.parent && !f.cls && f.id !== MODULE_BODY && f.name !== '<lambda>') defs.set(f.name, f.id);
  const topClasses = new Map<string, string>();
  for (const c of m.classes) if (!c.id.includes('.')) topClasses.set(c.name, c.id);
  const imports = new Map<string, string>();
  const wildcards: string[] = [];
  for (const i of m.imports) {
    if (i.local === '*') wildcards.push(i.target);
    else imports.set(i.local, i.target);
  }
  return { functions, classes, defs, topClasses, imports, wildcards, package: m.package };
}
