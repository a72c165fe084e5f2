import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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

// A tree's native memory (tens of bytes per source byte) is invisible to V8, and the binding frees
// it only in finalizers, which run after a collection and once the event loop turns. Analysing
// files back to back in one synchronous loop therefore kept every tree alive (2+ GB over a large
// project); callers await releaseParsedTrees() between files, which collects every few megabytes.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const PARSED_CHARS_BETWEEN_COLLECTIONS = 4 * 1024 * 1024;
let parsedSinceCollection = 0;

export async function releaseParsedTrees(): Promise<void> {
  if (parsedSinceCollection < PARSED_CHARS_BETWEEN_COLLECTIONS) return;
  parsedSinceCollection = 0;
  collectGarbage();
  await new Promise<void>((resolve) => setImmediate(resolve));
}

export function parse(language: Language, text: string): Tree {
  parsedSinceCollection += text.length;
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
