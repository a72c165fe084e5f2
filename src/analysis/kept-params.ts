/**
 * Which parameters a C function may keep: hand on to someone who outlives the call, so that what
 * they point to (memory, a stream, a descriptor) is no longer the caller's alone to release.
 * `void keep(FILE *f) { g_file = f; }` keeps its argument, `void show(FILE *f) { fputs("x", f); }`
 * does not. The path explorer's summaries carry the answer (PathSummary.keeps): a caller that
 * passes what it allocated to a keeper has not leaked it, and a caller that passes it to a
 * function that keeps nothing and frees nothing still owns it.
 *
 * The answer is read from the code, not from the exploration, which knows nothing about what a
 * parameter points to: a parameter is kept when it, or a local set from it, is stored anywhere but
 * in a local, returned, has its address taken, or is passed on to a function that may keep it.
 */
import type { Expr, FunctionIR, Stmt, Target } from './ir.js';
import { forEachChild } from './path-explorer.js';

/** Whether callee `name` may keep its argument `i`: a summary's answer, or a guess by its name. */
export type KeepsArgument = (name: string, i: number) => boolean;

export function keptParams(fn: FunctionIR, keepsArgument: KeepsArgument): number[] {
  const locals = new Set(Object.entries(fn.vars ?? {}).flatMap(([n, d]) => (d.storage === 'auto' || d.storage === 'param' ? [n] : [])));
  const kept: number[] = [];
  fn.params.forEach((p, i) => {
    if (keeps(fn.body, new Set([p.n]), locals, keepsArgument)) kept.push(i);
  });
  return kept;
}

/**
 * Locals that only ever hold a parameter, as converted (`FILE **pp = (FILE **)vp;`), or what it
 * points to (`int fd = *fdp;`): what is done with them is done with that, which this names by the
 * parameter's index and the rest of the access path (`0`, `0[0]`).
 */
export function paramAliases(fn: FunctionIR): Map<string, string> {
  const index = new Map(fn.params.map((p, i) => [p.n, i]));
  const out = new Map<string, string>();
  const other = new Set<string>();
  const strip = (x: Expr): Expr => (x.k === 'un' && x.op === 'cast' ? strip(x.x) : x);
  forEachStmt(fn.body, (s) => {
    if ((s.k !== 'assign' && s.k !== 'aug') || s.t.k !== 'name' || index.has(s.t.n) || fn.vars?.[s.t.n]?.storage !== 'auto') return;
    const x = strip(s.x);
    const deref = x.k === 'index' && x.i.k === 'const' && x.i.v === 0 ? strip(x.o) : undefined;
    const param = deref ?? x;
    // Through another such local (`int *p = (int *)vp; int fd = *p;`) as well.
    const held = s.k === 'assign' && param.k === 'name' ? (index.has(param.n) ? String(index.get(param.n)) : out.get(param.n)) : undefined;
    const path = held === undefined ? undefined : `${held}${deref ? '[0]' : ''}`;
    if (path === undefined || (out.has(s.t.n) && out.get(s.t.n) !== path)) other.add(s.t.n);
    else out.set(s.t.n, path);
  });
  for (const n of other) out.delete(n);
  return out;
}

/** Whether the values named by `aliases` (and the locals set from them) may outlive the call. */
function keeps(body: readonly Stmt[], aliases: Set<string>, locals: ReadonlySet<string>, keepsArgument: KeepsArgument): boolean {
  // Locals set from an alias are aliases too: grow the set until it stops growing, then judge.
  for (let size = -1; size !== aliases.size; ) {
    size = aliases.size;
    forEachStmt(body, (s) => {
      if ((s.k === 'assign' || s.k === 'aug') && carries(s.x, aliases)) {
        const root = localRoot(s.t, locals);
        if (root !== undefined) aliases.add(root);
      }
    });
  }
  let out = false;
  const addressOfAlias = (x: Expr): boolean => x.k === 'un' && x.op === '&' && carries(x.x, aliases);
  const visit = (x: Expr): void => {
    if (out) return;
    if (x.k === 'call') {
      const name = x.f.k === 'name' ? x.f.n : undefined;
      // A call through a pointer may do anything with what it is passed; `&local` passed to a call
      // (`inflateBack(…, &out)`) is lent to it as the value itself is.
      if (x.a.some((a, i) => (carries(a, aliases) || addressOfAlias(a)) && (name === undefined || keepsArgument(name, i)))) out = true;
      visit(x.f);
      for (const a of x.a) if (!addressOfAlias(a)) visit(a);
      return;
    }
    // The address of an alias taken anywhere else may be stored anywhere.
    if (addressOfAlias(x)) out = true;
    forEachChild(x, visit);
  };
  forEachStmt(body, (s) => {
    if (out) return;
    if ((s.k === 'assign' || s.k === 'aug') && carries(s.x, aliases) && localRoot(s.t, locals) === undefined) out = true;
    else if (s.k === 'return' && s.x && carries(s.x, aliases)) out = true;
    forEachOwnExpr(s, visit);
  });
  return out;
}

/** Whether `x` evaluates to an alias itself (through casts, pointer arithmetic, conditionals, initializer lists). */
function carries(x: Expr, aliases: ReadonlySet<string>): boolean {
  switch (x.k) {
    case 'name':
      return aliases.has(x.n);
    case 'un':
      return x.op === 'cast' && carries(x.x, aliases);
    case 'bin':
      return (x.op === '+' || x.op === '-') && carries(x.l, aliases);
    case 'cond':
      return carries(x.t, aliases) || carries(x.f, aliases);
    case 'seq':
      return x.xs.some((e) => carries(e, aliases));
    default:
      return false;
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

function forEachStmt(body: readonly Stmt[], f: (s: Stmt) => void): void {
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

/** The expressions a statement evaluates itself (not those of the statements it contains). */
function forEachOwnExpr(s: Stmt, f: (x: Expr) => void): void {
  switch (s.k) {
    case 'assign':
    case 'aug':
      f(s.x);
      return;
    case 'expr':
      f(s.x);
      return;
    case 'if':
      f(s.c);
      return;
    case 'loop':
      if (s.c) f(s.c);
      return;
    case 'return':
    case 'raise':
      if (s.x) f(s.x);
      return;
    default:
      return;
  }
}
