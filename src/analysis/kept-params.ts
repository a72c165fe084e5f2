/**
 * What a C function does with its parameters, read from its code for the summaries its callers
 * use (PathSummary): the exploration knows nothing about what a parameter points to.
 *
 * Above all, which parameters it may keep: hand on to someone who outlives the call, so that what
 * they point to (memory, a stream, a descriptor) is no longer the caller's alone to release.
 * `void keep(FILE *f) { g_file = f; }` keeps its argument, `void show(FILE *f) { fputs("x", f); }`
 * does not. A caller that passes what it allocated to a keeper has not leaked it, and a caller
 * that passes it to a function that keeps nothing and frees nothing still owns it. A parameter is
 * kept when it, or a local set from it, is stored anywhere but in a local, returned, has its
 * address taken, or is passed on to a function that may keep it.
 *
 * Also: the locals that only alias a parameter (paramAliases), and the parameter a function hands
 * back as it came in (returnedParam).
 */
import type { Expr, FunctionIR, Stmt, Target } from './ir.js';
import { forEachChild, forEachExprOfStmt, forEachStmt } from './path-explorer.js';

/** Whether callee `name` may keep its argument `i`: a summary's answer, or a guess by its name. */
export type KeepsArgument = (name: string, i: number) => boolean;

export function keptParams(fn: FunctionIR, keepsArgument: KeepsArgument): number[] {
  const locals = new Set(Object.entries(fn.vars ?? {}).flatMap(([n, d]) => (d.storage === 'auto' || d.storage === 'param' ? [n] : [])));
  // Which parameters each name may hold, one bit each; past the 31st, a parameter is taken as kept.
  const holds = new Map<string, number>();
  fn.params.slice(0, 31).forEach((p, i) => holds.set(p.n, (holds.get(p.n) ?? 0) | (1 << i)));
  const kept = keptMask(fn.body, holds, locals, keepsArgument);
  return fn.params.flatMap((_, i) => (i >= 31 || kept & (1 << i) ? [i] : []));
}

/**
 * Locals that only ever hold a parameter, as converted (`FILE **pp = (FILE **)vp;`), what it
 * points to (`int fd = *fdp;`) or an element of it (`fds[2]`): what is done with them is done with
 * that, which this names by the parameter's index and the rest of the access path (`0`, `0[0]`).
 */
export function paramAliases(fn: FunctionIR): Map<string, string> {
  const index = new Map(fn.params.map((p, i) => [p.n, i]));
  const out = new Map<string, string>();
  const other = new Set<string>();
  const strip = (x: Expr): Expr => (x.k === 'un' && x.op === 'cast' ? strip(x.x) : x);
  forEachStmt(fn.body, (s) => {
    if ((s.k !== 'assign' && s.k !== 'aug') || s.t.k !== 'name' || index.has(s.t.n) || fn.vars?.[s.t.n]?.storage !== 'auto') return;
    const x = strip(s.x);
    const element = x.k === 'index' && x.i.k === 'const' && typeof x.i.v === 'number' ? x.i.v : undefined;
    const param = element !== undefined && x.k === 'index' ? strip(x.o) : x;
    // Through another such local (`int *p = (int *)vp; int fd = *p;`) as well.
    const held = s.k === 'assign' && param.k === 'name' ? (index.has(param.n) ? String(index.get(param.n)) : out.get(param.n)) : undefined;
    const path = held === undefined ? undefined : `${held}${element !== undefined ? `[${element}]` : ''}`;
    if (path === undefined || (out.has(s.t.n) && out.get(s.t.n) !== path)) other.add(s.t.n);
    else out.set(s.t.n, path);
  });
  for (const n of other) out.delete(n);
  return out;
}

/** The variable a buffer argument writes into (`buf`, `buf + len`, `(char *)buf`), if it names one. */
export function bufferRoot(x: Expr): string | undefined {
  if (x.k === 'un' && x.op === 'cast') return bufferRoot(x.x);
  if (x.k === 'bin' && (x.op === '+' || x.op === '-')) return bufferRoot(x.l);
  return x.k === 'name' ? x.n : undefined;
}

/** The parameter every `return` hands back as it came in (`return buf;`, never reassigned), if any. */
export function returnedParam(fn: FunctionIR): number | undefined {
  const names = new Set<string>();
  let other = false;
  const assigned = new Set<string>();
  forEachStmt(fn.body, (s) => {
    if (s.k === 'return') {
      const root = s.x ? bufferRoot(s.x) : undefined;
      if (root === undefined || (s.x!.k === 'bin')) other = true;
      else names.add(root);
    } else if ((s.k === 'assign' || s.k === 'aug') && s.t.k === 'name') {
      assigned.add(s.t.n);
    }
  });
  if (other || names.size !== 1) return undefined;
  const [name] = names;
  const i = fn.params.findIndex((p) => p.n === name);
  return i >= 0 && !assigned.has(name) ? i : undefined;
}

/** The parameters (bits of `holds`) that may outlive the call through what `body` does with them. */
function keptMask(body: readonly Stmt[], holds: Map<string, number>, locals: ReadonlySet<string>, keepsArgument: KeepsArgument): number {
  // A local set from a parameter holds it too: grow the masks until they stop growing, then judge.
  for (let changed = true; changed; ) {
    changed = false;
    forEachStmt(body, (s) => {
      if (s.k !== 'assign' && s.k !== 'aug') return;
      const mask = carried(s.x, holds);
      const root = mask === 0 ? undefined : localRoot(s.t, locals);
      if (root === undefined) return;
      const old = holds.get(root) ?? 0;
      if ((old | mask) !== old) {
        holds.set(root, old | mask);
        changed = true;
      }
    });
  }
  let out = 0;
  const addressed = (x: Expr): number => (x.k === 'un' && x.op === '&' ? carried(x.x, holds) : 0);
  const visit = (x: Expr): void => {
    if (x.k === 'call') {
      const name = x.f.k === 'name' ? x.f.n : undefined;
      // A call through a pointer may do anything with what it is passed; `&local` passed to a call
      // (`inflateBack(…, &out)`) is lent to it as the value itself is.
      x.a.forEach((a, i) => {
        const mask = carried(a, holds) | addressed(a);
        if (mask !== 0 && (mask & ~out) !== 0 && (name === undefined || keepsArgument(name, i))) out |= mask;
      });
      visit(x.f);
      for (const a of x.a) if (addressed(a) === 0) visit(a);
      return;
    }
    // The address of a holder taken anywhere else may be stored anywhere.
    out |= addressed(x);
    forEachChild(x, visit);
  };
  forEachStmt(body, (s) => {
    if ((s.k === 'assign' || s.k === 'aug') && localRoot(s.t, locals) === undefined) out |= carried(s.x, holds);
    else if (s.k === 'return' && s.x) out |= carried(s.x, holds);
  });
  for (const s of body) forEachExprOfStmt(s, visit);
  return out;
}

/** The parameters `x` evaluates to itself (through casts, pointer arithmetic, conditionals, initializer lists). */
function carried(x: Expr, holds: ReadonlyMap<string, number>): number {
  switch (x.k) {
    case 'name':
      return holds.get(x.n) ?? 0;
    case 'un':
      return x.op === 'cast' ? carried(x.x, holds) : 0;
    case 'bin':
      return x.op === '+' || x.op === '-' ? carried(x.l, holds) : 0;
    case 'cond':
      return carried(x.t, holds) | carried(x.f, holds);
    case 'seq':
      return x.xs.reduce((m, e) => m | carried(e, holds), 0);
    default:
      return 0;
  }
}

/** The local a store into `t` writes to (`p`, `s.f`, `a[i]` of a local array or struct), if it is one. */
function localRoot(t: Target, locals: ReadonlySet<string>): string | undefined {
  switch (t.k) {
    case 'name':
      return locals.has(t.n) ? t.n : undefined;
    case 'attr':
      return !t.arrow && t.o.k === 'name' && locals.has(t.o.n) ? t.o.n : undefined;
    default:
      return undefined;
  }
}
