import C from 'tree-sitter-c';
import Cpp from 'tree-sitter-cpp';
import Python from 'tree-sitter-python';
import type { Language } from './language.js';
import { nativeParser } from './native.js';
import { treeFromRecords, type Node, type Tree } from './tree.js';

export type { Tree } from './tree.js';
export type SyntaxNode = Node;

/** Each grammar package exports its compiled language as a napi External. */
const GRAMMARS: Record<Language, { language: unknown }> = { python: Python, c: C, cpp: Cpp } as never;

/**
 * Node types whose children nothing reads: tokens in every grammar we parse, and Python's
 * `string_content`, whose escape sequences nothing reads (its text has them). The parser does not
 * copy what lies below them.
 */
const LEAF_TYPES = new Set([
  'identifier', 'field_identifier', 'type_identifier', 'statement_identifier', 'namespace_identifier',
  'primitive_type', 'number_literal', 'integer', 'float', 'string_content', 'escape_sequence', 'comment',
  'system_lib_string', 'string_start', 'string_end', 'preproc_arg',
]);

interface Grammar {
  language: unknown;
  types: string[];
  fields: (string | undefined)[];
  leaf: Uint8Array;
}

const grammars = new Map<Language, Grammar>();

function grammar(language: Language): Grammar {
  let g = grammars.get(language);
  if (!g) {
    const native = GRAMMARS[language].language;
    const { types, fields } = nativeParser().symbols(native);
    g = { language: native, types: types.map((t) => t ?? ''), fields, leaf: Uint8Array.from(types, (t) => (t !== undefined && LEAF_TYPES.has(t) ? 1 : 0)) };
    grammars.set(language, g);
  }
  return g;
}

/** Parses `text` into a tree of plain objects (see tree.ts); no native memory outlives the call. */
export function parse(language: Language, text: string): Tree {
  const g = grammar(language);
  return treeFromRecords(text, new Uint32Array(nativeParser().parse(g.language, text, g.leaf)), g.types, g.fields);
}

/** The first syntax error the parser recovered from, as a 1-based line, or undefined. */
export function firstSyntaxError(tree: Tree): number | undefined {
  let node = tree.rootNode;
  if (!node.hasError) return undefined;
  for (;;) {
    if (node.isError || node.isMissing) return node.startPosition.row + 1;
    const next = node.children.find((c) => c.hasError);
    if (!next) return node.startPosition.row + 1;
    node = next;
  }
}
