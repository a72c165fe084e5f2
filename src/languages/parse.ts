import Parser from 'tree-sitter';
import C from 'tree-sitter-c';
import Cpp from 'tree-sitter-cpp';
import Python from 'tree-sitter-python';
import type { Language } from './language.js';

export type Tree = Parser.Tree;
export type SyntaxNode = Parser.SyntaxNode;

const GRAMMARS: Record<Language, unknown> = { python: Python, c: C, cpp: Cpp };

// One parser per language per thread: setLanguage is cheap but parsers are reused for speed.
const parsers = new Map<Language, Parser>();

export function parse(language: Language, text: string): Tree {
  let parser = parsers.get(language);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(GRAMMARS[language] as Parser.Language);
    parsers.set(language, parser);
  }
  // The binding copies input through a fixed buffer; sizing it to the text avoids re-chunking.
  return parser.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 2 + 2) });
}

/** The first syntax error the parser recovered from, as a 1-based line, or undefined. */
export function firstSyntaxError(tree: Tree): number | undefined {
  if (!tree.rootNode.hasError) return undefined;
  const cursor = tree.walk();
  for (;;) {
    const node = cursor.currentNode;
    if (node.isError || node.isMissing) return node.startPosition.row + 1;
    if (node.hasError && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return tree.rootNode.startPosition.row + 1;
    }
  }
}
