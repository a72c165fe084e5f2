import type { Language } from '../languages/language.js';

/** A file ready for analysis: decoded text plus where it lives. */
export interface SourceFile {
  /** Path shown to users and used in fingerprints: relative to the review root, `/`-separated. */
  path: string;
  absPath: string;
  language: Language;
  text: string;
  /** `text` split into lines, without terminators; index 0 is line 1. */
  lines: string[];
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Verbatim lines `start..end` (1-based, inclusive). */
export function linesOf(file: Pick<SourceFile, 'lines'>, start: number, end: number): string {
  return file.lines.slice(start - 1, end).join('\n');
}
