/**
 * The abstract values the data-flow engine computes: taint labels with their traces, constants,
 * and the structure of containers and objects (fields by attribute or constant key, plus the
 * contents at unknown positions). Values are immutable; every update builds a new value, so
 * branch states can share them freely.
 */
import type { ConstValue } from './ir.js';
import { SINK_CLASSES, SINK_KINDS, type SinkClass, type SourceKind } from './specs.js';

/**
 * One step of a trace, newest first; `mod` indexes the project's modules. A trace through a call
 * is spliced, not copied: `callee` holds the callee's steps (newest first, its parameter step
 * last and left out), which come after `prev`. Summaries are applied at every call site, so
 * copying their traces would cost as much as the analysis itself.
 */
export interface TraceNode {
  readonly mod: number;
  readonly s: number;
  readonly e: number;
  readonly label: string;
  readonly prev: TraceNode | undefined;
  readonly callee?: TraceNode;
  readonly length: number;
}

const MAX_TRACE = 40;

export function step(prev: TraceNode | undefined, mod: number, s: number, e: number, label: string): TraceNode {
  return { mod, s, e, label, prev, length: (prev?.length ?? 0) + 1 };
}

/** `caller`'s steps, then `callee`'s steps after its first (the parameter the caller's data became). */
export function splice(caller: TraceNode, callee: TraceNode): TraceNode {
  if (!callee.prev) return caller;
  return { mod: -1, s: 0, e: 0, label: '', prev: caller, callee, length: caller.length + callee.length - 1 };
}

/** Oldest first; long traces keep their start and end (the middle of a 40-step path helps nobody). */
export function traceSteps(node: TraceNode): TraceNode[] {
  const out: TraceNode[] = [];
  const visit = (n: TraceNode | undefined, dropOldest: boolean): void => {
    const chain: TraceNode[] = [];
    for (let m = n; m; m = m.prev) chain.push(m);
    if (dropOldest) chain.pop();
    for (let i = chain.length - 1; i >= 0; i--) {
      const m = chain[i];
      if (m.callee) visit(m.callee, true);
      else out.push(m);
    }
  };
  visit(node, false);
  if (out.length <= MAX_TRACE) return out;
  return [...out.slice(0, MAX_TRACE / 2), ...out.slice(out.length - MAX_TRACE / 2)];
}

/**
 * Where a value may come from: a source (`input`, `random`, `password`), or — inside a function
 * summary — the function's parameter `index` / free variable `name`, read at `path`.
 */
export type LabelKind = SourceKind | 'param' | 'free';

export interface Label {
  readonly kind: LabelKind;
  readonly index: number;
  readonly name: string;
  /** Access path below the parameter: `.attr` and `#key` steps joined by `\0`; '' for the whole. */
  readonly path: string;
  /** Bit set of sink classes this data has been made safe for. */
  readonly cleared: number;
  readonly trace: TraceNode;
}

export type Taint = readonly Label[];

export const SINK_BIT: Record<SinkClass, number> = Object.fromEntries(SINK_CLASSES.map((c, i) => [c, 1 << i])) as Record<SinkClass, number>;
/** Every injection class; weak randomness, password hashing and fixed secrets are never "sanitised". */
export const ALL_CLEARABLE = SINK_CLASSES.filter((c) => SINK_KINDS[c] === 'input').reduce((m, c) => m | SINK_BIT[c], 0);

export function maskOf(classes: readonly SinkClass[] | 'all'): number {
  return classes === 'all' ? ALL_CLEARABLE : classes.reduce((m, c) => m | SINK_BIT[c], 0);
}

const MAX_LABELS = 6;
const MAX_PATH_STEPS = 3;
const MAX_FIELDS = 32;
const MAX_DEPTH = 4;
/** Containers nest at most this deep; deeper contents are kept as plain taint. */
const MAX_NEST = 3;

export function nestOf(v: Value): number {
  return v.fields || v.elem ? (v.nest ?? 1) : 0;
}

function bounded(x: Value): Value {
  return nestOf(x) >= MAX_NEST ? collapse(x) : x;
}

/** A container value: fields by key, contents at unknown positions, and its own taint. */
export function container(fields: ReadonlyMap<string, Value> | undefined, elem?: Value, taint: Taint = []): Value {
  let nest = 0;
  let own: Map<string, Value> | undefined;
  if (fields) {
    const out = (own = new Map());
    fields.forEach((v, k) => {
      const b = bounded(v);
      out.set(k, b);
      nest = Math.max(nest, nestOf(b));
    });
  }
  const e = elem && bounded(elem);
  if (e) nest = Math.max(nest, nestOf(e));
  return { taint, ...(own ? { fields: own } : {}), ...(e ? { elem: e } : {}), nest: nest + 1 };
}

function sameLabel(a: Label, b: Label): boolean {
  return a === b || (a.kind === b.kind && a.cleared === b.cleared && a.index === b.index && a.path === b.path && a.name === b.name);
}

export function joinTaint(a: Taint, b: Taint): Taint {
  if (b.length === 0 || a === b) return a;
  if (a.length === 0) return b;
  let out: Label[] | undefined;
  outer: for (const l of b) {
    for (const m of out ?? a) if (sameLabel(m, l)) continue outer;
    out ??= [...a];
    if (out.length < MAX_LABELS) out.push(l);
  }
  return out ?? a;
}

export function sameTaintKeys(a: Taint, b: Taint): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return b.every((l) => a.some((m) => sameLabel(m, l)));
}

export type Ref =
  | { readonly k: 'fn'; readonly mod: number; readonly id: string; readonly self?: Value }
  | { readonly k: 'class'; readonly mod: number; readonly id: string }
  | { readonly k: 'inst'; readonly mod: number; readonly id: string }
  | { readonly k: 'module'; readonly name: string }
  | { readonly k: 'ext'; readonly q: string };

export interface Value {
  readonly taint: Taint;
  /** Known constant value. */
  readonly c?: { readonly v: ConstValue };
  /** Attributes (`.name`) and constant keys/indices (`#<key>`). */
  readonly fields?: ReadonlyMap<string, Value>;
  /** Whatever sits at keys or indices not known as constants. */
  readonly elem?: Value;
  /** A constant prefix of a string value (`"https://api.example.com/" + x`). */
  readonly prefix?: string;
  /** Produced by path normalisation (normpath, realpath, resolve). */
  readonly normalized?: boolean;
  readonly ref?: Ref;
  /** The value is the outcome of a check on local `subject` that makes it safe for `clears` when true. */
  readonly guard?: { readonly subject: string; readonly clears: number; readonly needsNormalized: boolean; readonly whenFalse?: boolean };
  /** A parsed view of the URL in local `urlOf`; `hostOf` when this is its host part. */
  readonly urlOf?: string;
  readonly hostOf?: string;
  /** Text of a compiled regular expression. */
  readonly pattern?: string;
  /** How deeply containers nest inside this one (1 for a flat container). */
  readonly nest?: number;
  /**
   * A list or tuple whose elements are known one by one: exactly `len` of them, at keys `#n0` …,
   * and none at unknown positions. Appends and pops keep it exact, so `lst[1]` after
   * `lst.pop(0)` is still the element it names.
   */
  readonly len?: number;
  /**
   * Made from the program's literals only (joins of constants, concatenations and pure functions
   * of them), though not one constant: `"a" if c else "b"`, `base64.b64decode("…")`.
   */
  readonly lit?: boolean;
}

/** A constant, or made from constants only (`Value.lit`). */
export function fromLiterals(v: Value): boolean {
  return (v.c !== undefined || v.lit === true) && v.taint.length === 0 && !v.fields && !v.elem && !v.ref;
}

export const EMPTY: Value = Object.freeze({ taint: [] });

export function constant(v: ConstValue): Value {
  return { taint: [], c: { v } };
}

export function tainted(taint: Taint): Value {
  return taint.length === 0 ? EMPTY : { taint };
}

export function keyOf(v: ConstValue): string {
  switch (typeof v) {
    case 'string':
      return `#s${v}`;
    case 'number':
      return `#n${v}`;
    case 'boolean':
      return `#n${v ? 1 : 0}`;
    default:
      return '#z';
  }
}

export function attrKey(name: string): string {
  return `.${name}`;
}

/** Taint of a value and everything inside it. */
export function deepTaint(v: Value, depth = 0): Taint {
  let t = v.taint;
  if (depth >= MAX_DEPTH) return t;
  if (v.elem) t = joinTaint(t, deepTaint(v.elem, depth + 1));
  if (v.fields) for (const f of v.fields.values()) t = joinTaint(t, deepTaint(f, depth + 1));
  return t;
}

/** Labels read from inside a value whose own taint is `t`: parameter labels remember the path. */
function derivedTaint(t: Taint, key: string): Taint {
  if (t.length === 0) return t;
  let changed = false;
  const out = t.map((l) => {
    if ((l.kind !== 'param' && l.kind !== 'free') || pathSteps(l.path) >= MAX_PATH_STEPS) return l;
    changed = true;
    return { ...l, path: l.path === '' ? key : `${l.path}\0${key}` };
  });
  return changed ? out : t;
}

function pathSteps(path: string): number {
  if (path === '') return 0;
  let n = 1;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 0) n++;
  return n;
}

/** `v.name` or `v[<constant>]`. */
export function readField(v: Value, key: string): Value {
  const own = v.fields?.get(key);
  if (key.startsWith('.')) {
    if (own) return own;
    return tainted(derivedTaint(v.taint, key));
  }
  const inherited = tainted(derivedTaint(v.taint, key));
  if (own) return v.elem ? joinValue(own, v.elem) : own;
  return v.elem ? joinValue(v.elem, inherited) : inherited;
}

/** `v[<unknown>]`: any element. */
export function readAnyElement(v: Value): Value {
  let out = v.elem ? joinValue(v.elem, tainted(derivedTaint(v.taint, '#?'))) : tainted(derivedTaint(v.taint, '#?'));
  if (v.fields) for (const [k, f] of v.fields) if (k.startsWith('#')) out = joinValue(out, f);
  return out;
}

export function writeField(v: Value, key: string, x: Value): Value {
  const stored = bounded(x);
  const fields = new Map<string, Value>();
  // forEach, not `new Map(fields)`: the constructor's iteration leaves an entry per field behind.
  v.fields?.forEach((f, k) => fields.set(k, f));
  fields.set(key, stored);
  if (fields.size > MAX_FIELDS) return { ...v, fields: undefined, elem: joinValue(v.elem ?? EMPTY, collapse({ taint: [], fields })), nest: Math.max(nestOf(v), 1), len: undefined };
  return { ...v, fields, c: undefined, nest: Math.max(nestOf(v), 1 + nestOf(stored)), len: v.len !== undefined && isIndexBelow(key, v.len) ? v.len : undefined };
}

function isIndexBelow(key: string, len: number): boolean {
  if (!key.startsWith('#n')) return false;
  const i = Number(key.slice(2));
  return Number.isInteger(i) && i >= 0 && i < len;
}

/** A list known element by element (see `Value.len`). */
export function exactList(items: readonly Value[], taint: Taint = []): Value {
  return { ...container(new Map(items.map((v, i) => [keyOf(i), v])), undefined, taint), len: items.length };
}

/** The elements of an exact list, in order. */
export function listItems(v: Value): Value[] | undefined {
  if (v.len === undefined || v.elem) return undefined;
  const items: Value[] = [];
  for (let i = 0; i < v.len; i++) items.push(v.fields?.get(keyOf(i)) ?? EMPTY);
  return items;
}

/** A store at an unknown key or index, or an append. */
export function writeAnyElement(v: Value, x: Value): Value {
  const elem = bounded(v.elem ? joinValue(v.elem, x) : x);
  // A C buffer that held text and is written at some offset (`strcat(buf, …)` into `char buf[] =
  // "PATH="`) is taken to keep what it started with: its constant prefix.
  const prefix = v.prefix ?? (typeof v.c?.v === 'string' && v.c.v !== '' ? v.c.v : undefined);
  return { ...v, elem, c: undefined, len: undefined, nest: Math.max(nestOf(v), 1 + nestOf(elem)), ...(prefix !== undefined ? { prefix } : {}) };
}

/** Forgets structure, keeping all taint (used when a container is consumed as a whole). */
export function collapse(v: Value): Value {
  return tainted(deepTaint(v));
}

export function withTaint(v: Value, taint: Taint): Value {
  return taint === v.taint ? v : { ...v, taint };
}

export function joinValue(a: Value, b: Value, depth = 0): Value {
  if (a === b) return a;
  // EMPTY is any clean value, not a literal: joined with one, the result is no longer `lit`.
  if (a === EMPTY && !b.c) return b.ref || b.fields || b.elem || b.lit ? { ...b, c: undefined, lit: undefined } : b;
  if (b === EMPTY && !a.c) return a.lit ? { ...a, lit: undefined } : a;
  const taint = joinTaint(a.taint, b.taint);
  const out: {
    -readonly [K in keyof Value]: Value[K];
  } = { taint };
  if (a.c && b.c && a.c.v === b.c.v) out.c = a.c;
  else if (fromLiterals(a) && fromLiterals(b)) out.lit = true;
  if (a.fields || b.fields) {
    if (depth >= MAX_DEPTH) return tainted(joinTaint(deepTaint(a), deepTaint(b)));
    const fields = new Map<string, Value>();
    const keys = new Set([...(a.fields?.keys() ?? []), ...(b.fields?.keys() ?? [])]);
    for (const k of keys) {
      const x = a.fields?.get(k);
      const y = b.fields?.get(k);
      fields.set(k, x && y && !a.elem && !b.elem ? joinValue(x, y, depth + 1) : joinValue(readField(a, k), readField(b, k), depth + 1));
    }
    out.fields = fields;
  }
  if (a.elem || b.elem) out.elem = a.elem && b.elem ? joinValue(a.elem, b.elem, depth + 1) : (a.elem ?? b.elem);
  else if (a.len !== undefined && a.len === b.len) out.len = a.len;
  if (out.fields || out.elem) out.nest = Math.max(nestOf(a), nestOf(b));
  if (a.prefix !== undefined && b.prefix !== undefined) out.prefix = commonPrefix(a.prefix, b.prefix);
  else if (a.c && b.c && typeof a.c.v === 'string' && typeof b.c.v === 'string') out.prefix = commonPrefix(a.c.v, b.c.v);
  else if (a.c && typeof a.c.v === 'string' && b.prefix !== undefined) out.prefix = commonPrefix(a.c.v, b.prefix);
  else if (b.c && typeof b.c.v === 'string' && a.prefix !== undefined) out.prefix = commonPrefix(b.c.v, a.prefix);
  if (a.normalized && b.normalized) out.normalized = true;
  if (a.ref && b.ref && sameRef(a.ref, b.ref)) out.ref = a.ref;
  else if (a.ref && !b.ref && b.taint.length === 0 && !b.c) out.ref = a.ref;
  else if (b.ref && !a.ref && a.taint.length === 0 && !a.c) out.ref = b.ref;
  if (a.urlOf && a.urlOf === b.urlOf) out.urlOf = a.urlOf;
  if (a.hostOf && a.hostOf === b.hostOf) out.hostOf = a.hostOf;
  if (a.pattern !== undefined && a.pattern === b.pattern) out.pattern = a.pattern;
  if (a.guard && b.guard && a.guard.subject === b.guard.subject) {
    out.guard = { subject: a.guard.subject, clears: a.guard.clears & b.guard.clears, needsNormalized: a.guard.needsNormalized || b.guard.needsNormalized, ...(a.guard.whenFalse && b.guard.whenFalse ? { whenFalse: true } : {}) };
  } else if (a.guard && !a.guard.whenFalse && falsy(b)) {
    // A validator's early `return 0` never says the subject is clean: its check still holds.
    out.guard = a.guard;
  } else if (b.guard && !b.guard.whenFalse && falsy(a)) {
    out.guard = b.guard;
  }
  return out;
}

function falsy(v: Value): boolean {
  return !v.guard && v.taint.length === 0 && !!v.c && (v.c.v === 0 || v.c.v === false || v.c.v === null);
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

function sameRef(a: Ref, b: Ref): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'ext':
      return a.q === (b as typeof a).q;
    case 'module':
      return a.name === (b as typeof a).name;
    default:
      return a.mod === (b as { mod: number }).mod && a.id === (b as { id: string }).id;
  }
}

/** Structural equality up to traces, for loop fixpoints. */
export function sameValue(a: Value, b: Value, depth = 0): boolean {
  if (a === b) return true;
  if (!sameTaintKeys(a.taint, b.taint)) return false;
  if ((a.c?.v ?? undefined) !== (b.c?.v ?? undefined) || !!a.c !== !!b.c) return false;
  if (a.prefix !== b.prefix || !!a.normalized !== !!b.normalized) return false;
  if (depth >= MAX_DEPTH) return true;
  if (!!a.elem !== !!b.elem || (a.elem && !sameValue(a.elem, b.elem!, depth + 1))) return false;
  const af = a.fields;
  const bf = b.fields;
  if ((af?.size ?? 0) !== (bf?.size ?? 0)) return false;
  if (af && bf) for (const [k, v] of af) {
    const w = bf.get(k);
    if (!w || !sameValue(v, w, depth + 1)) return false;
  }
  return true;
}

/** Applies `f` to every label in the value, deeply. */
export function mapLabels(v: Value, f: (l: Label) => Label | undefined, depth = 0): Value {
  let taint: Label[] | undefined;
  v.taint.forEach((l, i) => {
    const m = f(l);
    if (m === l && !taint) return;
    taint ??= v.taint.slice(0, i) as Label[];
    if (m) taint.push(m);
  });
  let out: Value = taint ? { ...v, taint } : v;
  if (depth >= MAX_DEPTH) return out;
  if (v.elem) {
    const elem = mapLabels(v.elem, f, depth + 1);
    if (elem !== v.elem) out = { ...out, elem };
  }
  if (v.fields) {
    let fields: Map<string, Value> | undefined;
    for (const [k, x] of v.fields) {
      const y = mapLabels(x, f, depth + 1);
      if (y !== x) (fields ??= new Map(v.fields)).set(k, y);
    }
    if (fields) out = { ...out, fields };
  }
  return out;
}

/** Marks input data in `v` as safe for the sinks in `mask`; fully cleared input disappears. */
export function sanitize(v: Value, mask: number): Value {
  return mapLabels(v, (l) => {
    if (l.kind === 'random' || l.kind === 'password' || l.kind === 'fixed') return l;
    const cleared = l.cleared | mask;
    if (cleared === l.cleared) return l;
    if ((cleared & ALL_CLEARABLE) === ALL_CLEARABLE) return undefined;
    return { ...l, cleared };
  });
}

/** Adds a trace step to every label (an assignment, a call boundary). */
export function addStep(v: Value, mod: number, s: number, e: number, label: string): Value {
  if (!hasAnyTaint(v)) return v;
  return mapLabels(v, (l) => ({ ...l, trace: step(l.trace, mod, s, e, label) }));
}

export function hasAnyTaint(v: Value, depth = 0): boolean {
  if (v.taint.length > 0) return true;
  if (depth >= MAX_DEPTH) return false;
  if (v.elem && hasAnyTaint(v.elem, depth + 1)) return true;
  if (v.fields) for (const f of v.fields.values()) if (hasAnyTaint(f, depth + 1)) return true;
  return false;
}
