import Parser from 'tree-sitter';
import C from 'tree-sitter-c';
import Cpp from 'tree-sitter-cpp';
import Python from 'tree-sitter-python';
import { collectGarbage } from '../core/memory.js';
import type { Language } from './language.js';
import { copyNativeTree, typesWithTokenFields, type Node, type Tree } from './tree.js';

export type { Tree } from './tree.js';
export type SyntaxNode = Node;

const GRAMMARS: Record<Language, unknown> = { python: Python, c: C, cpp: Cpp };

// One parser per language per thread: setLanguage is cheap but parsers are reused for speed.
const parsers = new Map<Language, { parser: Parser; tokenFieldParents: ReadonlySet<string> }>();

// A native tree's memory (tens of bytes per source byte) is invisible to V8, and the binding frees
// it only in finalizers, which run after a collection and once the event loop turns. We copy each
// tree and drop it at once, but analysing files back to back in one synchronous loop still kept
// every dropped tree alive (2+ GB over a large project); callers await releaseParsedTrees()
// between files, which collects after every megabyte of source.
const PARSED_CHARS_BETWEEN_COLLECTIONS = 1024 * 1024;
let parsedSinceCollection = 0;

export async function releaseParsedTrees(): Promise<void> {
  if (parsedSinceCollection < PARSED_CHARS_BETWEEN_COLLECTIONS) return;
  parsedSinceCollection = 0;
  collectGarbage();
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Parses `text` and returns the tree as plain objects (see tree.ts); the native tree is dropped. */
export function parse(language: Language, text: string): Tree {
  parsedSinceCollection += text.length;
  let entry = parsers.get(language);
  if (!entry) {
    const parser = new Parser();
    const grammar = GRAMMARS[language] as Parser.Language & { nodeTypeInfo: [] };
    parser.setLanguage(grammar);
    entry = { parser, tokenFieldParents: typesWithTokenFields(grammar.nodeTypeInfo) };
    parsers.set(language, entry);
  }
  // The binding copies input through a fixed buffer; sizing it to the text avoids re-chunking.
  const native = entry.parser.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 2 + 2) });
  return copyNativeTree(native, text, entry.tokenFieldParents);
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
