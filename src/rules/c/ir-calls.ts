/** Reading C/C++ rules off the lowered IR: every call and assignment of a function, and where they are. */
import type { Expr, FunctionIR, ModuleIR, Stmt } from '../../analysis/ir.js';
import { forEachChild, forEachExprOfStmt } from '../../analysis/path-explorer.js';
import type { SourceFile } from '../../core/source-file.js';
import { lowerCCached } from '../../languages/c/lower.js';
import type { SyntaxNode, Tree } from '../../languages/parse.js';

export type Call = Extract<Expr, { k: 'call' }>;

export function cModule(file: SourceFile, tree: Tree): ModuleIR {
  return lowerCCached(file, tree);
}

/** Every expression of `fn`, innermost included, in source order of the statements. */
export function forEachExpr(stmts: readonly Stmt[], visit: (x: Expr) => void): void {
  const walk = (x: Expr): void => {
    visit(x);
    forEachChild(x, walk);
  };
  for (const s of stmts) forEachExprOfStmt(s, walk);
}

export function forEachCall(fn: FunctionIR, visit: (call: Call, name: string | undefined) => void): void {
  forEachExpr(fn.body, (x) => {
    if (x.k === 'call') visit(x, x.f.k === 'name' ? x.f.n : undefined);
  });
}

/** Every assignment (and compound assignment) anywhere in `stmts`. */
export function forEachAssign(stmts: readonly Stmt[], visit: (s: Extract<Stmt, { k: 'assign' | 'aug' }>) => void): void {
  for (const s of stmts) {
    if (s.k === 'assign' || s.k === 'aug') visit(s);
    else if (s.k === 'if') {
      forEachAssign(s.t, visit);
      forEachAssign(s.f, visit);
    } else if (s.k === 'loop') {
      forEachAssign(s.head, visit);
      forEachAssign(s.body, visit);
      forEachAssign(s.orelse, visit);
    } else if (s.k === 'try') {
      forEachAssign(s.body, visit);
      for (const h of s.handlers) forEachAssign(h.body, visit);
      forEachAssign(s.orelse, visit);
      forEachAssign(s.fin, visit);
    }
  }
}

export function nodeAt(tree: Tree, at: { s: number; e: number }): SyntaxNode {
  return tree.rootNode.descendantForIndex(at.s, Math.max(at.s, at.e - 1));
}

/** A string the code fixes: a literal, through casts. */
export function literalString(x: Expr | undefined): string | undefined {
  let e = x;
  while (e?.k === 'un' && e.op === 'cast') e = e.x;
  return e?.k === 'const' && typeof e.v === 'string' ? e.v : undefined;
}
