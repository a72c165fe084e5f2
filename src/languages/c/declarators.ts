/** Reading C and C++ declarators and lvalues: what a declaration declares, what an assignment writes. */
import type { SyntaxNode } from '../parse.js';
import { unwrap } from './syntax.js';

export function hasQualifier(node: SyntaxNode, qualifier: string): boolean {
  return node.namedChildren.some((c) => c.type === 'type_qualifier' && c.text === qualifier);
}

/** The struct/class/union a field belongs to: its tag, or the typedef name of an anonymous one. */
export function ownerName(field: SyntaxNode): string | undefined {
  const spec = field.parent?.parent;
  if (!spec) return undefined;
  const tag = spec.childForFieldName('name')?.text;
  if (tag) return tag;
  if (spec.parent?.type === 'type_definition') return spec.parent.childForFieldName('declarator')?.text;
  return undefined;
}

export interface Declared {
  id: SyntaxNode;
  dims: Array<SyntaxNode | undefined>;
  elementIsPointer: boolean;
  elementPointerConst: boolean;
  /** The pointer level closest to the name, when the variable is a pointer: 'const' for `* const`. */
  pointer?: 'const' | 'mutable';
  initializer?: SyntaxNode;
}

/** Reads a declarator from the outside in; undefined for function declarators and unnamed ones. */
export function readDeclarator(d: SyntaxNode): Declared | undefined {
  let initializer: SyntaxNode | undefined;
  let n: SyntaxNode | null = d;
  if (n.type === 'init_declarator') {
    initializer = n.childForFieldName('value') ?? undefined;
    n = n.childForFieldName('declarator');
  }
  const wrappers: Array<{ kind: 'pointer'; isConst: boolean } | { kind: 'array'; size?: SyntaxNode } | { kind: 'ref' }> = [];
  while (n && n.type !== 'identifier' && n.type !== 'field_identifier') {
    switch (n.type) {
      case 'pointer_declarator':
        wrappers.push({ kind: 'pointer', isConst: hasQualifier(n, 'const') });
        n = n.childForFieldName('declarator');
        break;
      case 'array_declarator':
        wrappers.push({ kind: 'array', size: n.childForFieldName('size') ?? undefined });
        n = n.childForFieldName('declarator');
        break;
      case 'reference_declarator':
        wrappers.push({ kind: 'ref' });
        n = n.namedChildren.find((c) => c.type !== 'type_qualifier') ?? null;
        break;
      case 'parenthesized_declarator':
      case 'attributed_declarator':
        n = n.namedChildren.find((c) => c.type !== 'attribute_declaration') ?? null;
        break;
      default:
        return undefined;
    }
  }
  if (!n) return undefined;
  // The wrapper nearest the name is the outermost type: `*names[4]` is an array of pointers.
  const inner = wrappers.reverse();
  const dims: Array<SyntaxNode | undefined> = [];
  let i = 0;
  for (; i < inner.length && inner[i].kind === 'array'; i++) dims.push((inner[i] as { size?: SyntaxNode }).size);
  const next = inner[i];
  const pointerLevel = next?.kind === 'pointer' ? next : undefined;
  return {
    id: n,
    dims,
    elementIsPointer: dims.length > 0 && pointerLevel !== undefined,
    elementPointerConst: pointerLevel?.isConst ?? false,
    pointer: dims.length === 0 && pointerLevel ? (pointerLevel.isConst ? 'const' : 'mutable') : undefined,
    initializer,
  };
}

export interface LvalueRoot {
  id: SyntaxNode;
  element: boolean;
  index?: SyntaxNode;
}

/** The variable an lvalue writes to: `a[i].f = …` writes an element of `a`. */
export function lvalueRoot(target: SyntaxNode): LvalueRoot | undefined {
  let n = target;
  let element = false;
  let index: SyntaxNode | undefined;
  for (;;) {
    switch (n.type) {
      case 'identifier':
        return { id: n, element, index };
      case 'parenthesized_expression':
      case 'cast_expression':
        n = unwrap(n);
        if (n.type === 'parenthesized_expression' || n.type === 'cast_expression') return undefined;
        break;
      case 'subscript_expression': {
        element = true;
        index = n.childForFieldName('index') ?? n.childForFieldName('indices') ?? undefined;
        const arg = n.childForFieldName('argument');
        if (!arg) return undefined;
        n = arg;
        break;
      }
      case 'field_expression':
      case 'pointer_expression': {
        element = true;
        const arg = n.childForFieldName('argument');
        if (!arg) return undefined;
        n = arg;
        break;
      }
      default:
        return undefined;
    }
  }
}

/** `const char` is `char`: the qualifiers and storage class of a type, dropped. */
export function normaliseType(type: string): string {
  return type.replace(/\b(?:const|volatile|static|register|constexpr)\b/g, '').replace(/\s+/g, ' ').trim();
}
