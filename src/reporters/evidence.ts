/** A finding's code as numbered lines, and the exact span its columns mark within them. */
import type { Finding } from '../core/finding.js';

export interface NumberedLine {
  line: number;
  text: string;
}

export function evidenceLines(finding: Finding): NumberedLine[] {
  return finding.evidence.split(/\r\n|\r|\n/).map((text, i) => ({ line: finding.location.startLine + i, text }));
}

/** Removes the indentation all non-blank lines share, so deeply nested code reads compactly. */
export function dedent(lines: NumberedLine[]): NumberedLine[] {
  const indents = lines.filter((l) => l.text.trim() !== '').map((l) => /^[ \t]*/.exec(l.text)![0]);
  if (indents.length === 0) return lines;
  let common = indents[0];
  for (const indent of indents) {
    let i = 0;
    while (i < common.length && i < indent.length && common[i] === indent[i]) i++;
    common = common.slice(0, i);
  }
  return lines.map((l) => ({ line: l.line, text: l.text.slice(Math.min(common.length, l.text.length)) }));
}

export interface MarkedLine extends NumberedLine {
  before: string;
  marked: string;
  after: string;
}

/**
 * Each evidence line split around the finding's column range. Undefined when columns are unknown
 * or the evidence does not cover exactly the finding's lines (an LLM quote, say).
 */
export function markedLines(finding: Finding): MarkedLine[] | undefined {
  const { startLine, endLine, startColumn, endColumn } = finding.location;
  if (startColumn === undefined || endColumn === undefined) return undefined;
  const lines = evidenceLines(finding);
  if (lines.length !== endLine - startLine + 1) return undefined;
  return lines.map(({ line, text }) => {
    // Columns are 1-based UTF-16 code units, as JavaScript strings index them.
    const from = line === startLine ? Math.min(startColumn - 1, text.length) : 0;
    const to = line === endLine ? Math.max(from, Math.min(endColumn - 1, text.length)) : text.length;
    return { line, text, before: text.slice(0, from), marked: text.slice(from, to), after: text.slice(to) };
  });
}
