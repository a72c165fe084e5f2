/** Small, shared readings of C and C++ syntax trees (the two grammars share these node types). */
import type { SyntaxNode } from '../parse.js';

/** `foo` or `std::foo` for the function called; undefined for methods, function pointers and computed callees. */
export function calleeName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  switch (fn.type) {
    case 'identifier':
    case 'qualified_identifier':
      return fn.text.replace(/^::/, '');
    default:
      return undefined;
  }
}

/** The callee without `std::` / `::`, the way the C library tables name it. */
export function libcName(call: SyntaxNode): string | undefined {
  return calleeName(call)?.replace(/^std::/, '');
}

export function callArguments(call: SyntaxNode): SyntaxNode[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
}

/** The expression inside any parentheses and casts: `((char *)buf)` is `buf`. */
export function unwrap(expr: SyntaxNode): SyntaxNode {
  let n = expr;
  for (;;) {
    if (n.type === 'parenthesized_expression') {
      const inner = n.namedChildren.find((c) => c.type !== 'comment');
      if (!inner) return n;
      n = inner;
    } else if (n.type === 'cast_expression') {
      const value = n.childForFieldName('value');
      if (!value) return n;
      n = value;
    } else {
      return n;
    }
  }
}

/** The source text of an expression without whitespace or comments, for comparing two mentions of it. */
export function compactText(expr: SyntaxNode): string {
  return unwrap(expr).text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '').replace(/\s+/g, '');
}

/** The operator token of a binary, unary, update, pointer or assignment expression. */
export function operatorOf(node: SyntaxNode): string | undefined {
  return node.childForFieldName('operator')?.type;
}

export function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return undefined;
}

/** The function declarator of a definition or prototype, through pointer/reference declarators. */
export function functionDeclarator(decl: SyntaxNode): SyntaxNode | undefined {
  let d: SyntaxNode | undefined = decl.childForFieldName('declarator') ?? undefined;
  while (d && d.type !== 'function_declarator') {
    d = d.childForFieldName('declarator') ?? d.namedChildren.find((c) => c.type.endsWith('declarator'));
  }
  return d;
}

/** `name`, `Class::name` … of a function definition or prototype. */
export function functionName(decl: SyntaxNode): string | undefined {
  return functionDeclarator(decl)?.childForFieldName('declarator')?.text;
}

/** The last component of a function name: `Session::make_token` is `make_token`. */
export function shortName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1);
}

export function line(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}

/** True when `a` starts before `b` in the file. */
export function isBefore(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.startIndex < b.startIndex;
}
