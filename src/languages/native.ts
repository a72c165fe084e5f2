/**
 * The parser: tree-sitter's runtime compiled with native/tree_export.c into one addon, built by
 * `npm ci` (node-gyp). One call parses a text and returns the whole tree as node records, which
 * tree.ts turns into plain objects; the grammars are the npm packages' compiled languages.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../core/paths.js';

interface Addon {
  /** Node records of the tree of `text` (layout in tree.ts, treeFromRecords). */
  parse(language: unknown, text: string, leaf: Uint8Array): ArrayBuffer;
  /** Names by symbol (ERROR one past the grammar's symbols) and by field id (0 has none). */
  symbols(language: unknown): { types: (string | undefined)[]; fields: (string | undefined)[] };
}

let addon: Addon | undefined;

export function nativeParser(): Addon {
  if (addon) return addon;
  const file = join(packageRoot(), 'native', 'build', 'Release', 'tree_export.node');
  try {
    addon = createRequire(import.meta.url)(file) as Addon;
  } catch (error) {
    const cause = (error as Error).message.split('\n')[0];
    throw new Error(`the parser addon ${file} is missing or broken (${cause}); npm ci builds it`);
  }
  return addon;
}
