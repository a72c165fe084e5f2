/**
 * Which functions the project pass must analyse. A finding needs a source, so only functions that
 * read one can start a flow; data then moves down into callees (analysed on demand for their
 * summaries) and up into callers (through return values and arguments). Callers are found by
 * name — an over-approximation that is cheap and never misses one. On a large tree most functions
 * are never analysed: no source reaches them.
 */
import type { Expr, FunctionIR, ModuleIR, Stmt, Target } from './ir.js';
import type { SpecIndex } from './spec-index.js';

const MAX_METHOD_DEFINITIONS = 3;

function push(map: Map<string, FunctionRef[]>, name: string, ref: FunctionRef): void {
  const list = map.get(name);
  if (list) list.push(ref);
  else map.set(name, [ref]);
}

export interface FunctionRef {
  mod: number;
  fn: FunctionIR;
}

/**
 * What one function does that matters for relevance, computed where the module is lowered (in a
 * worker): whether it touches a source, and whom it may call — `import:<name>` (an imported
 * name), `local:<name>` (a definition of its own module), `self:<name>` (a method on self) — and
 * the method names it calls on objects of unknown type.
 */
export interface FunctionScan {
  source: boolean;
  calls: string[];
  methods: string[];
  /** It may return an object or a function (`return Job(x)`, `return inner`): its result has a type worth knowing. */
  returnsObject: boolean;
  /** It copies or assigns a non-empty string constant into a variable: a source of `fixed` text. */
  fixedText?: true;
  /** It calls a sink of hard-coded secrets: only a project with one follows fixed text at all. */
  secretSink?: true;
}

export function scanModule(m: ModuleIR, specs: SpecIndex): FunctionScan[] {
  const imports = importMap(m);
  const sources = sourceNamesFor(specs);
  // A module's functions read the same names and chains again and again (`self`, `os.path.join`):
  // each is judged once.
  const judged = new Map<string, boolean>();
  const readsSource = (chain: string): boolean => {
    let v = judged.get(chain);
    if (v === undefined) {
      const head = chain.split('.', 1)[0];
      const target = imports.get(head);
      v = sources.isSource(target === undefined ? chain : target + chain.slice(head.length)) || chain.split('.').some((part) => specs.specs.isPasswordName(part));
      judged.set(chain, v);
    }
    return v;
  };
  const linksByName = m.language === 'c' || m.language === 'cpp';
  const ownNames = new Set([...m.functions.filter((f) => !f.parent && !f.cls).map((f) => f.name), ...m.classes.map((c) => c.name)]);
  return m.functions.map((fn) => {
    const scan = scanFunction(fn, readsSource, specs);
    const calls: string[] = [];
    for (const name of scan.calls) {
      // A plain call reaches a definition of this module or an imported one; builtins reach neither.
      const target = imports.get(name);
      if (target !== undefined) calls.push(`import:${target.slice(target.lastIndexOf('.') + 1)}`);
      else if (ownNames.has(name) || fn.parent !== undefined || fn.cls !== undefined) calls.push(`local:${name}`);
      // C has no imports: a function of another file is called by its bare name.
      else if (linksByName) calls.push(`import:${name}`);
    }
    for (const name of scan.selfCalls) calls.push(`self:${name}`);
    return {
      source: scan.source,
      calls,
      methods: [...scan.methods],
      returnsObject: scan.returnsObject,
      ...(scan.fixedText ? { fixedText: true as const } : {}),
      ...(scan.secretSink ? { secretSink: true as const } : {}),
    };
  });
}

/**
 * The seeds (functions that touch a source) and, for any function, the functions that may call
 * it. The project pass analyses the seeds, then the callers of every function whose summary hands
 * source data back to its caller, and so on: taint only moves up a call chain through functions
 * that return or store it.
 */
export interface CallGraph {
  seeds: FunctionRef[];
  callers(ref: FunctionRef): FunctionRef[];
  /** Some function calls a hard-coded secret sink, so the functions that fix text are seeds too. */
  followsFixedText: boolean;
}

export function callGraph(modules: readonly ModuleIR[], scans: readonly FunctionScan[][]): CallGraph {
  const callersOf = new Map<string, FunctionRef[]>();
  const methodCallersOf = new Map<string, FunctionRef[]>();
  const definitions = new Map<string, number>();
  const seeds: FunctionRef[] = [];
  // Most functions that fix some text (`char *mode = "r"`) matter to no sink: they are followed
  // only in a project that has a sink of hard-coded secrets.
  const followsFixedText = scans.some((list) => list.some((s) => s.secretSink));
  modules.forEach((m, mod) => {
    m.functions.forEach((fn, i) => {
      const ref = { mod, fn };
      const scan = scans[mod][i];
      if (scan.source || (followsFixedText && scan.fixedText)) seeds.push(ref);
      for (const key of scan.calls) push(callersOf, key.startsWith('import:') ? key : `${mod}:${key}`, ref);
      for (const name of scan.methods) push(methodCallersOf, name, ref);
      definitions.set(fn.name, (definitions.get(fn.name) ?? 0) + 1);
    });
  });
  const callers = (ref: FunctionRef): FunctionRef[] => {
    // A constructor is called by its class's name; a closure by the function around it.
    const name = ref.fn.name === '__init__' && ref.fn.cls ? ref.fn.cls.split('.').pop()! : ref.fn.name;
    const keys = ref.fn.cls ? [`${ref.mod}:self:${ref.fn.name}`, `${ref.mod}:local:${name}`, `import:${name}`] : [`${ref.mod}:local:${name}`, `import:${name}`];
    const out = keys.flatMap((key) => callersOf.get(key) ?? []);
    // `x.name()` on an object of unknown type: only names few functions define are followed, or
    // every caller of `get` in the tree would count.
    if ((definitions.get(name) ?? 0) <= MAX_METHOD_DEFINITIONS) out.push(...(methodCallersOf.get(name) ?? []));
    const parent = ref.fn.parent !== undefined ? modules[ref.mod].functions.find((f) => f.id === ref.fn.parent) : undefined;
    if (parent) out.push({ mod: ref.mod, fn: parent });
    return out.sort((a, b) => a.mod - b.mod || a.fn.s - b.fn.s);
  };
  return { seeds: seeds.sort((a, b) => a.mod - b.mod || a.fn.s - b.fn.s), callers, followsFixedText };
}

const sourceNameCache = new WeakMap<SpecIndex, SourceNames>();

function sourceNamesFor(specs: SpecIndex): SourceNames {
  let names = sourceNameCache.get(specs);
  if (!names) sourceNameCache.set(specs, (names = new SourceNames(specs)));
  return names;
}

/**
 * Judges dotted names as the code spells them (`sys.argv`, `request.args.get`, `random.choice`):
 * a name is a source when it is a source, lies below one, or is an object sources hang off
 * (`request` passed along). `sys.stdout` is not.
 */
class SourceNames {
  private readonly names = new Set<string>();
  private readonly prefixes = new Set<string>();

  constructor(specs: SpecIndex) {
    const all = [...specs.readSources.keys(), ...specs.callSources.keys(), ...specs.weakRandom].filter((n) => !n.startsWith('.'));
    for (const n of all) {
      this.names.add(n);
      const parts = n.split('.');
      // `sys` alone is everywhere; the object below the module (`flask.request`) already counts.
      for (let i = 2; i < parts.length; i++) this.prefixes.add(parts.slice(0, i).join('.'));
    }
  }

  isSource(q: string): boolean {
    if (this.names.has(q) || this.prefixes.has(q)) return true;
    for (let i = q.lastIndexOf('.'); i > 0; i = q.lastIndexOf('.', i - 1)) if (this.names.has(q.slice(0, i))) return true;
    return false;
  }
}

function importMap(m: ModuleIR): Map<string, string> {
  return new Map(m.imports.filter((i) => i.local !== '*').map((i) => [i.local, i.target]));
}

/** `a.b.c` for a chain of names and attributes. */
function dotted(x: Expr): string | undefined {
  if (x.k === 'name') return x.n;
  if (x.k === 'attr') {
    const base = dotted(x.o);
    return base === undefined ? undefined : `${base}.${x.n}`;
  }
  return undefined;
}

interface Scan {
  source: boolean;
  fixedText: boolean;
  secretSink: boolean;
  /** Names called as plain functions, and as methods (`x.name()`). */
  calls: Set<string>;
  methods: Set<string>;
  /** Methods called on `self`/`cls`. */
  selfCalls: Set<string>;
  returnsObject: boolean;
}

/** `readsSource`: whether a name or chain (`request.args`, `db_password`) is a source, or a secret by its name. */
function scanFunction(fn: FunctionIR, readsSource: (dotted: string) => boolean, specs: SpecIndex): Scan {
  const scan: Scan = { source: false, fixedText: false, secretSink: false, calls: new Set(), methods: new Set(), selfCalls: new Set(), returnsObject: false };
  // Locals bound to new objects or functions, and the names returned, decide `returnsObject`.
  const objects = new Set<string>();
  const returned: Expr[] = [];
  const methodSources = methodSourcesOf(specs);
  if (fn.decorators.some((d) => d.k === 'call' && d.f.k === 'attr' && specs.routeDecorators.has(d.f.n))) scan.source = true;
  if (fn.params.some((p) => p.n === 'request' || specs.specs.isPasswordName(p.n) || (p.ann !== undefined && specs.specs.requestTypes[p.ann.split('.').pop()!.trim()] !== undefined))) {
    scan.source = true;
  }
  const expr = (x: Expr | undefined): void => {
    if (!x) return;
    switch (x.k) {
      // Once a source is seen, only the calls below still matter.
      case 'name':
        if (!scan.source && readsSource(x.n)) scan.source = true;
        return;
      case 'attr': {
        if (scan.source) return expr(x.o);
        const chain = dotted(x);
        if (chain !== undefined) {
          if (readsSource(chain)) scan.source = true;
        } else {
          expr(x.o);
          if (specs.specs.isPasswordName(x.n)) scan.source = true;
        }
        return;
      }
      case 'index':
        if (x.i.k === 'const' && typeof x.i.v === 'string' && specs.specs.isPasswordName(x.i.v)) scan.source = true;
        expr(x.o);
        expr(x.i);
        return;
      case 'slice':
        expr(x.o);
        x.parts.forEach(expr);
        return;
      case 'call':
        if (x.f.k === 'name') {
          scan.calls.add(x.f.n);
          if (specs.secretSinks.has(x.f.n)) scan.secretSink = true;
          if (specs.fixedTextCopies.has(x.f.n) && isFixedText(x.a[1])) scan.fixedText = true;
        } else if (x.f.k === 'attr') {
          if (x.f.o.k === 'name' && (x.f.o.n === 'self' || x.f.o.n === 'cls')) scan.selfCalls.add(x.f.n);
          else scan.methods.add(x.f.n);
          // Cookie flags are checked wherever cookies are set, source or not.
          if (methodSources.has(x.f.n) || specs.cookieSetters.has(`.${x.f.n}`)) scan.source = true;
        }
        expr(x.f);
        x.a.forEach(expr);
        x.kw.forEach((k) => expr(k.x));
        x.star?.forEach(expr);
        return;
      case 'bin':
        expr(x.l);
        expr(x.r);
        return;
      case 'un':
      case 'star':
        expr(x.x);
        return;
      case 'cmp':
      case 'bool':
        x.xs.forEach(expr);
        return;
      case 'seq':
        x.xs.forEach(expr);
        return;
      case 'cond':
        expr(x.c);
        expr(x.t);
        expr(x.f);
        return;
      case 'dict':
        for (const [k, v] of x.entries) {
          expr(k ?? undefined);
          expr(v);
        }
        return;
      case 'fmt':
        x.parts.forEach(expr);
        return;
      case 'comp':
        for (const g of x.gens) {
          target(g.t);
          expr(g.it);
          g.conds.forEach(expr);
        }
        expr(x.x);
        expr(x.v);
        return;
      case 'walrus':
        expr(x.x);
        return;
      case 'yield':
        expr(x.x);
        return;
      default:
        return;
    }
  };
  const target = (t: Target): void => {
    switch (t.k) {
      case 'name':
        if (specs.specs.isPasswordName(t.n)) scan.source = true;
        return;
      case 'attr':
        expr(t.o);
        return;
      case 'index':
        expr(t.o);
        expr(t.i);
        return;
      case 'slice':
        expr(t.o);
        return;
      case 'unpack':
        t.xs.forEach(target);
        return;
      case 'star':
        target(t.t);
        return;
      default:
        return;
    }
  };
  const stmts = (list: Stmt[]): void => {
    for (const s of list) {
      switch (s.k) {
        case 'assign':
          if (s.t.k === 'name' && makesObject(s.x)) objects.add(s.t.n);
          if (s.t.k === 'name' && specs.fixedTextCopies.size > 0 && isFixedText(s.x)) scan.fixedText = true;
          target(s.t);
          expr(s.x);
          break;
        case 'aug':
          target(s.t);
          expr(s.x);
          break;
        case 'expr':
          expr(s.x);
          break;
        case 'if':
          expr(s.c);
          stmts(s.t);
          stmts(s.f);
          break;
        case 'loop':
          stmts(s.head);
          expr(s.c);
          stmts(s.body);
          stmts(s.orelse);
          break;
        case 'return':
          if (s.x) returned.push(s.x);
          expr(s.x);
          break;
        case 'raise':
          expr(s.x);
          break;
        case 'try':
          stmts(s.body);
          for (const h of s.handlers) stmts(h.body);
          stmts(s.orelse);
          stmts(s.fin);
          break;
        case 'del':
          target(s.t);
          break;
        default:
          break;
      }
    }
  };
  stmts(fn.body);
  scan.returnsObject = returned.some((x) => makesObject(x) || (x.k === 'name' && objects.has(x.n)));
  return scan;
}

const methodSourceCache = new WeakMap<SpecIndex, ReadonlySet<string>>();

/** Source methods called on any receiver (`.recv`), by method name. */
function methodSourcesOf(specs: SpecIndex): ReadonlySet<string> {
  let names = methodSourceCache.get(specs);
  if (!names) methodSourceCache.set(specs, (names = new Set([...specs.callSources.keys()].filter((n) => n.startsWith('.')).map((n) => n.slice(1)))));
  return names;
}

/** A class instantiation (`Job(x)`, `cls(x)`), a function value, or a yield of either. */
function makesObject(x: Expr): boolean {
  if (x.k === 'func' || x.k === 'class') return true;
  if (x.k === 'cond') return makesObject(x.t) || makesObject(x.f);
  if (x.k !== 'call') return false;
  const name = x.f.k === 'name' ? x.f.n : x.f.k === 'attr' ? x.f.n : '';
  return name === 'cls' || /^[A-Z]/.test(name);
}

/** A non-empty string constant, through casts: text the program fixes. */
function isFixedText(x: Expr | undefined): boolean {
  let e = x;
  while (e?.k === 'un' && e.op === 'cast') e = e.x;
  return e?.k === 'const' && typeof e.v === 'string' && e.v.length > 0;
}
