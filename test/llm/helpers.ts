/** Fixture access shared by the LLM tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/core/paths.js';

export const LLM_FIXTURES = join(packageRoot(), 'test', 'fixtures', 'llm');

export function answer(name: string): string {
  return readFileSync(join(LLM_FIXTURES, 'answers', name), 'utf8');
}

export function sourcePath(name: string): string {
  return join(LLM_FIXTURES, 'sources', name);
}

export function source(name: string): string {
  return readFileSync(sourcePath(name), 'utf8');
}

/** The 1-based line of the first line containing `needle`; fails loudly so fixtures and tests stay in step. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`fixture has no line containing ${needle}`);
  return i + 1;
}
