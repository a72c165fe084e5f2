// PLACEHOLDER being replaced by the sources work (gitignore, vendored, limits).
import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { detectLanguage } from '../languages/language.js';
import type { DiscoverOptions, Discovery } from './types.js';

export async function discover(paths: string[], options: DiscoverOptions): Promise<Discovery> {
  const files = paths.flatMap((p) => {
    const absPath = resolve(options.root, p);
    const language = detectLanguage(absPath);
    if (!language) return [];
    return [{ absPath, path: relative(options.root, absPath).split(sep).join('/'), language, size: statSync(absPath).size }];
  });
  return { files, diagnostics: [] };
}
