/**
 * Functions and classes of a file with their line spans, from the tree-sitter parse. Verification
 * uses them to accept "the `kill` method …" for any line inside `kill`; splitting uses them to cut
 * large files where a reader would; fingerprints use them as the stable part of a location.
 */
import type { Language } from '../languages/language.js';
import { parse, type SyntaxNode } from '../languages/parse.js';
import { enclosingScope } from '../rules/run.js';

export interface Scope {
  name: string;
  kind: 'function' | 'class';
  /** First line of the definition itself (`def`/`class`/the C declaration). */
  start: number;
  end: number;
  /** First line including decorators and the comments right above, which belong with it when splitting. */
  outerStart: number;
  /** 0 for top-level definitions. */
  depth: number;
}

export interface ScopedFile {
  scopes: Scope[];
  /** Dotted scope (as the static engine's fingerprints use) of the innermost definition at a line. */
  scopeAt(line: number): string;
}

const KINDS: Record<string, Scope['kind']> = {
  function_definition: 'function',
  class_definition: 'class',
  class_specifier: 'class',
  struct_specifier: 'class',
};

export function scopesOf(language: Language | undefined, text: string): ScopedFile {
  let root: SyntaxNode;
  try {
    if (!language) throw new Error('no parser');
    root = parse(language, text).rootNode;
  } catch {
    return { scopes: [], scopeAt: () => '' };
  }
  const scopes: Scope[] = [];
  const visit = (node: SyntaxNode, depth: number) => {
    let childDepth = depth;
    const kind = KINDS[node.type];
    const name = kind ? nameOf(node) : undefined;
    // A struct or class without a body is a type reference, not a definition.
    if (kind && name && (kind === 'function' || node.childForFieldName('body'))) {
      const start = node.startPosition.row + 1;
      const outer = node.parent?.type === 'decorated_definition' ? node.parent : node;
      scopes.push({ name, kind, start, end: endLine(node), outerStart: leadingCommentStart(outer), depth });
      childDepth = depth + 1;
    }
    for (const child of node.namedChildren) visit(child, childDepth);
  };
  visit(root, 0);
  scopes.sort((a, b) => a.start - b.start || b.end - a.end);
  const lines = text.split('\n');
  return {
    scopes,
    scopeAt(line: number) {
      const lineText = lines[line - 1] ?? '';
      // The first token of the line: on a `def` line, its parent is the definition, which then counts.
      const node = root.descendantForPosition({ row: line - 1, column: lineText.length - lineText.trimStart().length });
      return node ? enclosingScope(node) : '';
    },
  };
}

/** The scopes around a line range, outermost first. */
export function enclosing(scopes: Scope[], start: number, end: number): Scope[] {
  return scopes.filter((s) => s.start <= start && end <= s.end);
}

function nameOf(node: SyntaxNode): string | undefined {
  const named = node.childForFieldName('name');
  if (named) return named.text;
  let d = node.childForFieldName('declarator');
  while (d && !['identifier', 'field_identifier', 'qualified_identifier', 'destructor_name', 'operator_name'].includes(d.type)) {
    d = d.childForFieldName('declarator');
  }
  return d?.text;
}

function endLine(node: SyntaxNode): number {
  const end = node.endPosition;
  return end.column === 0 && end.row > node.startPosition.row ? end.row : end.row + 1;
}

function leadingCommentStart(node: SyntaxNode): number {
  let start = node.startPosition.row;
  for (let prev = node.previousSibling; prev && prev.type === 'comment' && prev.endPosition.row >= start - 1; prev = prev.previousSibling) {
    start = prev.startPosition.row;
  }
  return start + 1;
}
