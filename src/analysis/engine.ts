/**
 * The data-flow interpreter: runs one function's IR in statement order over abstract values,
 * producing its summary and reporting tainted data that reaches a sink.
 *
 * Flow-sensitive and path-insensitive, except that conditions folding to constants take only the
 * live branch and that sanitising checks (allow-lists, validators, normalise-then-prefix) refine
 * the variables they test in the branch they guard. Loops run to a fixpoint (bounded); calls to
 * functions of the reviewed project apply their summaries, library calls follow the spec tables
 * and otherwise pass their arguments' taint to their result.
 */
import { foldBinary, foldCompare, foldUnary, truthy } from './constants.js';
import type { ClassIR, ConstValue, Expr, FunctionIR, ModuleIR, Param, Spanned, Stmt, Target } from './ir.js';
import { MODULE_BODY } from './ir.js';
import { cppMethodName, forEachChild, forEachExprOfStmt } from './path-explorer.js';
import { isStrictValidator } from './patterns.js';
import { lookup, namedSanitizer, type SpecIndex } from './spec-index.js';
import { SINK_KINDS, type ArgCondition, type ArgRef, type SinkClass, type SinkSpec, type SourceKind } from './specs.js';
import type { SinkHit, Summary, TaintReport, TextCondition } from './summary.js';
import {
  addStep,
  ALL_CLEARABLE,
  attrKey,
  collapse,
  constant,
  container,
  exactList,
  fromLiterals,
  listItems,
  deepTaint,
  EMPTY,
  hasAnyTaint,
  joinTaint,
  joinValue,
  keyOf,
  maskOf,
  readAnyElement,
  readField,
  sameValue,
  sanitize,
  SINK_BIT,
  splice,
  step,
  tainted,
  withTaint,
  writeAnyElement,
  writeField,
  type Label,
  type Ref,
  type Taint,
  type TraceNode,
  type Value,
} from './values.js';

/** What the interpreter needs from the project pass. */
export interface ProjectView {
  readonly modules: readonly ModuleIR[];
  specs(mod: number): SpecIndex;
  fn(mod: number, id: string): FunctionIR | undefined;
  /** The absolute dotted name of a module-level function (`django.utils._os.safe_join`). */
  qualifiedName(mod: number, id: string): string | undefined;
  cls(mod: number, id: string): ClassIR | undefined;
  /** Whether a call that passes no tainted data may skip analysing this callee (see Project). */
  skippable(mod: number, id: string): boolean;
  /** The callee's summary; undefined when it cannot be had (too deep), so the call is treated as unknown. */
  summary(mod: number, id: string): Summary | undefined;
  /** A module-level name as seen from inside `mod` (module variables, definitions, imports, builtins). */
  resolveGlobal(mod: number, name: string): Value;
  /** C/C++: whether some file's functions assign the global `name`. */
  reassignedGlobal(name: string): boolean;
  /** C++: the project's definition of method `Cls::name`, if one file has it. */
  cppMethod(qualified: string): { mod: number; id: string } | undefined;
  /** Whether the project has a sink of hard-coded secrets, so text the program fixes is followed. */
  readonly followsFixedText: boolean;
  /** A project symbol by absolute dotted name, or undefined when the name is not the project's. */
  resolveQualified(q: string): Value | undefined;
  findMethod(mod: number, classId: string, name: string): { mod: number; id: string } | undefined;
  classAttr(mod: number, classId: string, name: string): Value | undefined;
  report(r: TaintReport): void;
  /** What one analysis saw reach a sink's argument: made of literals only, or not (see Project.literalSinks()). */
  noteSinkArgument(cls: SinkClass, mod: number, at: Spanned, literal: boolean): void;
  /** Whether the module returns HTML from route handlers (Flask) rather than JSON (FastAPI). */
  htmlRoutes(mod: number): boolean;
  /** The framework request type of a parameter called `request` in this module, if any. */
  requestParamType(mod: number): string | undefined;
}

type State = Map<string, Value>;

interface LoopFrame {
  breaks: State[];
  continues: State[];
}

const MAX_LOOP_ROUNDS = 3;
const LOWERING_TEMPORARY = /^__t\d+$/;
const SNIPPET = 60;
const HOST_PART = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+[/?#]/i;
const SAFE_RELATIVE = /^\/(?![/\\])/;

export class Interpreter {
  private state: State | null = new Map();
  private readonly locals: Set<string>;
  private readonly isModuleBody: boolean;
  private readonly specs: SpecIndex;
  private readonly module: ModuleIR;
  private ret: Value | undefined;
  private raised: Taint = [];
  private readonly tryRaises: Taint[][] = [];
  private readonly sinks: SinkHit[] = [];
  private readonly sinkKeys = new Set<string>();
  private readonly loops: LoopFrame[] = [];
  private readonly params = new Map<string, number>();
  private readonly mutated = new Set<string>();
  private readonly rebound = new Set<string>();
  private loopDepth = 0;
  private routeHandler = false;
  /** Whether a check made one element of a variable safe (`strchr(argv[1], '/') == NULL`), see elementKey. */
  private elementFacts = false;
  /** Whether constants copied or assigned into variables become `fixed` labels (see LanguageSpecs.fixedTextCopies). */
  private readonly fixesText: boolean;
  /** The names this function calls, for sinks that depend on a companion call (SinkSpec.alongside). */
  private calledNames: Set<string> | undefined;

  constructor(
    private readonly project: ProjectView,
    private readonly mod: number,
    private readonly fn: FunctionIR,
  ) {
    this.module = project.modules[mod];
    this.specs = project.specs(mod);
    this.locals = new Set(fn.locals);
    this.isModuleBody = fn.id === MODULE_BODY;
    this.fixesText = project.followsFixedText && this.specs.fixedTextCopies.size > 0;
  }

  /** Analyses the function; returns its summary and, for a module body, its final variables. */
  run(): { summary: Summary; globals?: State } {
    this.bindParameters();
    this.block(this.fn.body);
    const effects: Array<[number, Value]> = [];
    const end = this.state;
    for (const [name, index] of this.params) {
      if (!this.mutated.has(name) || this.rebound.has(name)) continue;
      const v = end?.get(name);
      if (v) effects.push([index, v]);
    }
    const summary: Summary = { ret: this.ret ?? EMPTY, sinks: this.sinks, effects, raises: this.raised };
    if (!this.isModuleBody) return { summary };
    const globals = new Map(end);
    if (this.elementFacts) for (const k of globals.keys()) if (isElementKey(k)) globals.delete(k);
    return { summary, globals };
  }

  /** Evaluates an expression outside any function body (class attributes). */
  evaluate(x: Expr): Value {
    return this.eval(x);
  }

  // ---- parameters -------------------------------------------------------------------------

  private bindParameters(): void {
    const fn = this.fn;
    const state = this.state!;
    this.routeHandler = this.isRouteHandler();
    const requestType = this.project.requestParamType(this.mod);
    const isMethod = fn.cls !== undefined && !fn.decorators.some((d) => d.k === 'name' && d.n === 'staticmethod');
    fn.params.forEach((p, i) => {
      this.params.set(p.n, i);
      let v: Value;
      if (i === 0 && isMethod) {
        const classmethod = fn.decorators.some((d) => d.k === 'name' && d.n === 'classmethod');
        v = { taint: [this.paramLabel(p, i)], ref: { k: classmethod ? 'class' : 'inst', mod: this.mod, id: fn.cls! } };
      } else if (this.routeHandler && this.isInputParameter(p)) {
        v = this.requestTyped(p) ?? tainted([this.sourceLabel('input', `parameter \`${p.n}\` of route handler \`${fn.name}()\``, p)]);
      } else {
        v = { taint: [this.paramLabel(p, i)] };
        const typed = this.requestTyped(p) ?? (p.n === 'request' && requestType ? { taint: [], ref: { k: 'ext', q: requestType } as Ref } : undefined);
        if (typed) v = { ...v, ref: typed.ref };
      }
      if (this.specs.specs.isPasswordName(p.n)) {
        v = withTaint(v, joinTaint(v.taint, [this.sourceLabel('password', `password \`${p.n}\``, p)]));
      }
      state.set(p.n, v);
    });
  }

  private requestTyped(p: Param): Value | undefined {
    if (!p.ann) return undefined;
    const last = p.ann.split('.').pop()!.trim();
    const type = this.specs.specs.requestTypes[last];
    return type ? { taint: [], ref: { k: 'ext', q: type } } : undefined;
  }

  private isRouteHandler(): boolean {
    for (const d of this.fn.decorators) {
      if (d.k !== 'call' || d.f.k !== 'attr' || !this.specs.routeDecorators.has(d.f.n)) continue;
      const first = d.a[0];
      if (d.f.n === 'route' || d.f.n === 'api_route' || d.f.n === 'websocket') return true;
      if (first?.k === 'const' && typeof first.v === 'string' && first.v.startsWith('/')) return true;
    }
    return false;
  }

  /**
   * The path every request this handler serves has, when its routes are constant paths without
   * variable parts (`@app.route('/reports/daily')`): `request.path` then holds nothing from the client.
   */
  private staticRoutePath(): string | undefined {
    const paths = new Set<string>();
    for (const d of this.fn.decorators) {
      if (d.k !== 'call' || d.f.k !== 'attr' || !this.specs.routeDecorators.has(d.f.n)) continue;
      const first = d.a[0];
      if (first?.k !== 'const' || typeof first.v !== 'string' || !first.v.startsWith('/') || first.v.includes('<')) return undefined;
      paths.add(first.v);
    }
    return paths.size === 1 ? [...paths][0] : undefined;
  }

  private isInputParameter(p: Param): boolean {
    if (p.n === 'self' || p.n === 'cls') return false;
    if (p.def?.k === 'call') {
      const callee = this.calleeName(p.def.f);
      if (callee && this.specs.injectedDefaults.has(callee.split('.').pop()!)) return false;
    }
    return true;
  }

  private paramLabel(p: Param, index: number): Label {
    return { kind: 'param', index, name: '', path: '', cleared: 0, trace: step(undefined, this.mod, p.s, p.e, `parameter \`${p.n}\` of \`${this.fn.name}()\``) };
  }

  private sourceLabel(kind: SourceKind, what: string, at: Spanned): Label {
    return { kind, index: -1, name: '', path: '', cleared: 0, trace: step(undefined, this.mod, at.s, at.e, `source: ${what}`) };
  }

  // ---- statements -------------------------------------------------------------------------

  private block(stmts: Stmt[]): void {
    for (const s of stmts) {
      if (this.state === null) return;
      this.stmt(s);
    }
  }

  private stmt(s: Stmt): void {
    switch (s.k) {
      case 'assign':
        this.assign(s.t, this.eval(s.x), s);
        return;
      case 'aug': {
        const current = this.targetValue(s.t);
        const value = this.binary(s.op, current, this.eval(s.x), s);
        this.assign(s.t, value, s);
        return;
      }
      case 'expr':
        this.eval(s.x);
        if (s.x.k === 'call' && this.neverReturns(s.x)) this.state = null;
        return;
      case 'if':
        this.ifStmt(s.c, s.t, s.f);
        return;
      case 'loop':
        this.loop(s);
        return;
      case 'return': {
        const v = s.x ? this.withReturnedGuard(this.eval(s.x), s.x) : EMPTY;
        if (s.x) this.checkReturnSinks(v, s.x);
        this.ret = this.ret ? joinValue(this.ret, v) : v;
        this.state = null;
        return;
      }
      case 'raise': {
        if (s.x) {
          const t = deepTaint(this.eval(s.x));
          this.raised = joinTaint(this.raised, t);
          for (const frame of this.tryRaises) frame.push(t);
        }
        this.state = null;
        return;
      }
      case 'try':
        this.tryStmt(s);
        return;
      case 'del':
        if (s.t.k === 'name') this.state!.set(s.t.n, EMPTY);
        return;
      case 'break':
        this.loops[this.loops.length - 1]?.breaks.push(this.state!);
        this.state = null;
        return;
      case 'continue':
        this.loops[this.loops.length - 1]?.continues.push(this.state!);
        this.state = null;
        return;
    }
  }

  private ifStmt(c: Expr, t: Stmt[], f: Stmt[]): void {
    const cond = this.eval(c);
    if (this.state === null) return;
    const folded = cond.c ? truthy(cond.c.v) : undefined;
    const entry = this.state;
    let thenState: State | null = null;
    let elseState: State | null = null;
    if (folded !== false) {
      this.state = this.refine(copyState(entry), c, true);
      this.block(t);
      thenState = this.state;
    }
    if (folded !== true) {
      this.state = this.refine(copyState(entry), c, false);
      this.block(f);
      elseState = this.state;
    }
    this.state = joinStates(thenState, elseState);
  }

  private loop(s: Extract<Stmt, { k: 'loop' }>): void {
    const frame: LoopFrame = { breaks: [], continues: [] };
    this.loops.push(frame);
    this.loopDepth++;
    const rounds = this.loopDepth > 2 ? 1 : MAX_LOOP_ROUNDS;
    let head: State | null = this.state;
    const exits: Array<State | null> = [];
    for (let round = 0; round < rounds && head !== null; round++) {
      frame.continues = [];
      this.state = copyState(head);
      this.block(s.head);
      if (s.c && this.state !== null) {
        const cond = this.eval(s.c);
        const folded = cond.c ? truthy(cond.c.v) : undefined;
        if (folded !== true && this.state !== null) exits.push(this.refine(copyState(this.state), s.c, false));
        this.state = folded === false || this.state === null ? null : this.refine(this.state, s.c, true);
      } else if (!s.c) {
        exits.push(head);
      }
      this.block(s.body);
      const end = frame.continues.reduce<State | null>((acc, st) => joinStates(acc, st), this.state);
      const next = joinStates(head, end);
      if (next === null || sameState(next, head)) break;
      head = next;
    }
    if (!s.c && head !== null) exits.push(head);
    this.loopDepth--;
    this.loops.pop();
    this.state = exits.reduce<State | null>((acc, st) => joinStates(acc, st), null);
    if (this.state !== null) this.block(s.orelse);
    this.state = frame.breaks.reduce<State | null>((acc, st) => joinStates(acc, st), this.state);
  }

  private tryStmt(s: Extract<Stmt, { k: 'try' }>): void {
    const entry = this.state!;
    const raises: Taint[] = [];
    this.tryRaises.push(raises);
    this.state = copyState(entry);
    this.block(s.body);
    this.tryRaises.pop();
    const bodyEnd = this.state;
    const ends: Array<State | null> = [];
    const caught = raises.reduce<Taint>((acc, t) => joinTaint(acc, t), []);
    for (const h of s.handlers) {
      this.state = joinStates(copyState(entry), bodyEnd);
      if (this.state && h.bind) this.state.set(h.bind, tainted(caught));
      this.block(h.body);
      ends.push(this.state);
    }
    this.state = bodyEnd;
    if (this.state) this.block(s.orelse);
    ends.push(this.state);
    let after = ends.reduce<State | null>((acc, st) => joinStates(acc, st), null);
    if (s.fin.length > 0) {
      const terminated = after === null;
      this.state = after ?? joinStates(copyState(entry), bodyEnd) ?? copyState(entry);
      this.block(s.fin);
      after = terminated ? null : this.state;
    }
    this.state = after;
  }

  // ---- assignment -------------------------------------------------------------------------

  private assign(t: Target, v: Value, at: Spanned): void {
    if (this.state === null) return;
    switch (t.k) {
      case 'name': {
        // The C lowering's temporaries (`__t1 = strcpy(…)`) are no step a reader can find in the code.
        let value = LOWERING_TEMPORARY.test(t.n) ? v : addStep(v, this.mod, at.s, at.e, `assigned to \`${t.n}\``);
        if (this.specs.specs.isPasswordName(t.n) && !value.taint.some((l) => l.kind === 'password')) {
          value = withTaint(value, joinTaint(value.taint, [this.sourceLabel('password', `password \`${t.n}\``, t)]));
        }
        this.checkSecretName(t.n, v, t);
        if (this.fixesText && isFixedValue(v)) value = this.withFixedLabel(value, at);
        if (this.params.has(t.n)) this.rebound.add(t.n);
        this.forgetElements(t.n);
        this.state.set(t.n, value);
        return;
      }
      case 'attr': {
        this.checkStoreSink(t.o, undefined, v, at);
        this.checkSecretName(t.n, v, t);
        this.store(t.o, (base) => writeField(base, attrKey(t.n), addStep(v, this.mod, at.s, at.e, `stored in \`${this.snippet(t)}\``)));
        return;
      }
      case 'index': {
        const key = this.eval(t.i);
        this.checkStoreSink(t.o, key, v, at);
        // A key built on a constant head (`f'rememberMe{n}'`) is named by it.
        const keyName = key.c ? (typeof key.c.v === 'string' ? key.c.v : undefined) : key.prefix;
        if (keyName) this.checkSecretName(keyName, v, t);
        const stored = addStep(v, this.mod, at.s, at.e, `stored in \`${this.snippet(t)}\``);
        this.store(t.o, (base) => (key.c ? writeField(base, keyOf(key.c.v), stored) : writeAnyElement(base, stored)));
        return;
      }
      case 'slice':
        this.store(t.o, (base) => writeAnyElement(base, v));
        return;
      case 'unpack': {
        let i = 0;
        for (const x of t.xs) {
          if (x.k === 'star') {
            this.assign(x.t, container(undefined, readAnyElement(v)), at);
          } else {
            const own = v.fields?.get(keyOf(i));
            this.assign(x, own ?? readAnyElement(v), at);
          }
          i++;
        }
        return;
      }
      case 'star':
        this.assign(t.t, v, at);
        return;
      case 'none':
        return;
    }
  }

  /** Applies `update` to the value at an access path rooted in a local variable. */
  private store(path: Expr, update: (base: Value) => Value): void {
    if (this.state === null) return;
    switch (path.k) {
      case 'name': {
        if (!this.locals.has(path.n) && !this.isModuleBody) return;
        const base = this.state.get(path.n) ?? EMPTY;
        if (this.params.has(path.n)) this.mutated.add(path.n);
        this.forgetElements(path.n);
        this.state.set(path.n, update(base));
        return;
      }
      case 'attr':
        this.store(path.o, (base) => writeField(base, attrKey(path.n), update(this.readAttr(base, path.n, path))));
        return;
      case 'index': {
        const key = this.eval(path.i);
        this.store(path.o, (base) =>
          key.c ? writeField(base, keyOf(key.c.v), update(readField(base, keyOf(key.c.v)))) : writeAnyElement(base, update(readAnyElement(base))),
        );
        return;
      }
      default:
        return;
    }
  }

  /** A write to `name` or into it ends what checks said about its elements. */
  private forgetElements(name: string): void {
    if (!this.elementFacts || !this.state) return;
    const prefix = `${name}[`;
    for (const k of this.state.keys()) if (k.startsWith(prefix)) this.state.delete(k);
  }

  private targetValue(t: Target): Value {
    switch (t.k) {
      case 'name':
        return this.eval({ k: 'name', n: t.n, s: t.s, e: t.e });
      case 'attr':
        return this.eval({ k: 'attr', o: t.o, n: t.n, s: t.s, e: t.e });
      case 'index':
        return this.eval({ k: 'index', o: t.o, i: t.i, s: t.s, e: t.e });
      default:
        return EMPTY;
    }
  }

  // ---- expressions ------------------------------------------------------------------------

  private eval(x: Expr): Value {
    switch (x.k) {
      case 'const':
        return constant(x.v);
      case 'opaque':
      case 'unknown':
        return EMPTY;
      case 'name':
        return this.name(x.n, x);
      case 'attr':
        return this.readAttr(this.eval(x.o), x.n, x);
      case 'index': {
        const o = this.eval(x.o);
        const i = this.eval(x.i);
        if (!i.c) return readAnyElement(o);
        if (this.elementFacts && x.o.k === 'name') {
          const checked = this.state?.get(elementKey(x.o.n, i.c.v));
          if (checked) return checked;
        }
        if (typeof o.c?.v === 'string' && typeof i.c.v === 'number' && Number.isInteger(i.c.v)) {
          const char = o.c.v.at(i.c.v);
          if (char !== undefined) return constant(char);
        }
        // A character or element of text the program wrote (`request.path.split('/')[1]` on a static route).
        if (fromLiterals(o)) return { taint: [], lit: true };
        // `lst[-1]` of a list known element by element is its last element.
        const index = o.len !== undefined && typeof i.c.v === 'number' && i.c.v < 0 ? o.len + i.c.v : i.c.v;
        const v = readField(o, keyOf(index));
        return typeof i.c.v === 'string' ? this.passwordRead(i.c.v, v, x) : v;
      }
      case 'slice': {
        const o = this.eval(x.o);
        for (const p of x.parts) this.eval(p);
        if (fromLiterals(o)) return { taint: [], lit: true };
        return o.fields || o.elem ? container(undefined, readAnyElement(o)) : tainted(o.taint);
      }
      case 'call':
        return this.call(x);
      case 'bin':
        return this.binary(x.op, this.eval(x.l), this.eval(x.r), x);
      case 'un': {
        const v = this.eval(x.x);
        // A C cast changes the type, not the data: `(char *)buf` still holds what `buf` holds;
        // and `&data` points at it: `*p`, read as `p[0]`, is `data` again.
        if (x.op === 'cast') return v;
        if (x.op === '&') return container(undefined, v);
        if (v.c) {
          const folded = foldUnary(x.op, v.c.v);
          if (folded !== undefined) return constant(folded);
        }
        return x.op === 'not' || x.op === '!' ? EMPTY : tainted(v.taint);
      }
      case 'cmp':
        return this.compare(x);
      case 'bool':
        return this.boolOp(x);
      case 'cond': {
        const c = this.eval(x.c);
        if (c.c) return this.eval(truthy(c.c.v) ? x.t : x.f);
        return joinValue(this.eval(x.t), this.eval(x.f));
      }
      case 'seq': {
        const values = x.xs.map((e) => (e.k === 'star' ? undefined : this.eval(e)));
        const stars = x.xs.filter((e) => e.k === 'star').map((e) => readAnyElement(this.eval((e as { x: Expr }).x)));
        if (x.kind === 'set' || stars.length > 0) {
          const all = [...values.filter((v): v is Value => v !== undefined), ...stars];
          return container(undefined, all.reduce((a, b) => joinValue(a, b), EMPTY));
        }
        return exactList(values as Value[]);
      }
      case 'dict': {
        let out: Value = container(new Map());
        for (const [k, v] of x.entries) {
          const value = this.eval(v);
          if (k === null) {
            out = mergeInto(out, value);
            continue;
          }
          const key = this.eval(k);
          out = key.c ? writeField(out, keyOf(key.c.v), value) : writeAnyElement(out, joinValue(value, tainted(key.taint)));
        }
        return out;
      }
      case 'fmt':
        return this.format(x.parts);
      case 'star':
        return this.eval(x.x);
      case 'func':
        return { taint: [], ref: { k: 'fn', mod: this.mod, id: x.id } };
      case 'class':
        return { taint: [], ref: { k: 'class', mod: this.mod, id: x.id } };
      case 'ext':
        return this.project.resolveQualified(x.q) ?? { taint: [], ref: { k: 'ext', q: x.q } };
      case 'comp':
        return this.comprehension(x);
      case 'walrus': {
        const v = this.eval(x.x);
        this.assign({ k: 'name', n: x.n, s: x.s, e: x.e }, v, x);
        return v;
      }
      case 'yield': {
        const v = x.x ? this.eval(x.x) : EMPTY;
        const produced: Value = container(undefined, v);
        this.ret = this.ret ? joinValue(this.ret, produced) : produced;
        return EMPTY;
      }
    }
  }

  private name(n: string, at: Spanned): Value {
    if (this.state && (this.locals.has(n) || (this.isModuleBody && this.state.has(n)))) {
      const v = this.state.get(n);
      if (v) return v;
      if (!this.isModuleBody) return EMPTY;
    }
    if (this.isModuleBody) return this.project.resolveGlobal(this.mod, n);
    // A C global this function assigned holds what it was given here.
    const own = this.state?.get(n);
    if (own) return own;
    if (!this.fn.globals.includes(n) && this.isFree(n)) {
      return tainted([{ kind: 'free', index: -1, name: n, path: '', cleared: 0, trace: step(undefined, this.mod, at.s, at.e, `\`${n}\` from the enclosing function`) }]);
    }
    const global = this.project.resolveGlobal(this.mod, n);
    // A C global the file's functions (or another file's) assign holds what the caller last put
    // there (`g_data = input; sink();`): read as the caller's value, like a captured variable.
    if (this.module.reassigned?.includes(n) || (this.module.vars?.[n] && this.project.reassignedGlobal(n))) {
      const label: Label = { kind: 'free', index: -1, name: n, path: '', cleared: 0, trace: step(undefined, this.mod, at.s, at.e, `global \`${n}\``) };
      return { ...global, c: undefined, taint: joinTaint(global.taint, [label]) };
    }
    return global;
  }

  /** A variable of an enclosing function (a closure read). */
  private isFree(n: string): boolean {
    for (let id = this.fn.parent; id; ) {
      const outer = this.project.fn(this.mod, id);
      if (!outer) return false;
      if (outer.locals.includes(n)) return true;
      id = outer.parent;
    }
    return false;
  }

  private readAttr(o: Value, n: string, at: Spanned | undefined): Value {
    const ref = o.ref;
    if (ref) {
      switch (ref.k) {
        case 'ext': {
          const q = `${ref.q}.${n}`;
          const project = this.project.resolveQualified(q);
          if (project) return project;
          if (this.routeHandler && this.specs.routePathReads.has(q)) {
            const path = this.staticRoutePath();
            if (path !== undefined) return constant(path);
          }
          const source = this.specs.readSources.get(q);
          let taint = readField(o, attrKey(n)).taint;
          if (source && at) {
            const label = this.sourceLabel(source.kind, `${source.what} \`${this.snippet(at)}\``, at);
            taint = joinTaint(taint, [source.safeFor ? { ...label, cleared: maskOf(source.safeFor) } : label]);
          }
          return { taint, ref: { k: 'ext', q } };
        }
        case 'module':
          return this.project.resolveQualified(`${ref.name}.${n}`) ?? { taint: [], ref: { k: 'ext', q: `${ref.name}.${n}` } };
        case 'class': {
          const method = this.project.findMethod(ref.mod, ref.id, n);
          if (method) {
            const bound = this.decoratedWith(method, 'classmethod') ? { self: o } : {};
            return { taint: [], ref: { k: 'fn', mod: method.mod, id: method.id, ...bound } };
          }
          return this.project.classAttr(ref.mod, ref.id, n) ?? readField(o, attrKey(n));
        }
        case 'inst': {
          const own = o.fields?.get(attrKey(n));
          if (own) return own;
          const method = this.project.findMethod(ref.mod, ref.id, n);
          if (method) {
            if (this.decoratedWith(method, 'staticmethod')) return { taint: [], ref: { k: 'fn', mod: method.mod, id: method.id } };
            const self: Value = this.decoratedWith(method, 'classmethod') ? { taint: [], ref: { k: 'class', mod: ref.mod, id: ref.id } } : o;
            return { taint: [], ref: { k: 'fn', mod: method.mod, id: method.id, self } };
          }
          const classValue = this.project.classAttr(ref.mod, ref.id, n);
          if (classValue && !hasAnyTaint(o)) return classValue;
          return this.passwordRead(n, readField(o, attrKey(n)), at);
        }
        default:
          return EMPTY;
      }
    }
    if (o.urlOf !== undefined && (n === 'netloc' || n === 'hostname' || n === 'scheme')) {
      return { ...readField(o, attrKey(n)), hostOf: o.urlOf };
    }
    return this.passwordRead(n, readField(o, attrKey(n)), at);
  }

  private decoratedWith(method: { mod: number; id: string }, decorator: string): boolean {
    return !!this.project.fn(method.mod, method.id)?.decorators.some((d) => d.k === 'name' && d.n === decorator);
  }

  private passwordRead(name: string, v: Value, at: Spanned | undefined): Value {
    if (!at || !this.specs.specs.isPasswordName(name) || v.taint.some((l) => l.kind === 'password')) return v;
    return withTaint(v, joinTaint(v.taint, [this.sourceLabel('password', `password \`${this.snippet(at)}\``, at)]));
  }

  private binary(op: string, l: Value, r: Value, at: Spanned): Value {
    if (l.c && r.c) {
      const folded = foldBinary(op, l.c.v, r.c.v);
      if (folded !== undefined) return constant(folded);
    }
    if (op === '+' && (l.fields || l.elem || r.fields || r.elem)) {
      return container(undefined, joinValue(readAnyElement(l), readAnyElement(r)));
    }
    const taint = joinTaint(deepTaint(l), deepTaint(r));
    const out: { -readonly [K in keyof Value]: Value[K] } = { taint };
    if (fromLiterals(l) && fromLiterals(r)) out.lit = true;
    // `Path(base) / name` is still a path object.
    if (op === '/' && l.ref?.k === 'ext') out.ref = l.ref;
    if (op === '+' && l.c && typeof l.c.v === 'string') {
      // A constant left side extends into the right side's own known prefix.
      out.prefix = l.c.v + (r.c && typeof r.c.v === 'string' ? r.c.v : (r.prefix ?? ''));
    } else if (op === '+' && l.prefix !== undefined) {
      out.prefix = l.prefix;
    } else if (op === '%' && l.c && typeof l.c.v === 'string') {
      out.prefix = l.c.v.slice(0, Math.max(0, l.c.v.indexOf('%')));
    }
    void at;
    return out;
  }

  private compare(x: Extract<Expr, { k: 'cmp' }>): Value {
    const values = x.xs.map((e) => this.eval(e));
    let result: boolean | undefined = true;
    for (let i = 0; i < x.ops.length && result !== undefined; i++) {
      const a = values[i];
      const b = values[i + 1];
      const op = x.ops[i];
      let folded: boolean | undefined;
      if (a?.c && b?.c) folded = foldCompare(op, a.c.v, b.c.v);
      else if (a?.c && (op === 'in' || op === 'not in') && b && !b.c) folded = literalMembership(a.c.v, b, op === 'in');
      if (folded === false) result = false;
      else if (folded === undefined) result = undefined;
    }
    return result === undefined ? EMPTY : constant(result);
  }

  private boolOp(x: Extract<Expr, { k: 'bool' }>): Value {
    let out: Value | undefined;
    for (let i = 0; i < x.xs.length; i++) {
      const e = x.xs[i];
      let v = this.eval(e);
      // `a and b` yields `a` only when it is falsy: an empty string or zero carries no payload.
      if (x.op === 'and' && i < x.xs.length - 1 && !v.c) v = EMPTY;
      if (v.c) {
        const t = truthy(v.c.v);
        // `a or b` stops at the first true operand, `a and b` at the first false one.
        if ((x.op === 'or' && t) || (x.op === 'and' && !t)) return out ? joinValue(out, v) : v;
        if (x.xs.length > 1) continue;
      }
      out = out ? joinValue(out, v) : v;
    }
    return out ?? EMPTY;
  }

  private format(parts: Expr[]): Value {
    let taint: Taint = [];
    let text: string | undefined = '';
    let prefix: string | undefined;
    let literal = true;
    for (const p of parts) {
      const v = this.eval(p);
      taint = joinTaint(taint, deepTaint(v));
      literal &&= fromLiterals(v);
      if (text !== undefined && v.c && v.c.v !== null) {
        text += String(v.c.v);
      } else if (text !== undefined) {
        prefix = text + (v.prefix ?? '');
        text = undefined;
      }
    }
    if (text !== undefined && taint.length === 0) return constant(text);
    return { taint, ...(prefix !== undefined ? { prefix } : {}), ...(literal ? { lit: true } : {}) };
  }

  private comprehension(x: Extract<Expr, { k: 'comp' }>): Value {
    if (this.state === null) return EMPTY;
    const saved = copyState(this.state);
    for (const g of x.gens) {
      const it = this.eval(g.it);
      this.assign(g.t, readAnyElement(it), g.t);
      for (const c of g.conds) {
        this.eval(c);
        if (this.state) this.state = this.refine(this.state, c, true);
      }
    }
    const element = this.eval(x.x);
    const value = x.v ? this.eval(x.v) : undefined;
    this.state = saved;
    if (x.kind === 'dict') return container(undefined, joinValue(value ?? EMPTY, tainted(element.taint)));
    return container(undefined, element);
  }

  // ---- calls ------------------------------------------------------------------------------

  private call(x: Extract<Expr, { k: 'call' }>): Value {
    let receiver: Value | undefined;
    let method: string | undefined;
    let callee: Value;
    if (x.f.k === 'attr') {
      receiver = this.eval(x.f.o);
      method = x.f.n;
      callee = this.readAttr(receiver, x.f.n, x.f);
    } else {
      callee = this.eval(x.f);
    }
    const args = x.a.map((a) => this.eval(a));
    const kwargs = new Map(x.kw.map((k) => [k.n, this.eval(k.x)]));
    const stars = (x.star ?? []).map((s) => this.eval(s));
    for (const k of x.kw) this.checkSecretKeyword(k.n, kwargs.get(k.n)!, k.x);
    const ref = callee.ref;
    if (ref?.k === 'fn') {
      // A library under review is still read by its contract where the specs state one: Django's
      // own safe_join sanitises paths whether or not its checks can be followed.
      const q = this.project.qualifiedName(ref.mod, ref.id);
      const spec = q !== undefined ? specSanitizerName(this.specs, q) : undefined;
      if (spec !== undefined) return this.libraryCall(x, spec, undefined, undefined, args, kwargs, stars);
      const summaryCall = this.callFunction(ref.mod, ref.id, ref.self, args, kwargs, stars, x);
      if (summaryCall) return summaryCall.ret;
    }
    // C++: `obj.action(data)` on a local object of class `Cls` runs the project's `Cls::action`.
    const cppName = this.module.language === 'cpp' && ref?.k !== 'fn' && ref?.k !== 'class' ? cppMethodName(this.fn, x) : undefined;
    const target = cppName !== undefined ? this.project.cppMethod(cppName) : undefined;
    if (target) {
      const summaryCall = this.callFunction(target.mod, target.id, undefined, args, kwargs, stars, x);
      if (summaryCall) return summaryCall.ret;
    }
    if (ref?.k === 'class') return this.construct(ref.mod, ref.id, args, kwargs, stars, x);
    const qualified = ref?.k === 'ext' ? ref.q : undefined;
    return this.libraryCall(x, qualified, method, receiver, args, kwargs, stars);
  }

  /**
   * Python's list methods on a list known element by element (`Value.len`), which keep it known:
   * the benchmark-style `lst.append('safe'); lst.append(x); lst.pop(0); bar = lst[1]` reads the
   * constant, not `x`. Reordering with an unknown result (`sort`, `remove`) forgets the positions.
   */
  private listMethod(list: Expr, method: string, receiver: Value, args: Value[]): Value | undefined {
    const items = listItems(receiver);
    if (!items) return undefined;
    const position = (v: Value | undefined, fallback: number, size: number): number | undefined => {
      if (!v) return fallback;
      if (typeof v.c?.v !== 'number' || !Number.isInteger(v.c.v)) return undefined;
      return v.c.v < 0 ? size + v.c.v : v.c.v;
    };
    const update = (next: (base: Value[]) => Value[] | undefined): void =>
      this.store(list, (base) => {
        const current = listItems(base);
        const out = current && next(current);
        return out ? exactList(out, base.taint) : container(undefined, readAnyElement(base), base.taint);
      });
    switch (method) {
      case 'append':
        if (args.length !== 1) return undefined;
        update((xs) => [...xs, args[0]]);
        return EMPTY;
      case 'insert': {
        if (args.length !== 2) return undefined;
        update((xs) => {
          const at = position(args[0], 0, xs.length);
          return at === undefined ? undefined : [...xs.slice(0, Math.max(0, at)), args[1], ...xs.slice(Math.max(0, at))];
        });
        return EMPTY;
      }
      case 'pop': {
        if (args.length > 1) return undefined;
        const at = position(args[0], items.length - 1, items.length);
        const known = at !== undefined && at >= 0 && at < items.length;
        update((xs) => (known && xs.length === items.length ? [...xs.slice(0, at), ...xs.slice(at + 1)] : undefined));
        return known ? items[at] : readAnyElement(receiver);
      }
      case 'reverse':
        update((xs) => [...xs].reverse());
        return EMPTY;
      case 'clear':
        update(() => []);
        return EMPTY;
      case 'sort':
      case 'remove':
        update(() => undefined);
        return EMPTY;
      default:
        return undefined;
    }
  }

  /**
   * Tests that fix where a URL leads: `url.startswith("https://example.com/")` (a host ended by a
   * path, query or fragment), and `host.endswith(".example.com")` on the host of a parsed URL.
   */
  private urlPrefixGuard(x: Extract<Expr, { k: 'call' }>, method: string | undefined, receiver: Value | undefined, args: Value[]): Value | undefined {
    if ((method !== 'startswith' && method !== 'endswith') || x.f.k !== 'attr' || args.length !== 1 || !receiver) return undefined;
    const texts = args[0].len !== undefined ? listItems(args[0])?.map(constString) : [constString(args[0])];
    if (!texts || texts.length === 0 || texts.some((t) => t === undefined)) return undefined;
    const clears = SINK_BIT.redirect | SINK_BIT.ssrf;
    if (method === 'startswith' && texts.every((t) => HOST_PART.test(t!))) {
      const subject = placeOf(x.f.o);
      return subject !== undefined ? { taint: [], guard: { subject, clears, needsNormalized: false } } : undefined;
    }
    if (method === 'endswith' && receiver.hostOf !== undefined && texts.every((t) => /^\.[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(t!))) {
      return { taint: [], guard: { subject: receiver.hostOf, clears, needsNormalized: false } };
    }
    return undefined;
  }

  private withFixedLabel(v: Value, at: Spanned): Value {
    return withTaint(v, joinTaint(v.taint, [this.sourceLabel('fixed', `text fixed in the program \`${this.snippet(at)}\``, at)]));
  }

  /** Whether this module imports one of `packages` or something inside them. */
  private imports(packages: readonly string[]): boolean {
    return this.module.imports.some(({ target }) => packages.some((p) => target === p || target.startsWith(`${p}.`)));
  }

  /** Whether this function calls `name` anywhere. */
  private calls(name: string): boolean {
    if (!this.calledNames) {
      const names = new Set<string>();
      const visit = (x: Expr): void => {
        if (x.k === 'call' && x.f.k === 'name') names.add(x.f.n);
        forEachChild(x, visit);
      };
      for (const s of this.fn.body) forEachExprOfStmt(s, visit);
      this.calledNames = names;
    }
    return this.calledNames.has(name);
  }

  private declaredType(name: string): string | undefined {
    return (this.fn.vars?.[name] ?? this.module.vars?.[name])?.type;
  }

  private libraryCall(
    x: Extract<Expr, { k: 'call' }>,
    q: string | undefined,
    method: string | undefined,
    receiver: Value | undefined,
    args: Value[],
    kwargs: Map<string, Value>,
    stars: Value[],
  ): Value {
    const specs = this.specs;
    if (method !== undefined && receiver?.len !== undefined && x.f.k === 'attr') {
      const listed = this.listMethod(x.f.o, method, receiver, args);
      if (listed) return listed;
    }
    const arg = (r: ArgRef): Value | undefined => this.argument(r, receiver, args, kwargs);
    const argExpr = (r: ArgRef): Expr | undefined => argumentExpr(r, x);
    const name = q ?? (method !== undefined ? `.${method}` : 'the call');
    const sinkSpecs = (q !== undefined ? specs.sinks.get(q) : undefined) ?? (method !== undefined ? specs.sinks.get(`.${method}`) : undefined) ?? [];
    let sinkResult: 'clean' | 'propagate' | undefined;
    for (const spec of sinkSpecs) {
      if (spec.when && !spec.when.every((c) => this.conditionHolds(c, receiver, args, kwargs, x))) {
        const requires = this.callersDecide(spec, receiver, args, kwargs, x);
        if (requires) this.checkCallSink(spec, x, name, receiver, args, kwargs, stars, requires);
        continue;
      }
      if (spec.alongside && !spec.alongside.some((name) => this.calls(name))) continue;
      if (spec.imports && !this.imports(spec.imports)) continue;
      if (spec.receiverName && !(x.f.k === 'attr' && spec.receiverName.test(this.snippet(x.f.o)))) continue;
      if (spec.receiverType && !(x.f.k === 'attr' && x.f.o.k === 'name' && spec.receiverType.test(this.declaredType(x.f.o.n) ?? ''))) continue;
      sinkResult ??= spec.result;
      this.checkCallSink(spec, x, name, receiver, args, kwargs, stars);
    }
    if (method !== undefined && specs.specs.isSecretSetter(method)) {
      for (const a of args) this.checkSink('weak-random', a, x, `stored as a secret by \`${method}()\``);
    }
    if (specs.cookieSetters.has(q ?? '') || (method !== undefined && specs.cookieSetters.has(`.${method}`))) {
      const value = arg({ pos: 1, kw: 'value' });
      if (value) this.checkSink('weak-random', value, x, `stored in a cookie (\`${this.short(name)}()\`)`);
      this.checkCookieFlags(x, arg({ pos: 0, kw: 'key' }), kwargs, stars.length > 0);
    }
    if (q !== undefined && specs.weakRandom.has(q)) {
      return tainted([this.sourceLabel('random', `weak random value from \`${this.short(q)}()\``, x)]);
    }
    const urlGuard = this.urlPrefixGuard(x, method, receiver, args);
    if (urlGuard) return urlGuard;
    const guard = lookup(specs.guards, q, method);
    if (guard) {
      const subjectExpr = argExpr(guard.subject);
      if (guard.pattern) {
        const pattern = guard.pattern === 'receiver' ? receiver?.pattern : constString(arg(guard.pattern));
        const full = (q ?? method ?? '').endsWith('fullmatch');
        const implicitStart = full || (q ?? method ?? '').endsWith('match');
        if (pattern === undefined || !isStrictValidator(pattern, implicitStart, full)) return EMPTY;
      }
      const subject = placeOf(subjectExpr);
      return subject !== undefined ? { taint: [], guard: { subject, clears: maskOf(guard.clears), needsNormalized: !!guard.needsNormalized, ...(guard.passesWhenFalse ? { whenFalse: true } : {}) } } : EMPTY;
    }
    // `name.replace("'", "&apos;")`: as after `"'" not in name`, the text cannot end an XPath string literal.
    if (method === 'replace' && receiver && removesQuote(args[0], args[1])) return sanitize(receiver, SINK_BIT.xpath);
    // Sanitizers come before sources: `request.args.get('n', type=int)` reads input and converts it.
    const sanitizer = lookup(specs.sanitizers, q, method) ?? namedSanitizer(specs, q, method);
    if (sanitizer && (!sanitizer.when || sanitizer.when.every((c) => this.conditionHolds(c, receiver, args, kwargs, x)))) {
      const subject = arg(sanitizer.arg ?? (sanitizer.calls.includes(`.${method}`) && !specs.sanitizers.has(q ?? '') ? 'receiver' : { pos: 0 })) ?? EMPTY;
      // Escaping text the program wrote leaves text the program wrote.
      if (fromLiterals(subject)) return { taint: [], lit: true };
      return sanitize(collapse(subject), maskOf(sanitizer.clears));
    }
    const source = lookup(specs.callSources, q, method);
    if (source && (q !== undefined ? specs.callSources.has(q) : true)) {
      const base = this.defaultResult(q, receiver, args, kwargs, stars);
      const label = this.sourceLabel(source.kind, `${source.what} \`${this.snippet(x)}\``, x);
      return { ...base, taint: joinTaint(base.taint, [source.safeFor ? { ...label, cleared: maskOf(source.safeFor) } : label]) };
    }
    // `strcpy(password, PASSWORD)`: the copy holds text the program fixes.
    if (this.fixesText && q !== undefined && specs.fixedTextCopies.has(q) && args[1] && isFixedValue(args[1])) {
      return this.withFixedLabel(this.defaultResult(q, receiver, args, kwargs, stars), x);
    }
    const propagator = lookup(specs.propagators, q, method);
    if (propagator) return this.propagate(propagator, x, receiver, args, kwargs, stars);
    if (sinkResult === 'clean') return q !== undefined ? { taint: [], ref: { k: 'ext', q: `${q}()` } } : EMPTY;
    return this.defaultResult(q, receiver, args, kwargs, stars, method, x);
  }

  private defaultResult(
    q: string | undefined,
    receiver: Value | undefined,
    args: Value[],
    kwargs: Map<string, Value>,
    stars: Value[],
    method?: string,
    x?: Extract<Expr, { k: 'call' }>,
  ): Value {
    let taint: Taint = receiver && !(receiver.ref && receiver.ref.k !== 'ext') ? deepTaint(receiver) : [];
    for (const a of args) taint = joinTaint(taint, deepTaint(a));
    for (const a of kwargs.values()) taint = joinTaint(taint, deepTaint(a));
    for (const a of stars) taint = joinTaint(taint, deepTaint(a));
    // Decoding, encoding and reshaping text the program wrote keeps it the program's.
    if (taint.length === 0 && (q !== undefined ? this.specs.pureCalls.has(q) : method !== undefined && this.specs.pureCalls.has(`.${method}`))) {
      const inputs = [...(receiver && q === undefined ? [receiver] : []), ...args, ...kwargs.values(), ...stars];
      if (inputs.length > 0 && inputs.every(fromLiterals)) return { taint: [], lit: true };
    }
    const out: { -readonly [K in keyof Value]: Value[K] } = { taint };
    if (q !== undefined) out.ref = { k: 'ext', q: `${q}()` };
    if (method === 'format' && receiver?.c && typeof receiver.c.v === 'string') {
      out.prefix = receiver.c.v.slice(0, Math.max(0, receiver.c.v.indexOf('{')));
    }
    if (q === 'dict' && x && kwargs.size > 0 && args.length === 0) {
      let d: Value = container(new Map());
      for (const [k, v] of kwargs) d = writeField(d, keyOf(k), v);
      return d;
    }
    if (taint.length === 0 && !out.ref && out.prefix === undefined) {
      // A pure function of constants (str(3), "a".upper()) stays constant-free but clean.
      return EMPTY;
    }
    return out;
  }

  private propagate(
    spec: NonNullable<ReturnType<typeof lookup<import('./specs.js').PropagatorSpec>>>,
    x: Extract<Expr, { k: 'call' }>,
    receiver: Value | undefined,
    args: Value[],
    kwargs: Map<string, Value>,
    stars: Value[],
  ): Value {
    const arg = (r: ArgRef): Value | undefined => this.argument(r, receiver, args, kwargs);
    const receiverExpr = x.f.k === 'attr' ? x.f.o : undefined;
    const storeReceiver = (update: (base: Value) => Value): void => {
      if (receiverExpr) this.store(receiverExpr, update);
    };
    switch (spec.op) {
      case 'clean':
        return EMPTY;
      case 'result-from': {
        let taint: Taint = [];
        for (const r of spec.from ?? []) {
          const v = arg(r);
          if (v) taint = joinTaint(taint, deepTaint(v));
        }
        return tainted(taint);
      }
      case 'into-receiver': {
        let added: Value = EMPTY;
        for (const r of spec.from ?? [{ pos: 0 }]) {
          const v = arg(r);
          if (v) added = joinValue(added, spec.spread ? readAnyElement(v) : v);
        }
        storeReceiver((base) => writeAnyElement(base, added));
        return spec.returns && receiver ? readAnyElement(receiver) : EMPTY;
      }
      case 'read-key': {
        if (!receiver) return EMPTY;
        let v: Value = receiver;
        for (const r of spec.key ?? [{ pos: 0 }]) {
          const key = arg(r);
          v = key?.c ? readField(v, keyOf(key.c.v)) : readAnyElement(v);
        }
        for (const r of spec.from ?? []) {
          const d = arg(r);
          if (d) v = joinValue(v, d);
        }
        const keyExpr = x.a[0];
        if (keyExpr?.k === 'const' && typeof keyExpr.v === 'string') v = this.passwordRead(keyExpr.v, v, x);
        return v;
      }
      case 'write-key': {
        const keys = (spec.key ?? [{ pos: 0 }]).map((r) => arg(r));
        const value = (spec.value ? arg(spec.value) : undefined) ?? EMPTY;
        const write = (base: Value, i: number): Value => {
          const key = keys[i];
          if (i === keys.length - 1) {
            if (!key?.c) return writeAnyElement(base, value);
            return writeField(base, keyOf(key.c.v), spec.overwrite ? value : joinValue(readField(base, keyOf(key.c.v)), value));
          }
          return key?.c ? writeField(base, keyOf(key.c.v), write(readField(base, keyOf(key.c.v)), i + 1)) : writeAnyElement(base, write(readAnyElement(base), i + 1));
        };
        storeReceiver((base) => write(base, 0));
        return value;
      }
      case 'merge': {
        const other = arg({ pos: 0 }) ?? EMPTY;
        storeReceiver((base) => {
          let out = mergeInto(base, other);
          for (const [k, v] of kwargs) out = writeField(out, keyOf(k), v);
          return out;
        });
        return EMPTY;
      }
      case 'copy':
        return receiver ?? arg({ pos: 0 }) ?? EMPTY;
      case 'format': {
        const all = this.defaultResult(undefined, receiver, args, kwargs, stars);
        const format = spec.value ? arg(spec.value) : undefined;
        if (typeof format?.c?.v !== 'string') return all;
        const end = format.c.v.indexOf('%');
        return { ...all, prefix: end < 0 ? format.c.v : format.c.v.slice(0, end) };
      }
      case 'normalize': {
        const v = arg({ pos: 0 }) ?? receiver ?? EMPTY;
        return { ...collapse(v), normalized: true, ...(v.ref?.k === 'ext' ? { ref: v.ref } : {}) };
      }
      case 'url-parts': {
        const subject = x.a[0];
        const v = collapse(arg({ pos: 0 }) ?? EMPTY);
        return subject?.k === 'name' ? { ...v, urlOf: subject.n } : v;
      }
      case 'regex': {
        const pattern = constString(arg({ pos: 0 }));
        return pattern !== undefined ? { taint: [], pattern: this.withFlags(pattern, { pos: 1, kw: 'flags' }, x), ref: { k: 'ext', q: 're.Pattern' } } : EMPTY;
      }
      case 'flag': {
        const kw = spec.kw ?? '';
        const v = kwargs.get(kw);
        const value = v?.c ? String(v.c.v).toLowerCase() : v ? undefined : spec.default;
        return value === undefined ? EMPTY : constant(`${kw}=${value}`);
      }
      case 'attr': {
        const name = constString(arg({ pos: 1 }));
        const o = arg({ pos: 0 }) ?? EMPTY;
        return name !== undefined ? this.readAttr(o, name, x) : this.defaultResult(undefined, undefined, args, kwargs, stars);
      }
    }
  }

  private argument(r: ArgRef, receiver: Value | undefined, args: Value[], kwargs: Map<string, Value>): Value | undefined {
    if (r === 'receiver') return receiver;
    return (r.kw !== undefined ? kwargs.get(r.kw) : undefined) ?? (r.pos !== undefined ? args[r.pos] : undefined);
  }

  private conditionHolds(c: ArgCondition, receiver: Value | undefined, args: Value[], kwargs: Map<string, Value>, x: Extract<Expr, { k: 'call' }>): boolean {
    if (c.onlyWith) {
      const data = this.argument(c.onlyWith, receiver, args, kwargs);
      if (!data || !hasAnyTaint(data)) return false;
    }
    const v = this.argument(c.arg, receiver, args, kwargs);
    const expr = argumentExpr(c.arg, x);
    switch (c.is) {
      case 'truthy':
        return !!v?.c && truthy(v.c.v);
      case 'not-truthy':
        return !v || (!!v.c && !truthy(v.c.v));
      case 'contains':
        return !!v?.c && typeof v.c.v === 'string' && (c.values ?? []).some((needle) => (v.c!.v as string).includes(needle));
      case 'starts-with': {
        const text = v ? textOf(v) : undefined;
        return text !== undefined && (c.values ?? []).some((start) => text.startsWith(start));
      }
      case 'exponential-regex': {
        // A compiled pattern has its flags already; a pattern string has them beside it.
        const pattern = v?.pattern ?? (v?.c && typeof v.c.v === 'string' ? this.withFlags(v.c.v, c.flags, x) : undefined);
        return pattern !== undefined && !!this.specs.specs.exponentialRegex?.(pattern);
      }
      case 'one-of':
      case 'not-one-of': {
        const names = new Set(c.values ?? []);
        const hit = !!v && ((v.c !== undefined && names.has(String(v.c.v))) || (v.ref?.k === 'ext' && names.has(v.ref.q)) || (expr !== undefined && names.has(this.snippet(expr))));
        return c.is === 'one-of' ? hit : !hit;
      }
    }
  }

  private checkCallSink(spec: SinkSpec, x: Extract<Expr, { k: 'call' }>, name: string, receiver: Value | undefined, args: Value[], kwargs: Map<string, Value>, stars: Value[], requires?: TextCondition): void {
    const what = `${spec.what} (\`${this.short(name)}()\`)`;
    const refs = spec.args === 'all' ? args.map((_, i) => ({ pos: i })) : spec.args;
    for (const r of refs) {
      let v = this.argument(r, receiver, args, kwargs);
      if (!v) continue;
      if (spec.argv) v = this.programPart(v);
      if (spec.tupleBody && v.len !== undefined) v = readField(v, keyOf(0));
      if (spec.hostPrefixSafe && this.hostFixed(v, spec.sink)) continue;
      if (!requires) this.project.noteSinkArgument(spec.sink, this.mod, x, fromLiterals(v) || (spec.sink === 'code' && checkedLiteral(v)));
      this.checkSink(spec.sink, v, x, what, false, requires);
    }
    // `f(*args)` may fill any position, but not the receiver.
    const positional = spec.args === 'all' || spec.args.some((r) => r !== 'receiver' && r.pos !== undefined);
    if (positional) for (const s of stars) this.checkSink(spec.sink, s, x, what);
  }

  /** For an argv list, the part that chooses what runs: the program, or the script of `sh -c`. */
  private programPart(v: Value): Value {
    if (!v.fields && !v.elem) return v;
    const program = readField(v, keyOf(0));
    const flag = readField(v, keyOf(1));
    const scriptFlag = flag.c?.v === '-c' || flag.c?.v === '/c';
    // A program chosen among constants (`sh` here, `cmd.exe` on Windows) is no single constant,
    // but followed by `-c` or `/c` it is an interpreter all the same.
    const shell = program.c ? typeof program.c.v === 'string' && /(^|\/)(sh|bash|zsh|dash|ksh|cmd(\.exe)?|powershell(\.exe)?)$/.test(program.c.v) : scriptFlag && !hasAnyTaint(program);
    return shell && scriptFlag ? joinValue(program, readField(v, keyOf(2))) : program;
  }

  /** True when a constant prefix already fixes the scheme and host (or a same-site path). */
  private hostFixed(v: Value, sink: SinkClass): boolean {
    const text = v.c && typeof v.c.v === 'string' ? v.c.v : v.prefix;
    if (text === undefined) return false;
    return HOST_PART.test(text) || (sink === 'redirect' && SAFE_RELATIVE.test(text) && text.length > 1);
  }

  /** This function put tainted data in a global of `mod` that the callee may read (see name()). */
  private carriesGlobals(mod: number): boolean {
    if (!this.state) return false;
    const names = mod === this.mod ? (this.module.reassigned ?? []) : [...this.state.keys()].filter((g) => this.project.reassignedGlobal(g));
    return names.some((g) => {
      const v = this.state!.get(g);
      return v !== undefined && hasAnyTaint(v);
    });
  }

  private callFunction(
    mod: number,
    id: string,
    self: Value | undefined,
    args: Value[],
    kwargs: Map<string, Value>,
    stars: Value[],
    x: Extract<Expr, { k: 'call' }>,
  ): { ret: Value; bound: Value[] } | undefined {
    const callee = this.project.fn(mod, id);
    if (!callee) return undefined;
    const bound = this.bindArguments(callee, self, args, kwargs, stars);
    if (!bound.some((v) => v !== undefined && hasAnyTaint(v)) && !this.carriesGlobals(mod) && this.project.skippable(mod, id)) return { ret: EMPTY, bound };
    const summary = this.project.summary(mod, id);
    if (!summary) return undefined;
    const calleeName = `${callee.name}()`;
    const boundExprs = this.boundExpressions(callee, self !== undefined, x);
    const subst = (v: Value): Value => this.substitute(v, bound, callee, x);
    for (const hit of summary.sinks) {
      // A condition on the parameter's text: this call's argument decides it, or passes it up.
      let requires = hit.requires;
      if (requires && (hit.label.kind === 'param' || hit.label.kind === 'free')) {
        const held = hit.label.kind === 'param' ? (bound[hit.label.index] ?? EMPTY) : this.eval({ k: 'name', n: hit.label.name, s: x.s, e: x.e });
        const text = textOf(this.readPath(held, hit.label.path, x));
        if (text !== undefined && !meets(requires, text)) continue;
        if (text !== undefined) requires = undefined;
      }
      for (const label of this.substituteLabel(hit.label, bound, callee, x)) {
        if (requires && label.kind !== 'param' && label.kind !== 'free') continue;
        const trace = step(label.trace, hit.mod, hit.s, hit.e, `sink: ${hit.what}`);
        this.emitSinkLabel(hit.cls, label, requires ? hit : withoutRequires(hit), trace, hit.what);
      }
    }
    if (summary.raises.length > 0) {
      const raised = deepTaint(subst(tainted(summary.raises)));
      this.raised = joinTaint(this.raised, raised);
      for (const frame of this.tryRaises) frame.push(raised);
    }
    for (const [index, effect] of summary.effects) {
      const after = joinValue(bound[index] ?? EMPTY, subst(effect));
      bound[index] = after;
      const target = boundExprs[index];
      if (target) this.store(target, () => after);
    }
    let ret = addStep(subst(summary.ret), this.mod, x.s, x.e, `returned from \`${calleeName}\``);
    if (summary.ret.guard) {
      // A validator (`is_plain_name(name)`): its verdict is about what this call passed it.
      const { guard, ...rest } = ret;
      const passed = boundExprs[callee.params.findIndex((p) => p.n === summary.ret.guard!.subject)];
      const subject = placeOf(passed);
      ret = subject !== undefined ? { ...rest, guard: { ...guard!, subject } } : rest;
    }
    return { ret, bound };
  }

  /**
   * A function that returns a check of one of its parameters (`return strchr(name, '/') == NULL;`)
   * is a validator: its result, when true, says what the check says about that parameter.
   */
  private withReturnedGuard(v: Value, x: Expr): Value {
    if (v.guard || !this.state || this.fn.params.length === 0 || (x.k !== 'cmp' && x.k !== 'bool' && x.k !== 'un' && x.k !== 'call')) return v;
    // Most returns check nothing about a parameter: a call's facts are found by calling it again.
    if (!mentionsAny(x, new Set(this.fn.params.map((p) => p.n)))) return v;
    const facts = this.facts(x, true, copyState(this.state));
    const subject = facts[0]?.name;
    if (!subject || facts.some((f) => f.name !== subject) || !this.fn.params.some((p) => p.n === subject)) return v;
    const clears = facts.reduce((m, f) => m | f.clears, 0);
    return { ...v, guard: { subject, clears, needsNormalized: facts.some((f) => !!f.needsNormalized) } };
  }

  private construct(mod: number, classId: string, args: Value[], kwargs: Map<string, Value>, stars: Value[], x: Extract<Expr, { k: 'call' }>): Value {
    const instance: Value = { taint: [], ref: { k: 'inst', mod, id: classId } };
    const init = this.project.findMethod(mod, classId, '__init__');
    if (init) {
      const result = this.callFunction(init.mod, init.id, instance, args, kwargs, stars, x);
      if (result) return result.bound[0] ?? instance;
    }
    let out = instance;
    for (const [k, v] of kwargs) out = writeField(out, attrKey(k), v);
    let taint: Taint = [];
    for (const a of [...args, ...stars]) taint = joinTaint(taint, deepTaint(a));
    return taint.length ? writeAnyElement(out, tainted(taint)) : out;
  }

  /** Argument values by parameter index, Python style: positional, then keywords, *args, **kwargs. */
  private bindArguments(callee: FunctionIR, self: Value | undefined, args: Value[], kwargs: Map<string, Value>, stars: Value[]): Value[] {
    const params = callee.params;
    const bound: Value[] = new Array(params.length).fill(undefined);
    let next = 0;
    if (self !== undefined && params.length > 0) bound[next++] = self;
    const extra: Value[] = [];
    for (const a of args) {
      while (next < params.length && params[next].kind !== 'positional' && params[next].kind !== 'varargs') next++;
      const p = params[next];
      if (!p) extra.push(a);
      else if (p.kind === 'varargs') extra.push(a);
      else bound[next++] = a;
    }
    const extraKw = new Map<string, Value>();
    for (const [k, v] of kwargs) {
      const i = params.findIndex((p) => p.n === k && (p.kind === 'positional' || p.kind === 'keyword'));
      if (i >= 0) bound[i] = v;
      else extraKw.set(k, v);
    }
    const spread = stars.reduce((acc, s) => joinValue(acc, collapse(s)), EMPTY);
    params.forEach((p, i) => {
      if (p.kind === 'varargs') {
        const fields = new Map<string, Value>();
        extra.forEach((v, j) => fields.set(keyOf(j), v));
        bound[i] = container(fields, stars.length ? spread : undefined);
      } else if (p.kind === 'kwargs') {
        const fields = new Map<string, Value>();
        for (const [k, v] of extraKw) fields.set(keyOf(k), v);
        bound[i] = container(fields, stars.length ? spread : undefined);
      } else if (bound[i] === undefined) {
        bound[i] = stars.length ? spread : p.def ? this.evalDefault(p.def) : EMPTY;
      }
    });
    return bound;
  }

  private evalDefault(x: Expr): Value {
    return x.k === 'const' ? constant(x.v) : EMPTY;
  }

  /** The caller's expressions passed for each parameter, where they are storable access paths. */
  private boundExpressions(callee: FunctionIR, hasSelf: boolean, x: Extract<Expr, { k: 'call' }>): Array<Expr | undefined> {
    const out: Array<Expr | undefined> = new Array(callee.params.length).fill(undefined);
    let next = 0;
    if (hasSelf && x.f.k === 'attr') out[next++] = x.f.o;
    else if (hasSelf) next++;
    for (const a of x.a) {
      if (next >= callee.params.length || callee.params[next].kind !== 'positional') break;
      out[next++] = a;
    }
    for (const k of x.kw) {
      const i = callee.params.findIndex((p) => p.n === k.n);
      if (i >= 0) out[i] = k.x;
    }
    return out.map((e) => (e && (e.k === 'name' || e.k === 'attr' || e.k === 'index') ? e : undefined));
  }

  /** A summary value seen from the call site: parameter and free-variable labels become the caller's data. */
  private substitute(v: Value, bound: Value[], callee: FunctionIR, x: Spanned, depth = 0): Value {
    if (!hasAnyTaint(v) || depth > 4) return v.ref?.k === 'fn' && v.ref.self ? { ...v, ref: { ...v.ref, self: this.substitute(v.ref.self, bound, callee, x, depth + 1) } } : v;
    let taint: Taint = [];
    for (const l of v.taint) for (const m of this.substituteLabel(l, bound, callee, x)) taint = joinTaint(taint, [m]);
    let out: Value = { ...v, taint };
    if (v.elem) out = { ...out, elem: this.substitute(v.elem, bound, callee, x, depth + 1) };
    if (v.fields) {
      const fields = new Map<string, Value>();
      for (const [k, f] of v.fields) fields.set(k, this.substitute(f, bound, callee, x, depth + 1));
      out = { ...out, fields };
    }
    return out;
  }

  private substituteLabel(l: Label, bound: Value[], callee: FunctionIR, x: Spanned): Label[] {
    if (l.kind !== 'param' && l.kind !== 'free') return [l];
    let actual: Value;
    let passed: string;
    if (l.kind === 'param') {
      actual = bound[l.index] ?? EMPTY;
      passed = `passed to \`${callee.name}()\` as \`${callee.params[l.index]?.n ?? '?'}\``;
    } else {
      actual = this.name(l.name, x);
      passed = this.module.vars?.[l.name] ? `global \`${l.name}\` read by \`${callee.name}()\`` : `\`${l.name}\` captured by \`${callee.name}()\``;
    }
    actual = this.readPath(actual, l.path, x);
    const out: Label[] = [];
    for (const a of deepTaint(actual)) {
      // The callee's own steps after its parameter (the first step of its trace) follow the call.
      const trace = splice(step(a.trace, this.mod, x.s, x.e, passed), l.trace);
      out.push({ ...a, cleared: a.cleared | l.cleared, trace });
    }
    return out;
  }

  private readPath(v: Value, path: string, at: Spanned): Value {
    if (path === '') return v;
    let out = v;
    for (const part of path.split('\0')) {
      if (part.startsWith('.')) out = this.readAttr(out, part.slice(1), at);
      else if (part === '#?') out = readAnyElement(out);
      else out = readField(out, part);
    }
    return out;
  }

  // ---- sinks ------------------------------------------------------------------------------

  /** `local`: only data already known here counts; parameters do not make the function a summary sink. */
  private checkSink(cls: SinkClass, v: Value, at: Spanned, what: string, local = false, requires?: TextCondition): void {
    const bit = SINK_BIT[cls];
    const kind = SINK_KINDS[cls];
    for (const l of deepTaint(v)) {
      if (l.cleared & bit) continue;
      if (l.kind === kind && !requires) {
        const trace = step(l.trace, this.mod, at.s, at.e, `sink: ${what}`);
        this.project.report({ cls, mod: this.mod, s: at.s, e: at.e, fn: this.fn.id, trace, what });
      } else if (!local && (l.kind === 'param' || l.kind === 'free')) {
        this.addSinkHit({ cls, mod: this.mod, s: at.s, e: at.e, fn: this.fn.id, label: l, what, ...(requires ? { requires } : {}) });
      }
    }
  }

  /**
   * A sink whose condition is on the text of its argument (`putenv(data)` with `data` starting
   * with `PATH=`), where that text is a parameter's that this function knows nothing of: the
   * condition goes into the summary, for the callers to decide (SinkHit.requires).
   */
  private callersDecide(spec: SinkSpec, receiver: Value | undefined, args: Value[], kwargs: Map<string, Value>, x: Extract<Expr, { k: 'call' }>): TextCondition | undefined {
    const open = (spec.when ?? []).filter((c) => !this.conditionHolds(c, receiver, args, kwargs, x));
    const c = open.length === 1 ? open[0] : undefined;
    if (!c || (c.is !== 'starts-with' && c.is !== 'one-of') || spec.args === 'all' || !spec.args.some((r) => sameArg(r, c.arg))) return undefined;
    const v = this.argument(c.arg, receiver, args, kwargs);
    if (!v || textOf(v) !== undefined || !deepTaint(v).some((l) => l.kind === 'param' || l.kind === 'free')) return undefined;
    return { is: c.is, values: c.values ?? [] };
  }

  /** A label arriving at a callee's sink through its summary. */
  private emitSinkLabel(cls: SinkClass, l: Label, hit: SinkHit, trace: TraceNode, what: string): void {
    if (l.cleared & SINK_BIT[cls]) return;
    if (l.kind === SINK_KINDS[cls]) {
      this.project.report({ cls, mod: hit.mod, s: hit.s, e: hit.e, fn: hit.fn, trace, what });
    } else if (l.kind === 'param' || l.kind === 'free') {
      this.addSinkHit({ ...hit, cls, label: { ...l, trace: dropLast(trace) }, what });
    }
  }

  private addSinkHit(hit: SinkHit): void {
    const key = `${hit.cls}|${hit.mod}|${hit.s}|${hit.label.kind}|${hit.label.index}|${hit.label.name}|${hit.label.path}|${hit.label.cleared}|${hit.requires ? 'if' : ''}`;
    if (this.sinkKeys.has(key)) return;
    this.sinkKeys.add(key);
    this.sinks.push(hit);
  }

  private checkStoreSink(base: Expr, key: Value | undefined, v: Value, at: Spanned): void {
    const target = this.eval(base);
    const q = target.ref?.k === 'ext' ? target.ref.q : undefined;
    const byName = q !== undefined ? this.specs.storeSinks.get(q) : undefined;
    const byAttr = base.k === 'attr' && !hasAnyTaint(target) ? this.specs.storeSinks.get(`.${base.n}`) : undefined;
    const spec = byName ?? (key !== undefined ? byAttr : undefined);
    if (spec && (key !== undefined || byName)) {
      this.checkSink(spec.sink, v, at, `${spec.what} (\`${this.snippet(base)}\`)`);
      // The client choosing which entry the session holds crosses the boundary as much as its value.
      if (key) this.checkSink(spec.sink, key, at, `${spec.what} as a key (\`${this.snippet(base)}\`)`);
    }
  }

  /** A session cookie must be `secure` (HTTPS only) and `httponly` (out of reach of scripts). */
  private neverReturns(x: Extract<Expr, { k: 'call' }>): boolean {
    const name = this.calleeName(x.f);
    return name !== undefined && this.specs.noReturn.has(name);
  }

  private checkCookieFlags(x: Spanned, name: Value | undefined, kwargs: Map<string, Value>, spread: boolean): void {
    if (spread) return;
    const set = (flag: string): boolean => {
      const v = kwargs.get(flag);
      return !!v?.c && truthy(v.c.v);
    };
    const secure = kwargs.get('secure');
    const label = typeof name?.c?.v === 'string' ? `"${name.c.v}"` : `\`${this.snippet(x)}\``;
    let missing: string[];
    let what: string;
    if (typeof name?.c?.v === 'string' && this.specs.specs.isSessionCookie(name.c.v)) {
      missing = ['secure', 'httponly'].filter((flag) => !set(flag));
      what = `the cookie ${label} without ${missing.map((m) => `${m}=True`).join(' and ')}`;
    } else if (secure?.c && !truthy(secure.c.v)) {
      // Whatever the cookie holds, `secure=False` written out is a decision to send it over plain HTTP.
      missing = ['secure'];
      what = `the cookie ${label} with secure=False, so it also travels over plain HTTP`;
    } else {
      return;
    }
    if (missing.length === 0) return;
    const trace = step(undefined, this.mod, x.s, x.e, `sink: ${what}`);
    this.project.report({ cls: 'cookie', mod: this.mod, s: x.s, e: x.e, fn: this.fn.id, trace, what, cwe: missing.includes('secure') ? 614 : 1004 });
  }

  private checkSecretName(name: string, v: Value, at: Spanned): void {
    if (!this.specs.specs.isSecretName(name)) return;
    // Names are everywhere; only values already known to be weakly random are followed into them.
    if (!deepTaint(v).some((l) => l.kind === 'random')) return;
    this.checkSink('weak-random', v, at, `used as the secret \`${name}\``, true);
  }

  private checkSecretKeyword(name: string, v: Value, at: Spanned): void {
    this.checkSecretName(name, v, at);
  }

  private checkReturnSinks(v: Value, at: Spanned): void {
    if (this.routeHandler && this.project.htmlRoutes(this.mod) && !v.ref && !v.fields && !v.elem) {
      this.checkSink('xss', v, at, `returned as the HTML response of \`${this.fn.name}()\``);
    }
    if (this.specs.specs.isSecretFunction(this.fn.name) && !this.isModuleBody) {
      this.checkSink('weak-random', v, at, `returned as a secret by \`${this.fn.name}()\``, true);
    }
  }

  // ---- conditions -------------------------------------------------------------------------

  /** The state in the branch where `c` evaluates to `truth`, with checked variables made safe. */
  private refine(state: State, c: Expr, truth: boolean): State {
    for (const fact of this.facts(c, truth, state)) {
      const v = state.get(fact.name) ?? this.elementValue(state, fact.name);
      if (!v || (fact.needsNormalized && !v.normalized)) continue;
      // Text of unknown origin checked to be one string literal is as good as one the program wrote.
      state.set(fact.name, fact.quotedLiteral && !hasAnyTaint(v) && !v.ref ? { taint: [], lit: true } : sanitize(v, fact.clears));
    }
    return state;
  }

  /** What element key `key` (see elementKey) reads before any check, when its variable is known. */
  private elementValue(state: State, key: string): Value | undefined {
    if (!isElementKey(key)) return undefined;
    const open = key.indexOf('[');
    const base = state.get(key.slice(0, open));
    if (!base) return undefined;
    this.elementFacts = true;
    return readField(base, key.slice(open + 1, -1));
  }

  private facts(c: Expr, truth: boolean, state: State): Fact[] {
    switch (c.k) {
      case 'un':
        return c.op === 'not' || c.op === '!' ? this.facts(c.x, !truth, state) : [];
      case 'bool':
        if ((c.op === 'and') === truth) {
          const facts = c.xs.flatMap((x) => this.facts(x, truth, state));
          const quoted = quotedLiteralCheck(c.xs.map((x) => [x, truth]));
          return quoted ? [...facts, { name: quoted, clears: SINK_BIT.code, quotedLiteral: true }] : facts;
        }
        return commonFacts(c.xs.map((x) => this.facts(x, truth, state)));
      case 'walrus':
        return [...this.facts(c.x, truth, state), ...this.guardFacts(state.get(c.n), truth)];
      case 'name':
        return this.guardFacts(state.get(c.n), truth);
      case 'call':
        return this.guardFacts(this.pureGuard(c, state), truth);
      case 'cmp':
        return c.ops.length === 1 ? this.comparisonFacts(c.ops[0], c.xs[0], c.xs[1], truth, state) : [];
      default:
        return [];
    }
  }

  private guardFacts(v: Value | undefined, truth: boolean): Fact[] {
    if (!v?.guard || truth === !!v.guard.whenFalse) return [];
    return [{ name: v.guard.subject, clears: v.guard.clears, needsNormalized: v.guard.needsNormalized }];
  }

  /** Re-reads a guard call in a condition without re-running its arguments' side effects. */
  private pureGuard(c: Extract<Expr, { k: 'call' }>, state: State): Value | undefined {
    if (!c.a.every(isPure) || !c.kw.every((k) => isPure(k.x)) || (c.f.k === 'attr' && !isPure(c.f.o))) return undefined;
    // In the state the branch starts from: the other branch may have run (and ended) already.
    const saved = this.state;
    this.state = copyState(state);
    const v = this.call(c);
    this.state = saved;
    return v;
  }

  private comparisonFacts(op: string, a: Expr, b: Expr, truth: boolean, state: State): Array<{ name: string; clears: number }> {
    // C allow-list: `strspn(s, "a-z0-9…") == strlen(s)`, every character of s from the set.
    const allowed = (op === '==' || op === '!=') && (op === '==') === truth ? (allowListed(a, b) ?? allowListed(b, a)) : undefined;
    if (allowed) return [allowed];
    // C style: a check call compared with NULL or 0 (`strchr(s, '/') != NULL`) is the call tested for truth.
    const zero = (e: Expr): boolean => e.k === 'const' && (e.v === null || e.v === 0 || e.v === false);
    if ((op === '==' || op === '!=') && ((a.k === 'call' && zero(b)) || (b.k === 'call' && zero(a)))) {
      return this.guardFacts(this.pureGuard((a.k === 'call' ? a : b) as Extract<Expr, { k: 'call' }>, state), (op === '!=') === truth);
    }
    const positive = (op === 'in' || op === '==' || op === 'is') === truth;
    if (!positive && op !== 'in' && op !== 'not in') return [];
    const saved = this.state;
    this.state = copyState(state);
    const left = isPure(a) ? this.eval(a) : undefined;
    const right = isPure(b) ? this.eval(b) : undefined;
    this.state = saved;
    const out: Array<{ name: string; clears: number }> = [];
    const hostClears = SINK_BIT.redirect | SINK_BIT.ssrf;
    if (op === 'in' || op === 'not in') {
      if (positive) {
        // `x in ALLOWED`: x equals one of trusted values.
        if (a.k === 'name' && right && !hasAnyTaint(right) && !right.c) out.push({ name: a.n, clears: ALL_CLEARABLE });
        if (left?.hostOf !== undefined && right && !hasAnyTaint(right)) out.push({ name: left.hostOf, clears: hostClears });
      } else if (b.k === 'name' && left?.c && typeof left.c.v === 'string' && left.c.v.includes('..')) {
        // `'..' not in path`: no parent-directory step.
        out.push({ name: b.n, clears: SINK_BIT.path });
      } else if (b.k === 'name' && (left?.c?.v === "'" || left?.c?.v === '"')) {
        // `"'" not in name`: the text cannot end an XPath string literal, which has no escapes.
        out.push({ name: b.n, clears: SINK_BIT.xpath });
      }
      return out;
    }
    for (const [x, other] of [
      [a, right],
      [b, left],
    ] as const) {
      if (!other || hasAnyTaint(other)) continue;
      if (x.k === 'name' && other.c) out.push({ name: x.n, clears: ALL_CLEARABLE });
    }
    for (const [v, other] of [
      [left, right],
      [right, left],
    ] as const) {
      // An empty host is no host: `netloc == ""` holds for `javascript:…` and `\\evil.example`.
      if (v?.hostOf !== undefined && other && !hasAnyTaint(other) && other.c?.v !== '') out.push({ name: v.hostOf, clears: hostClears });
    }
    return out;
  }

  // ---- helpers ----------------------------------------------------------------------------

  private calleeName(f: Expr): string | undefined {
    if (f.k === 'name') {
      const v = this.project.resolveGlobal(this.mod, f.n);
      return v.ref?.k === 'ext' ? v.ref.q : f.n;
    }
    if (f.k === 'attr') {
      const base = this.calleeName(f.o);
      return base ? `${base}.${f.n}` : undefined;
    }
    return undefined;
  }

  /** A regular expression with the flags the call passes it in argument `flags`, as the language reads them together. */
  private withFlags(pattern: string, flags: ArgRef | undefined, x: Extract<Expr, { k: 'call' }>): string {
    const written = flags ? argumentExpr(flags, x) : undefined;
    return written && this.specs.specs.regexPattern ? this.specs.specs.regexPattern(pattern, this.snippet(written)) : pattern;
  }

  private snippet(at: Spanned): string {
    const text = this.module.text.slice(at.s, at.e).replace(/\s+/g, ' ').trim();
    return text.length > SNIPPET ? `${text.slice(0, SNIPPET - 1)}…` : text;
  }

  private short(name: string): string {
    return name.replace(/\(\)/g, '').replace(/^\./, '');
  }
}

/** The expression passed for an argument at a call site. */
function argumentExpr(r: ArgRef, x: Extract<Expr, { k: 'call' }>): Expr | undefined {
  if (r === 'receiver') return x.f.k === 'attr' ? x.f.o : undefined;
  const byName = r.kw !== undefined ? x.kw.find((k) => k.n === r.kw)?.x : undefined;
  return byName ?? (r.pos !== undefined ? x.a[r.pos] : undefined);
}

function constString(v: Value | undefined): string | undefined {
  return v?.c && typeof v.c.v === 'string' ? v.c.v : v?.pattern;
}

/** Expressions that can be evaluated twice without repeating effects. */
function isPure(x: Expr): boolean {
  switch (x.k) {
    case 'const':
    case 'name':
    case 'opaque':
      return true;
    case 'attr':
      return isPure(x.o);
    case 'index':
      return isPure(x.o) && isPure(x.i);
    case 'seq':
      return x.xs.every(isPure);
    case 'bin':
      return isPure(x.l) && isPure(x.r);
    case 'un':
      return isPure(x.x);
    case 'fmt':
      return x.parts.every(isPure);
    case 'call':
      // Parsing a URL to check its host has no effect worth repeating.
      return x.a.every(isPure) && x.kw.length === 0 && (x.f.k === 'name' || (x.f.k === 'attr' && isPure(x.f.o)));
    default:
      return false;
  }
}

/** `'a' in ['a', 'b']` on a literal collection of constants. */
function literalMembership(needle: ConstValue, hay: Value, positive: boolean): boolean | undefined {
  if (hasAnyTaint(hay) || hay.elem || !hay.fields) return undefined;
  const values = [...hay.fields.values()];
  if (!values.every((v) => v.c)) return undefined;
  const found = values.some((v) => v.c!.v === needle);
  return positive ? found : !found;
}

function mergeInto(target: Value, other: Value): Value {
  let out = target;
  if (other.fields) for (const [k, v] of other.fields) out = writeField(out, k, v);
  if (other.elem) out = writeAnyElement(out, other.elem);
  if (other.taint.length) out = writeAnyElement(out, tainted(other.taint));
  return out;
}

function dropLast(t: TraceNode): TraceNode {
  return t.prev ?? t;
}

/**
 * A copy of a state. Map.forEach, not `new Map(state)` or for…of: with inlining off, both make an
 * entry per variable that is garbage at once, and states are copied at every branch.
 */
function copyState(s: State): State {
  const out: State = new Map();
  s.forEach((v, k) => out.set(k, v));
  return out;
}

function joinStates(a: State | null, b: State | null): State | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a === b) return a;
  const out = copyState(a);
  b.forEach((v, k) => {
    const w = out.get(k);
    if (w === v) return;
    // A check of an element holds after the join only where both paths made it.
    if (w) out.set(k, joinValue(w, v));
    else if (!isElementKey(k)) out.set(k, v);
  });
  a.forEach((_v, k) => {
    if (isElementKey(k) && !b.has(k)) out.delete(k);
  });
  return out;
}

/**
 * The state key of one element of a variable at a constant index (`argv[1]` is `argv[#n1]`):
 * where a check proved something about that element alone. Variable names never end in `]`.
 */
function elementKey(name: string, index: ConstValue): string {
  return `${name}[${keyOf(index)}]`;
}

/**
 * The text a value is known to hold or start with: a constant, or the prefix a C buffer a call
 * filled holds (`snprintf(entry, …, "PATH=%s", dir)`).
 */
function textOf(v: Value): string | undefined {
  return v.prefix ?? (typeof v.c?.v === 'string' ? v.c.v : v.elem?.prefix);
}

function meets(c: TextCondition, text: string): boolean {
  return c.is === 'starts-with' ? c.values.some((start) => text.startsWith(start)) : c.values.includes(text);
}

function sameArg(a: ArgRef, b: ArgRef): boolean {
  return a === b || (a !== 'receiver' && b !== 'receiver' && a.pos === b.pos && a.kw === b.kw);
}

function withoutRequires(hit: SinkHit): SinkHit {
  if (!hit.requires) return hit;
  const { requires: _r, ...rest } = hit;
  void _r;
  return rest;
}

/** A non-empty string constant: text the program fixes. */
function isFixedValue(v: Value): boolean {
  return typeof v.c?.v === 'string' && v.c.v.length > 0;
}

function isElementKey(key: string): boolean {
  return key.charCodeAt(key.length - 1) === 93;
}

/** What a guard call checks: a variable, or an element of one at a constant index. */
/**
 * The spec name of a sanitizer the project itself defines. A module's dotted name follows the path
 * the review was given (`utils._os` inside `django/`, `usr.lib….django.utils._os` for an absolute
 * path), so names that end in one another count.
 */
function specSanitizerName(specs: SpecIndex, q: string): string | undefined {
  // Asked at every call of a project function: each name is matched once.
  let known = sanitizerNames.get(specs);
  if (!known) sanitizerNames.set(specs, (known = new Map()));
  if (known.has(q)) return known.get(q);
  let found: string | undefined = specs.sanitizers.has(q) ? q : undefined;
  for (const name of specs.sanitizers.keys()) if (!found && name.includes('.') && (name.endsWith(`.${q}`) || q.endsWith(`.${name}`))) found = name;
  known.set(q, found);
  return found;
}

const sanitizerNames = new WeakMap<SpecIndex, Map<string, string | undefined>>();

function placeOf(x: Expr | undefined): string | undefined {
  let e = x;
  while (e?.k === 'un' && e.op === 'cast') e = e.x;
  // Python's `str(p)` is the path p as text: a check on it is a check on p.
  if (e?.k === 'call' && e.f.k === 'name' && e.f.n === 'str' && e.a.length === 1 && e.kw.length === 0) e = e.a[0];
  if (e?.k === 'name') return e.n;
  if (e?.k === 'index' && e.o.k === 'name' && e.i.k === 'const' && (typeof e.i.v === 'number' || typeof e.i.v === 'string')) return elementKey(e.o.n, e.i.v);
  return undefined;
}

function sameState(a: State, b: State): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || !sameValue(v, w)) return false;
  }
  return true;
}

/** Whether `x` reads one of `names` as a plain name, anywhere inside it. */
function mentionsAny(x: Expr, names: ReadonlySet<string>): boolean {
  if (x.k === 'name') return names.has(x.n);
  let found = false;
  forEachChild(x, (c) => {
    found ||= mentionsAny(c, names);
  });
  return found;
}

/** Characters whose absence makes text safe for each kind of sink. */
const UNSAFE_CHARACTERS: Array<[SinkClass, RegExp]> = [
  ['command', /[\s;&|$`<>(){}[\]*?!~#'"\\]/],
  ['format', /%/],
  ['path', /[/\\]/],
];

/**
 * `strspn(s, SET) == strlen(s)` (in either order): s holds only characters of the literal SET,
 * which clears the sinks none of SET's characters can harm.
 */
function allowListed(span: Expr, len: Expr): { name: string; clears: number } | undefined {
  const named = (x: Expr, fn: string): x is Extract<Expr, { k: 'call' }> => x.k === 'call' && x.f.k === 'name' && x.f.n === fn;
  if (!named(span, 'strspn') || !named(len, 'strlen')) return undefined;
  const [subject, set] = span.a;
  const measured = len.a[0];
  if (subject?.k !== 'name' || measured?.k !== 'name' || measured.n !== subject.n || set?.k !== 'const' || typeof set.v !== 'string') return undefined;
  const text = set.v;
  const clears = UNSAFE_CHARACTERS.reduce((m, [cls, bad]) => (bad.test(text) ? m : m | SINK_BIT[cls]), 0);
  return clears === 0 ? undefined : { name: subject.n, clears };
}

/** What a condition proves about a variable in one branch: it is safe for the sinks in `clears`. */
interface Fact {
  name: string;
  clears: number;
  /** Only once the path is normalized (`startswith(BASE)` on a normalized path). */
  needsNormalized?: boolean;
  /** The text is one quoted string literal (quotedLiteralCheck). */
  quotedLiteral?: boolean;
}

/** What each of several alternatives proves (`host == A or host.endswith(B)`): what all of them prove. */
function commonFacts(alternatives: Fact[][]): Fact[] {
  const [first, ...rest] = alternatives;
  if (!first) return [];
  const out: Fact[] = [];
  for (const f of first) {
    let clears = f.clears;
    let needsNormalized = !!f.needsNormalized;
    for (const other of rest) {
      const same = other.filter((g) => g.name === f.name && !g.quotedLiteral);
      clears &= same.reduce((m, g) => m | g.clears, 0);
      needsNormalized ||= same.some((g) => g.needsNormalized);
    }
    if (clears !== 0 && !f.quotedLiteral) out.push({ name: f.name, clears, ...(needsNormalized ? { needsNormalized } : {}) });
  }
  return out;
}

/** `replace(old, new)` arguments that take every quote of one kind out of the text. */
function removesQuote(old: Value | undefined, replacement: Value | undefined): boolean {
  const quote = old?.c?.v;
  const by = replacement?.c?.v;
  return (quote === "'" || quote === '"') && typeof by === 'string' && !by.includes(quote);
}

/**
 * The variable that conditions which all hold (each with its truth) prove to be one Python string
 * literal: it starts and ends with the same quote and has none inside
 * (`x.startswith("'") and x.endswith("'") and "'" not in x[1:-1]`), so `eval(x)` only makes a string.
 */
function quotedLiteralCheck(conditions: Array<[Expr, boolean]>): string | undefined {
  const starts = new Map<string, string>();
  const ends = new Map<string, string>();
  const inside = new Map<string, string>();
  for (let [x, truth] of conditions) {
    while (x.k === 'un' && x.op === 'not') [x, truth] = [x.x, !truth];
    if (x.k === 'call' && truth && x.f.k === 'attr' && x.f.o.k === 'name' && x.a.length === 1 && x.a[0].k === 'const' && (x.a[0].v === "'" || x.a[0].v === '"')) {
      if (x.f.n === 'startswith') starts.set(x.f.o.n, x.a[0].v);
      if (x.f.n === 'endswith') ends.set(x.f.o.n, x.a[0].v);
    }
    if (x.k === 'cmp' && x.ops.length === 1 && (x.ops[0] === 'in') !== truth && (x.ops[0] === 'in' || x.ops[0] === 'not in')) {
      const [quote, slice] = x.xs;
      if (quote.k === 'const' && (quote.v === "'" || quote.v === '"') && slice.k === 'slice' && slice.o.k === 'name' && isInnerSlice(slice.parts)) inside.set(slice.o.n, quote.v);
    }
  }
  for (const [name, quote] of starts) if (ends.get(name) === quote && inside.get(name) === quote) return name;
  return undefined;
}

/** Input that a check proved to be one quoted string literal (quotedLiteralCheck): `eval` of it only makes a string. */
function checkedLiteral(v: Value): boolean {
  const taint = deepTaint(v);
  return taint.length > 0 && !v.fields && !v.elem && taint.every((l) => (l.cleared & SINK_BIT.code) !== 0);
}

/** `[1:-1]`: the text between the first and the last character. */
function isInnerSlice(parts: Expr[]): boolean {
  const value = (x: Expr | undefined): unknown => (x?.k === 'const' ? x.v : x?.k === 'un' && x.op === '-' && x.x.k === 'const' && typeof x.x.v === 'number' ? -x.x.v : undefined);
  return parts.length === 2 && value(parts[0]) === 1 && value(parts[1]) === -1;
}
