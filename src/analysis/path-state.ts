/**
 * The abstract state of the path-sensitive analysis (path-explorer.ts): what each variable and
 * access path holds, the memory objects and resources those values point to, and which locks are
 * held. One state describes one group of paths; the explorer keeps several per program point.
 *
 * A value is a range of numbers plus what is known about where it came from; a pointer is an
 * object and a byte offset range (lo..hi), or NULL. Objects are identified by their allocation
 * site, so the same object gets the same id on every path and states can be compared and joined.
 */
import type { Location } from '../core/finding.js';
import type { Spanned } from './ir.js';

export interface Val {
  lo: number;
  hi: number;
  /** Values this one is known not to be (`x != 0` on the true branch of `if (x)`). */
  excl?: number[];
  /** Chosen by untrusted input: every value in lo..hi can happen. */
  input?: boolean;
  /** Of unknown origin (a parameter, an unknown call): its range says nothing. */
  unk?: boolean;
  /** Parsed from text (atoi, strtol): 0 whenever the text is not a number. */
  parsed?: boolean;
  /** Points into this object (lo..hi is the byte offset). */
  obj?: number;
  /** NULL (`yes`), NULL on some path (`path`), or the unchecked result of a call that can fail (`maybe`). */
  nul?: 'yes' | 'path' | 'maybe';
  /** Effects of testing this value (an allocation or open that failed, a lock that was not taken). */
  link?: Link;
  /** This number is the length of the string in object `lenOf`. */
  lenOf?: number;
  /** Access paths this value was compared against in an overflow check (`x > MAX - y`). */
  guard?: string[];
  /** Where an untrusted value was read, for messages. */
  from?: Origin;
  /** The last place this pointer was dereferenced without a NULL check before it. */
  derefAt?: Spanned;
  /** The result of a subtraction of untrusted data that may be negative. */
  negFrom?: Spanned;
  /** Loaded from a buffer whose contents are not known: any value of its type can be there. */
  mem?: boolean;
  /** Widened at a loop head: its bounds are not known until a condition restricts them again. */
  wide?: boolean;
  /** The value a read-like call returns at end of input (0 for read(), -1 for getc()). */
  eof?: number;
  /**
   * Bounded by the size of something already in memory (a string length), or input only through
   * such counts (`got += n` where n is a byte count): the input cannot push it to integer limits.
   */
  sized?: boolean;
  /** Compared against an upper limit somewhere on the path (however large). */
  capped?: boolean;
  /**
   * An untrusted number kept below a limit that is not a constant (`if (n > max) return;`, `i < count`)
   * on every path here: the code bounds it, by a relation a range cannot hold, so the checks that
   * judge ranges leave it alone.
   */
  bounded?: boolean;
  /** Tested against NULL on this path: later tests are redundant, not late. */
  checked?: boolean;
  /**
   * An untrusted number compared in a condition on some path to here: the caller has looked at
   * it, with checks (`(code_t)(n - 2) >= limit >> k`) whose meaning a range cannot hold, so its
   * callees are not explored again for it (EntryContext).
   */
  tested?: boolean;
}

/**
 * A place in the code, and where it is when it lies in another file than the function explored
 * (a caller's, for a callee explored in the project pass for what that caller passes it).
 */
export interface Placed extends Spanned {
  where?: Location;
}

export interface Origin extends Placed {
  what: string;
}

export interface Link {
  /** When the value is NULL (pointers) or negative (handles), this object was never created. */
  fail?: number;
  /** When the value is 0 this lock is held, otherwise it is not (trylock, mtx_lock). */
  lock?: string;
  /** realloc: when the result is not NULL, this old object is freed. */
  reallocOld?: number;
}

export type ObjState = 'live' | 'freed' | 'failed' | 'maybe-freed' | 'maybe-failed';

export interface Obj {
  id: number;
  region: 'stack' | 'static' | 'heap' | 'literal' | 'unknown' | 'handle';
  /** How it was made: `malloc`, `new`, `new[]`, `alloca`, `fopen`, `popen`, `fd`, `dir` … */
  family?: string;
  /** Size in bytes when known (lo..hi). */
  size?: [number, number];
  state: ObjState;
  at: Placed;
  freedAt?: Placed;
  /** Allocated or opened by the function under analysis: a leak if it ends unreleased and unreachable. */
  owned?: boolean;
  escaped?: boolean;
  /** How messages name it: "`buf`", "the memory allocated by malloc()". */
  name: string;
  /** Its contents come from untrusted input. */
  input?: boolean;
  from?: Origin;
  /** Length of the string it holds, when known. */
  len?: [number, number];
  /** The storage of this scalar variable (`&count`): what is read or written through it is that variable. */
  holds?: string;
  /** An array whose element type has no size known here: how many elements, of which type (`size` is then unknown). */
  elements?: { count: number; type: string };
  /** Elements of this array point to this object (argv's strings). */
  elems?: number;
  /**
   * Created on some of the paths a join merged, not all: a path that leaves it unreleased may be
   * one that never created it, so it is called leaked only if the function never releases it.
   */
  partial?: boolean;
}

export type LockState = 'held' | 'free' | 'maybe';

/**
 * States are copied at every branch, and before every evaluation whose effects are thrown away,
 * but most copies change few of their maps or none: a copy shares its maps with the original, and
 * whichever of the two changes a map first copies it (setVar, setObj …). The maps are read-only
 * here so that no change can bypass that.
 */
export interface State {
  readonly vars: ReadonlyMap<string, Val>;
  readonly objs: ReadonlyMap<number, Obj>;
  readonly locks: ReadonlyMap<string, LockState>;
}

const VARS = 1;
const OBJS = 2;
const LOCKS = 4;

/** The maps a state may change in place (VARS | OBJS | LOCKS): the others are shared with a copy. */
interface Owned {
  vars: Map<string, Val>;
  objs: Map<number, Obj>;
  locks: Map<string, LockState>;
  own: number;
}

function owned(s: State): Owned {
  return s as unknown as Owned;
}

export function emptyState(): State {
  const s: Owned = { vars: new Map(), objs: new Map(), locks: new Map(), own: VARS | OBJS | LOCKS };
  return s;
}

/** The map `key` of `s`, copied first if `s` shares it with a copy. */
function writable<K extends 'vars' | 'objs' | 'locks'>(s: State, key: K): Owned[K] {
  const o = owned(s);
  const bit = key === 'vars' ? VARS : key === 'objs' ? OBJS : LOCKS;
  if (!(o.own & bit)) {
    o[key] = copyMap(o[key] as ReadonlyMap<unknown, unknown>) as Owned[K];
    o.own |= bit;
  }
  return o[key];
}

export function setVar(s: State, path: string, v: Val): void {
  writable(s, 'vars').set(path, v);
}

export function deleteVar(s: State, path: string): void {
  if (s.vars.has(path)) writable(s, 'vars').delete(path);
}

export function setObj(s: State, id: number, o: Obj): void {
  writable(s, 'objs').set(id, o);
}

export function deleteObj(s: State, id: number): void {
  if (s.objs.has(id)) writable(s, 'objs').delete(id);
}

export function setLock(s: State, key: string, l: LockState): void {
  writable(s, 'locks').set(key, l);
}

export const TOP: Val = Object.freeze({ lo: -Infinity, hi: Infinity, unk: true });

export function num(n: number): Val {
  return { lo: n, hi: n };
}

export function isPointer(v: Val): boolean {
  return v.obj !== undefined || v.nul !== undefined;
}

/**
 * A copy of a map. Filling a new map is about a third faster than `new Map(m)` (which takes the
 * generic iterable path), and states are copied half a million times on a large tree. forEach,
 * not `for … of`: until this is optimized, every entry of that loop is a new array (on libxml2,
 * 290 MB of garbage).
 */
function copyMap<K, V>(m: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  m.forEach((v, k) => out.set(k, v));
  return out;
}

/**
 * A copy of `s`: from here on both share their maps until one of them changes one. A loop over a
 * state's map may change the state as it goes: a change copies the map, or deletes in place, and
 * either way the loop goes on over every key it started with.
 */
export function cloneState(s: State): State {
  const o = owned(s);
  o.own = 0;
  const copy: Owned = { vars: o.vars, objs: o.objs, locks: o.locks, own: 0 };
  return copy;
}

/** `a` and then what `b` adds; `a` itself (no copy) when `b` adds nothing, as in most joins. */
function union(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (!b || a === b) return a;
  if (!a) return b;
  return b.every((x) => a.includes(x)) ? a : [...new Set([...a, ...b])];
}

export function joinVal(a: Val, b: Val): Val {
  if (a === b) return a;
  // Each field of the join, undefined where the join leaves it out.
  const lo = Math.min(a.lo, b.lo);
  const hi = Math.max(a.hi, b.hi);
  let excl: number[] | undefined;
  if (a.excl && b.excl) {
    const both = a.excl === b.excl ? a.excl : a.excl.filter((x) => b.excl!.includes(x));
    if (both.length) excl = both;
  }
  const input = a.input || b.input ? true : undefined;
  const unk = a.unk || b.unk ? true : undefined;
  const parsed = a.parsed || b.parsed ? true : undefined;
  const mem = a.mem || b.mem ? true : undefined;
  // Input only through counts on every path that has input at all (a constant on the others).
  const sized = (a.sized || b.sized) && (a.sized || !a.input) && (b.sized || !b.input) ? true : undefined;
  const capped = a.capped && b.capped ? true : undefined;
  const bounded = (a.bounded || !a.input) && (b.bounded || !b.input) && (a.bounded || b.bounded) ? true : undefined;
  const checked = a.checked && b.checked ? true : undefined;
  const tested = a.tested || b.tested ? true : undefined;
  const wide = a.wide || b.wide ? true : undefined;
  const eof = a.eof !== undefined && a.eof === b.eof ? a.eof : undefined;
  let obj: number | undefined;
  if (a.obj !== undefined && a.obj === b.obj) obj = a.obj;
  else if (a.obj !== undefined && b.nul === 'yes') obj = a.obj;
  else if (b.obj !== undefined && a.nul === 'yes') obj = b.obj;
  let nul: Val['nul'];
  if (a.nul === 'yes' && b.nul === 'yes') nul = 'yes';
  else if (a.nul === 'yes' || b.nul === 'yes' || a.nul === 'path' || b.nul === 'path') nul = 'path';
  else if (a.nul === 'maybe' || b.nul === 'maybe') nul = 'maybe';
  const link = a.link && b.link && sameLink(a.link, b.link) ? a.link : undefined;
  const lenOf = a.lenOf !== undefined && a.lenOf === b.lenOf ? a.lenOf : undefined;
  const guard = union(a.guard, b.guard);
  const from = (a.from ?? b.from) || undefined;
  const derefAt = a.derefAt && b.derefAt && a.derefAt.s === b.derefAt.s ? a.derefAt : undefined;
  const negFrom = (a.negFrom ?? b.negFrom) || undefined;
  // Most joins change nothing (branches rebuild equal values): then `a` itself is the join, which
  // saves making a value and lets later joins and comparisons stop at the identity test.
  if (
    lo === a.lo &&
    hi === a.hi &&
    input === a.input &&
    unk === a.unk &&
    parsed === a.parsed &&
    mem === a.mem &&
    sized === a.sized &&
    capped === a.capped &&
    bounded === a.bounded &&
    checked === a.checked &&
    tested === a.tested &&
    wide === a.wide &&
    eof === a.eof &&
    obj === a.obj &&
    nul === a.nul &&
    link === a.link &&
    lenOf === a.lenOf &&
    from === a.from &&
    derefAt === a.derefAt &&
    negFrom === a.negFrom &&
    sameList(excl, a.excl) &&
    sameList(guard, a.guard)
  ) {
    return a;
  }
  const out: Val = { lo, hi };
  if (excl) out.excl = excl;
  if (input) out.input = true;
  if (unk) out.unk = true;
  if (parsed) out.parsed = true;
  if (mem) out.mem = true;
  if (sized) out.sized = true;
  if (capped) out.capped = true;
  if (bounded) out.bounded = true;
  if (checked) out.checked = true;
  if (tested) out.tested = true;
  if (wide) out.wide = true;
  if (eof !== undefined) out.eof = eof;
  if (obj !== undefined) out.obj = obj;
  if (nul) out.nul = nul;
  if (link) out.link = link;
  if (lenOf !== undefined) out.lenOf = lenOf;
  if (guard) out.guard = guard;
  if (from) out.from = from;
  if (derefAt) out.derefAt = derefAt;
  if (negFrom) out.negFrom = negFrom;
  return out;
}

function joinObjState(a: ObjState, b: ObjState): ObjState {
  if (a === b) return a;
  const freed = (s: ObjState) => s === 'freed' || s === 'maybe-freed';
  const failed = (s: ObjState) => s === 'failed' || s === 'maybe-failed';
  if (freed(a) || freed(b)) return 'maybe-freed';
  if (failed(a) || failed(b)) return 'maybe-failed';
  return 'live';
}

export function joinObj(a: Obj, b: Obj): Obj {
  if (a === b) return a;
  const out: Obj = { ...a, state: joinObjState(a.state, b.state) };
  if (a.size && b.size) out.size = [Math.min(a.size[0], b.size[0]), Math.max(a.size[1], b.size[1])];
  else delete out.size;
  if (a.len && b.len) out.len = [Math.min(a.len[0], b.len[0]), Math.max(a.len[1], b.len[1])];
  else delete out.len;
  out.escaped = a.escaped || b.escaped;
  out.input = a.input || b.input;
  out.freedAt = a.freedAt ?? b.freedAt;
  if (b.partial) out.partial = true;
  // As for values: an unchanged object stays the same object.
  return out.state === a.state && out.escaped === a.escaped && out.input === a.input && out.freedAt === a.freedAt && out.partial === a.partial && sameList(out.size, a.size) && sameList(out.len, a.len) ? a : out;
}

export function joinState(a: State, b: State): State {
  // Branches share most values, so joining usually changes little and often nothing: a map is
  // copied only once something in it changes, and a join that changes nothing returns `a` itself
  // (callers that change the result do so only where it differs from `a`).
  let vars: Map<string, Val> | undefined;
  let lost: number[] | undefined;
  // Maps the two still share (one is a copy of the other) join to themselves.
  // forEach, not for…of: the entries an iterator makes are garbage on the hottest path there is.
  if (a.vars !== b.vars) b.vars.forEach((w, k) => {
    const v = a.vars.get(k);
    const j = v === undefined ? w : joinVal(v, w);
    if (j === v) return;
    (vars ??= copyMap(a.vars)).set(k, j);
    // Two paths point this variable at different objects: the join keeps neither.
    if (j.obj === undefined && v?.obj !== undefined && w.obj !== undefined) (lost ??= []).push(v.obj, w.obj);
  });
  let objs: Map<number, Obj> | undefined;
  if (a.objs !== b.objs) {
    // An object that only some of the joined paths created (states of different shapes merged, as
    // in a large function): which paths release it is no longer known, and
    // `if (memory) fd = open(…); … if (memory) close(fd);` would read as a leak (see Obj.partial).
    const partial = (o: Obj): Obj => (o.owned && !o.partial ? { ...o, partial: true } : o);
    b.objs.forEach((p, k) => {
      const o = a.objs.get(k);
      const j = o === undefined ? partial(p) : joinObj(o, p);
      if (j !== o) (objs ??= copyMap(a.objs)).set(k, j);
    });
    a.objs.forEach((o, k) => {
      if (b.objs.has(k)) return;
      const j = partial(o);
      if (j !== o) (objs ??= copyMap(a.objs)).set(k, j);
    });
  }
  // An object the join lost the last pointer to is no longer tracked: not knowing where it went,
  // the analysis must not call it leaked (`if (!fp) fp = fopen(…); … if (!old) fclose(fp);`).
  for (const id of lost ?? []) {
    const o = (objs ?? a.objs).get(id);
    if (!o || o.escaped || [...vars!.values()].some((x) => x.obj === id || x.link?.fail === id)) continue;
    (objs ??= copyMap(a.objs)).set(id, { ...o, escaped: true });
  }
  let locksChange = false;
  if (a.locks !== b.locks) {
    for (const [k, l] of a.locks) {
      const m = b.locks.get(k);
      if (m !== undefined && m !== l && l !== 'maybe') locksChange = true;
    }
    for (const k of b.locks.keys()) if (!a.locks.has(k)) locksChange = true;
  }
  if (!vars && !objs && !locksChange) return a;
  // The join shares with `a` the maps it did not change.
  const out = owned(cloneState(a));
  if (vars) {
    out.vars = vars;
    out.own |= VARS;
  }
  if (objs) {
    out.objs = objs;
    out.own |= OBJS;
  }
  if (locksChange) {
    out.locks = new Map();
    for (const [k, l] of a.locks) {
      const m = b.locks.get(k);
      out.locks.set(k, m === undefined || m === l ? l : 'maybe');
    }
    for (const [k, l] of b.locks) if (!a.locks.has(k)) out.locks.set(k, l);
    out.own |= LOCKS;
  }
  return out;
}

/** `b` widened against `a`: bounds still moving jump to infinity, so loops reach a fixpoint. */
export function widenState(a: State, b: State): State {
  const out = joinState(a, b);
  out.vars.forEach((v, k) => {
    const old = a.vars.get(k);
    if (!old) return;
    // An initial value that the loop replaced with input (`data = 0; for (…) data = atoi(s);`) has
    // grown by a read, not by counting: the join is already every value the input can take.
    const incoming = b.vars.get(k);
    if (old.lo === old.hi && incoming?.input && !incoming.wide && incoming.lo <= v.lo && incoming.hi >= v.hi) return;
    const lo = v.lo < old.lo ? -Infinity : v.lo;
    const hi = v.hi > old.hi ? Infinity : v.hi;
    if (lo !== v.lo || hi !== v.hi) setVar(out, k, { ...v, lo, hi });
  });
  out.objs.forEach((o, k) => {
    const old = a.objs.get(k);
    if (old?.len && o.len && o.len[1] > old.len[1]) setObj(out, k, { ...o, len: [o.len[0], Infinity] });
  });
  return out;
}

function sameList(a: readonly (number | string)[] | undefined, b: readonly (number | string)[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameLink(a: Val['link'], b: Val['link']): boolean {
  return a === b || (!!a && !!b && a.fail === b.fail && a.lock === b.lock && a.reallocOld === b.reallocOld);
}

export function sameVal(a: Val, b: Val): boolean {
  return (
    a === b ||
    (a.lo === b.lo &&
      a.hi === b.hi &&
      a.obj === b.obj &&
      a.nul === b.nul &&
      !a.input === !b.input &&
      !a.unk === !b.unk &&
      !a.parsed === !b.parsed &&
      !a.wide === !b.wide &&
      a.lenOf === b.lenOf &&
      a.derefAt?.s === b.derefAt?.s &&
      sameLink(a.link, b.link) &&
      sameList(a.excl, b.excl) &&
      sameList(a.guard, b.guard))
  );
}

function sameObj(a: Obj, b: Obj): boolean {
  return a === b || (a.state === b.state && !a.escaped === !b.escaped && !a.input === !b.input && sameList(a.size, b.size) && sameList(a.len, b.len));
}

/** Whether two states say the same thing: cheap when they share most of their values, as branches do. */
export function sameState(a: State, b: State): boolean {
  if (a === b) return true;
  if (a.vars.size !== b.vars.size || a.objs.size !== b.objs.size || a.locks.size !== b.locks.size) return false;
  // A map still shared with a copy is the same map. forEach with a flag rather than for…of and an
  // early return: the iterator's entries cost more than finishing the loop, and most comparisons
  // find the states equal anyway.
  let same = true;
  if (a.vars !== b.vars) {
    a.vars.forEach((v, k) => {
      if (same) {
        const w = b.vars.get(k);
        same = !!w && sameVal(v, w);
      }
    });
  }
  if (same && a.objs !== b.objs) {
    a.objs.forEach((o, k) => {
      if (same) {
        const p = b.objs.get(k);
        same = !!p && sameObj(o, p);
      }
    });
  }
  if (!same) return false;
  if (a.locks !== b.locks) for (const [k, l] of a.locks) if (b.locks.get(k) !== l) return false;
  return true;
}
