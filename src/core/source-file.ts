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

/** `splitLines(text).length`, without making the lines. */
export function lineCount(text: string): number {
  let n = 1;
  // Most files end lines with \n alone, which indexOf finds far faster than a loop over characters.
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
    return n;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/**
 * The file with its `lines` split on first read: most files' lines are never read (they have no
 * finding), and splitting them all was 2% of a large review's allocation.
 */
export function withLines(input: Omit<SourceFile, 'lines'>): SourceFile {
  let lines: string[] | undefined;
  return {
    ...input,
    get lines() {
      return (lines ??= splitLines(input.text));
    },
  };
}

/** Verbatim lines `start..end` (1-based, inclusive). */
export function linesOf(file: Pick<SourceFile, 'lines'>, start: number, end: number): string {
  return file.lines.slice(start - 1, end).join('\n');
}
