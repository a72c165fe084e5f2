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

export function callArguments(call: SyntaxNode): SyntaxNode[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
}
