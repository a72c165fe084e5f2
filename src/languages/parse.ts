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

/**
 * Python tokens that nothing reads: the tree drops them (40% of a Python tree's nodes), which is
 * that much less to build, keep and walk. Offsets and text are unchanged. A string's quotes and
 * prefix (`string_start`, `string_end`) are read from its text; `=` and the keywords that open a
 * statement or clause from the node's type (an augmented assignment's operator is its own token,
 * `+=`). Operators stay, keywords among them (`and`, `not`, `in`, `is`), and so do keywords that
 * are also the name of a node (`lambda`, `await`, `yield`).
 */
const SKIPPED_TOKENS: Partial<Record<Language, ReadonlySet<string>>> = {
  python: new Set([
    '(', ')', ',', '.', '[', ']', '{', '}', ':', '=', '@', '->', ';', 'string_start', 'string_end',
    'def', 'class', 'return', 'if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'with', 'raise',
    'import', 'from', 'pass', 'break', 'continue', 'del', 'assert', 'global', 'nonlocal',
  ]),
};

interface Grammar {
  language: unknown;
  types: string[];
  fields: (string | undefined)[];
  leaf: Uint8Array;
  skip?: Uint8Array;
}

const grammars = new Map<Language, Grammar>();

function grammar(language: Language): Grammar {
  let g = grammars.get(language);
  if (!g) {
    const native = GRAMMARS[language].language;
    const { types, fields } = nativeParser().symbols(native);
    const skipped = SKIPPED_TOKENS[language];
    g = {
      language: native,
      types: types.map((t) => t ?? ''),
      fields,
      leaf: Uint8Array.from(types, (t) => (t !== undefined && LEAF_TYPES.has(t) ? 1 : 0)),
      ...(skipped ? { skip: Uint8Array.from(types, (t) => (t !== undefined && skipped.has(t) ? 1 : 0)) } : {}),
    };
    grammars.set(language, g);
  }
  return g;
}

/** A character the parser reads at an offset of the text, which the text does not have. */
export interface Insertion {
  at: number;
  char: string;
}

/**
 * Parses `text` into a tree of plain objects (see tree.ts); no native memory outlives the call.
 *
 * `insertions` (ascending; at one offset, in the order read) are characters the parser reads that
 * the text does not have: the `;` after a C statement macro whose body ends with its own, written
 * `CHECK(x)` on its line; the parentheses of `if IS_BLANK(c)`, which the macro brings. The tree's
 * offsets are those of `text`, and each inserted character is an empty token at its offset.
 */
export function parse(language: Language, text: string, insertions: readonly Insertion[] = []): Tree {
  const g = grammar(language);
  const parsed = insertions.length === 0 ? text : withInsertions(text, insertions);
  const records = new Uint32Array(nativeParser().parse(g.language, parsed, g.leaf));
  if (insertions.length > 0) {
    const at = insertions.map((i) => i.at);
    // Record words 2 and 3 are the start and end offsets.
    for (let i = 0; i < records.length; i += 4) {
      records[i + 2] = originalOffset(records[i + 2], at);
      records[i + 3] = originalOffset(records[i + 3], at);
    }
  }
  return treeFromRecords(text, records, g.types, g.fields, g.skip);
}

function withInsertions(text: string, insertions: readonly Insertion[]): string {
  const parts: string[] = [];
  let last = 0;
  for (const { at, char } of insertions) {
    parts.push(text.slice(last, at), char);
    last = at;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** An offset in the text with insertions at `at`, back in the text without: each insertion before it is taken off. */
function originalOffset(offset: number, at: readonly number[]): number {
  // The k-th insertion sits at at[k] + k; count those that start before `offset`.
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid] + mid < offset) lo = mid + 1;
    else hi = mid;
  }
  return offset - lo;
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
