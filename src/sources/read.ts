// PLACEHOLDER being replaced by the sources work (binary, encoding, generated files).
import { readFileSync } from 'node:fs';
import type { DiscoveredFile, ReadResult } from './types.js';

export function readSource(file: DiscoveredFile, _maxFileSize: number): ReadResult {
  return { ok: true, text: readFileSync(file.absPath, 'utf8'), diagnostics: [] };
}
