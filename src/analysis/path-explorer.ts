/**
 * A path-sensitive abstract interpreter over one function's control-flow graph, for the checks
 * that need to know what holds on a particular path: memory and handles used after release or
 * never released, NULL dereferences, reads and writes outside an object, integer overflow and
 * division by zero on untrusted values, locks left held.
 *
 * Each program point keeps a small set of states (one per group of paths) instead of merging
 * them at every join, so a NULL check, an early return or a constant condition on one path does
 * not leak into the others; branches whose condition contradicts the state are dropped. Past a
 * few states per point (and after a few trips round a loop) states are joined and widened, and
 * every function has a step budget, so the analysis always ends; near the end of the budget all
 * paths are merged, so that the rest of the function is still checked. What a library call does
 * comes from the language's models (`PathLanguage.call`); calls to functions of the same file
 * apply a summary computed from their own exploration (which parameters they free, whether they
 * return fresh memory or a number read from input), and a call passing what the callee's own
 * exploration could not assume (an untrusted number, NULL, a buffer of known size) has the callee
 * explored again as that call runs it, so a defect in a helper is found for the caller that
 * causes it (EntryContext).
 *
 * Data-flow of strings into injection sinks is not done here but by the shared taint engine
 * (engine.ts); this analysis only tracks whether numbers and buffer contents come from input,
 * because the range an attacker can choose is part of what makes an index or a size dangerous.
 */
import { ownString } from '../core/memory.js';
import { bufferRoot, keptParams, paramAliases, returnedParam } from './kept-params.js';
import { buildCfg, reversePostOrder, type Cfg, type Step } from './cfg.js';
import type { Expr, FunctionIR, ModuleIR, Spanned, Stmt, Target, VarDecl } from './ir.js';
import {
  cloneState,
  deleteObj,
  deleteVar,
  emptyState,
  setLock,
  setObj,
  setVar,
  isPointer,
  joinState,
  joinVal,
  num,
  sameState,
  TOP,
  widenState,
  type Obj,
  type Origin,
  type Placed,
  type State,
  type Val,
} from './path-state.js';

export interface IntType {
  bits: number;
  signed: boolean;
}

export type EventKind =
  | 'use-after-free'
  | 'double-free'
  | 'free-not-heap'
  | 'free-offset'
  | 'mismatched-release'
  | 'memory-leak'
  | 'handle-leak'
  | 'null-unchecked'
  | 'null-known'
  | 'null-late-check'
  | 'out-of-bounds'
  | 'int-overflow'
  | 'int-underflow'
  | 'divide-by-zero'
  | 'unbounded-alloc'
  | 'input-loop'
  | 'input-wait'
  | 'infinite-loop'
  | 'endless-loop'
  | 'lock-not-released'
  | 'unlock-not-held'
  | 'double-lock';

export interface PathEvent extends Spanned {
  kind: EventKind;
  cwe: number;
  message: string;
  /** Id of the function it was found in. */
  fn: string;
  /** Earlier places the message refers to (the allocation, the free …). */
  related: Array<Placed & { label: string }>;
  /** Untrusted data involved, for the trace. */
  from?: Origin;
}

/** What a same-file function does that matters to its callers. */
export interface PathSummary {
  /** Parameter paths (`0`, `0->user`) freed on every normal return. */
  frees: Array<{ path: string; family: string }>;
  /**
   * Every return hands back fresh memory, or a stream or descriptor just opened, of this family
   * (or NULL, or -1 for a descriptor): the caller owns it.
   */
  returnsAlloc?: { family: string; region: Obj['region']; nul: boolean; handle?: boolean; freedAt?: Placed };
  /** No path returns (it always exits or aborts): callers' paths end at the call. */
  noReturn?: boolean;
  /** Some path returns a number read from input: the range of every return, and where the input came from. */
  returnsInput?: Val;
  /**
   * Parameters the function may hand on to someone who outlives the call (kept-params.ts), or
   * releases on some paths only: either way not the caller's to release any more.
   */
  keeps?: number[];
  /** Parameters whose buffer the function fills with input on some path (`read_line(buf, n)`), and where. */
  fillsInput?: Array<{ param: number; from?: Origin }>;
  /** Every return hands back this parameter as it came in (`return buf;`). */
  returnsParam?: number;
}

/**
 * What a caller knows on entry to a same-file function when it passes something the callee's own
 * exploration could not assume: an untrusted number (as an argument, or in one of the file's
 * globals), NULL, an allocation not yet checked for NULL, or a buffer of known size. The callee is
 * explored once more as that call runs it (`badSink(data)` indexing a buffer with `data`, copying
 * into it, dereferencing it), with the call's constant arguments too, so that what it does only
 * for some of them is not taken for what it always does.
 */
export interface EntryContext {
  params: ReadonlyMap<number, Val>;
  /**
   * Untrusted numbers in what parameters point to or hold, by access path with the parameter's
   * index for its name: `0[0]` for `sink(&data)`, `0.len` for `sink(msg)`, `0[2]` for `sink(array)`.
   */
  members: ReadonlyMap<string, Val>;
  /** What pointer parameters point to: copies of the caller's objects, which the callee does not own. */
  objs: ReadonlyMap<number, Obj>;
  globals: ReadonlyMap<string, Val>;
  /** What pointer globals point to (`g_data = buf; sink();`), as for `objs`. */
  globalObjs?: ReadonlyMap<string, Obj>;
  /** What pointer members point to (`sink(&data)`: `0[0]`), as for `objs`. */
  memberObjs?: ReadonlyMap<string, Obj>;
  /** The call, shown in the trace of what the exploration finds. */
  via: Placed & { label: string };
}

export interface ObjectSpec {
  family: string;
  region: Obj['region'];
  size?: Val;
  /** The result can be NULL (or -1 for a handle) when the allocation fails. */
  canFail: boolean;
  /** The call returns a handle number rather than a pointer. */
  handle?: boolean;
  name: string;
  input?: boolean;
  from?: Origin;
  len?: [number, number];
  /** Whether leaving it unreleased is a leak; by default heap memory and handles are. */
  owned?: boolean;
  /** Tells apart several objects one call creates. */
  site?: string;
  /** Elements of this array point to that object (argv's strings). */
  elems?: number;
  /** The size is a product written in the call, which c/alloc-size-overflow judges: no unbounded-size report. */
  productSize?: boolean;
}

/** What a library-call model may ask of the explorer. */
export interface CallApi {
  readonly name: string;
  readonly at: Spanned;
  readonly args: readonly Val[];
  readonly receiver?: Val;
  argExpr(i: number): Expr | undefined;
  allocate(spec: ObjectSpec): Val;
  /** free(), delete, fclose() … of argument `i`, which must come from one of `families`. */
  release(i: number | 'receiver', families: string[], what: string): void;
  /** Argument `i` is read or written through for `bytes` bytes ('string': up to its terminator). */
  access(i: number, mode: 'read' | 'write', bytes?: Val | 'string', what?: string): void;
  /** The object argument `i` points to, when it is known. */
  object(i: number): Obj | undefined;
  setObject(o: Obj): void;
  /** Argument `i`, of no known object, is filled with untrusted input (`fgets(buf, …)`). */
  fillUnknown(i: number, from: Origin): void;
  /** Stores `v` into the variable or field argument `i` points to (`&x`). */
  storeThrough(i: number, v: Val): void;
  /** Size in bytes of what argument `i` points to (its element type), when known. */
  pointeeSize(i: number): number | undefined;
  /** `new T[n]`, `new T`: the size in bytes of T, when known. */
  newTypeSize(): number | undefined;
  pointeeIntType(i: number): IntType | undefined;
  lock(key: string, op: 'lock' | 'unlock' | 'try', result?: 'zero-means-held'): Val;
  lockKeyOf(i: number | 'receiver'): string | undefined;
  escape(i: number): void;
  /** The call does not return (exit, abort): this path ends here. */
  noReturn(): void;
  report(kind: EventKind, cwe: number, message: string, from?: Origin): void;
  origin(what: string): Origin;
  describe(i: number): string;
  /** Argument `i` is a pointer variable (not an array named directly). */
  viaPointer(i: number): boolean;
}

export interface PathLanguage {
  intType(type: string): IntType | undefined;
  sizeOf(type: string, ptr: number, dims?: number[]): number | undefined;
  fields(type: string): Record<string, VarDecl> | undefined;
  returnType(callee: string): IntType | undefined;
  /** The call's effect and value; undefined when the call is not modelled. */
  call(api: CallApi): Val | undefined;
  /** Which argument a lock operation locks, so a function's own locks are known before it runs. */
  lockOperation(callee: string): { op: 'lock' | 'unlock' | 'try'; arg: number | 'receiver' } | undefined;
  /** Unknown functions whose name says they keep what they are given (list_add, set_owner …). */
  keepsArguments(callee: string): boolean;
}

export interface SummaryView {
  summary(fnName: string): PathSummary | undefined;
  /** Explores a same-file function again as a call that passes it `context` runs it (EntryContext). */
  specialize?(fnName: string, context: EntryContext): void;
  /** A call of a function the file does not define, passing `context`: another file may define it. */
  external?(fnName: string, context: EntryContext): void;
  /** Function `caller` hands memory or a handle it owns to `callee`, which the file does not define. */
  handedOver?(caller: string, callee: string): void;
}

/** The summary of a function nothing is known about: it frees nothing this call must not pass on. */
const NO_FREES: PathSummary = { frees: [] };

const MAX_STATES = 3;
const MAX_LOOP_STATES = 2;
/** CFG steps above which a function is explored with one merged state per point. */
const LARGE_FUNCTION = 60;
const MAX_SHAPES = 8;
/** Steps per CFG step: enough for a few trips round each loop, so the cost stays linear in the code. */
const STEPS_PER_STEP = 2;
const MIN_BUDGET = 200;
/** Steps kept, beyond one per CFG step, for the rest of a function once paths are merged. */
const RESERVE = 50;
const LARGE = 2 ** 20;
const HUGE_HEAP = 2 ** 30;
const MEMORY_FAMILIES = new Set(['malloc', 'new', 'new[]']);
const MAGNITUDE = new Set(['abs', 'labs', 'llabs', 'fabs', 'fabsf', 'fabsl']);
const HUGE_STACK = 2 ** 20;
const STANDARD_STREAMS = new Set(['stdin', 'stdout', 'stderr']);
/** Globals the C library itself writes, which a call may change whatever the file does. */
const LIBRARY_WRITTEN = new Set(['errno', 'h_errno', 'optarg', 'optind', 'opterr', 'optopt', 'environ', 'timezone', 'daylight', 'tzname', 'signgam']);

interface BlockInfo {
  pending: State[];
  count: number;
  /** The states accepted here (where paths meet), to recognise one that comes again. */
  accepted: State[];
  shapes: Map<string, State>;
  lastShape?: string;
  visits: number;
}

export class PathExplorer {
  private st!: State;
  private readonly events = new Map<string, PathEvent>();
  private readonly cfg: Cfg;
  private readonly pathIds = new Map<string, number>();
  private readonly ownLocks = new Set<string>();
  private readonly unlockedKeys = new Set<string>();
  private readonly exits: Array<{ st: State; ret?: Val }> = [];
  private readonly loopVars = new Map<Stmt, Set<string>>();
  /** Loops meant to end that only their condition can end, with that condition (see endingCondition). */
  private readonly endingConditions = new Map<Stmt, { x: Expr; ends: boolean }>();
  /** Where paths ended without returning (exit(), a function that never returns). */
  private readonly deaths: number[] = [];
  /** Loops whose wrapping counter keeps their condition true (see wrapsWithinCondition). */
  private readonly wrapping = new Set<Stmt>();
  private readonly augLoops = new Map<Stmt, Stmt[]>();
  private allocCtx = false;
  /** Set while refining the failed branch of a conjunction: its NULL tests are not facts. */
  private weakNull = false;
  /** The exploration ran to its end (not cut by the budget). */
  private finished = false;
  private maxStates = MAX_STATES;
  /** Out of most of the budget: one state per program point from here on. */
  private merging = false;
  /** NULL tests seen after a dereference on some path, and tests some path reaches without one (noteNullCheck). */
  private readonly lateChecks = new Map<string, { x: Expr; path: string; derefAt: Spanned }>();
  private readonly neededChecks = new Set<string>();
  /**
   * Leaks of objects only some merged paths created, reported at the end if the function never
   * releases anything of their kind (merged paths do not say which value a release was given).
   */
  private readonly partialLeaks: Array<{ o: Obj; at: Spanned; how: string }> = [];
  private readonly releasedFamilies = new Set<string>();
  /** Set while running an update whose result is never used (`n--` in a loop test that exits). */
  private deadStore = false;
  private readonly deadAugs = new Set<Stmt>();
  /** Above 0 while evaluating only to learn a value: nothing is reported. */
  private quiet = 0;
  private dead = false;
  private steps = 0;
  private readonly params = new Map<string, number>();
  /** Locals that only ever hold one function (noteFunctionPointer), null once given anything else. */
  private readonly pointsToFunction = new Map<string, string | null>();
  /** Events reported at returns of freed memory, which the summary may tell the callers instead. */
  private readonly danglingReturns: string[] = [];
  /** Parameters whose buffer some path fills with input, and where it was read (PathSummary.fillsInput). */
  private readonly filledParams = new Map<number, Origin>();

  constructor(
    private readonly mod: ModuleIR,
    private readonly fn: FunctionIR,
    private readonly lang: PathLanguage,
    private readonly summaries: SummaryView,
    private readonly entry?: EntryContext,
  ) {
    this.cfg = buildCfg(fn);
    fn.params.forEach((p, i) => this.params.set(p.n, i));
    this.prescan(fn.body, []);
  }

  run(): { events: PathEvent[]; summary: PathSummary } {
    const info = new Map<number, BlockInfo>();
    const order = reversePostOrder(this.cfg);
    const rank = new Map(order.map((b, i) => [b, i]));
    const work = new Set<number>();
    const preds = new Map<number, number>();
    for (const blk of this.cfg.blocks) for (const e of blk.succ) preds.set(e.to, (preds.get(e.to) ?? 0) + 1);
    const blockInfo = (b: number): BlockInfo => {
      let x = info.get(b);
      if (!x) info.set(b, (x = { pending: [], count: 0, visits: 0, accepted: [], shapes: new Map() }));
      return x;
    };
    // States kept for comparison or joining must not change; the others can be worked on in place.
    const shared = new WeakSet<State>();
    const push = (b: number, s: State): void => {
      const bi = blockInfo(b);
      const head = this.cfg.loopHeads.has(b);
      const limit = head && !this.merging ? MAX_LOOP_STATES : this.maxStates;
      // Only where paths meet can the same state arrive twice; elsewhere every arrival is new.
      const meet = head || (preds.get(b) ?? 0) > 1;
      if (meet && bi.accepted.some((x) => sameState(x, s))) return;
      if (bi.count >= limit) {
        // Join only with states of the same shape (objects' fates, locks, NULL-ness), so a path
        // that leaks or frees is not averaged away by one that does not; with one state per
        // point (large functions) everything joins.
        const keyOf = limit === 1 && (!head || this.merging) ? (): string => '' : shapeKey;
        if (bi.shapes.size === 0) {
          for (const old of bi.accepted) {
            const k = keyOf(old);
            const prev = bi.shapes.get(k);
            bi.shapes.set(k, prev ? joinState(prev, old) : old);
          }
        }
        const shape = keyOf(s);
        let acc = bi.shapes.get(shape);
        if (!acc && bi.shapes.size >= MAX_SHAPES) acc = bi.shapes.get(bi.lastShape!);
        const merged = acc ? (head ? widenState(acc, joinState(acc, s)) : joinState(acc, s)) : s;
        if (head && acc) markWidened(merged, acc);
        const target = acc && !bi.shapes.has(shape) ? bi.lastShape! : shape;
        bi.shapes.set(target, merged);
        bi.lastShape = target;
        shared.add(merged);
        if (acc && sameState(acc, merged)) return;
        s = merged;
        // The join replaces the state it grew from if that one still waits: it covers it.
        const waiting = acc ? bi.pending.indexOf(acc) : -1;
        if (waiting >= 0) {
          bi.pending[waiting] = s;
          if (meet) bi.accepted.push(s);
          return;
        }
      }
      if (meet) {
        bi.accepted.push(s);
        shared.add(s);
      }
      bi.count++;
      bi.pending.push(s);
      work.add(b);
    };
    push(this.cfg.entry, this.entryState());
    const size = this.cfg.blocks.reduce((n, b) => n + b.steps.length, 0);
    const budget = MIN_BUDGET + STEPS_PER_STEP * size;
    // Large functions keep fewer paths apart, so their cost stays close to linear.
    this.maxStates = size > LARGE_FUNCTION ? 1 : size > LARGE_FUNCTION / 3 ? 2 : MAX_STATES;
    while (work.size > 0 && this.steps < budget) {
      // Near the end of the budget, paths are no longer kept apart, so that the rest of the
      // function is still reached: a chain of `if (p->x) free(p->x);` doubles its shapes at
      // every line and would use the whole budget on the first few.
      if (!this.merging && this.steps >= budget - size - RESERVE) this.mergeAll(info, shared);
      let best = -1;
      for (const b of work) if (best < 0 || (rank.get(b) ?? 1e9) < (rank.get(best) ?? 1e9)) best = b;
      work.delete(best);
      const bi = blockInfo(best);
      const states = bi.pending;
      bi.pending = [];
      bi.visits++;
      const block = this.cfg.blocks[best];
      for (const s of states) {
        this.st = shared.has(s) ? cloneState(s) : s;
        this.dead = false;
        let alive = true;
        for (const step of block.steps) {
          this.steps++;
          if (!this.step(step) || this.dead) {
            if (this.dead) this.deaths.push(step.k === 'stmt' ? step.stmt.s : step.s);
            alive = false;
            break;
          }
        }
        if (!alive) continue;
        if (best === this.cfg.exit) {
          this.finish(this.st, undefined, { s: this.fn.e - 1, e: this.fn.e });
          continue;
        }
        const succ = block.succ;
        for (const edge of succ) {
          if (edge.to === this.cfg.exit && !this.returnedFrom(block)) {
            this.finish(cloneState(this.st), undefined, { s: this.fn.e - 1, e: this.fn.e });
            continue;
          }
          if (edge.to === this.cfg.exit) continue;
          // The last edge can have the state itself; the others work on copies.
          const base = edge !== succ[succ.length - 1] ? cloneState(this.st) : this.st;
          const outs = edge.cond ? this.refine(base, edge.cond, edge.truth!) : [base];
          const join = (preds.get(edge.to) ?? 0) > 1;
          for (const o of outs) {
            // Temporaries of call results are dead once control merges, but for those a `?:` or `&&`
            // reads after its branches join: dropping them keeps states comparable.
            if (join) {
              o.vars.forEach((_v, k) => {
                if (isTemp(k) && !this.fn.branchTemps?.includes(k)) deleteVar(o, k);
              });
            }
            push(edge.to, o);
          }
        }
      }
    }
    this.finished = work.size === 0;
    if (this.finished) this.reportEndlessLoops((b) => (info.get(b)?.visits ?? 0) > 0);
    this.reportLateChecks();
    for (const { o, at, how } of this.partialLeaks) if (!this.releasedFamilies.has(o.family ?? '')) this.leak({ ...o, partial: undefined }, at, how);
    const summary = this.summarize();
    // A static function that returns freed memory on every path tells each caller (returnsAlloc),
    // all of them in this file: what a caller then does with it is the defect, reported there.
    if (summary.returnsAlloc?.freedAt && /\bstatic\b/.test(this.mod.text.slice(this.fn.s, this.fn.nameSpan.s))) {
      for (const key of this.danglingReturns) this.events.delete(key);
    }
    return { events: [...this.events.values()], summary };
  }

  /** From here on one state per point: each block's waiting states and shape groups become one. */
  private mergeAll(info: Map<number, BlockInfo>, shared: WeakSet<State>): void {
    this.merging = true;
    this.maxStates = 1;
    for (const bi of info.values()) {
      const kept = [...bi.shapes.values()];
      bi.shapes = new Map();
      if (kept.length > 0) {
        const one = kept.reduce((a, b) => joinState(a, b));
        bi.shapes.set('', one);
        bi.lastShape = '';
        shared.add(one);
      }
      if (bi.pending.length > 1) bi.pending = [bi.pending.reduce((a, b) => joinState(a, b))];
    }
  }

  private returnedFrom(block: Cfg['blocks'][number]): boolean {
    const last = block.steps[block.steps.length - 1];
    return last?.k === 'return' || last?.k === 'raise';
  }

  // ---- set-up -----------------------------------------------------------------------------

  private prescan(stmts: Stmt[], loops: Stmt[]): void {
    for (const [index, s] of stmts.entries()) {
      this.scanLocks(s);
      switch (s.k) {
        case 'if':
          if (s.t[s.t.length - 1]?.k === 'break') for (const x of s.t) if (x.k === 'aug') this.deadAugs.add(x);
          this.prescan(s.t, loops);
          this.prescan(s.f, loops);
          break;
        case 'loop': {
          const vars = new Set<string>();
          if (s.c) collectPaths(s.c, vars);
          const first = s.body[0];
          if (!s.c && first?.k === 'if' && first.t.some((x) => x.k === 'break')) collectPaths(first.c, vars);
          this.loopVars.set(s, vars);
          const ending = endingCondition(s);
          if (ending && this.onlyLocalsIn(ending.x)) {
            this.endingConditions.set(s, ending);
            if (wrapsWithinCondition(s, stmts[index - 1], ending)) this.wrapping.add(s);
          }
          this.prescan(s.head, [...loops, s]);
          this.prescan(s.body, [...loops, s]);
          break;
        }
        case 'try':
          this.prescan(s.body, loops);
          for (const h of s.handlers) this.prescan(h.body, loops);
          this.prescan(s.fin, loops);
          break;
        case 'aug':
          if (loops.length > 0) this.augLoops.set(s, loops);
          break;
        case 'assign':
          this.noteFunctionPointer(s);
          break;
        default:
          break;
      }
    }
  }

  /**
   * `void (*sink)(int) = bad_sink;`: a local pointer only ever given one function's name calls
   * that function (null once any other value is assigned to it).
   */
  private noteFunctionPointer(s: Extract<Stmt, { k: 'assign' }>): void {
    if (s.t.k !== 'name' || !this.fn.vars?.[s.t.n]) return;
    const target = s.t.n;
    const known = this.pointsToFunction.get(target);
    const x = s.x.k === 'un' && s.x.op === '&' ? s.x.x : s.x;
    const fn = x.k === 'name' && !this.fn.vars?.[x.n] && !this.mod.vars?.[x.n] ? x.n : null;
    if (known === undefined) {
      // Only pointers to functions can name one; the first assignment decides what to look for.
      if (fn !== null && this.fn.vars[target].ptr > 0) this.pointsToFunction.set(target, fn);
    } else if (known !== fn) {
      this.pointsToFunction.set(target, null);
    }
  }

  private scanLocks(s: Stmt): void {
    const visit = (x: Expr): void => {
      if (x.k === 'call') {
        const name = calleeName(x);
        const op = name ? this.lang.lockOperation(name) : undefined;
        if (op) {
          const argExpr = op.arg === 'receiver' ? (x.f.k === 'attr' ? x.f.o : undefined) : x.a[op.arg];
          const key = argExpr ? lockKey(argExpr) : undefined;
          if (key) {
            if (op.op !== 'unlock') this.ownLocks.add(key);
            else this.unlockedKeys.add(key);
          }
        }
      }
      forEachChild(x, visit);
    };
    forEachExprOfStmt(s, visit);
  }

  private entryState(): State {
    const st = emptyState();
    for (const key of this.ownLocks) setLock(st, key, 'free');
    // A lock of this function's own that it only ever releases was never taken by anyone.
    for (const key of this.unlockedKeys) if (this.ownLock(key)) setLock(st, key, 'free');
    const entry = this.entry;
    if (!entry) return st;
    // What the caller passed, bound to `path`; an object it points to becomes this exploration's copy.
    const bind = (path: string, key: string, v: Val, o: Obj | undefined, plain: Val = v): void => {
      if (o === undefined || (v.obj === undefined && v.link?.fail === undefined)) {
        setVar(st, path, plain);
        return;
      }
      const id = this.objectId(`entry:${key}`);
      setObj(st, id, { ...o, id });
      // A descriptor is a number whose failure test is linked to its object.
      setVar(st, path, { ...v, ...(v.obj !== undefined ? { obj: id } : {}), ...(v.link ? { link: { fail: id } } : {}) });
    };
    for (const [i, v] of entry.params) {
      const p = this.fn.params[i];
      if (p) bind(p.n, String(i), v, entry.objs.get(i), this.converted(v, this.fn.vars?.[p.n]));
    }
    for (const [name, v] of entry.globals) bind(name, name, v, entry.globalObjs?.get(name));
    for (const [key, v] of entry.members) {
      const [, index, rest] = /^(\d+)(.*)$/.exec(key)!;
      const p = this.fn.params[Number(index)];
      if (p) bind(p.n + rest, key, v, entry.memberObjs?.get(key));
    }
    return st;
  }


  // ---- steps ------------------------------------------------------------------------------

  /** Runs one step on `this.st`; false when the path ends here. */
  private step(step: Step): boolean {
    switch (step.k) {
      case 'stmt':
        this.statement(step.stmt);
        return true;
      case 'eval':
        // Refining the condition on each edge evaluates every operand where it runs; evaluating it
        // here first matters only for what a call in it does (frees, allocates, reports once).
        if (mayHaveEffects(step.x)) this.eval(step.x);
        return true;
      case 'return': {
        const v = step.x ? this.eval(step.x) : undefined;
        const alternatives = step.x?.k === 'cond' ? this.quietly(() => [(step.x as Extract<Expr, { k: 'cond' }>).t, (step.x as Extract<Expr, { k: 'cond' }>).f].map((b) => this.eval(b))) : [];
        if (v?.obj !== undefined) {
          const o = this.st.objs.get(v.obj);
          if (o && (o.state === 'freed' || o.state === 'maybe-freed')) {
            this.report('use-after-free', 416, step, `${o.name} is returned after it was freed${lineRef(this.mod, o.freedAt)}; the caller gets a dangling pointer.`, [o.freedAt ? { ...o.freedAt, label: 'freed here' } : undefined]);
            this.danglingReturns.push(`use-after-free/416@${step.s}:${step.e}`);
          }
        }
        this.finish(this.st, v, step, alternatives, step.x && pathOf(step.x));
        return false;
      }
      case 'raise':
        if (step.x) this.eval(step.x);
        this.finish(this.st, undefined, step);
        return false;
      case 'loop-head':
        this.loopHead(step.loop);
        return true;
      case 'loop-back':
        this.loopBack(step.loop);
        return true;
    }
  }

  private statement(s: Extract<Stmt, { k: 'assign' | 'aug' | 'expr' | 'decl' | 'del' }>): void {
    switch (s.k) {
      case 'assign': {
        if (s.via === 'out') return;
        let v = this.eval(s.x);
        const from = pathOf(s.x);
        if (from && v.obj === undefined && v.nul === undefined && (this.declOf(s.x)?.ptr ?? 0) > 0) {
          // A copy of a pointer nothing is known about: give it its object now, so both names share it.
          this.lazyObject(from, s.x);
          v = this.st.vars.get(from) ?? v;
        }
        this.assign(s.t, v, s, s.x);
        return;
      }
      case 'aug': {
        // The write below reports the access; reading the old value first would report it as a read.
        this.quiet++;
        const cur = this.readTarget(s.t);
        this.quiet--;
        const x = this.eval(s.x);
        this.deadStore = this.deadAugs.has(s);
        const v = this.arith(s.op, cur, x, s, targetExpr(s.t), s.x);
        this.deadStore = false;
        this.zeroStep(s, x);
        this.assign(s.t, v, s, undefined);
        return;
      }
      case 'expr':
        this.eval(s.x);
        return;
      case 'decl':
        this.declare(s);
        return;
      case 'del':
        return;
    }
  }

  private declare(s: Extract<Stmt, { k: 'decl' }>): void {
    const old = this.st.vars.get(s.n);
    if (old) this.overwrite(s.n, old, s);
    this.dropPath(s.n);
    const decl = this.fn.vars?.[s.n];
    if (!decl?.dims) return;
    let size: Val | undefined;
    if (s.size) {
      const n = this.eval(s.size);
      const elem = this.lang.sizeOf(decl.type, decl.ptr, decl.dims.slice(1)) ?? 1;
      size = this.scale(n, elem);
      this.unboundedAlloc(n, s, 'stack', `the variable-length array \`${s.n}\``);
    }
    const id = this.objectId(`decl:${decl.s}`);
    const bytes = size ? ([Math.max(0, size.lo), size.hi] as [number, number]) : this.declSize(decl);
    const elements = s.size ? undefined : this.arrayElements(decl);
    setObj(this.st, id, { id, region: decl.storage === 'auto' ? 'stack' : 'static', state: 'live', at: decl, name: `\`${s.n}\``, ...(bytes ? { size: bytes } : {}), ...(elements ? { elements } : {}) });
    setVar(this.st, s.n, { lo: 0, hi: 0, obj: id });
  }

  // ---- expressions ------------------------------------------------------------------------

  private eval(x: Expr): Val {
    switch (x.k) {
      case 'const':
        if (typeof x.v === 'number') return num(x.v);
        if (x.v === null) return { lo: 0, hi: 0, nul: 'yes', from: undefined };
        if (typeof x.v === 'boolean') return num(x.v ? 1 : 0);
        return this.literal(x.v, x);
      case 'opaque':
      case 'unknown':
        return TOP;
      case 'name':
        return this.readPath(x.n, x);
      case 'attr': {
        const base = this.eval(x.o);
        if (x.arrow) this.deref(base, x.o, x, 'read', undefined, undefined);
        const path = pathOf(x);
        return path ? this.readPath(path, x) : this.typedUnknown(x);
      }
      case 'index':
        return this.index(x);
      case 'call':
        return this.call(x);
      case 'bin':
        return this.arith(x.op, this.eval(x.l), this.eval(x.r), x, x.l, x.r);
      case 'un':
        return this.unary(x);
      case 'cmp': {
        const vs = x.xs.map((e) => this.eval(e));
        return decide(x.ops[0], vs[0], vs[1]) ?? { lo: 0, hi: 1 };
      }
      case 'bool':
        return this.boolean(x);
      case 'cond': {
        this.eval(x.c);
        const saved = this.st;
        const outs: Val[] = [];
        for (const [branch, truth] of [[x.t, true], [x.f, false]] as const) {
          for (const st of this.refine(cloneState(saved), x.c, truth)) {
            this.st = st;
            outs.push(this.eval(branch));
          }
        }
        this.st = saved;
        return outs.length ? outs.reduce(joinVal) : TOP;
      }
      case 'seq':
        for (const e of x.xs) this.eval(e);
        return TOP;
      default:
        return TOP;
    }
  }

  private boolean(x: Extract<Expr, { k: 'bool' }>): Val {
    // Short-circuit: each operand is evaluated only where the ones before it let it run.
    const saved = this.st;
    let states = [cloneState(saved)];
    for (let i = 0; i < x.xs.length; i++) {
      const next: State[] = [];
      for (const st of states) {
        this.st = st;
        this.eval(x.xs[i]);
        if (i < x.xs.length - 1) next.push(...this.refine(this.st, x.xs[i], x.op === 'and'));
      }
      states = next.slice(0, 4);
    }
    this.st = saved;
    return { lo: 0, hi: 1 };
  }

  private literal(text: string, at: Spanned): Val {
    const id = this.objectId(`lit:${at.s}`);
    if (!this.st.objs.has(id)) {
      setObj(this.st, id, { id, region: 'literal', state: 'live', at, name: `the string literal "${text.length > 20 ? `${text.slice(0, 17)}...` : text}"`, size: [text.length + 1, text.length + 1], len: [text.length, text.length] });
    }
    return { lo: 0, hi: 0, obj: id };
  }

  private unary(x: Extract<Expr, { k: 'un' }>): Val {
    if (x.op === '&') return this.addressOf(x.x);
    const v = this.eval(x.x);
    switch (x.op) {
      case '-':
        return { ...plain(v), lo: -v.hi, hi: -v.lo };
      case '!':
        if (isPointer(v)) return v.nul === 'yes' ? num(1) : v.nul ? { lo: 0, hi: 1 } : v.obj !== undefined ? num(0) : { lo: 0, hi: 1 };
        return v.lo === 0 && v.hi === 0 ? num(1) : v.lo > 0 || v.hi < 0 || v.excl?.includes(0) ? num(0) : { lo: 0, hi: 1 };
      case 'cast': {
        // `(int)(100.0 / d)`: a floating-point quotient by 0 is infinite or NaN, and converting
        // that to an integer is undefined behaviour.
        const q = x.x;
        if (q.k === 'bin' && q.op === '/' && this.lang.intType(x.ty ?? '') && (this.isFloat(q.l) || this.isFloat(q.r))) {
          const b = this.peek(q.r);
          if (b) this.division(b, q, q.r, true);
        }
        return this.cast(v, x.ty ?? '');
      }
      case '~':
        return { ...plain(v), lo: -Infinity, hi: Infinity };
      default:
        return v;
    }
  }

  private cast(v: Val, ty: string): Val {
    if (isPointer(v) || /\*/.test(ty)) return v;
    const t = this.lang.intType(ty);
    if (!t) return v;
    const [min, max] = range(t);
    if (v.input && !t.signed && v.lo < 0 && v.negFrom) {
      this.report('int-underflow', 191, v.negFrom, `The subtraction can go below zero with untrusted operands${fromText(v)}, and converting the result to \`${ty}\` wraps it to a huge value.`, [], v.from);
    }
    if (v.lo >= min && v.hi <= max) return v;
    return { ...v, lo: min, hi: max, negFrom: undefined };
  }

  private addressOf(x: Expr): Val {
    const path = pathOf(x);
    if (x.k === 'index') {
      const base = this.eval(x.o);
      const i = this.eval(x.i);
      return this.pointerAdd(base, i, x.o, x);
    }
    if (!path) return { lo: 0, hi: 0, unk: true };
    const cur = this.st.vars.get(path);
    const decl = this.declOf(x);
    if (decl?.dims && cur?.obj !== undefined) return cur;
    const id = this.objectId(`var:${path}`);
    if (!this.st.objs.has(id)) {
      const root = rootOf(path);
      const rootDecl = this.fn.vars?.[root] ?? this.mod.vars?.[root];
      const region: Obj['region'] = rootDecl?.storage === 'auto' ? 'stack' : rootDecl?.storage === 'param' ? (path === root ? 'stack' : 'unknown') : 'static';
      const size = decl ? this.declSize(decl) : undefined;
      const scalar = !!decl && !decl.dims && x.k === 'name';
      setObj(this.st, id, { id, region, state: 'live', at: x, name: `\`${path}\``, ...(size ? { size } : {}), ...(scalar ? { holds: path } : {}) });
    }
    return { lo: 0, hi: 0, obj: id };
  }

  /** `*p` or `p[0]` where `p` is `&x` for a scalar `x`: the path `x`. */
  private heldThrough(base: Val, i: Val): string | undefined {
    if (base.obj === undefined || base.lo !== 0 || base.hi !== 0 || i.lo !== 0 || i.hi !== 0) return undefined;
    return this.st.objs.get(base.obj)?.holds;
  }

  private index(x: Extract<Expr, { k: 'index' }>): Val {
    const base = this.eval(x.o);
    const i = this.eval(x.i);
    const elem = this.elemSize(x.o);
    this.deref(base, x.o, x, 'read', i, elem);
    const held = this.heldThrough(base, i);
    if (held) return this.readPath(held, { k: 'name', n: held, s: x.s, e: x.e });
    const path = pathOf(x);
    if (path && this.st.vars.has(path)) return this.st.vars.get(path)!;
    const o = base.obj !== undefined ? this.st.objs.get(base.obj) : undefined;
    const decl = this.declOf(x);
    if (o?.elems !== undefined) return { lo: 0, hi: 0, obj: o.elems, input: true, from: o.from };
    const t = decl ? this.intTypeOfDecl(decl) : undefined;
    if (o?.input) {
      const [lo, hi] = t ? range(t) : [-128, 255];
      return { lo, hi, input: true, ...(o.from ? { from: o.from } : {}) };
    }
    const v: Val = t ? { lo: range(t)[0], hi: range(t)[1], unk: true, mem: true } : { ...TOP, mem: true };
    if (path && (decl?.ptr ?? 0) > 0) {
      const pv: Val = { lo: 0, hi: 0, unk: true };
      setVar(this.st, path, pv);
      return pv;
    }
    return v;
  }

  private readPath(path: string, at: Expr): Val {
    const v = this.st.vars.get(path);
    if (v) return v;
    const decl = this.declOf(at);
    if (decl?.dims && path === rootOf(path) && (decl.storage !== 'param')) {
      const id = this.objectId(`decl:${decl.s}`);
      const size = this.declSize(decl);
      const elements = this.arrayElements(decl);
      if (!this.st.objs.has(id)) {
        setObj(this.st, id, { id, region: decl.storage === 'auto' ? 'stack' : 'static', state: 'live', at: decl, name: `\`${path}\``, ...(size ? { size } : {}), ...(elements ? { elements } : {}) });
      }
      const pv: Val = { lo: 0, hi: 0, obj: id };
      setVar(this.st, path, pv);
      return pv;
    }
    if (decl?.dims && at.k === 'attr') {
      // An array field lives inside the object its base points to.
      const id = this.objectId(`field:${path}`);
      const size = this.declSize(decl);
      if (!this.st.objs.has(id)) setObj(this.st, id, { id, region: this.regionOfPath(path), state: 'live', at, name: `\`${path}\``, ...(size ? { size } : {}) });
      const pv: Val = { lo: 0, hi: 0, obj: id };
      setVar(this.st, path, pv);
      return pv;
    }
    // The standard streams are open and never NULL: `f = name ? fopen(name, "r") : stdin; if (!f) …`
    // fails only for fopen. They are not the function's own, so leaving them open is no leak.
    if (!decl && STANDARD_STREAMS.has(path)) {
      const id = this.objectId(`stream:${path}`);
      if (!this.st.objs.has(id)) setObj(this.st, id, { id, region: 'unknown', state: 'live', at: { s: at.s, e: at.e }, name: `\`${path}\`` });
      return { lo: 0, hi: 0, obj: id, checked: true };
    }
    // Unknown values are not remembered: reading again gives the same answer, and states stay small.
    return this.typedUnknown(at, decl);
  }

  /** The region a field of `path`'s base lives in: where its root variable points. */
  private regionOfPath(path: string): Obj['region'] {
    const root = rootOf(path);
    if (path.startsWith(`${root}.`)) {
      const d = this.fn.vars?.[root] ?? this.mod.vars?.[root];
      return d?.storage === 'auto' ? 'stack' : d?.storage === 'param' ? 'stack' : 'static';
    }
    const base = this.st.vars.get(root);
    const o = base?.obj !== undefined ? this.st.objs.get(base.obj) : undefined;
    return o?.region ?? 'unknown';
  }

  /** A value nothing is known about, shaped by its declared type; input if its base object holds input. */
  private typedUnknown(at: Expr, decl = this.declOf(at)): Val {
    if (decl && (decl.ptr > 0 || decl.dims)) return { lo: 0, hi: 0, unk: true };
    const t = decl ? this.intTypeOfDecl(decl) : undefined;
    const base = at.k === 'attr' ? this.baseObject(at.o) : undefined;
    if (base?.input) {
      const [lo, hi] = t ? range(t) : [-Infinity, Infinity];
      return { lo, hi, input: true, ...(base.from ? { from: base.from } : {}) };
    }
    if (t) return { lo: range(t)[0], hi: range(t)[1], unk: true };
    return TOP;
  }

  /** The object an attribute's base designates: the struct variable itself, or what a pointer points to. */
  private baseObject(o: Expr): Obj | undefined {
    const path = pathOf(o);
    if (path) {
      const v = this.st.vars.get(path);
      if (v?.obj !== undefined) return this.st.objs.get(v.obj);
      const id = this.pathIds.get(`var:${path}`);
      if (id !== undefined) return this.st.objs.get(id);
    }
    return undefined;
  }

  // ---- arithmetic -------------------------------------------------------------------------

  private arith(op: string, a: Val, b: Val, at: Spanned, le: Expr | undefined, re: Expr | undefined): Val {
    if ((op === '+' || op === '-') && isPointer(a) && !isPointer(b)) return this.pointerAdd(a, op === '-' ? { ...b, lo: -b.hi, hi: -b.lo } : b, le, at);
    if (op === '+' && isPointer(b) && !isPointer(a)) return this.pointerAdd(b, a, re, at);
    if (isPointer(a) || isPointer(b)) return { ...TOP };
    if ((op === '/' || op === '%') && !this.isFloat(le) && !this.isFloat(re)) this.division(b, at, re);
    let lo: number;
    let hi: number;
    switch (op) {
      case '+':
        lo = a.lo + b.lo;
        hi = a.hi + b.hi;
        break;
      case '-':
        lo = a.lo - b.hi;
        hi = a.hi - b.lo;
        break;
      case '*': {
        const ps = [mul(a.lo, b.lo), mul(a.lo, b.hi), mul(a.hi, b.lo), mul(a.hi, b.hi)];
        lo = Math.min(...ps);
        hi = Math.max(...ps);
        break;
      }
      case '/': {
        if (b.lo > 0) {
          const qs = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi].map((q) => (Number.isFinite(q) ? Math.trunc(q) : q));
          lo = Math.min(...qs);
          hi = Math.max(...qs);
        } else {
          lo = Math.min(a.lo, -a.hi);
          hi = Math.max(a.hi, -a.lo);
        }
        break;
      }
      case '%':
        if (b.lo > 0) {
          lo = a.lo < 0 ? -(b.hi - 1) : 0;
          hi = a.hi < 0 ? 0 : Math.min(b.hi - 1, a.hi < 0 ? 0 : Math.max(a.hi, 0));
        } else {
          lo = -Infinity;
          hi = Infinity;
        }
        break;
      case '<<':
        lo = b.lo >= 0 && b.hi < 64 ? Math.min(a.lo * 2 ** b.lo, a.lo * 2 ** b.hi) : -Infinity;
        hi = b.lo >= 0 && b.hi < 64 ? Math.max(a.hi * 2 ** b.hi, a.hi * 2 ** b.lo) : Infinity;
        if (b.hi >= 64) hi = Infinity;
        break;
      case '>>':
        // `0x80 >> k` with k within 0…7 is 1…128: shifting a non-negative value by a known range.
        if (a.lo >= 0 && b.lo >= 0 && b.hi < 64) {
          lo = Math.floor(a.lo / 2 ** b.hi);
          hi = Math.floor(a.hi / 2 ** b.lo);
        } else {
          lo = a.lo >= 0 ? 0 : a.lo;
          hi = a.hi >= 0 ? a.hi : 0;
        }
        break;
      case '&':
        lo = a.lo >= 0 || b.lo >= 0 ? 0 : -Infinity;
        hi = a.lo >= 0 && b.lo >= 0 ? Math.min(a.hi, b.hi) : a.lo >= 0 ? a.hi : b.lo >= 0 ? b.hi : Infinity;
        break;
      default:
        lo = -Infinity;
        hi = Infinity;
    }
    if (Number.isNaN(lo)) lo = -Infinity;
    if (Number.isNaN(hi)) hi = Infinity;
    const out: Val = { lo, hi };
    if (a.input || b.input) out.input = true;
    if (a.unk || b.unk) out.unk = true;
    if (a.mem || b.mem) out.mem = true;
    if (a.wide || b.wide) out.wide = true;
    if ((a.capped || !a.input) && (b.capped || !b.input) && (a.capped || b.capped)) out.capped = true;
    if ((a.bounded || !a.input) && (b.bounded || !b.input) && (a.bounded || b.bounded)) out.bounded = true;
    const small = (v: Val, e: Expr | undefined): boolean => v.sized === true || ((e?.k === 'const' || (!v.input && !v.unk)) && Math.abs(v.lo) < 2 ** 16 && Math.abs(v.hi) < 2 ** 16);
    if ((op === '+' || op === '-' || op === '*') && small(a, le) && small(b, re) && (a.sized || b.sized)) out.sized = true;
    // An unknown plus a byte count (`got += recv(…)`): the sender picks only the count, never more
    // than a buffer, so the sum is no more chosen than the count, however the loop runs.
    if (out.input && (!a.input || a.sized) && (!b.input || b.sized)) out.sized = true;
    const from = a.from ?? b.from;
    if (from) out.from = from;
    const type = this.resultType(le, re);
    const guarded = this.guarded(a, b, le, re);
    // Sums of lengths of things in memory and values widened by a loop do not reach the limits by choice.
    // Arithmetic written inside an allocation's size argument is c/alloc-size-overflow's to judge.
    // Arithmetic a macro does on what it reads itself (`RAND32()` shifts and negates rand()'s
    // results) is the macro's design; on a name its user passed or wrote, it is the user's.
    const macroOwn = at.macro && !namesAny(le) && !namesAny(re);
    // `attempt * 1000 + rand() % 500`: input that can only add a little to a value of unknown
    // origin reaches a limit only if that value, which the input does not choose, is already at it.
    const slight = (v: Val, other: Val): boolean => !!v.input && !other.input && !!other.unk && Math.abs(v.lo) < 2 ** 16 && Math.abs(v.hi) < 2 ** 16;
    const nudged = slight(a, b) || slight(b, a);
    const chosen = out.input && !out.sized && !out.bounded && !(a.wide || b.wide) && !guarded && !this.allocCtx && !macroOwn && !nudged;
    // An unsigned `<<` drops the bits it shifts out, as bit packing and hashing mean it to.
    if (chosen && type && (['+', '-', '*'].includes(op) || (op === '<<' && type.signed)) && !this.deadStore) {
      const [min, max] = range(type);
      // Bounds of 64-bit types are not exact in doubles: an operand at the limit plus anything positive is past it.
      const atMax = (v: Val): boolean => v.hi >= max;
      const over = hi > max || (op === '+' && ((atMax(a) && b.hi > 0) || (atMax(b) && a.hi > 0))) || (op === '*' && ((atMax(a) && b.hi > 1) || (atMax(b) && a.hi > 1)));
      const under = lo < min || (op === '-' && a.lo <= min && b.hi > 0) || (op === '+' && ((a.lo <= min && b.lo < 0) || (b.lo <= min && a.lo < 0)));
      // Past the smallest value is an underflow (CWE-191): a subtraction, or a product of a negative value.
      const downward = op === '-' ? under : under && !over;
      const what = downward ? 'int-underflow' : 'int-overflow';
      const cwe = downward ? 191 : 190;
      if (over || under) {
        const dir = over ? 'above the largest' : 'below the smallest';
        this.report(what, cwe, at, `This \`${op}\` on untrusted data${fromText(out)} can go ${dir} value of its type (${typeName(type)}).`, [], out.from);
      }
    }
    if (type && !out.input && !this.deadStore && !this.allocCtx && (op === '+' || op === '-' || op === '*')) this.constantOverflow(op, a, b, lo, hi, type, at);
    if (type && op !== '-') {
      const [min, max] = range(type);
      if (out.lo < min || out.hi > max) {
        // Wrapped around: any value of the type, and nothing is known about which.
        out.lo = min;
        out.hi = max;
        if (!out.input) out.unk = true;
      }
    }
    if (op === '-' && chosen && lo < 0 && !this.deadStore) out.negFrom = { s: at.s, e: at.e };
    return out;
  }

  /**
   * Arithmetic on values known exactly whose result is past the type's limits (`data = INT_MAX;
   * data + 1`) overflows on every run that gets here. Unsigned values going below zero are left
   * alone: `0 - 1` for the largest value is an idiom, and `n - 1` computed before `n == 0` is tested.
   */
  private constantOverflow(op: string, a: Val, b: Val, lo: number, hi: number, type: IntType, at: Spanned): void {
    const exact = (v: Val): boolean => v.lo === v.hi && !v.unk && !v.mem && !v.wide && v.obj === undefined && v.nul === undefined;
    if (!exact(a) || !exact(b)) return;
    const [min, max] = range(type);
    // 64-bit limits are not exact in doubles: LLONG_MAX + 1 is LLONG_MAX again there.
    const pastMax = lo > max || (op === '+' && ((a.lo >= max && b.lo > 0) || (b.lo >= max && a.lo > 0))) || (op === '*' && ((a.lo >= max && b.lo > 1) || (b.lo >= max && a.lo > 1)));
    // The same at the bottom: LLONG_MIN - 1 is LLONG_MIN again in doubles.
    const pastMin = hi < min || (op === '-' && a.lo <= min && b.lo > 0) || (op === '+' && ((a.lo <= min && b.lo < 0) || (b.lo <= min && a.lo < 0)));
    if (pastMax) this.report('int-overflow', 190, at, `This \`${op}\` of known values (${exactText(a.lo)} ${op} ${exactText(b.lo)}) is above the largest value of its type (${typeName(type)}): it overflows every time.`);
    else if (pastMin && type.signed) this.report('int-underflow', 191, at, `This \`${op}\` of known values (${exactText(a.lo)} ${op} ${exactText(b.lo)}) is below the smallest value of its type (${typeName(type)}): it overflows every time.`);
  }

  private guarded(a: Val, b: Val, le: Expr | undefined, re: Expr | undefined): boolean {
    const lp = le ? pathOf(le) : undefined;
    const rp = re ? pathOf(re) : undefined;
    return !!((lp && b.guard?.includes(lp)) || (rp && a.guard?.includes(rp)) || (lp && a.guard?.includes('*')) || (rp && b.guard?.includes('*')));
  }

  private pointerAdd(p: Val, n: Val, pe: Expr | undefined, at: Spanned): Val {
    const elem = pe ? (this.elemSize(pe) ?? 1) : 1;
    const out: Val = { ...p, lo: p.lo + mul(n.lo, elem), hi: p.hi + mul(n.hi, elem), derefAt: undefined };
    if (n.input) out.input = true;
    if (n.unk) out.unk = true;
    // Moved by a counter a loop widened (`buffer + used`): where it points is not known either.
    if (n.wide) out.wide = true;
    if (n.from && !out.from) out.from = n.from;
    void at;
    return out;
  }

  private scale(n: Val, k: number): Val {
    return { ...plain(n), lo: mul(n.lo, k), hi: mul(n.hi, k) };
  }

  private division(b: Val, at: Spanned, re: Expr | undefined, toInteger = false): void {
    if (isPointer(b)) return;
    const zero = b.lo <= 0 && b.hi >= 0 && !b.excl?.includes(0);
    if (!zero) return;
    const known = b.lo === 0 && b.hi === 0 && !b.unk;
    if (!b.input && !b.parsed && !known) return;
    const name = re ? exprText(this.mod, re) : 'the divisor';
    const why = known ? `is 0 on this path` : b.input ? `comes from untrusted data${fromText(b)} and is not checked for 0` : `is parsed from text and is 0 when the text is not a number`;
    const effect = toInteger ? 'the quotient is then infinite or NaN, and converting it to an integer is undefined behaviour' : 'dividing by zero crashes the program';
    this.report('divide-by-zero', 369, at, `The divisor \`${name}\` ${why}; ${effect}.`, [], b.from);
  }

  /** Floating-point operands: dividing them by zero gives infinity or NaN, not a crash. */
  private isFloat(x: Expr | undefined): boolean {
    if (!x) return false;
    if (x.k === 'const') return typeof x.v === 'number' && !Number.isInteger(x.v);
    if (x.k === 'un' && x.op === 'cast') return /\b(?:float|double)\b/.test(x.ty ?? '');
    if (x.k === 'bin') return this.isFloat(x.l) || this.isFloat(x.r);
    const d = this.declOf(x);
    return !!d && d.ptr === 0 && /\b(?:float|double)\b/.test(d.type);
  }

  private resultType(le: Expr | undefined, re: Expr | undefined): IntType | undefined {
    const a = le ? this.intTypeOf(le) : undefined;
    const b = re ? this.intTypeOf(re) : undefined;
    if (!a && !b) return undefined;
    const p = (t: IntType): IntType => (t.bits < 32 ? { bits: 32, signed: true } : t);
    if (!a || !b) return p((a ?? b)!);
    const x = p(a);
    const y = p(b);
    if (x.bits !== y.bits) return x.bits > y.bits ? x : y;
    return { bits: x.bits, signed: x.signed && y.signed };
  }

  // ---- memory accesses --------------------------------------------------------------------

  /**
   * A read or write through pointer `p` (written `pe`), at element index `idx` of `elem` bytes, or
   * for `len` bytes from where it points: NULL, freed memory, and bounds.
   */
  private deref(p: Val, pe: Expr, at: Spanned, mode: 'read' | 'write', idx: Val | undefined, elem: number | undefined, len?: Val, what?: string): void {
    const path = pathOf(pe);
    // Only the messages need the text, and most accesses report nothing.
    const name = (): string => exprText(this.mod, pe);
    // With one state per point (a large function, or once merging), every branch's NULL meets the
    // other paths with nothing left to tell them apart (`bas` is NULL only where `ret` is -1, and
    // that path returned): NULL on some path is then the merge speaking, not the code.
    if (p.nul === 'yes' || (p.nul === 'path' && this.maxStates > 1)) {
      this.report('null-known', 476, at, `\`${name()}\` is NULL ${p.nul === 'yes' ? 'here' : 'on some path to here'}${what ? ` when ${what}` : ''}; dereferencing it crashes the program.`);
      if (path && p.nul === 'yes') return;
    } else if (p.nul === 'maybe') {
      this.report('null-unchecked', 690, at, `\`${name()}\` can be NULL (the call that produced it can fail) and is used${what ? ` by ${what}` : ''} without a check.`);
    }
    if (path && !p.derefAt && !p.checked && p.nul !== 'yes') setVar(this.st, path, { ...p, derefAt: { s: at.s, e: at.e }, nul: p.nul === 'maybe' ? undefined : p.nul });
    else if (path && p.nul === 'maybe') setVar(this.st, path, { ...p, nul: undefined });
    // A pointer nothing is known about gets its object only when it is released or copied:
    // until then there is nothing to check, and states stay small.
    const o = p.obj !== undefined ? this.st.objs.get(p.obj) : undefined;
    if (!o) return;
    if (o.state === 'freed' || o.state === 'maybe-freed') {
      this.report('use-after-free', 416, at, `${o.name} is used${what ? ` by ${what}` : ''} after it was freed${lineRef(this.mod, o.freedAt)}${o.state === 'maybe-freed' ? ' on some path' : ''}.`, [o.freedAt ? { ...o.freedAt, label: 'freed here' } : undefined]);
      return;
    }
    if (!o.size && o.elements && idx && elem === undefined && len === undefined) {
      this.elementBounds(o, o.elements, p, pe, idx, at, mode);
      return;
    }
    // Reads of string literals depend on their contents, which are not followed: no bounds there.
    if (!o.size || (o.region === 'literal' && mode === 'read')) return;
    const start = p.lo + (idx ? mul(idx.lo, elem ?? 1) : 0);
    const count = len ?? (idx ? num(elem ?? 1) : num(1));
    const end = p.hi + (idx ? mul(idx.hi, elem ?? 1) : 0) + count.hi - 1;
    const cause = [idx, len, p].filter((v): v is Val => !!v);
    // Known values, or untrusted ones; never bounds a loop widened past what it knows.
    const reportable = cause.every((v) => !v.wide && !v.bounded) && (cause.every((v) => !v.unk) || cause.some((v) => v.input && !v.unk));
    if (!reportable) return;
    const input = cause.find((v) => v.input);
    const size = o.size[1];
    // A block whose size can be anything a size_t holds (`malloc(len)`, len unknown) has no end a
    // sum of ranges could show to be passed: only relations between the two could.
    const over = count.hi > 0 && end > size - 1 && size < 2 ** 53;
    if (start < 0 && !over) {
      const cwe = mode === 'write' ? 124 : 127;
      this.report('out-of-bounds', cwe, at, `${mode === 'write' ? 'Writes' : 'Reads'} before the start of ${o.name}: the index can be negative${input ? `, and it comes from untrusted data${fromText(input)}` : ''}.`, [{ ...o.at, label: `${o.name} is declared here` }], input?.from);
    }
    if (over) {
      const cwe = mode === 'write' ? (o.region === 'stack' ? 121 : o.region === 'heap' ? 122 : what && /^(?:str|wcs|stp|sprintf|vsprintf|scanf|sscanf|fscanf)/.test(what) ? 120 : 787) : 126;
      const stringCopy = what !== undefined && /^(?:str|wcs|stp)(?:cpy|cat)\(/.test(what);
      const how = idx ? `index \`${exprText(this.mod, (at as Expr).k === 'index' ? (at as Extract<Expr, { k: 'index' }>).i : pe)}\`` : stringCopy ? `length of the string ${what} writes` : len ? 'length' : 'offset';
      const range = `${start < 0 ? 'before the start or ' : ''}${Number.isFinite(end) ? `up to byte ${end}` : 'any distance past the end'}`;
      this.report('out-of-bounds', cwe, at, `${mode === 'write' ? 'Writes' : 'Reads'} ${range} of ${o.name}, which holds ${size} bytes${what ? ` (${what})` : ''}: the ${how}${input ? ` comes from untrusted data${fromText(input)} and` : ''} is not kept within bounds.`, [{ ...o.at, label: `${o.name} is allocated here` }], input?.from);
    }
  }

  /**
   * `data[i]` into an array of elements whose size is not known (Obj.elements), through a pointer
   * of the same element type to its start: the index against the number of elements.
   */
  private elementBounds(o: Obj, elements: NonNullable<Obj['elements']>, p: Val, pe: Expr, idx: Val, at: Spanned, mode: 'read' | 'write'): void {
    const pointee = this.declOf(pe);
    const sameType = pointee && pointee.type === elements.type && (pointee.dims?.length ? pointee.ptr === 0 : pointee.ptr === 1);
    if (!sameType || p.lo !== 0 || p.hi !== 0 || idx.wide || idx.bounded || (idx.unk && !idx.input)) return;
    const input = idx.input ? idx : undefined;
    const index = exprText(this.mod, (at as Expr).k === 'index' ? (at as Extract<Expr, { k: 'index' }>).i : pe);
    if (idx.hi > elements.count - 1) {
      const cwe = mode === 'write' ? (o.region === 'stack' ? 121 : o.region === 'heap' ? 122 : 787) : 126;
      const range = Number.isFinite(idx.hi) ? `up to element ${idx.hi}` : 'any distance past the end';
      this.report('out-of-bounds', cwe, at, `${mode === 'write' ? 'Writes' : 'Reads'} ${range} of ${o.name}, which holds ${elements.count} elements: the index \`${index}\`${input ? ` comes from untrusted data${fromText(input)} and` : ''} is not kept within bounds.`, [{ ...o.at, label: `${o.name} is declared here` }], input?.from);
    } else if (idx.lo < 0) {
      this.report('out-of-bounds', mode === 'write' ? 124 : 127, at, `${mode === 'write' ? 'Writes' : 'Reads'} before the start of ${o.name}: the index can be negative${input ? `, and it comes from untrusted data${fromText(input)}` : ''}.`, [{ ...o.at, label: `${o.name} is declared here` }], input?.from);
    }
  }

  private lazyObject(path: string, at: Spanned): Obj {
    // The path may have been pointed elsewhere since its last object was made: the value it
    // holds now is a new unknown object, so take an id no object of this state has.
    let k = 0;
    let id = this.objectId(`ptr:${path}`);
    while (this.st.objs.has(id)) id = this.objectId(`ptr:${path}:${++k}`);
    let o = this.st.objs.get(id);
    if (!o) {
      o = { id, region: 'unknown', state: 'live', at, name: `the memory \`${path}\` points to` };
      setObj(this.st, id, o);
    }
    const v = this.st.vars.get(path);
    setVar(this.st, path, { ...(v ?? { lo: 0, hi: 0 }), obj: id, unk: undefined });
    return o;
  }

  // ---- assignment -------------------------------------------------------------------------

  private readTarget(t: Target): Val {
    const x = targetExpr(t);
    return x ? this.eval(x) : TOP;
  }

  private assign(t: Target, v: Val, at: Spanned, source: Expr | undefined): void {
    const x = targetExpr(t);
    if (!x) return;
    if (t.k === 'attr' && t.arrow) this.deref(this.eval(t.o), t.o, t, 'write', undefined, undefined);
    // A field of an element (`data[i].f = v`) is written through the pointer or array.
    if (t.k === 'attr' && !t.arrow && t.o.k === 'index') this.deref(this.eval(t.o.o), t.o.o, t, 'write', this.eval(t.o.i), this.elemSize(t.o.o));
    if (t.k === 'index') {
      const base = this.eval(t.o);
      const i = this.eval(t.i);
      this.deref(base, t.o, t, 'write', i, this.elemSize(t.o));
      this.terminate(base, i, v, this.elemSize(t.o));
      const held = this.heldThrough(base, i);
      if (held) {
        this.assign({ k: 'name', n: held, s: t.s, e: t.e }, v, at, source);
        return;
      }
    }
    const path = pathOf(x);
    const decl = this.declOf(x);
    if (decl?.dims && path && path === rootOf(path) && (t.k === 'name')) {
      const arr = this.readPath(path, x);
      const o = arr.obj !== undefined ? this.st.objs.get(arr.obj) : undefined;
      const lit = v.obj !== undefined ? this.st.objs.get(v.obj) : undefined;
      if (o) setObj(this.st, o.id, { ...o, len: lit?.len ?? [0, 0] });
      return;
    }
    let value = v;
    if (decl && !isPointer(v) && decl.ptr === 0 && !decl.dims) {
      const type = this.intTypeOfDecl(decl);
      if (type) {
        const [min, max] = range(type);
        if (v.input && (v.hi > max || v.lo < min) && source && source.k === 'bin' && (source.op === '*' || source.op === '+' || source.op === '<<')) {
          this.report('int-overflow', 190, source, `The result of this arithmetic on untrusted data${fromText(v)} does not fit in \`${decl.type}\`; storing it wraps the value.`, [], v.from);
        }
        // The same below the smallest value: `char result = data - 1` with `data` read as a char.
        if (v.input && type.signed && v.lo < min && source && source.k === 'bin' && source.op === '-') {
          this.report('int-underflow', 191, source, `The result of this subtraction on untrusted data${fromText(v)} does not fit in \`${decl.type}\`; storing it wraps the value.`, [], v.from);
        }
        if (v.input && !type.signed && v.lo < 0 && v.negFrom) {
          this.report('int-underflow', 191, v.negFrom, `This subtraction on untrusted data${fromText(v)} can go below zero; stored in the unsigned \`${decl.type}\` it wraps to a huge value.`, [], v.from);
        }
        if (v.lo < min || v.hi > max) value = { ...v, lo: min, hi: max, negFrom: undefined };
      }
    }
    if (!path) {
      if (value.obj !== undefined) this.escapeObj(value.obj);
      return;
    }
    const old = this.st.vars.get(path);
    if (old && !(old.obj !== undefined && old.obj === value.obj)) this.overwrite(path, old, at);
    if (this.isExternal(path) && (value.obj !== undefined || value.link?.fail !== undefined)) this.escapeObj(value.obj ?? value.link!.fail!);
    this.dropPath(path);
    const { derefAt: _d, ...rest } = value;
    void _d;
    setVar(this.st, path, rest);
    if (this.entry && source) this.copyMembers(source, path);
  }

  /**
   * `int *p = (int *)param;`: what an exploration knows of the values behind a parameter (entry
   * members such as `param[0]`) it knows behind the copy too.
   */
  private copyMembers(source: Expr, path: string): void {
    let x = source;
    while (x.k === 'un' && x.op === 'cast') x = x.x;
    const from = x.k === 'name' ? x.n : undefined;
    if (!from || from === path) return;
    const prefixes = [`${from}[`, `${from}->`, `${from}.`];
    for (const [k, v] of [...this.st.vars]) {
      const prefix = prefixes.find((p) => k.startsWith(p));
      if (prefix) setVar(this.st, path + k.slice(from.length), v);
    }
  }

  /**
   * `buf[k] = '\0'` ends the string in `buf` at `k` when every character before it is known not to
   * be 0 (`memset(buf, 'A', k)`), and at most there otherwise.
   */
  private terminate(base: Val, i: Val, v: Val, elem: number | undefined): void {
    const o = base.obj !== undefined ? this.st.objs.get(base.obj) : undefined;
    if (!o || elem !== 1 || base.lo !== base.hi || i.lo !== i.hi || v.lo !== 0 || v.hi !== 0 || v.unk || isPointer(v)) return;
    const k = base.lo + i.lo;
    if (k < 0) return;
    // Of contents not known (fresh memory), the string now ends at k at the latest.
    const len: [number, number] = !o.len ? [0, k] : o.len[0] >= k ? [k, k] : [o.len[0], Math.min(o.len[1], k)];
    setObj(this.st, o.id, { ...o, len });
  }

  /** `path` is about to stop pointing at what it held: an owned object nothing else refers to leaks. */
  private overwrite(path: string, old: Val, at: Spanned): void {
    const id = old.obj ?? old.link?.fail;
    if (id === undefined) return;
    const o = this.st.objs.get(id);
    if (!o || !o.owned || o.escaped || o.state !== 'live') return;
    for (const [p, v] of this.st.vars) {
      if (p === path || isTemp(p) || p.startsWith(`${path}.`) || p.startsWith(`${path}->`) || p.startsWith(`${path}[`)) continue;
      if (v.obj === id || v.link?.fail === id) return;
    }
    this.leak(o, at, `the last pointer to it is overwritten here`);
    deleteObj(this.st, id);
  }

  private leak(o: Obj, at: Spanned, how: string): void {
    if (o.partial) {
      this.partialLeaks.push({ o, at, how });
      return;
    }
    const handle = o.region === 'handle';
    this.report(handle ? 'handle-leak' : 'memory-leak', handle ? 775 : 401, at, `${cap(o.name)}${lineRef(this.mod, o.at, 'from')} is never ${handle ? 'closed' : 'freed'}: ${how}.`, [{ ...o.at, label: handle ? 'opened here' : 'allocated here' }]);
  }

  /** Whether storing into `path` hands the value to someone outside this function. */
  private isExternal(path: string): boolean {
    const root = rootOf(path);
    if (root === 'this') return true;
    if (isTemp(root)) return false;
    const local = this.fn.vars?.[root];
    if (!local) return true;
    if (local.storage === 'static' || local.storage === 'extern') return true;
    if (path === root) return false;
    if (local.storage === 'param') return true;
    const base = this.st.vars.get(root);
    // A local C++ container of pointers holds its elements as a local array does.
    if (base?.obj === undefined) return (path.includes('->') || path.includes('[')) && !isPointerContainer(local);
    const o = this.st.objs.get(base.obj);
    return !o || (o.region !== 'stack' && !o.owned) || !!o.escaped;
  }

  /** Whether argument `e` (of value `v`) hands over what this function owns: itself, by address, or in an array. */
  private handsOwned(e: Expr, v: Val): boolean {
    if (e.k === 'un' && e.op === '&') return this.ownedIn(this.st.vars.get(pathOf(e.x) ?? ''));
    const decl = e.k === 'name' ? this.fn.vars?.[e.n] : undefined;
    if (e.k === 'name' && decl?.dims && decl.ptr > 0) {
      for (const [k, w] of this.st.vars) if (k.startsWith(`${e.n}[`) && this.ownedIn(w)) return true;
    }
    return this.ownedIn(v);
  }

  /** Whether `v` points to, or is the descriptor of, something this function owns and has not released. */
  private ownedIn(v: Val | undefined): boolean {
    const id = v?.obj ?? v?.link?.fail;
    const o = id === undefined ? undefined : this.st.objs.get(id);
    return !!o?.owned && !o.escaped && o.state === 'live';
  }

  private escapeObj(id: number): void {
    const o = this.st.objs.get(id);
    if (o && !o.escaped) setObj(this.st, id, { ...o, escaped: true });
  }

  private dropPath(path: string): void {
    const field = `${path}.`;
    const arrow = `${path}->`;
    const elem = `${path}[`;
    const index = `[${path}]`;
    this.st.vars.forEach((_v, k) => {
      if (k === path || k.startsWith(field) || k.startsWith(arrow) || k.startsWith(elem) || k.includes(index)) deleteVar(this.st, k);
    });
  }

  // ---- calls ------------------------------------------------------------------------------

  private call(x: Extract<Expr, { k: 'call' }>): Val {
    const written = calleeName(x);
    const name = (written !== undefined && this.pointsToFunction.get(written)) || written;
    const receiverExpr = x.f.k === 'attr' ? x.f.o : undefined;
    const receiver = receiverExpr ? this.eval(receiverExpr) : undefined;
    if (receiver && receiverExpr && x.f.k === 'attr' && x.f.arrow) this.deref(receiver, receiverExpr, x.f, 'read', undefined, undefined, undefined, `the call of \`${x.f.n}()\``);
    // `(new Worker(…))->Start()`, `(new VTab(…))->Downcast()`: nothing names the object but the
    // method, which keeps it (it deletes itself later) or returns it; it is not followed further.
    if (receiver?.obj !== undefined && receiverExpr && isNew(receiverExpr)) this.escapeObj(receiver.obj);
    const allocating = name !== undefined && /^(?:malloc|calloc|realloc|reallocarray|alloca|_alloca|xmalloc|xcalloc|xrealloc|g_malloc|g_malloc0|kmalloc|kzalloc|operator new\[\].*)$/.test(name);
    const saved = this.allocCtx;
    this.allocCtx = allocating;
    const args = x.a.map((a) => this.eval(a));
    this.allocCtx = saved;
    if (receiverExpr && x.f.k === 'attr' && !x.f.arrow && this.containerPut(receiverExpr, x.f.n, x, args)) return { ...TOP };
    if (!name) {
      this.eval(x.f);
      for (const a of args) this.usedAfterFree(a, x);
      return TOP;
    }
    // C++: `obj.action(data)` on an object of class `Cls` runs `Cls::action`, this file's or another's.
    const method = cppMethodName(this.fn, x);
    const methodSummary = method !== undefined ? this.summaries.summary(method) : undefined;
    if (method !== undefined && methodSummary) {
      const context = this.quiet === 0 && this.summaries.specialize ? this.entryContext(method, x, args, methodSummary) : undefined;
      if (context) this.summaries.specialize!(method, context);
      return this.applySummary(methodSummary, x, args, method);
    }
    if (method !== undefined && this.quiet === 0 && this.summaries.external) {
      const context = this.entryContext(method, x, args, NO_FREES);
      if (context) this.summaries.external(method, context);
      if (this.summaries.handedOver && x.a.some((e, i) => this.handsOwned(e, args[i]))) this.summaries.handedOver(this.fn.name, method);
    }
    const own = this.summaries.summary(name);
    if (own) {
      const context = this.quiet === 0 && this.summaries.specialize ? this.entryContext(name, x, args, own) : undefined;
      if (context) this.summaries.specialize!(name, context);
      return this.applySummary(own, x, args, name);
    }
    const api = this.api(name, x, args, receiver, receiverExpr);
    const modelled = this.lang.call(api);
    if (modelled) return modelled;
    if (this.quiet === 0 && this.summaries.external && x.f.k === 'name') {
      const context = this.entryContext(name, x, args, NO_FREES);
      if (context) this.summaries.external(name, context);
      if (this.summaries.handedOver && x.a.some((e, i) => this.handsOwned(e, args[i]))) {
        this.summaries.handedOver(this.fn.name, name);
      }
    }
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      this.usedAfterFree(a, x);
      const e = x.a[i];
      if (e.k === 'un' && e.op === '&') {
        const p = pathOf(e.x);
        if (p) {
          const old = this.st.vars.get(p);
          // A pointer's object, or the handle a descriptor stands for.
          const held = old?.obj ?? old?.link?.fail;
          if (held !== undefined) this.escapeObj(held);
          this.dropPath(p);
        }
      } else if ((a.obj ?? a.link?.fail) !== undefined && (this.lang.keepsArguments(name) || isNew(e) || (x.f.k === 'attr' && this.madeByNew(a)))) {
        // `queue->send(new std::string(sql))`, `stmt->Schedule(work, baton)`: an object made for
        // the call, or one made by `new` handed to a method, is the callee's to own, as C++
        // code hands work and messages over.
        // A pointer's object, or the handle a number stands for (`gzdopen(dup(fd), "rb")`).
        this.escapeObj((a.obj ?? a.link?.fail)!);
      }
    }
    this.clobber(x);
    const rt = this.lang.returnType(name);
    return rt ? { lo: range(rt)[0], hi: range(rt)[1], unk: true } : { ...TOP };
  }

  /**
   * C++ sequences (`vector<char *>`, `list<int>`): what `push_back()` or an `insert()` at the end
   * puts in is the container's next element, `v[n]`, as it would be a local array's (a map's
   * `m[k] = p` already is one); a callee the container is passed to reads it there (entryContext,
   * passedMembers). False when the call is not such a store.
   */
  private containerPut(receiver: Expr, method: string, x: Extract<Expr, { k: 'call' }>, args: Val[]): boolean {
    const root = pathOf(receiver);
    if (!root || root !== rootOf(root) || !isSequence(this.fn.vars?.[root])) return false;
    const atEnd = (e: Expr | undefined): boolean => e?.k === 'call' && e.f.k === 'attr' && e.f.n === 'end' && pathOf(e.f.o) === root && e.a.length === 0;
    let value: number | undefined;
    if ((method === 'push_back' || method === 'emplace_back') && x.a.length === 1) value = 0;
    else if (method === 'insert' && x.a.length === 2 && atEnd(x.a[0])) value = 1;
    else if (method === 'insert' && x.a.length === 3 && atEnd(x.a[0]) && x.a[1].k === 'const' && x.a[1].v === 1) value = 2;
    if (value === undefined) return false;
    let n = 0;
    while (this.st.vars.has(`${root}[${n}]`)) n++;
    this.assign({ k: 'name', n: `${root}[${n}]`, s: x.s, e: x.e }, args[value], x, x.a[value]);
    return true;
  }

  /**
   * What a call may change: the memory its pointer arguments reach, and globals. Facts learnt
   * about those (`ctxt->input == NULL`) no longer hold after it. `known`: the callee is a function
   * whose summary says what it does.
   */
  private clobber(x: Extract<Expr, { k: 'call' }>, known = false): void {
    const roots: string[] = [];
    const written: string[] = [];
    for (const e of x.a) {
      let a = e;
      while (a.k === 'un' && a.op === 'cast') a = a.x;
      const p = a.k === 'un' && a.op === '&' ? pathOf(a.x) : pathOf(a);
      // A struct passed by value is the callee's copy: its members still point where they did,
      // only what they point to may change.
      const copied = a.k === 'name' ? this.fn.vars?.[a.n] : undefined;
      if (p && copied && copied.ptr === 0 && !copied.dims && (/^(?:const\s+)?(?:struct|union)\b/.test(copied.type) || this.lang.fields(copied.type))) {
        for (const k of this.st.vars.keys()) if (k.startsWith(`${p}.`) && !/[.[]|->/.test(k.slice(p.length + 1))) roots.push(k);
        continue;
      }
      if (p) roots.push(p);
      if (p && a.k === 'un' && a.op === '&') written.push(p);
    }
    // A method may change its object, but not the C++ containers' accessors (`v.end()`, `v.size()`).
    if (x.f.k === 'attr' && !CONTAINER_READERS.has(x.f.n)) {
      const p = pathOf(x.f.o);
      if (p) roots.push(p);
    }
    // Below a plain name (`ctx`) is every longer path with that root; below a longer path
    // (`ctx->in`), the paths it starts.
    const names = new Set<string>();
    const prefixes: string[] = [];
    for (const p of roots) {
      if (rootOf(p) === p) names.add(p);
      else prefixes.push(`${p}->`, `${p}.`, `${p}[`);
    }
    const callee = calleeName(x);
    // A function of another file cannot reach a `static` global of this one whose address this file
    // never hands out, and one of this file can only by assigning it (or calling one that does):
    // what was learnt about it (`if (memory) … if (memory) close(fd)`) still holds. So does what
    // was learnt about a global this file never assigns nor hands out (a setting, `extern int
    // verbose`): the code treats it as fixed while it runs, as its constant folding does.
    const untouched = callee !== undefined ? globalsWrittenBy(this.mod, callee) : undefined;
    this.st.vars.forEach((_v, k) => {
      const root = rootOf(k);
      let below = (root !== k && names.has(root)) || written.includes(k);
      for (let i = 0; !below && i < prefixes.length; i++) below = k.startsWith(prefixes[i]);
      // A `const` method's calls cannot change its object's members (`this->temporary_fd_`).
      const member = root === 'this' && this.isConstMethod();
      const global = !below && !member && !this.fn.vars?.[root] && !isTemp(root) && !(untouched !== undefined && !k.includes('->') && !untouched.has(root) && this.outOfReach(root));
      if (!below && !global) return;
      const held = below ? this.st.vars.get(k) : undefined;
      const id = held?.obj ?? held?.link?.fail;
      if (id !== undefined && this.ownedIn(held)) {
        // What this function owns, stored in what it passes (`names[1]`, `h.buf`): a function of
        // this file leaves it there (its summary says what it frees or keeps); an unknown one whose
        // name says it keeps what it is given has taken it, so it is no leak here.
        if (known) return;
        if (callee !== undefined && this.lang.keepsArguments(callee)) this.escapeObj(id);
      }
      deleteVar(this.st, k);
    });
  }

  /**
   * A global, not an array, whose address the file never takes, and that is `static` or that no
   * function of the file assigns (nor the C library): another file's function does not change it.
   */
  private outOfReach(name: string): boolean {
    const facts = fileFacts(this.mod);
    const d = this.mod.vars?.[name];
    if (d?.dims || facts.addressed.has(name)) return false;
    if (d?.storage === 'static') return true;
    facts.assigned ??= new Set([...facts.assigns.values()].flatMap((names) => [...names]));
    return !LIBRARY_WRITTEN.has(name) && !facts.assigned.has(name);
  }

  private madeByNew(a: Val): boolean {
    const o = a.obj !== undefined ? this.st.objs.get(a.obj) : undefined;
    return o?.family === 'new' || o?.family === 'new[]';
  }

  private constMethod: boolean | undefined;

  /** `Status Read(…) const {`: a C++ method that leaves its object as it is. */
  private isConstMethod(): boolean {
    if (this.constMethod === undefined) {
      const text = this.mod.text;
      const open = text.indexOf('{', this.fn.nameSpan.e);
      this.constMethod = open > 0 && open < this.fn.e && /\)\s*const\s*(?:override\s*|final\s*|noexcept\s*)*$/.test(text.slice(this.fn.nameSpan.e, open));
    }
    return this.constMethod;
  }

  private usedAfterFree(a: Val, at: Spanned): void {
    if (a.obj === undefined) return;
    const o = this.st.objs.get(a.obj);
    if (o && (o.state === 'freed' || o.state === 'maybe-freed')) {
      this.report('use-after-free', 416, at, `${cap(o.name)} is passed to a function after it was freed${lineRef(this.mod, o.freedAt)}.`, [o.freedAt ? { ...o.freedAt, label: 'freed here' } : undefined]);
    }
  }

  /**
   * What this call passes that the callee's own exploration could not assume (EntryContext), for
   * exploring the callee again as this call runs it; undefined when it passes nothing of the kind.
   */
  private entryContext(name: string, x: Extract<Expr, { k: 'call' }>, args: Val[], summary: PathSummary): EntryContext | undefined {
    // Most calls pass nothing of the kind: find that out before building anything.
    const untrusted: Array<[string, Val]> = [];
    // A callee in another file sees only the globals this file shares.
    const shared = (k: string): boolean => {
      const d = this.mod.vars?.[k];
      return !!d && !this.fn.vars?.[k] && (summary !== NO_FREES || d.storage !== 'static');
    };
    const pointers: Array<[string, { v: Val; o?: Obj }]> = [];
    this.st.vars.forEach((v, k) => {
      if (v.input && !v.tested && untrustedNumber(v)) untrusted.push([k, v]);
      else if ((v.obj !== undefined || v.nul === 'yes') && k === rootOf(k) && shared(k)) {
        const p = this.passed(v);
        if (p) pointers.push([k, p]);
      }
    });
    // What the callee always frees, this call has already judged (applySummary): not again inside;
    // an allocation not yet checked for NULL is still news (what the callee does before the free).
    const freed = (i: number): boolean => summary.frees.some((f) => f.path === String(i));
    // A buffer of known size is news all the same: what the callee writes before freeing it.
    const sized = (a: Val): boolean => {
      const o = a.obj !== undefined ? this.st.objs.get(a.obj) : undefined;
      return !!o && o.state === 'live' && o.region === 'heap' && !!o.size && o.size[0] === o.size[1];
    };
    const passed = args.map((a, i) => (freed(i) && a.nul !== 'maybe' && !sized(a) ? undefined : this.passed(a)));
    // A local pointer passed by address (`sink(&data)`): what it points to is the callee's `*p`;
    // the pointers in a local array passed (`sink(dataArray)`), the callee's `p[2]`.
    const byAddress = new Map<string, { v: Val; o?: Obj }>();
    const pointee = (v: Val | undefined, i: number): { v: Val; o?: Obj } | undefined =>
      v && (v.obj !== undefined || v.nul === 'yes' || v.link?.fail !== undefined) && !freed(i) ? this.passed(v) : undefined;
    x.a.forEach((e, i) => {
      const local = e.k === 'un' && e.op === '&' ? pathOf(e.x) : undefined;
      const p = pointee(local && this.fn.vars?.[local] ? this.st.vars.get(local) : undefined, i);
      if (p) byAddress.set(`${i}[0]`, p);
      // Only an array of pointers holds them (`char *names[4]`, not `char buf[64]`), or a C++
      // container of pointers (`vector<char *>`, `map<int, char *>`).
      const decl = e.k === 'name' ? this.fn.vars?.[e.n] : undefined;
      // A struct passed by value (`sink(myStruct)`): the pointers in its members, the callee's `p.f`.
      if (e.k === 'name' && decl && decl.ptr === 0 && !decl.dims) {
        const prefix = `${e.n}.`;
        this.st.vars.forEach((v, k) => {
          const q = k.startsWith(prefix) && !k.includes('.', prefix.length) ? pointee(v, i) : undefined;
          if (q) byAddress.set(`${i}${k.slice(e.n.length)}`, q);
        });
      }
      const array = ((decl?.dims && decl.ptr > 0) || isPointerContainer(decl)) && e.k === 'name' ? e.n : undefined;
      if (!array) return;
      const prefix = `${array}[`;
      this.st.vars.forEach((v, k) => {
        const m = k.startsWith(prefix) ? /^\[(\d+)\]$/.exec(k.slice(array.length)) : null;
        const q = m ? pointee(v, i) : undefined;
        if (q) byAddress.set(`${i}[${m![1]}]`, q);
      });
    });
    // A variable holding a number that breaks arithmetic (0, a negative, a type's limit) is news
    // too, when the call fixes every argument (`data = 0; sink(data)`): a literal written at the
    // call is a flag the callee expects.
    const edge = (a: Val, e: Expr): boolean =>
      e.k === 'name' && a.lo === a.hi && !a.unk && !a.input && a.obj === undefined && a.nul === undefined && (a.lo <= 0 || a.lo >= 2 ** 31 - 1);
    const edges = args.some((a, i) => edge(a, x.a[i]));
    if (untrusted.length === 0 && pointers.length === 0 && byAddress.size === 0 && passed.every((p) => p === undefined) && !edges) return undefined;
    const params = new Map<number, Val>();
    const objs = new Map<number, Obj>();
    const shown = new Map<number, string>();
    let unknown = false;
    args.forEach((a, i) => {
      const p = passed[i];
      if (p) {
        params.set(i, p.v);
        if (p.o) objs.set(i, p.o);
        shown.set(i, `\`${exprText(this.mod, x.a[i])}\``);
      } else if (a.lo === a.hi && !a.unk && !a.input && a.obj === undefined && a.nul === undefined) {
        params.set(i, { lo: a.lo, hi: a.hi });
        if (edge(a, x.a[i])) shown.set(i, `\`${exprText(this.mod, x.a[i])}\` (${exactText(a.lo)})`);
      } else {
        unknown = true;
      }
    });
    // What a callee does with NULL or a buffer often hangs on its other arguments (an error code
    // saying the pointer is unused, a length it checks first): only a call that fixes them all
    // says what that call does. An untrusted number's range is news to the callee whatever they are.
    if (unknown) {
      for (const [i, v] of params) {
        if (v.input || shown.get(i) === undefined) continue;
        params.delete(i);
        objs.delete(i);
        shown.delete(i);
      }
    }
    const members = this.passedMembers(x, untrusted);
    const memberObjs = new Map<string, Obj>();
    for (const [key, p] of byAddress) {
      members.set(key, p.v);
      if (p.o) memberObjs.set(key, p.o);
    }
    for (const key of members.keys()) {
      const i = Number(/^\d+/.exec(key)![0]);
      if (!shown.has(i)) shown.set(i, `\`${exprText(this.mod, x.a[i])}\``);
    }
    const globals = new Map<string, Val>();
    for (const [k, v] of untrusted) if (shared(k)) globals.set(k, carried(v));
    const globalObjs = new Map<string, Obj>();
    for (const [k, p] of pointers) {
      globals.set(k, p.v);
      if (p.o) globalObjs.set(k, p.o);
    }
    const what = [...shown.values(), ...[...globals.keys()].map((k) => `\`${k}\``)];
    if (what.length === 0) return undefined;
    return {
      params,
      objs,
      members,
      globals,
      ...(globalObjs.size > 0 ? { globalObjs } : {}),
      ...(memberObjs.size > 0 ? { memberObjs } : {}),
      via: { s: x.s, e: x.e, label: `${what.join(', ')} reaches ${name}() here` },
    };
  }

  /**
   * Untrusted numbers the callee reaches through its arguments: in the variable `&data` points to,
   * in the fields of a struct passed by value or by address, in the elements of an array passed.
   */
  private passedMembers(x: Extract<Expr, { k: 'call' }>, untrusted: ReadonlyArray<[string, Val]>): Map<string, Val> {
    const members = new Map<string, Val>();
    if (untrusted.length === 0) return members;
    x.a.forEach((e, i) => {
      while (e.k === 'un' && e.op === 'cast') e = e.x;
      const byAddress = e.k === 'un' && e.op === '&';
      const root = pathOf(byAddress ? (e as Extract<Expr, { k: 'un' }>).x : e);
      if (!root || !this.fn.vars?.[root]) return;
      for (const [k, v] of untrusted) {
        if (byAddress && k === root) members.set(`${i}[0]`, carried(v));
        else if (k.startsWith(`${root}.`)) members.set(`${i}${byAddress ? '->' : '.'}${k.slice(root.length + 1)}`, carried(v));
        else if (!byAddress && k.startsWith(`${root}[`)) members.set(`${i}${k.slice(root.length)}`, carried(v));
      }
    });
    return members;
  }

  /**
   * What of argument value `a` a callee is told, when it is something the callee's own exploration
   * did not assume: an untrusted number the caller has not tested, NULL, an allocation not checked
   * for NULL, a buffer of known size.
   */
  private passed(a: Val): { v: Val; o?: Obj } | undefined {
    if (untrustedNumber(a)) return a.tested ? undefined : { v: carried(a) };
    if (a.nul === 'yes') return { v: { lo: 0, hi: 0, nul: 'yes' } };
    const o = a.obj !== undefined ? this.st.objs.get(a.obj) : undefined;
    // The caller's variable an object is the storage of is no name in the callee.
    const copy = (): Obj => ({ ...o!, owned: false, partial: undefined, holds: undefined });
    // Freed already: what the callee does with it is a use after free or a second free.
    if (o?.state === 'freed' && a.nul === undefined && o.region === 'heap') return { v: { lo: a.lo, hi: a.hi, obj: a.obj }, o: copy() };
    // A descriptor (a number that stands for what open() opened): which call may release it is news.
    const fd = a.obj === undefined && a.link?.fail !== undefined ? this.st.objs.get(a.link.fail) : undefined;
    if (fd?.family === 'fd' && fd.state === 'live' && a.lo >= -1) return { v: { lo: a.lo, hi: a.hi, link: { fail: fd.id }, unk: true }, o: { ...fd, owned: false, partial: undefined, holds: undefined } };
    if (!o || o.state !== 'live' || a.nul === 'path') return undefined;
    if (a.nul === 'maybe' && a.link?.fail === a.obj) return { v: { lo: a.lo, hi: a.hi, obj: a.obj, nul: 'maybe', link: { fail: a.obj } }, o: copy() };
    // String literals are only read, and reads of them are not followed: nothing to learn there.
    if (a.nul === undefined && a.lo === a.hi && o.size && o.size[0] === o.size[1] && o.region !== 'handle' && o.region !== 'literal') return { v: { lo: a.lo, hi: a.hi, obj: a.obj }, o: copy() };
    return undefined;
  }

  /** `v` as a parameter declared `decl` receives it: a value outside the type's range wraps to any of it. */
  private converted(v: Val, decl: VarDecl | undefined): Val {
    const t = decl && decl.ptr === 0 && !decl.dims ? this.lang.intType(decl.type) : undefined;
    if (!t) return v;
    const [lo, hi] = range(t);
    return v.lo < lo || v.hi > hi ? { ...v, lo, hi } : v;
  }

  private applySummary(s: PathSummary, x: Extract<Expr, { k: 'call' }>, args: Val[], name: string): Val {
    if (s.noReturn) {
      this.dead = true;
      return TOP;
    }
    // `sink(&data)` freeing `*dataPtr` (path `0[0]`) frees what `data` held when the call was
    // made, and `sink(array)` freeing `array[2]` what that element held: the clobbering below
    // forgets both (the callee may write through its arguments).
    const through = s.frees.map((f) => {
      const e = x.a[Number(f.path.split(/(?=->|\.|\[)/)[0])];
      const rest = f.path.replace(/^\d+/, '');
      if (e?.k === 'un' && e.op === '&' && rest === '[0]') return { e: e.x, v: this.eval(e.x) };
      const base = e ? pathOf(e) : undefined;
      if (!base || !/^\[\d+\]$/.test(rest)) return undefined;
      const element: Expr = { k: 'name', n: base + rest, s: x.s, e: x.e };
      return { e: element, v: this.readPath(base + rest, element) };
    });
    this.clobber(x, true);
    for (const i of s.keeps ?? []) {
      const id = args[i]?.obj ?? args[i]?.link?.fail;
      if (id !== undefined) this.escapeObj(id);
    }
    s.frees.forEach((f, k) => {
      const held = through[k];
      if (held) {
        this.releaseValue(held.v, pathOf(held.e), x, [f.family], `${name}()`, held.e);
        return;
      }
      const [index, ...rest] = f.path.split(/(?=->|\.|\[)/);
      const i = Number(index);
      const argExpr = x.a[i];
      if (!argExpr) return;
      const base = pathOf(argExpr);
      let v: Val | undefined;
      let path: string | undefined;
      if (base) {
        path = base + rest.join('');
        const e: Expr = rest.length === 0 ? argExpr : { k: 'name', n: path, s: x.s, e: x.e };
        v = rest.length === 0 ? args[i] : this.readPath(path, e);
      } else if (rest.length === 0) {
        v = args[i];
      }
      if (v) this.releaseValue(v, path, x, [f.family], `${name}()`, argExpr);
    });
    for (const a of args) if (s.frees.length === 0) this.usedAfterFree(a, x);
    if (s.returnsAlloc) {
      const { region, family, nul, handle, freedAt } = s.returnsAlloc;
      const id = this.objectId(`call:${x.s}`);
      const what = handle ? 'descriptor' : region === 'handle' ? 'stream' : 'memory';
      const state = freedAt ? { state: 'freed' as const, freedAt } : { state: 'live' as const };
      setObj(this.st, id, { id, region, family, ...state, at: x, owned: true, name: `the ${what} returned by ${name}()` });
      if (handle) return { lo: nul ? -1 : 0, hi: 2 ** 31 - 1, link: { fail: id }, unk: true };
      return { lo: 0, hi: 0, obj: id, ...(nul ? { nul: 'maybe' as const, link: { fail: id } } : {}) };
    }
    for (const { param, from } of s.fillsInput ?? []) {
      const o = args[param]?.obj !== undefined ? this.st.objs.get(args[param].obj!) : undefined;
      // What the callee read is of any length its buffer holds.
      if (o && o.state === 'live') setObj(this.st, o.id, { ...o, input: true, len: undefined, ...(from ? { from } : {}) });
    }
    if (s.returnsInput) return s.returnsInput;
    if (s.returnsParam !== undefined && args[s.returnsParam]?.obj !== undefined) return args[s.returnsParam];
    return { ...TOP };
  }

  private api(name: string, x: Extract<Expr, { k: 'call' }>, args: Val[], receiver: Val | undefined, receiverExpr: Expr | undefined): CallApi {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const ex = this;
    return {
      name,
      at: x,
      args,
      newTypeSize: () => {
        const type = x.kw.find((k) => k.n === 'type')?.x;
        return type?.k === 'const' && typeof type.v === 'string' ? this.lang.sizeOf(type.v, 0) : undefined;
      },
      receiver,
      argExpr: (i) => x.a[i],
      allocate: (spec) => ex.allocate(spec, x),
      release: (i, families, what) => {
        const v = i === 'receiver' ? receiver : args[i];
        const e = i === 'receiver' ? receiverExpr : x.a[i];
        if (v && e) ex.releaseValue(v, pathOf(e), x, families, what, e);
      },
      access: (i, mode, bytes, what) => {
        const e = x.a[i];
        const v = args[i];
        if (!e || !v) return;
        // What was known of single elements (`data[0] = '\0'`) no longer holds once a call writes there.
        const written = mode === 'write' ? pathOf(e) : undefined;
        if (written) for (const k of ex.st.vars.keys()) if (k.startsWith(`${written}[`)) deleteVar(ex.st, k);
        if (bytes === 'string') {
          const o = v.obj !== undefined ? ex.st.objs.get(v.obj) : undefined;
          // A string read from a pointer into it (`strchr(buf, '=') + 1`) ends at the same terminator.
          const inside = o?.len && v.lo >= 0 && v.hi <= o.len[1];
          const len = o?.len ? { lo: 1, hi: inside ? o.len[1] - v.hi + 1 : o.len[1] + 1, ...(o.input ? { input: true, from: o.from } : {}) } : undefined;
          ex.deref(v, e, x, mode, undefined, undefined, len && Number.isFinite(len.hi) ? len : num(1), what);
        } else {
          ex.deref(v, e, x, mode, undefined, undefined, bytes ? ex.restOfBuffer(e, bytes, args, x.a, v) : num(1), what);
        }
      },
      object: (i) => {
        const p = x.a[i] ? pathOf(x.a[i]) : undefined;
        const cur = p ? ex.st.vars.get(p) : undefined;
        const id = cur?.obj ?? args[i]?.obj;
        return id !== undefined ? ex.st.objs.get(id) : undefined;
      },
      setObject: (o) => setObj(ex.st, o.id, o),
      fillUnknown: (i, from) => {
        // A caller's buffer this function was handed: its callers learn it holds input (summarize).
        const root = x.a[i] ? bufferRoot(x.a[i]) : undefined;
        const param = root === undefined ? undefined : ex.params.get(root);
        if (param !== undefined && !ex.filledParams.has(param)) ex.filledParams.set(param, from);
      },
      storeThrough: (i, v) => {
        const e = x.a[i];
        if (e?.k === 'un' && e.op === '&') ex.assign(toTarget(e.x), v, x, undefined);
      },
      pointeeSize: (i) => (x.a[i] ? ex.elemSize(x.a[i]) : undefined),
      pointeeIntType: (i) => {
        const e = x.a[i];
        if (!e) return undefined;
        if (e.k === 'un' && e.op === '&') return ex.intTypeOf(e.x);
        const d = ex.declOf(e);
        return d ? ex.intTypeOfDecl({ ...d, ptr: Math.max(0, d.ptr - 1), dims: undefined }) : undefined;
      },
      lock: (key, op, result) => ex.lockOp(key, op, x, result),
      lockKeyOf: (i) => {
        const e = i === 'receiver' ? receiverExpr : x.a[i];
        return e ? lockKey(e) : undefined;
      },
      noReturn: () => {
        ex.dead = true;
      },
      escape: (i) => {
        if (args[i]?.obj !== undefined) ex.escapeObj(args[i].obj!);
        if (args[i]?.link?.fail !== undefined) ex.escapeObj(args[i].link!.fail!);
      },
      report: (kind, cwe, message, from) => ex.report(kind, cwe, x, message, [], from),
      origin: (what) => ({ s: x.s, e: x.e, what }),
      describe: (i) => (x.a[i] ? exprText(ex.mod, x.a[i]) : '?'),
      viaPointer: (i) => {
        const d = x.a[i]?.k === 'name' ? ex.declOf(x.a[i]) : undefined;
        return d !== undefined && d.ptr > 0 && !d.dims;
      },
    };
  }

  /**
   * The length of an access `&buf[n]` or `buf + n` for `X - n` bytes (`snprintf(&buf[len],
   * sizeof(buf) - len, …)`): it ends at X whatever n is, which ranges cannot tell by themselves.
   * `bytes` is the value of one of `args`; otherwise, or for any other shape, it is kept.
   */
  private restOfBuffer(dest: Expr, bytes: Val, args: readonly Val[], exprs: readonly Expr[], pointer: Val): Val {
    const size = exprs[args.indexOf(bytes)];
    if (size?.k !== 'bin' || size.op !== '-') return bytes;
    let d = dest;
    while (d.k === 'un' && d.op === 'cast') d = d.x;
    const offset = d.k === 'un' && d.op === '&' && d.x.k === 'index' ? d.x.i : d.k === 'bin' && d.op === '+' ? d.r : undefined;
    const n = offset && pathOf(offset);
    if (!n || n !== pathOf(size.r)) return bytes;
    const end = this.quietly(() => this.eval(size.l));
    if (!Number.isFinite(end.hi)) return bytes;
    return { ...bytes, lo: 0, hi: Math.max(0, end.hi - pointer.hi) };
  }

  private allocate(spec: ObjectSpec, at: Spanned): Val {
    const id = this.objectId(`alloc:${at.s}${spec.site ?? ''}`);
    const old = this.st.objs.get(id);
    if (old && old.owned && !old.escaped && old.state === 'live') {
      // The same site allocates again (a loop): keep the earlier object apart so its fate is still judged.
      const moved = this.objectId(`alloc:${at.s}${spec.site ?? ''}:prev`);
      const prev = this.st.objs.get(moved);
      if (prev && prev.owned && !prev.escaped && prev.state === 'live' && !this.referenced(moved)) this.leak(prev, at, 'a later iteration allocates again and nothing refers to it any more');
      setObj(this.st, moved, { ...old, id: moved });
      for (const [p, v] of this.st.vars) {
        if (v.obj === id) setVar(this.st, p, { ...v, obj: moved });
        if (v.link?.fail === id) setVar(this.st, p, { ...v, link: { ...v.link, fail: moved } });
      }
    }
    // c/alloc-size-overflow judges a product written in the call, but sees only input read in the
    // same function: input read elsewhere is this exploration's to report.
    if (spec.size && spec.productSize && this.readElsewhere(spec.size) && this.wrappingSize(spec.size)) {
      this.report('int-overflow', 680, at, `The size of the allocation by ${spec.name} is a product of untrusted data${fromText(spec.size)} that can wrap around (a negative count is a huge size_t): the block can be far smaller than the code that fills it expects.`, [], spec.size.from);
    } else if (spec.size && (!spec.productSize || this.readElsewhere(spec.size))) {
      this.unboundedAlloc(spec.size, at, spec.region === 'stack' ? 'stack' : 'heap', `the allocation by ${spec.name}`);
    }
    const size = spec.size && Number.isFinite(spec.size.hi) && spec.size.lo >= 0 ? ([spec.size.lo, spec.size.hi] as [number, number]) : undefined;
    const o: Obj = {
      id,
      region: spec.region,
      family: spec.family,
      state: 'live',
      at: { s: at.s, e: at.e },
      owned: spec.owned ?? (spec.region === 'heap' || spec.region === 'handle'),
      name: spec.handle ? `the ${spec.name} handle` : spec.region === 'handle' ? `the stream opened by ${spec.name}` : `the memory allocated by ${spec.name}`,
      ...(size ? { size } : {}),
      ...(spec.input ? { input: true } : {}),
      ...(spec.from ? { from: spec.from } : {}),
      ...(spec.len ? { len: spec.len } : {}),
      ...(spec.elems !== undefined ? { elems: spec.elems } : {}),
    };
    setObj(this.st, id, o);
    if (spec.handle) return { lo: spec.canFail ? -1 : 0, hi: 2 ** 31 - 1, link: { fail: id }, unk: true };
    return { lo: 0, hi: 0, obj: id, ...(spec.canFail ? { nul: 'maybe' as const, link: { fail: id } } : {}) };
  }

  /**
   * A path rooted in a name the function or file declares (or a temporary), or a plain name no
   * declaration in view covers, which in C is a global of a header (`extern int globalFive;`):
   * worth remembering facts about.
   */
  private tracked(path: string): boolean {
    const root = rootOf(path);
    return root === path || isTemp(root) || root === 'this' || !!this.fn.vars?.[root] || !!this.mod.vars?.[root];
  }

  /** Drops objects nothing refers to and nothing will report: loops then reach a fixpoint. */
  private collectGarbage(): void {
    const used = new Set<number>();
    this.st.vars.forEach((v) => {
      if (v.obj !== undefined) used.add(v.obj);
      if (v.link?.fail !== undefined) used.add(v.link.fail);
      if (v.link?.reallocOld !== undefined) used.add(v.link.reallocOld);
      if (v.lenOf !== undefined) used.add(v.lenOf);
    });
    this.st.objs.forEach((o) => {
      if (o.elems !== undefined) used.add(o.elems);
    });
    this.st.objs.forEach((o, id) => {
      if (used.has(id) || (o.owned && !o.escaped && o.state === 'live')) return;
      deleteObj(this.st, id);
    });
  }

  private referenced(id: number): boolean {
    for (const v of this.st.vars.values()) if (v.obj === id || v.link?.fail === id) return true;
    return false;
  }

  /** Input read outside this function: what c/alloc-size-overflow, which sees one function, cannot judge. */
  private readElsewhere(v: Val): boolean {
    // In another file (located there), or in this one outside this function: a caller passed it
    // in, a callee returned it, a global held it.
    return v.from !== undefined && (v.from.where !== undefined || v.from.s < this.fn.s || v.from.s >= this.fn.e);
  }

  /** An allocation size computed from input that no check bounds, and that leaves size_t's range (CWE-680). */
  private wrappingSize(size: Val): boolean {
    return !!size.input && !size.unk && !size.sized && !size.capped && !size.bounded && (size.lo < 0 || size.hi >= 2 ** 64);
  }

  private unboundedAlloc(size: Val, at: Spanned, region: 'stack' | 'heap', what: string): void {
    if (!size.input || size.unk || size.sized || size.capped || size.bounded) return;
    const limit = region === 'stack' ? HUGE_STACK : HUGE_HEAP;
    if (size.hi < limit) return;
    this.report('unbounded-alloc', 789, at, `The size of ${what} comes from untrusted data${fromText(size)} with no upper limit; a huge value exhausts ${region === 'stack' ? 'the stack' : 'memory'}.`, [], size.from);
  }

  private releaseValue(v: Val, path: string | undefined, at: Spanned, families: string[], what: string, e: Expr): void {
    for (const f of families) this.releasedFamilies.add(f);
    if (v.nul === 'yes') return;
    let o = v.obj !== undefined ? this.st.objs.get(v.obj) : undefined;
    if (!o && v.link?.fail !== undefined) o = this.st.objs.get(v.link.fail);
    if (!o && path && v.nul === undefined) o = this.lazyObject(path, at);
    if (!o) return;
    const name = exprText(this.mod, e);
    if (o.state === 'freed' || o.state === 'maybe-freed') {
      this.report('double-free', 415, at, `\`${name}\` is released by ${what} a second time${o.state === 'maybe-freed' ? ' on some path' : ''}: ${o.name} was already released${lineRef(this.mod, o.freedAt)}.`, [o.freedAt ? { ...o.freedAt, label: 'first released here' } : undefined]);
      return;
    }
    if (o.state === 'failed') return;
    if (o.region === 'stack' || o.region === 'static' || o.region === 'literal') {
      if (families.some((f) => f === 'malloc' || f === 'new' || f === 'new[]')) {
        this.report('free-not-heap', 590, at, `${what} releases \`${name}\`, which points to ${o.name} — ${o.region === 'literal' ? 'a string literal' : o.region === 'stack' ? 'memory on the stack' : 'static memory'}, not memory from the heap.`, [{ ...o.at, label: 'declared here' }]);
        return;
      }
    }
    if (o.region === 'heap' && v.obj !== undefined && (v.lo !== 0 || v.hi !== 0) && families.includes('malloc')) {
      this.report('free-offset', 761, at, `${what} is given \`${name}\`, which no longer points to the start of ${o.name}${lineRef(this.mod, o.at, 'from')}; only the pointer the allocator returned may be released.`, [{ ...o.at, label: 'allocated here' }]);
      // Reported once: the block is not also reported as leaked.
      setObj(this.st, o.id, { ...o, state: 'freed', freedAt: { s: at.s, e: at.e } });
      return;
    }
    if (o.family && !families.includes(o.family) && o.region !== 'unknown') {
      // CWE-762 is about memory; a stream or descriptor closed by the wrong call is CWE-404.
      const cwe = MEMORY_FAMILIES.has(o.family) && families.some((f) => MEMORY_FAMILIES.has(f)) ? 762 : 404;
      this.report('mismatched-release', cwe, at, `${cap(o.name)}${lineRef(this.mod, o.at, 'from')} is released with ${what}, which does not match how it was obtained (${familyText(o.family)}).`, [{ ...o.at, label: 'obtained here' }]);
    }
    // An object this function was handed is, from here on, of the family that released it.
    setObj(this.st, o.id, { ...o, family: o.family ?? families[0], state: 'freed', freedAt: { s: at.s, e: at.e } });
  }

  // ---- locks ------------------------------------------------------------------------------

  private lockOp(key: string, op: 'lock' | 'unlock' | 'try', at: Spanned, result?: 'zero-means-held'): Val {
    const cur = this.st.locks.get(key);
    if (op === 'lock') {
      if (cur === 'held') this.report('double-lock', 764, at, `\`${key}\` is locked again while it is already held on this path; a non-recursive lock deadlocks.`);
      if (result === 'zero-means-held') {
        setLock(this.st, key, 'maybe');
        return { lo: 0, hi: 2 ** 31 - 1, unk: true, link: { lock: key } };
      }
      setLock(this.st, key, 'held');
      return num(0);
    }
    if (op === 'try') {
      setLock(this.st, key, cur === 'held' ? 'held' : 'maybe');
      return { lo: 0, hi: 2 ** 31 - 1, unk: true, link: { lock: key } };
    }
    if (cur === 'free' || cur === 'maybe') {
      this.report('unlock-not-held', 832, at, `\`${key}\` is unlocked here although it is ${cur === 'free' ? 'not held' : 'possibly not held'} on this path.`);
    }
    setLock(this.st, key, 'free');
    return num(0);
  }

  // ---- loops ------------------------------------------------------------------------------

  private loopHead(loop: Extract<Stmt, { k: 'loop' }>): void {
    const exit = loop.c ? undefined : firstExitCondition(loop);
    const cond = loop.c ?? (exit?.k === 'un' && exit.op === '!' ? exit.x : exit);
    if (!cond) return;
    const negated = !loop.c && cond === exit;
    let unbounded: Val | undefined;
    let bounded = false;
    for (const cmp of comparisons(cond)) {
      if (cmp.xs.length !== 2) continue;
      const [l, r] = cmp.xs;
      // Written as the condition to keep looping: `i < n` or, for an exit test, its negation.
      const op = negated ? negate(cmp.ops[0]) : cmp.ops[0];
      const lp = pathOf(l);
      const rp = pathOf(r);
      const lv = this.peek(l);
      const rv = this.peek(r);
      let counter: 'l' | 'r' | undefined;
      if (lp && this.modifiedIn(loop, lp)) counter = 'l';
      else if (rp && this.modifiedIn(loop, rp)) counter = 'r';
      if (!counter) continue;
      const bound = counter === 'l' ? rv : lv;
      const self = counter === 'l' ? lv : rv;
      const dir = counter === 'l' ? op : flip(op);
      // The counter rises to the bound (`i < n`) or falls to it (`i > n`); `!=` may go either way.
      const limit = (v: Val | undefined, up: boolean): boolean => !!v && !!v.input && !v.unk && (up ? v.hi >= LARGE : v.lo <= -LARGE);
      const constBound = (counter === 'l' ? r : l).k === 'const';
      if (constBound && self && limit(self, dir === '>' || dir === '>=' || dir === '!=')) {
        unbounded ??= self;
        continue;
      }
      if (!constBound && bound && limit(bound, dir === '<' || dir === '<=' || dir === '!=')) {
        unbounded ??= bound;
        continue;
      }
      bounded = true;
    }
    // In `i < argc && i <= 4` one comparison that bounds the counter is enough.
    if (!unbounded || (bounded && cond.k === 'bool' && cond.op === (negated ? 'or' : 'and'))) return;
    this.report('input-loop', 606, cond, `The number of iterations of this loop is set by untrusted data${fromText(unbounded)} with no upper limit; a huge value keeps the program busy indefinitely.`, [], unbounded.from);
  }

  private modifiedIn(loop: Extract<Stmt, { k: 'loop' }>, path: string): boolean {
    let found = false;
    const visit = (stmts: Stmt[]): void => {
      for (const s of stmts) {
        if ((s.k === 'aug' || (s.k === 'assign' && s.via !== 'out')) && targetExpr(s.t) && pathOf(targetExpr(s.t)!) === path) found = true;
        if (s.k === 'if') {
          visit(s.t);
          visit(s.f);
        } else if (s.k === 'loop') {
          visit(s.head);
          visit(s.body);
        }
      }
    };
    visit(loop.head);
    visit(loop.body);
    return found;
  }

  private peek(x: Expr): Val | undefined {
    const p = pathOf(x);
    if (p) return this.st.vars.get(p);
    if (x.k === 'const' && typeof x.v === 'number') return num(x.v);
    return undefined;
  }

  /** An iteration ends: a read result still able to mean end-of-input loops forever. */
  private loopBack(loop: Extract<Stmt, { k: 'loop' }>): void {
    this.collectGarbage();
    if (loop.c && !(loop.c.k === 'const' && loop.c.v)) return;
    // A read result counts as checked when any copy of it was narrowed past end-of-input.
    const byRead = new Map<number, { path: string; atEnd: boolean }>();
    for (const [path, v] of this.st.vars) {
      const eof = v.eof;
      if (eof === undefined || !v.from) continue;
      const atEnd = isPointer(v) ? v.nul === 'maybe' || v.nul === 'path' : v.lo <= eof && eof <= v.hi && !v.excl?.includes(eof);
      const prev = byRead.get(v.from.s);
      if (!prev) byRead.set(v.from.s, { path, atEnd });
      else byRead.set(v.from.s, { path: isTemp(prev.path) ? path : prev.path, atEnd: prev.atEnd && atEnd });
    }
    for (const { path, atEnd } of byRead.values()) {
      if (!atEnd) continue;
      this.report('infinite-loop', 835, loop, `This loop has no exit when \`${path}\` reports end of input; once the input is exhausted it spins forever.`);
      return;
    }
  }

  /**
   * A loop meant to end (its condition is not a constant) whose exit no path takes, though the
   * exploration reached it and went everywhere: the values the loop gives the condition's
   * variables always satisfy it (`i >= 0` with `i = (i + 1) % 256`). Only the innermost such
   * loop is told: the loops around it cannot end either, because of it.
   */
  private reportEndlessLoops(visited: (block: number) => boolean): void {
    const endless: Array<Extract<Stmt, { k: 'loop' }>> = [];
    for (const loop of this.endingConditions.keys()) {
      const blocks = this.cfg.loops.get(loop);
      if (loop.k !== 'loop' || !blocks || !visited(blocks.head) || (visited(blocks.after) && !this.wrapping.has(loop))) continue;
      if (this.deaths.some((at) => at >= loop.s && at < loop.e)) continue;
      endless.push(loop);
    }
    for (const loop of endless) {
      if (endless.some((inner) => inner !== loop && inner.s >= loop.s && inner.e <= loop.e)) continue;
      const { x, ends } = this.endingConditions.get(loop)!;
      const text = exprText(this.mod, x);
      const unsigned = this.unsignedAgainstZero(x);
      if (unsigned && !ends) {
        this.report('endless-loop', 835, x, `\`${unsigned}\` is unsigned, so \`${text}\` is always true: the loop never ends.`);
        continue;
      }
      this.report('endless-loop', 835, x, ends
        ? `The loop ends only when \`${text}\`, which the values the loop gives its variables never make true: the loop never ends.`
        : `The loop runs while \`${text}\`, which the values the loop gives its variables never make false: the loop never ends.`);
    }
  }

  /** The unsigned variable `x` compares with 0 the way that always holds (`i >= 0`, `0 <= i`). */
  private unsignedAgainstZero(x: Expr): string | undefined {
    if (x.k !== 'cmp' || x.ops.length !== 1) return undefined;
    const [l, r] = x.xs;
    const zero = (e: Expr): boolean => e.k === 'const' && e.v === 0;
    const v = x.ops[0] === '>=' && zero(r) ? l : x.ops[0] === '<=' && zero(l) ? r : undefined;
    if (v?.k !== 'name') return undefined;
    const type = this.fn.vars?.[v.n]?.type ?? '';
    return /\bunsigned\b|\bsize_t\b|\buint\d*_t\b|\bu_?(?:int|long|short|char)\b/.test(type) ? v.n : undefined;
  }

  /** Whether `x` reads only plain local numbers whose address is never taken, which nothing but this function changes. */
  private onlyLocalsIn(x: Expr): boolean {
    if (mayHaveEffects(x) || !comparesWithNumbers(x)) return false;
    let ok = true;
    let names = 0;
    const visit = (e: Expr): void => {
      if (e.k === 'name') {
        names++;
        const v = this.fn.vars?.[e.n];
        // Numbers only: what the exploration knows of pointers it follows (a list's `next`) is no proof.
        if (!v || (v.storage !== 'auto' && v.storage !== 'param') || v.ptr > 0 || (v.dims?.length ?? 0) > 0 || this.addressTaken().has(e.n)) ok = false;
        return;
      }
      if (e.k !== 'const' && e.k !== 'bin' && e.k !== 'cmp' && e.k !== 'bool' && !(e.k === 'un' && e.op !== '*' && e.op !== '&')) ok = false;
      forEachChild(e, visit);
    };
    visit(x);
    return ok && names > 0 && this.numericUpdates(x);
  }

  /**
   * Whether every value the function gives the variables of `x` is computed from numbers: a
   * difference of pointers (`pattern_size = op - src`) is a number to C, but not to the
   * exploration, which cannot judge a loop on it.
   */
  private numericUpdates(x: Expr): boolean {
    const vars = new Set<string>();
    collectPaths(x, vars);
    let ok = true;
    const pointerName = (e: Expr): void => {
      if (e.k === 'name') {
        const v = this.fn.vars?.[e.n] ?? this.mod.vars?.[e.n];
        if (v && (v.ptr > 0 || (v.dims?.length ?? 0) > 0)) ok = false;
      }
      forEachChild(e, pointerName);
    };
    forEachStmt(this.fn.body, (s) => {
      if ((s.k === 'assign' || s.k === 'aug') && s.t.k === 'name' && vars.has(s.t.n)) pointerName(s.x);
    });
    return ok;
  }

  private addressTakenNames: Set<string> | undefined;

  private addressTaken(): Set<string> {
    if (!this.addressTakenNames) {
      const names = new Set<string>();
      const visit = (e: Expr): void => {
        if (e.k === 'un' && e.op === '&' && e.x.k === 'name') names.add(e.x.n);
        forEachChild(e, visit);
      };
      for (const s of this.fn.body) forEachExprOfStmt(s, visit);
      this.addressTakenNames = names;
    }
    return this.addressTakenNames;
  }

  /** `pos += step` where the step can be 0: a loop waiting for `pos` to move never ends. */
  private zeroStep(s: Extract<Stmt, { k: 'aug' }>, step: Val): void {
    if (s.op !== '+' && s.op !== '-') return;
    const loops = this.augLoops.get(s);
    if (!loops) return;
    const target = targetExpr(s.t);
    const path = target ? pathOf(target) : undefined;
    if (!path || !loops.some((l) => this.loopVars.get(l)?.has(path))) return;
    if (s.x.k === 'const') return;
    if (!(step.input || step.mem) || step.lo > 0 || step.hi < 0 || step.excl?.includes(0)) return;
    this.report('infinite-loop', 835, s, `\`${path}\` advances by \`${exprText(this.mod, s.x)}\`, which can be 0 for data read from the buffer; the loop then never ends.`);
  }

  // ---- conditions -------------------------------------------------------------------------

  /** The states in which `cond` has truth value `truth`; none when that is impossible. */
  refine(st: State, cond: Expr, truth: boolean): State[] {
    const saved = this.st;
    try {
      return this.refineIn(st, cond, truth);
    } finally {
      this.st = saved;
    }
  }

  private refineIn(st: State, c: Expr, truth: boolean): State[] {
    switch (c.k) {
      case 'const': {
        const t = c.v !== null && c.v !== 0 && c.v !== false && c.v !== '';
        return t === truth ? [st] : [];
      }
      case 'un':
        if (c.op === '!') return this.refineIn(st, c.x, !truth);
        if (c.op === 'cast') return this.refineIn(st, c.x, truth);
        break;
      case 'bool': {
        const conj = (c.op === 'and') === truth;
        // Nested conditions multiply the cases: keep at most a few at every step.
        if (conj) {
          let states = [st];
          for (const x of c.xs) states = this.refineEach(states, x, truth);
          return states;
        }
        // A guard that fails (`p != NULL && …` is false) does not say that `p` is NULL, only that
        // one test failed: its NULL case is not taken as a fact (Coverity's FORWARD_NULL noise).
        const out: State[] = [];
        let rest = [st];
        const savedWeak = this.weakNull;
        if (c.op === 'and') this.weakNull = true;
        try {
          for (const x of c.xs) {
            for (const s of rest) if (out.length < MAX_STATES) out.push(...this.refineIn(cloneState(s), x, truth));
            // Only the first few cases are kept: once they are found, the others need no refining.
            if (out.length >= MAX_STATES) break;
            rest = this.refineEach(rest, x, !truth);
          }
        } finally {
          this.weakNull = savedWeak;
        }
        return out.slice(0, MAX_STATES);
      }
      case 'cmp':
        if (c.xs.length === 2) return this.refineCompare(st, c.ops[0], c.xs[0], c.xs[1], truth);
        break;
      case 'index':
        if (truth) this.beforeTerminator(st, c);
        return this.refineCompare(st, '!=', c, { k: 'const', v: 0, s: c.s, e: c.e }, truth);
      case 'name':
      case 'attr':
        return this.refineCompare(st, '!=', c, { k: 'const', v: 0, s: c.s, e: c.e }, truth);
      case 'call': {
        this.st = st;
        const v = this.quietly(() => this.eval(c));
        if (v.lo === 0 && v.hi === 0 && truth) return [];
        return [this.st];
      }
      default:
        break;
    }
    this.st = st;
    // The condition already ran (its `eval` step): `if (ret | close(fd))` must not close twice.
    const v = mayHaveEffects(c) ? this.quietly(() => this.eval(c)) : this.eval(c);
    if (!isPointer(v)) {
      if (truth && v.lo === 0 && v.hi === 0) return [];
      if (!truth && (v.lo > 0 || v.hi < 0)) return [];
    }
    return [this.st];
  }

  /** `x` refined in each of `states` (all of them: refining reports), keeping the first few results. */
  private refineEach(states: State[], x: Expr, truth: boolean): State[] {
    const out: State[] = [];
    // Cases that end in the same state (`p == NULL` failing on each of them) are one case.
    for (const s of states) for (const r of this.refineIn(s, x, truth)) if (!out.some((o) => sameState(o, r))) out.push(r);
    if (out.length > MAX_STATES) out.length = MAX_STATES;
    return out;
  }

  private refineCompare(st: State, op0: string, l: Expr, r: Expr, truth: boolean): State[] {
    this.st = st;
    const op = truth ? op0 : negate(op0);
    // `fabs(d) > 0.000001`, `abs(n) >= 1`: whatever else it says, the argument is not 0.
    const magnitude = l.k === 'call' && l.a.length === 1 && MAGNITUDE.has(calleeName(l) ?? '') ? l.a[0] : undefined;
    if (magnitude && r.k === 'const' && typeof r.v === 'number' && ((op === '>' && r.v >= 0) || (op === '>=' && r.v > 0))) {
      return this.refineCompare(st, '!=', magnitude, { k: 'const', v: 0, s: r.s, e: r.e }, true);
    }
    // `abs(d) < (long)sqrt((double)INT_MAX)`: the argument is within that distance of 0.
    if (magnitude && (op === '<' || op === '<=')) {
      const limit = this.quietly(() => this.eval(r));
      if (!limit.input && !limit.unk && Number.isFinite(limit.hi)) {
        const at = { s: r.s, e: r.e };
        return this.refineCompare(st, op, magnitude, { k: 'const', v: limit.hi, ...at }, true).flatMap((s) => this.refineCompare(s, op === '<' ? '>' : '>=', magnitude, { k: 'const', v: -limit.hi, ...at }, true));
      }
    }
    // The condition already ran (its `eval` step): calls in it must not run their effects again.
    const a = l.k === 'call' ? this.quietly(() => this.eval(l)) : this.eval(l);
    const b = r.k === 'call' ? this.quietly(() => this.eval(r)) : this.eval(r);
    if (isPointer(a) || isPointer(b) || (b.nul === 'yes') || (a.nul === 'yes')) {
      const nullSide = b.nul === 'yes' || (!isPointer(b) && b.lo === 0 && b.hi === 0) ? l : a.nul === 'yes' || (!isPointer(a) && a.lo === 0 && a.hi === 0) ? r : undefined;
      if (nullSide && (op === '==' || op === '!=')) {
        const pv = nullSide === l ? a : b;
        if (isPointer(pv) || pv.unk || pv.link?.fail !== undefined) return this.refineNull(st, nullSide, pv, op === '==');
      }
      return [st];
    }
    let na = restrict(a, op, b);
    let nb = restrict(b, flip(op), a);
    if (!na || !nb) return [];
    const guardL = overflowGuardPaths(r);
    const guardR = overflowGuardPaths(l);
    const lp = pathOf(l);
    const rp = pathOf(r);
    if (lp && rp && lp !== rp) {
      // `if (used > total) return;` relates the two: arithmetic between them was checked.
      guardL.push(rp);
      guardR.push(lp);
    }
    if (guardL.length) na = { ...na, guard: [...(na.guard ?? []), ...guardL] };
    if (guardR.length) nb = { ...nb, guard: [...(nb.guard ?? []), ...guardR] };
    if (b.input && !b.unk && (op === '<' || op === '<=' || op === '!=') && na.hi !== a.hi) na = { ...na, input: true, from: na.from ?? b.from };
    if (a.input && !a.unk && (op === '>' || op === '>=' || op === '!=') && nb.hi !== b.hi) nb = { ...nb, input: true, from: nb.from ?? a.from };
    if (na.input && !na.tested) na = { ...na, tested: true };
    if (nb.input && !nb.tested) nb = { ...nb, tested: true };
    // Kept below a limit that is neither a constant nor itself untrusted (`i <= last`, `last` read
    // from input, bounds nothing): bounded by a relation (Val.bounded).
    const variable = (v: Val): boolean => (v.lo !== v.hi || !!v.unk || !!v.wide) && !v.input;
    if (na.input && (op === '<' || op === '<=') && variable(b) && !na.bounded) na = { ...na, bounded: true };
    if (nb.input && (op === '>' || op === '>=') && variable(a) && !nb.bounded) nb = { ...nb, bounded: true };
    this.setRefined(l, a, na);
    this.setRefined(r, b, nb);
    return [this.st];
  }

  /**
   * `*p` (or `p[k]`) is not 0: where `p` points into a string of known length, that character is
   * before its terminator, so `p` is too (`while (*p) *p++ = 0;` stops there).
   */
  private beforeTerminator(st: State, c: Extract<Expr, { k: 'index' }>): void {
    const path = pathOf(c.o);
    const v = path ? st.vars.get(path) : undefined;
    const o = v?.obj !== undefined ? st.objs.get(v.obj) : undefined;
    if (!path || !v || !o?.len || c.i.k !== 'const' || typeof c.i.v !== 'number' || this.elemSize(c.o) !== 1) return;
    const last = o.len[1] - 1 - c.i.v;
    if (v.lo <= last && v.hi > last) setVar(st, path, { ...v, hi: last });
  }

  private setRefined(x: Expr, before: Val, after: Val): void {
    if (after.lenOf !== undefined) {
      const o = this.st.objs.get(after.lenOf);
      if (o) setObj(this.st, o.id, { ...o, len: [Math.max(o.len?.[0] ?? 0, after.lo), Math.min(o.len?.[1] ?? Infinity, after.hi)] });
    }
    if (x.k === 'call' && x.a[0] && /^(?:strlen|wcslen|strnlen)$/.test(calleeName(x) ?? '')) {
      const s = this.eval(x.a[0]);
      const o = s.obj !== undefined ? this.st.objs.get(s.obj) : undefined;
      if (o) setObj(this.st, o.id, { ...o, len: [Math.max(o.len?.[0] ?? 0, after.lo), Math.min(o.len?.[1] ?? Infinity, after.hi)] });
    }
    const link = before.link;
    if (link?.fail !== undefined && after.hi < 0) this.failObject(link.fail);
    if (link?.lock && before.lo <= 0) {
      if (after.lo === 0 && after.hi === 0) setLock(this.st, link.lock, 'held');
      else if (after.lo > 0 || after.excl?.includes(0)) setLock(this.st, link.lock, 'free');
    }
    const path = pathOf(x);
    if (!path || !this.tracked(path)) return;
    setVar(this.st, path, after);
  }

  private refineNull(st: State, x: Expr, v: Val, isNull: boolean): State[] {
    this.st = st;
    if (isNull && v.nul === undefined && v.obj !== undefined) {
      const o = this.st.objs.get(v.obj);
      if (o && (o.region === 'stack' || o.region === 'static' || o.region === 'literal')) return [];
    }
    if (!isNull && v.nul === 'yes') return [];
    // Already tested non-NULL on this path: the NULL branch of a second test cannot be taken.
    if (isNull && v.checked) return [];
    if (isNull && this.weakNull && !v.link) return [this.st];
    const path = pathOf(x);
    // A test inside a macro (`FREE_AND_NULL(p)`, `IS_SCHEMA(node, …)`) is the macro's caution, not
    // a sign that this pointer can be NULL here: it makes no dereference before it late.
    if (path && !v.checked && this.quiet === 0 && !x.macro) this.noteNullCheck(x, path, v.derefAt);
    const link = v.link;
    if (isNull) {
      if (link?.fail !== undefined) this.failObject(link.fail);
      if (link?.reallocOld !== undefined) {
        const old = this.st.objs.get(link.reallocOld);
        if (old) setObj(this.st, old.id, { ...old, state: 'live', freedAt: undefined });
      }
      if (path) setVar(this.st, path, { lo: 0, hi: 0, nul: 'yes' });
      // Copies of the pointer (`old = fp`) are NULL too.
      if (v.obj !== undefined && v.nul === undefined) for (const [p, w] of this.st.vars) if (w.obj === v.obj && w.lo === v.lo && w.hi === v.hi && w.nul === undefined) setVar(this.st, p, { lo: 0, hi: 0, nul: 'yes' });
      return [this.st];
    }
    if (link?.reallocOld !== undefined) {
      const old = this.st.objs.get(link.reallocOld);
      if (old && old.state === 'maybe-freed') setObj(this.st, old.id, { ...old, state: 'freed' });
    }
    if (path) {
      setVar(this.st, path, { ...v, nul: undefined, link: undefined, unk: v.obj !== undefined ? undefined : v.unk, checked: true, derefAt: undefined });
      // Copies of the pointer (`old = fp`) are not NULL either: testing one of them later is redundant.
      if (v.obj !== undefined) {
        for (const [p, w] of this.st.vars) {
          if (p === path || w.obj !== v.obj) continue;
          if (w.nul === 'maybe') setVar(this.st, p, { ...w, nul: undefined });
          else if (w.nul === undefined && w.lo === v.lo && w.hi === v.hi && !w.checked) setVar(this.st, p, { ...w, checked: true });
        }
      }
    }
    return [this.st];
  }

  /**
   * A NULL test of `path` after it was dereferenced is reported once the exploration ends, and only
   * if every path that reaches the test dereferenced it first: a test that some path reaches without
   * a dereference (a loop that ran no times: `for (i = 0; i < n; i++) p[i]…; if (p) free(p);`)
   * guards that path and is not late.
   */
  private noteNullCheck(x: Expr, path: string, derefAt: Spanned | undefined): void {
    const key = `${x.s}:${x.e}`;
    if (this.neededChecks.has(key)) return;
    if (!derefAt) {
      this.neededChecks.add(key);
      this.lateChecks.delete(key);
      return;
    }
    if (!this.lateChecks.has(key)) this.lateChecks.set(key, { x, path, derefAt });
  }

  private reportLateChecks(): void {
    for (const { x, path, derefAt } of this.lateChecks.values()) {
      this.report('null-late-check', 476, derefAt, `\`${path}\` is dereferenced here but checked for NULL only later${lineRef(this.mod, x, 'at')}; if it can be NULL, the dereference crashes first.`, [{ s: x.s, e: x.e, label: 'checked for NULL here' }]);
    }
  }

  /** The allocation or open behind a failed result never happened on this path. */
  private failObject(id: number): void {
    const o = this.st.objs.get(id);
    if (o) setObj(this.st, id, { ...o, state: 'failed' });
    for (const [p, w] of this.st.vars) {
      if (w.obj === id) setVar(this.st, p, { lo: 0, hi: 0, nul: 'yes' });
    }
  }

  // ---- function exit ----------------------------------------------------------------------

  /** `returned` names what a `return` hands back when it is a variable (see reachable). */
  private finish(st: State, ret: Val | undefined, at: Spanned, alternatives: Val[] = [], returned?: string): void {
    this.exits.push({ st, ret });
    // Returning from main() ends the process, which gives back all its memory and descriptors.
    if (this.fn.name === 'main' && !this.fn.cls) return;
    const reachable = this.reachable(st, ret, returned);
    for (const alt of alternatives) for (const id of this.reachable(st, alt)) reachable.add(id);
    for (const o of st.objs.values()) {
      if (!o.owned || o.escaped || o.state !== 'live' || reachable.has(o.id)) continue;
      this.leak(o, at, this.fn.lifetime ? 'the destructor ends without releasing it, and the member that held it goes with the object' : 'this path leaves the function without releasing it');
    }
    for (const [key, l] of st.locks) {
      // A lock only this function can name (its own local, `static` or not) that it never
      // releases stays held for good; one the function releases elsewhere, on this path too.
      if (l !== 'held' || !(this.unlockedKeys.has(key) || this.ownLock(key))) continue;
      this.report('lock-not-released', 667, at, `This path leaves the function with \`${key}\` still locked; the next thread to take it blocks forever.`);
    }
  }

  /** A lock this function's own local holds: no one else can release it. */
  private ownLock(key: string): boolean {
    const storage = this.fn.vars?.[rootOf(key)]?.storage;
    return storage === 'auto' || storage === 'static';
  }

  /**
   * Objects the caller can still reach: returned, escaped, or stored inside those; a struct returned
   * by value (`returned`) carries what its fields hold.
   */
  private reachable(st: State, ret: Val | undefined, returned?: string): Set<number> {
    const out = new Set<number>();
    if (ret?.obj !== undefined) out.add(ret.obj);
    if (ret?.link?.fail !== undefined) out.add(ret.link.fail);
    if (returned) {
      const prefix = `${returned}.`;
      st.vars.forEach((v, p) => {
        const id = v.obj ?? v.link?.fail;
        if (id !== undefined && p.startsWith(prefix)) out.add(id);
      });
    }
    st.objs.forEach((o) => {
      if (o.escaped) out.add(o.id);
    });
    let changed = true;
    while (changed) {
      changed = false;
      st.vars.forEach((v, path) => {
        const id = v.obj ?? v.link?.fail;
        if (id === undefined || out.has(id)) return;
        const root = rootOf(path);
        if (root === path) return;
        const base = st.vars.get(root);
        if (base?.obj !== undefined && out.has(base.obj)) {
          out.add(id);
          changed = true;
        }
      });
    }
    return out;
  }

  private summarize(): PathSummary {
    const frees: PathSummary['frees'] = [];
    const mayFree: number[] = [];
    const normal = this.exits;
    const aliases = normal.length > 0 ? paramAliases(this.fn) : new Map<string, string>();
    if (normal.length > 0) {
      for (const [key, id] of this.pathIds) {
        if (!key.startsWith('ptr:')) continue;
        const path = key.slice(4);
        const root = rootOf(path);
        const param = this.params.get(root);
        const base = param !== undefined ? String(param) : aliases.get(root);
        if (base === undefined) continue;
        const paramPath = base + path.slice(root.length);
        // Released on every way out where it was a handle: not NULL (`if (f != NULL) fclose(f);`),
        // not a negative descriptor (`if (fd != -1) close(fd);`).
        const released = normal.map((x) => x.st.objs.get(id)).find((o) => o?.state === 'freed');
        const done = (x: { st: State }): boolean => {
          const v = x.st.vars.get(path);
          return x.st.objs.get(id)?.state === 'freed' || v?.nul === 'yes' || (!!v && v.hi < 0);
        };
        if (!released) continue;
        if (!normal.every(done)) {
          if (/^\d+$/.test(paramPath)) mayFree.push(Number(paramPath));
        } else if (!frees.some((f) => f.path === paramPath)) {
          frees.push({ path: paramPath, family: released.family ?? 'malloc' });
        }
      }
    }
    const returnsAlloc = this.returnedAlloc();
    const returnsInput = this.returnedInput();
    // An exploration for one caller's context reports events; its summary goes unused.
    const keeps = this.entry ? [] : keptParams(this.fn, (name, i) => {
      const callee = this.summaries.summary(name);
      if (callee) return !!callee.keeps?.includes(i);
      // A function of this file (`calls` has one entry per function) without a summary yet is one
      // the exploration is inside (recursion).
      return fileFacts(this.mod).calls.has(name) || this.lang.keepsArguments(name);
    });
    // A parameter released on some paths only (`if (flag) fclose(f);`) is not the caller's to call
    // leaked: which path a call takes depends on what the exploration does not know.
    for (const i of mayFree) if (!keeps.includes(i)) keeps.push(i);
    const { fillsInput, returnsParam } = this.entry ? {} : this.paramBuffers();
    return {
      ...(fillsInput ? { fillsInput } : {}),
      ...(returnsParam !== undefined ? { returnsParam } : {}),
      frees,
      ...(keeps.length > 0 ? { keeps: keeps.sort((a, b) => a - b) } : {}),
      ...(returnsAlloc ? { returnsAlloc } : {}),
      ...(returnsInput ? { returnsInput } : {}),
      ...(this.exits.length === 0 && this.finished ? { noReturn: true } : {}),
    };
  }

  /** What the function does with the buffers its pointer parameters point to, for its callers. */
  private paramBuffers(): Pick<PathSummary, 'fillsInput' | 'returnsParam'> {
    const fillsInput = [...this.filledParams].sort((a, b) => a[0] - b[0]).map(([param, from]) => ({ param, from }));
    const returnsParam = this.exits.length > 0 ? returnedParam(this.fn) : undefined;
    return { ...(fillsInput.length > 0 ? { fillsInput } : {}), ...(returnsParam !== undefined ? { returnsParam } : {}) };
  }

  /**
   * When every return hands back what this function allocated or opened and still owns, of one
   * family, or the value that says it failed (NULL, a negative descriptor): the caller owns it.
   * Memory it allocated and freed before returning it on every path is a dangling pointer there.
   */
  private returnedAlloc(): PathSummary['returnsAlloc'] {
    const rets = this.exits;
    if (rets.length === 0) return undefined;
    const owned = (st: State, id: number | undefined): Obj | undefined => {
      const o = id === undefined ? undefined : st.objs.get(id);
      return o?.owned && o.state === 'live' ? o : undefined;
    };
    // A descriptor is a number: what it was opened as is the object its failure test is linked to.
    const fd = ({ ret, st }: (typeof rets)[number]): Obj | undefined => {
      const o = ret && ret.obj === undefined && ret.lo >= -1 ? owned(st, ret.link?.fail) : undefined;
      return o?.family === 'fd' ? o : undefined;
    };
    const fds = rets.map(fd);
    if (fds.some((o) => o)) {
      if (!rets.every((r, i) => fds[i] || (r.ret && r.ret.hi < 0))) return undefined;
      return { family: 'fd', region: 'handle', nul: rets.some((r) => r.ret!.lo < 0), handle: true };
    }
    const freed = rets.map(({ ret, st }) => (ret?.obj === undefined ? undefined : st.objs.get(ret.obj)));
    if (freed.every((o) => o?.owned && o.state === 'freed' && o.region === 'heap' && o.family === freed[0]!.family)) {
      return { family: freed[0]!.family!, region: 'heap', nul: false, freedAt: freed[0]!.freedAt };
    }
    const objs = rets.map(({ ret, st }) => owned(st, ret?.obj));
    if (!rets.every((r, i) => objs[i] || r.ret?.nul === 'yes')) return undefined;
    const o = objs.find((x) => x);
    if (!o?.family || objs.some((x) => x && x.family !== o.family)) return undefined;
    return { family: o.family, region: o.region, nul: rets.some((r) => r.ret!.nul !== undefined) };
  }

  /** When some return hands back a number read from input (and none a pointer): every return's range, as input. */
  private returnedInput(): Val | undefined {
    const rets = this.exits.map((x) => x.ret);
    if (!rets.some((r) => r !== undefined && untrustedNumber(r)) || rets.some((r) => !r || r.obj !== undefined || r.nul !== undefined)) return undefined;
    return carried(rets.reduce((a, b) => joinVal(a!, b!))!);
  }

  // ---- types ------------------------------------------------------------------------------

  private declOf(x: Expr): VarDecl | undefined {
    switch (x.k) {
      case 'name': {
        const d = this.fn.vars?.[x.n] ?? this.mod.vars?.[x.n];
        if (d) return d;
        const root = rootOf(x.n);
        if (root !== x.n) return this.declOfPath(x.n);
        return undefined;
      }
      case 'attr': {
        const base = this.declOf(x.o);
        if (!base) return undefined;
        return this.lang.fields(base.type)?.[x.n];
      }
      case 'index': {
        const base = this.declOf(x.o);
        if (!base) return undefined;
        if (base.dims && base.dims.length > 0) return { ...base, dims: base.dims.length > 1 ? base.dims.slice(1) : undefined };
        return base.ptr > 0 ? { ...base, ptr: base.ptr - 1 } : undefined;
      }
      case 'un':
        if (x.op === 'cast' && x.ty) {
          const stars = (x.ty.match(/\*/g) ?? []).length;
          return { type: x.ty.replace(/\*/g, '').trim(), ptr: stars, storage: 'auto', s: x.s, e: x.e };
        }
        if (x.op === '&') {
          const d = this.declOf(x.x);
          return d ? { ...d, ptr: d.ptr + 1, dims: undefined } : undefined;
        }
        return undefined;
      case 'bin': {
        // `buf + 16`, `p - n`: a pointer to the same type as the array or pointer it moves along.
        if (x.op !== '+' && x.op !== '-') return undefined;
        const side = [x.l, x.r].map((e) => this.declOf(e)).find((d) => d && (d.ptr > 0 || (d.dims?.length ?? 0) > 0));
        if (!side) return undefined;
        return side.dims && side.dims.length > 0 ? { ...side, ptr: side.ptr + 1, dims: side.dims.length > 1 ? side.dims.slice(1) : undefined } : side;
      }
      default:
        return undefined;
    }
  }

  /** Declaration behind a textual access path (`c->name`), walking fields from its root. */
  private declOfPath(path: string): VarDecl | undefined {
    const parts = path.split(/(->|\.)/);
    let d = this.fn.vars?.[parts[0]] ?? this.mod.vars?.[parts[0]];
    for (let i = 2; d && i < parts.length; i += 2) d = this.lang.fields(d.type)?.[parts[i]];
    return d;
  }

  private intTypeOfDecl(d: VarDecl): IntType | undefined {
    if (d.ptr > 0 || (d.dims && d.dims.length > 0)) return undefined;
    return this.lang.intType(d.type);
  }

  private intTypeOf(x: Expr): IntType | undefined {
    switch (x.k) {
      case 'const':
        if (x.ty) return this.lang.intType(x.ty);
        return typeof x.v === 'number' && Number.isInteger(x.v) ? (Math.abs(x.v) > 2 ** 31 - 1 ? { bits: 64, signed: true } : { bits: 32, signed: true }) : undefined;
      case 'bin':
        return this.resultType(x.l, x.r);
      case 'call': {
        const n = calleeName(x);
        return n ? this.lang.returnType(n) : undefined;
      }
      case 'un':
        if (x.op === 'cast') return this.lang.intType(x.ty ?? '');
        if (x.op === '-') return this.intTypeOf(x.x);
        return undefined;
      default: {
        const d = this.declOf(x);
        return d ? this.intTypeOfDecl(d) : undefined;
      }
    }
  }

  private elemSize(pe: Expr): number | undefined {
    const d = this.declOf(pe);
    if (!d) return undefined;
    if (d.dims && d.dims.length > 0) return this.lang.sizeOf(d.type, d.ptr, d.dims.slice(1));
    if (d.ptr > 0) return this.lang.sizeOf(d.type, d.ptr - 1);
    return undefined;
  }

  /**
   * A one-dimensional array of a type whose size is not known here (a struct a header defines):
   * its number of elements, which indexes through a pointer of that same type are judged against.
   */
  private arrayElements(d: VarDecl): Obj['elements'] {
    const n = d.dims?.length === 1 ? d.dims[0] : -1;
    if (n <= 0 || d.ptr !== 0 || this.lang.sizeOf(d.type, 0) !== undefined) return undefined;
    return { count: n, type: d.type };
  }

  private declSize(d: VarDecl): [number, number] | undefined {
    const n = this.lang.sizeOf(d.type, d.ptr, d.dims);
    return n === undefined ? undefined : [n, n];
  }

  // ---- bookkeeping ------------------------------------------------------------------------

  private objectId(key: string): number {
    let id = this.pathIds.get(key);
    if (id === undefined) this.pathIds.set(key, (id = this.pathIds.size + 1));
    return id;
  }

  private quietly<T>(f: () => T): T {
    const saved = cloneState(this.st);
    this.quiet++;
    try {
      return f();
    } finally {
      this.quiet--;
      this.st = saved;
    }
  }

  private report(kind: EventKind, cwe: number, at: Spanned, message: string, related: Array<(Spanned & { label: string }) | undefined> = [], from?: Origin): void {
    if (this.quiet > 0) return;
    const key = `${kind}/${cwe}@${at.s}:${at.e}`;
    if (this.events.has(key)) return;
    const shown = this.entry ? [this.entry.via, ...related] : related;
    this.events.set(key, { kind, cwe, s: at.s, e: at.e, message, fn: this.fn.id, related: shown.filter((r): r is Spanned & { label: string } => !!r), ...(from ? { from } : {}) });
  }
}

// ---- helpers --------------------------------------------------------------------------------

/** What the exploration of any function needs to know of every function of its file. */
export interface FileFacts {
  /** Names whose address the file takes (`&name`). */
  addressed: Set<string>;
  /** By function of the file: the names it assigns and the functions it calls. */
  assigns: Map<string, Set<string>>;
  calls: Map<string, Set<string>>;
  /** Functions of the file that call through a pointer. */
  indirect: Set<string>;
  /** Memo of globalsWrittenBy. */
  written: Map<string, Set<string> | null>;
  /** Every name some function of the file assigns (computed on first use). */
  assigned?: Set<string>;
}

const moduleFacts = new WeakMap<ModuleIR, FileFacts>();

/** Gives a module whose functions are outlines (the project pass) the facts its whole text gave. */
export function knowFileFacts(mod: ModuleIR, facts: FileFacts): void {
  moduleFacts.set(mod, facts);
}

/**
 * The part of a module's facts that another thread needs to explore some of its functions: what
 * each function assigns among the file's globals, and which functions of the file it calls (what
 * locals it assigns and what other files' functions it calls tell nothing about the globals).
 */
export function portableFileFacts(mod: ModuleIR): FileFacts {
  const facts = fileFacts(mod);
  const globals = mod.vars ?? {};
  const assigns = new Map([...facts.assigns].map(([f, names]) => [f, new Set([...names].filter((n) => globals[n]))]));
  const calls = new Map([...facts.calls].map(([f, names]) => [f, new Set([...names].filter((n) => facts.assigns.has(n)))]));
  return { addressed: new Set([...facts.addressed].filter((n) => globals[n])), assigns, calls, indirect: facts.indirect, written: new Map() };
}

export function fileFacts(mod: ModuleIR): FileFacts {
  let facts = moduleFacts.get(mod);
  if (facts) return facts;
  const out: FileFacts = { addressed: new Set(), assigns: new Map(), calls: new Map(), indirect: new Set(), written: new Map() };
  for (const f of mod.functions) {
    const assigns = new Set<string>();
    const calls = new Set<string>();
    const visit = (x: Expr): void => {
      if (x.k === 'un' && x.op === '&') {
        const p = pathOf(x.x);
        if (p) out.addressed.add(rootOf(p));
      } else if (x.k === 'call') {
        const name = calleeName(x);
        if (name) calls.add(name);
        else out.indirect.add(f.name);
      }
      forEachChild(x, visit);
    };
    const statements = (list: Stmt[]): void => {
      for (const st of list) {
        if (st.k === 'if') {
          visit(st.c);
          statements(st.t);
          statements(st.f);
        } else if (st.k === 'loop') {
          if (st.c) visit(st.c);
          statements(st.head);
          statements(st.body);
        } else if (st.k === 'try') {
          statements(st.body);
          for (const h of st.handlers) statements(h.body);
          statements(st.fin);
        } else {
          if (st.k === 'assign' || st.k === 'aug') {
            const t = targetExpr(st.t);
            const p = t && pathOf(t);
            if (p) assigns.add(rootOf(p));
          }
          forEachExprOfStmt(st, visit);
        }
      }
    };
    statements(f.body);
    out.assigns.set(f.name, assigns);
    out.calls.set(f.name, calls);
  }
  moduleFacts.set(mod, out);
  return out;
}

/**
 * The names a function of this file may assign, itself or through the functions of the file it
 * calls; an empty set for a function of another file, which cannot name a `static` global of this
 * one. Undefined when some of that code calls through a pointer, which may reach any of them.
 */
function globalsWrittenBy(mod: ModuleIR, name: string): Set<string> | undefined {
  const facts = fileFacts(mod);
  const known = facts.written.get(name);
  if (known !== undefined) return known ?? undefined;
  let out: Set<string> | null = new Set<string>();
  const seen = new Set<string>();
  const stack = [name];
  while (stack.length > 0 && out) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (facts.indirect.has(f)) out = null;
    else {
      for (const n of facts.assigns.get(f) ?? []) out.add(n);
      for (const c of facts.calls.get(f) ?? []) if (facts.assigns.has(c)) stack.push(c);
    }
  }
  facts.written.set(name, out);
  return out ?? undefined;
}

const shapes = new WeakMap<State, string>();

/** What a state says about objects, locks and NULL, without the numbers (states are not changed once queued). */
function shapeKey(s: State): string {
  const known = shapes.get(s);
  if (known !== undefined) return known;
  const parts: string[] = [];
  for (const k of [...s.objs.keys()].sort((x, y) => x - y)) {
    const o = s.objs.get(k)!;
    parts.push(`${k}:${o.state}${o.escaped ? 'e' : ''}`);
  }
  for (const k of [...s.locks.keys()].sort()) parts.push(`${k}=${s.locks.get(k)}`);
  // Only pointers count, and they are few: pick them before sorting.
  const pointers: string[] = [];
  s.vars.forEach((v, k) => {
    if (v.nul || v.obj !== undefined) pointers.push(k);
  });
  for (const k of pointers.sort()) {
    const v = s.vars.get(k)!;
    parts.push(`${k}>${v.obj ?? ''}${v.nul ?? ''}`);
  }
  const key = parts.join(';');
  shapes.set(s, key);
  return key;
}

function markWidened(s: State, before: State | undefined): void {
  if (!before) return;
  s.vars.forEach((v, k) => {
    const old = before.vars.get(k);
    if (old && (v.lo !== old.lo || v.hi !== old.hi) && (!Number.isFinite(v.lo) || !Number.isFinite(v.hi))) setVar(s, k, { ...v, wide: true });
  });
}

function mul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return a * b;
}

function range(t: IntType): [number, number] {
  return t.signed ? [-(2 ** (t.bits - 1)), 2 ** (t.bits - 1) - 1] : [0, 2 ** t.bits - 1];
}

function typeName(t: IntType): string {
  return `${t.signed ? '' : 'unsigned '}${t.bits}-bit`;
}

function plain(v: Val): Val {
  const out: Val = { lo: v.lo, hi: v.hi };
  if (v.input) out.input = true;
  if (v.unk) out.unk = true;
  if (v.from) out.from = v.from;
  return out;
}

/** A number (not a pointer) chosen by untrusted input. */
function untrustedNumber(v: Val): boolean {
  return v.input === true && v.obj === undefined && v.nul === undefined;
}

/** What of an untrusted number means the same in another function: its range and where it was read, not what this one's paths and objects know of it. */
function carried(v: Val): Val {
  const out: Val = { lo: v.lo, hi: v.hi, input: true };
  if (v.parsed) out.parsed = true;
  if (v.sized) out.sized = true;
  if (v.capped) out.capped = true;
  if (v.bounded) out.bounded = true;
  if (v.excl) out.excl = v.excl;
  if (v.from) out.from = v.from;
  return out;
}

/** A `new` expression, cast or not. */
function isNew(x: Expr): boolean {
  while (x.k === 'un' && x.op === 'cast') x = x.x;
  return x.k === 'call' && x.f.k === 'name' && x.f.n.startsWith('operator new');
}

/** Temporaries the lowering made for call results: they hold no reference anyone keeps. */
function isTemp(path: string): boolean {
  // Checked for every variable at every join: the regular expression runs only on likely names.
  return path.startsWith('__t') && /^__t\d+$/.test(path);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function fromText(v: Val): string {
  return v.from ? ` (${v.from.what})` : '';
}

function familyText(f: string): string {
  const map: Record<string, string> = {
    malloc: 'malloc()/calloc()/realloc()/strdup(), released with free()',
    new: 'new, released with delete',
    'new[]': 'new[], released with delete[]',
    fopen: 'fopen(), closed with fclose()',
    popen: 'popen(), closed with pclose()',
    fd: 'a file descriptor, closed with close()',
    dir: 'opendir(), closed with closedir()',
  };
  return map[f] ?? f;
}

const lineStarts = new WeakMap<ModuleIR, number[]>();

/** ` at line N` for a span of the module's text. */
export function lineRef(mod: ModuleIR, at: Placed | undefined, word = 'at'): string {
  if (!at) return '';
  if (at.where) return ` ${word} line ${at.where.startLine} of ${at.where.file}`;
  let starts = lineStarts.get(mod);
  if (!starts) {
    starts = [0];
    for (let i = 0; i < mod.text.length; i++) if (mod.text.charCodeAt(i) === 10) starts.push(i + 1);
    lineStarts.set(mod, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at.s) lo = mid;
    else hi = mid - 1;
  }
  return ` ${word} line ${lo + 1}`;
}

export function exprText(mod: ModuleIR, x: Spanned): string {
  const t = mod.text.slice(x.s, x.e).replace(/\s+/g, ' ').trim();
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

const objectClassCache = new WeakMap<FunctionIR, Map<string, string>>();

/**
 * C++: the class of each local object of `fn` a method can be called on by name: one made by
 * `Cls()` and assigned once (`const Base &o = Cls();`), or declared of a class (`Cls o;`).
 */
function objectClasses(fn: FunctionIR): Map<string, string> {
  let classes = objectClassCache.get(fn);
  if (classes) return classes;
  classes = new Map();
  const made = new Map<string, string | null>();
  forEachStmt(fn.body, (s) => {
    if (s.k !== 'assign' || s.t.k !== 'name') return;
    const x = s.x.k === 'call' && s.x.f.k === 'name' ? s.x.f.n : null;
    made.set(s.t.n, made.has(s.t.n) ? null : x);
  });
  for (const [name, decl] of Object.entries(fn.vars ?? {})) {
    if (decl.ptr > 0 || decl.dims || decl.storage === 'param') continue;
    const declared = decl.type.replace(/\bconst\b|&/g, '').trim();
    const cls = made.has(name) ? made.get(name) : /^[A-Za-z_][\w:]*$/.test(declared) && !C_BUILTIN_TYPE.test(declared) ? declared : null;
    if (cls) classes.set(name, cls);
  }
  objectClassCache.set(fn, classes);
  return classes;
}

const C_BUILTIN_TYPE = /^(?:std::\w+|int|char|short|long|unsigned|signed|float|double|bool|void|size_t|ssize_t|auto|u?int\d+_t|wchar_t|FILE|DIR)$/;

/** C++: `Cls::name` for a method call on a local object of class `Cls` (see objectClasses). */
export function cppMethodName(fn: FunctionIR, x: Extract<Expr, { k: 'call' }>): string | undefined {
  if (x.f.k !== 'attr' || x.f.arrow || x.f.o.k !== 'name') return undefined;
  const cls = objectClasses(fn).get(x.f.o.n);
  return cls ? `${cls.slice(cls.lastIndexOf(':') + 1)}::${x.f.n}` : undefined;
}

export function calleeName(x: Extract<Expr, { k: 'call' }>): string | undefined {
  if (x.f.k === 'name') return x.f.n;
  if (x.f.k === 'attr') return `.${x.f.n}`;
  return undefined;
}

// Access paths of field and element expressions, built once per node: the explorer asks for them
// on every visit, and a string built anew must also be hashed anew by each map it looks up.
// IR nodes never change once lowered.
const composedPaths = new WeakMap<Expr, string | null>();

/** The access path an expression names (`p`, `p->f`, `s.f`, `a[3]`), if it is one. */
export function pathOf(x: Expr): string | undefined {
  switch (x.k) {
    case 'name':
      return x.n;
    case 'attr':
    case 'index': {
      let p = composedPaths.get(x);
      if (p === undefined) composedPaths.set(x, (p = composedPath(x) ?? null));
      return p ?? undefined;
    }
    case 'un':
      return x.op === 'cast' ? pathOf(x.x) : undefined;
    default:
      return undefined;
  }
}

function composedPath(x: Extract<Expr, { k: 'attr' | 'index' }>): string | undefined {
  const base = pathOf(x.o);
  if (!base) return undefined;
  if (x.k === 'attr') return `${base}${x.arrow ? '->' : '.'}${x.n}`;
  if (x.i.k === 'const' && typeof x.i.v === 'number') return `${base}[${x.i.v}]`;
  // `a[i]` names one element as long as `i` does not change (assignments to `i` forget it).
  return x.i.k === 'name' ? `${base}[${x.i.n}]` : undefined;
}

// The loops over a state's variables ask for the roots of the same few hundred paths again and
// again: each is cut once (a slice is an allocation).
const roots = new Map<string, string>();

function rootOf(path: string): string {
  let root = roots.get(path);
  if (root !== undefined) return root;
  root = path;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 46 /* . */ || c === 45 /* - */ || c === 91 /* [ */) {
      if (i > 0) root = path.slice(0, i);
      break;
    }
  }
  if (roots.size >= 8192) roots.clear();
  // Own copies: a name cut from a file's text would keep the whole text alive in the cache.
  roots.set(ownString(path), ownString(root));
  return root;
}

/** The expression that reads what an assignment target writes. */
export function targetExpr(t: Target): Expr | undefined {
  // A name, member or element target has the very shape of the expression that reads it: the
  // target itself, not a copy per read (and pathOf's cache, by object, then holds for it).
  return t.k === 'name' || t.k === 'attr' || t.k === 'index' ? t : undefined;
}

function toTarget(x: Expr): Target {
  switch (x.k) {
    case 'name':
      return { k: 'name', n: x.n, s: x.s, e: x.e };
    case 'attr':
      return { k: 'attr', o: x.o, n: x.n, ...(x.arrow ? { arrow: true } : {}), s: x.s, e: x.e };
    case 'index':
      return { k: 'index', o: x.o, i: x.i, s: x.s, e: x.e };
    default:
      return { k: 'none', s: x.s, e: x.e };
  }
}

/** The text a lock is known by: `&q->lock` and `q->lock` are the same lock. */
export function lockKey(x: Expr): string | undefined {
  if (x.k === 'un' && (x.op === '&' || x.op === 'cast')) return lockKey(x.x);
  return pathOf(x);
}

function negate(op: string): string {
  return ({ '==': '!=', '!=': '==', '<': '>=', '<=': '>', '>': '<=', '>=': '<' } as Record<string, string>)[op] ?? op;
}

function flip(op: string): string {
  return ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op;
}

/**
 * The integer after `x` in direction `dir`. Past 2^53 doubles skip integers and `x - 1` is `x`
 * again, which would leave `i < n` for the largest size_t saying `i` can still be the largest:
 * the next double or two that way is the honest bound there.
 */
function step(x: number, dir: 1 | -1): number {
  return Number.isFinite(x) && x + dir === x ? x + dir * Math.abs(x) * Number.EPSILON : x + dir;
}

/** `a` restricted to the values for which `a op b` can hold; undefined when none can. */
function restrict(a: Val, op: string, b: Val): Val | undefined {
  let lo = a.lo;
  let hi = a.hi;
  let excl = a.excl;
  switch (op) {
    case '<':
      hi = Math.min(hi, step(b.hi, -1));
      break;
    case '<=':
      hi = Math.min(hi, b.hi);
      break;
    case '>':
      lo = Math.max(lo, step(b.lo, 1));
      break;
    case '>=':
      lo = Math.max(lo, b.lo);
      break;
    case '==':
      lo = Math.max(lo, b.lo);
      hi = Math.min(hi, b.hi);
      break;
    case '!=':
      if (b.lo === b.hi) {
        if (lo === b.lo) lo++;
        else if (hi === b.lo) hi--;
        else if (lo < b.lo && b.lo < hi) excl = [...(excl ?? []), b.lo];
      }
      break;
    default:
      return a;
  }
  if (lo > hi) return undefined;
  if (excl && lo === hi && excl.includes(lo)) return undefined;
  if (lo === a.lo && hi === a.hi && excl === a.excl) return a;
  const out: Val = { ...a, lo, hi };
  if (hi < a.hi) out.capped = true;
  if (excl) out.excl = excl.filter((x) => x >= lo && x <= hi);
  if (out.excl && out.excl.length === 0) out.excl = undefined;
  // A widened value is known again once a known value bounds it from above: a lower bound alone
  // (`i >= 30` as a loop `i < n && i < 30` exits) leaves whatever upper bound it had, perhaps one
  // from an unknown `n`.
  if (a.wide && Number.isFinite(lo) && Number.isFinite(hi) && !b.unk && !b.wide && (op === '<' || op === '<=' || op === '==')) out.wide = undefined;
  return out;
}

/** Whether `a op b` can hold for some values of the two ranges (exclusions aside). */
function canHold(a: Val, op: string, b: Val): boolean {
  switch (op) {
    case '<':
      return a.lo < b.hi;
    case '<=':
      return a.lo <= b.hi;
    case '>':
      return a.hi > b.lo;
    case '>=':
      return a.hi >= b.lo;
    case '==':
      return a.lo <= b.hi && b.lo <= a.hi && !(a.lo === a.hi && b.lo === b.hi && (a.excl?.includes(b.lo) || b.excl?.includes(a.lo)));
    case '!=':
      return !(a.lo === a.hi && b.lo === b.hi && a.lo === b.lo);
    default:
      return true;
  }
}

function decide(op: string, a: Val | undefined, b: Val | undefined): Val | undefined {
  if (!a || !b || isPointer(a) || isPointer(b)) return undefined;
  const t = canHold(a, op, b);
  const f = canHold(a, negate(op), b);
  if (t && !f) return num(1);
  if (f && !t) return num(0);
  return undefined;
}

/** Paths inside `MAX - y` or `MAX / y`: comparing with them is an overflow check on y. */
function overflowGuardPaths(x: Expr): string[] {
  if (x.k === 'un' && x.op === 'cast') return overflowGuardPaths(x.x);
  if (x.k !== 'bin' || (x.op !== '-' && x.op !== '/')) return [];
  const out: string[] = [];
  for (const side of [x.l, x.r]) {
    const p = pathOf(side.k === 'un' && side.op === 'cast' ? side.x : side);
    if (p) out.push(p);
  }
  if (out.length === 0 && x.op === '/') out.push('*');
  return out;
}

function collectPaths(x: Expr, out: Set<string>): void {
  const p = pathOf(x);
  if (p) out.add(p);
  forEachChild(x, (c) => collectPaths(c, out));
}

/** Whether `x` reads a variable by name (the lowering's temporaries for call results are not names). */
function namesAny(x: Expr | undefined): boolean {
  if (!x) return false;
  const path = pathOf(x);
  if (path && !isTemp(path)) return true;
  if (x.k === 'call') return x.a.some(namesAny);
  let found = false;
  forEachChild(x, (c) => {
    found ||= namesAny(c);
  });
  return found;
}

function comparisons(x: Expr): Array<Extract<Expr, { k: 'cmp' }>> {
  if (x.k === 'cmp') return [x];
  if (x.k === 'bool') return x.xs.flatMap(comparisons);
  if (x.k === 'un' && x.op === '!') return comparisons(x.x);
  return [];
}

/**
 * The condition of a loop meant to end, when nothing else can end it: `i >= 0` of
 * `for (…; i >= 0; …)`, or the test of a `do … while (i >= 0)` (the lowering's trailing
 * `if (!(i >= 0)) break;`), with `ends` when the loop ends on it being true. None when the loop
 * is written to run forever (`for (;;)`, `while (1)`), or when its body can leave by a return,
 * a goto out of it or a throw.
 */
function endingCondition(loop: Extract<Stmt, { k: 'loop' }>): { x: Expr; ends: boolean } | undefined {
  let ending: { x: Expr; ends: boolean } | undefined;
  if (loop.c) ending = { x: loop.c, ends: false };
  else {
    const last = loop.body[loop.body.length - 1];
    if (last?.k === 'if' && last.f.length === 0 && last.t.length === 1 && last.t[0].k === 'break') {
      ending = last.c.k === 'un' && (last.c.op === '!' || last.c.op === 'not') ? { x: last.c.x, ends: false } : { x: last.c, ends: true };
    }
  }
  if (!ending || ending.x.k === 'const') return undefined;
  const labels = new Set<string>();
  let leaves = false;
  const gotos: string[] = [];
  forEachStmt([...loop.head, ...loop.body], (s) => {
    if (s.k === 'return' || s.k === 'raise') leaves = true;
    else if (s.k === 'label') labels.add(s.n);
    else if (s.k === 'goto') gotos.push(s.label);
  });
  return leaves || gotos.some((l) => !labels.has(l)) ? undefined : ending;
}

/**
 * A counter that starts from a constant and is only ever set to constants or wrapped
 * (`i = (i + 1) % 256`, `slot = (slot + 1) & 0xff`) stays within a range, which is proved by
 * induction: the range holds on entry, and each update maps it into itself. Whether the loop's condition then
 * keeps it running for every value of the range. The exploration widens such a counter past its
 * type and loses the range, so it cannot tell.
 */
function wrapsWithinCondition(loop: Extract<Stmt, { k: 'loop' }>, before: Stmt | undefined, ending: { x: Expr; ends: boolean }): boolean {
  const cmp = ending.x;
  if (cmp.k !== 'cmp' || cmp.ops.length !== 1) return false;
  const [l, r] = cmp.xs;
  const name = l.k === 'name' ? l : r.k === 'name' ? r : undefined;
  const bound = l.k === 'const' ? l.v : r.k === 'const' ? r.v : undefined;
  if (!name || typeof bound !== 'number') return false;
  if (before?.k !== 'assign' || before.t.k !== 'name' || before.t.n !== name.n || before.x.k !== 'const' || typeof before.x.v !== 'number') return false;
  const start = before.x.v;
  const updates: Expr[] = [];
  let other = false;
  forEachStmt([...loop.head, ...loop.body], (s) => {
    if ((s.k !== 'assign' && s.k !== 'aug') || s.t.k !== 'name' || s.t.n !== name.n) return;
    if (s.k === 'assign' && s.via === undefined) updates.push(s.x);
    else other = true;
  });
  if (other || updates.length === 0 || breaksOut(loop.c ? loop.body : loop.body.slice(0, -1))) return false;
  // The candidate range: the start and everything the wraps can give.
  let lo = start;
  let hi = start;
  for (const x of updates) {
    const given = constantNumber(x) ?? wrapOf(x)?.max;
    if (given === undefined) return false;
    lo = Math.min(lo, constantNumber(x) ?? 0);
    hi = Math.max(hi, given);
  }
  const inRange = updates.every((x) => {
    const c = constantNumber(x);
    const out = c !== undefined ? { lo: c, hi: c } : wrapResult(x, name.n, lo, hi);
    return !!out && out.lo >= lo && out.hi <= hi;
  });
  if (!inRange) return false;
  const op = l === name ? cmp.ops[0] : flip(cmp.ops[0]);
  const always = (o: string): boolean =>
    o === '<' ? hi < bound : o === '<=' ? hi <= bound : o === '>' ? lo > bound : o === '>=' ? lo >= bound : o === '!=' ? bound < lo || bound > hi : o === '==' ? lo === hi && lo === bound : false;
  return ending.ends ? always(negate(op)) : always(op);
}

function constantNumber(x: Expr): number | undefined {
  let e = x;
  while (e.k === 'un' && e.op === 'cast') e = e.x;
  return e.k === 'const' && typeof e.v === 'number' ? e.v : undefined;
}

/**
 * Whether `x` is made of comparisons with a number (`i >= 0`, `state != 5 && n < 10`): a pointer
 * compared with NULL, or a truth test of a name, may be a pointer whose typedef hides it.
 */
function comparesWithNumbers(x: Expr): boolean {
  if (x.k === 'bool') return x.xs.every(comparesWithNumbers);
  if (x.k === 'un' && (x.op === '!' || x.op === 'not')) return comparesWithNumbers(x.x);
  return x.k === 'cmp' && x.ops.length === 1 && x.xs.some((e) => e.k === 'const' && typeof e.v === 'number');
}

/** Whether `stmts` break out of the loop they are the body of (a `break` of a loop inside them does not). */
function breaksOut(stmts: readonly Stmt[]): boolean {
  return stmts.some((s) => s.k === 'break' || (s.k === 'if' && (breaksOut(s.t) || breaksOut(s.f))) || (s.k === 'try' && (breaksOut(s.body) || s.handlers.some((h) => breaksOut(h.body)) || breaksOut(s.fin))));
}

/** `(…) % C` or `(…) & M` with a positive constant: the largest value it gives a non-negative operand. */
function wrapOf(x: Expr): { op: '%' | '&'; max: number; operand: Expr } | undefined {
  let e = x;
  while (e.k === 'un' && e.op === 'cast') e = e.x;
  if (e.k !== 'bin' || (e.op !== '%' && e.op !== '&') || e.r.k !== 'const' || typeof e.r.v !== 'number') return undefined;
  const c = e.r.v;
  if (e.op === '%' ? c <= 0 : c < 0) return undefined;
  return { op: e.op, max: e.op === '%' ? c - 1 : c, operand: e.l };
}

/** What the wrap `x` gives when `name` is within [lo, hi]: its operand is `name`, `name ± k` or a constant. */
function wrapResult(x: Expr, name: string, lo: number, hi: number): { lo: number; hi: number } | undefined {
  const wrap = wrapOf(x);
  if (!wrap) return undefined;
  let a = wrap.operand;
  while (a.k === 'un' && a.op === 'cast') a = a.x;
  let range: { lo: number; hi: number } | undefined;
  if (a.k === 'const' && typeof a.v === 'number') range = { lo: a.v, hi: a.v };
  else if (a.k === 'name' && a.n === name) range = { lo, hi };
  else if (a.k === 'bin' && (a.op === '+' || a.op === '-') && a.l.k === 'name' && a.l.n === name && a.r.k === 'const' && typeof a.r.v === 'number') {
    const k = a.op === '+' ? a.r.v : -a.r.v;
    range = { lo: lo + k, hi: hi + k };
  }
  if (!range) return undefined;
  // A negative operand keeps its sign through `%`; `&` with a non-negative mask clears it.
  if (wrap.op === '%' && range.lo < 0) return { lo: -wrap.max, hi: wrap.max };
  return { lo: 0, hi: Math.min(wrap.max, Math.max(range.hi, 0)) };
}

const CONTAINER_READERS = new Set(['begin', 'end', 'cbegin', 'cend', 'rbegin', 'rend', 'size', 'length', 'empty', 'capacity', 'c_str', 'data']);

/** An integer as C writes it: 64-bit limits (-2^63) print exactly, not as doubles round them. */
function exactText(v: number): string {
  return Number.isInteger(v) && !Number.isSafeInteger(v) && Math.abs(v) <= 2 ** 64 ? BigInt(v).toString() : String(v);
}

/** A C++ sequence: `vector<int>`, `std::list<char *>`. */
function isSequence(decl: VarDecl | undefined): boolean {
  return !!decl && decl.ptr === 0 && !decl.dims && /^(?:std::)?(?:vector|list|deque)\s*</.test(decl.type.trim());
}

/** A C++ sequence or map whose elements are pointers: `vector<char *>`, `std::map<int, char *>`. */
function isPointerContainer(decl: VarDecl | undefined): boolean {
  return !!decl && decl.ptr === 0 && !decl.dims && /^(?:std::)?(?:vector|list|deque|map|unordered_map)\s*<.*\*\s*>$/.test(decl.type.trim());
}

function firstExitCondition(loop: Extract<Stmt, { k: 'loop' }>): Expr | undefined {
  const first = loop.body[0];
  if (first?.k === 'if' && first.t.some((s) => s.k === 'break')) return first.c;
  return undefined;
}

/** Whether evaluating `x` can do more than read: a call, an assignment, or a kind of expression that is not looked into. */
const EFFECT_KINDS: ReadonlySet<Expr['k']> = new Set(['call', 'walrus', 'yield', 'comp', 'cond', 'unknown', 'opaque']);
// One stack for every question, and no closure per expression: this runs for most expressions.
const pending: Expr[] = [];
const pushPending = (c: Expr): void => {
  pending.push(c);
};

function mayHaveEffects(x: Expr): boolean {
  const base = pending.length;
  pending.push(x);
  while (pending.length > base) {
    const y = pending.pop()!;
    if (EFFECT_KINDS.has(y.k)) {
      pending.length = base;
      return true;
    }
    forEachChild(y, pushPending);
  }
  return false;
}

export function forEachChild(x: Expr, f: (c: Expr) => void): void {
  switch (x.k) {
    case 'attr':
      f(x.o);
      return;
    case 'index':
      f(x.o);
      f(x.i);
      return;
    case 'call':
      f(x.f);
      x.a.forEach(f);
      return;
    case 'bin':
      f(x.l);
      f(x.r);
      return;
    case 'un':
      f(x.x);
      return;
    case 'cmp':
    case 'bool':
    case 'seq':
      x.xs.forEach(f);
      return;
    case 'cond':
      f(x.c);
      f(x.t);
      f(x.f);
      return;
    default:
      return;
  }
}

/** Every statement of `body`, nested ones included, outermost first. */
export function forEachStmt(body: readonly Stmt[], f: (s: Stmt) => void): void {
  for (const s of body) {
    f(s);
    switch (s.k) {
      case 'if':
        forEachStmt(s.t, f);
        forEachStmt(s.f, f);
        break;
      case 'loop':
        forEachStmt(s.head, f);
        forEachStmt(s.body, f);
        forEachStmt(s.orelse, f);
        break;
      case 'try':
        forEachStmt(s.body, f);
        for (const h of s.handlers) forEachStmt(h.body, f);
        forEachStmt(s.orelse, f);
        forEachStmt(s.fin, f);
        break;
    }
  }
}

// Indexed loops, not forEach with a closure per list: this walk runs over every function, often.
function forEachExprOfStmts(list: readonly Stmt[], f: (x: Expr) => void): void {
  for (let i = 0; i < list.length; i++) forEachExprOfStmt(list[i], f);
}

export function forEachExprOfStmt(s: Stmt, f: (x: Expr) => void): void {
  switch (s.k) {
    case 'assign':
    case 'aug': {
      f(s.x);
      const t = targetExpr(s.t);
      if (t) f(t);
      return;
    }
    case 'expr':
      f(s.x);
      return;
    case 'if':
      f(s.c);
      forEachExprOfStmts(s.t, f);
      forEachExprOfStmts(s.f, f);
      return;
    case 'loop':
      if (s.c) f(s.c);
      forEachExprOfStmts(s.head, f);
      forEachExprOfStmts(s.body, f);
      return;
    case 'return':
    case 'raise':
      if (s.x) f(s.x);
      return;
    case 'try':
      forEachExprOfStmts(s.body, f);
      for (const h of s.handlers) forEachExprOfStmts(h.body, f);
      forEachExprOfStmts(s.fin, f);
      return;
    case 'decl':
      if (s.size) f(s.size);
      return;
    default:
      return;
  }
}
