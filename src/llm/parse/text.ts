/** Readings of free text shared by the prose and JSON parsers: line references, CWE ids, quoted code. */
import type { LineRange } from '../claim.js';

const JOIN = String.raw`(?:,|and|&|-|–|—|to|through|thru)`;
// `Line 111`, `Lines 239-241`, `lines 12 and 15`, `line number 7`, `(line 9)`.
const LINE_WORD = new RegExp(String.raw`\blines?(?:\s+numbers?)?\s*[:#]?\s*(\d+)((?:\s*${JOIN}\s*(?:lines?\s*)?\d+)*)`, 'gi');
const LINE_PART = new RegExp(String.raw`\s*(${JOIN})\s*(?:lines?\s*)?(\d+)`, 'gi');
// `L42`, `L10-L12`, as in GitHub links.
const LINE_TAG = /\bL(\d+)(?:-L?(\d+))?\b/g;

/** The line ranges a piece of prose names, in order; `Lines 12, 15-17` gives 12-12 and 15-17. */
export function lineRanges(text: string): LineRange[] {
  const found: Array<{ at: number; range: LineRange }> = [];
  for (const m of text.matchAll(LINE_WORD)) {
    const numbers = [Number(m[1])];
    const joins: string[] = [];
    for (const part of (m[2] ?? '').matchAll(LINE_PART)) {
      joins.push(part[1].toLowerCase());
      numbers.push(Number(part[2]));
    }
    let i = 0;
    while (i < numbers.length) {
      const start = numbers[i];
      if (i + 1 < numbers.length && isRangeJoin(joins[i]) && numbers[i + 1] >= start) {
        found.push({ at: m.index, range: { start, end: numbers[i + 1] } });
        i += 2;
      } else {
        found.push({ at: m.index, range: { start, end: start } });
        i += 1;
      }
    }
  }
  for (const m of text.matchAll(LINE_TAG)) {
    const start = Number(m[1]);
    const end = m[2] ? Number(m[2]) : start;
    found.push({ at: m.index, range: { start, end: Math.max(start, end) } });
  }
  return found
    .sort((a, b) => a.at - b.at)
    .map((f) => f.range)
    .filter((r) => r.start >= 1);
}

function isRangeJoin(join: string | undefined): boolean {
  return join !== undefined && join !== ',' && join !== 'and' && join !== '&';
}

const CWE_REF = /\bCWE\s*[-‐‑–—:]?\s*(\d{1,5})\b/gi;

/** CWE ids in order of first mention. */
export function cweIds(text: string): number[] {
  const ids: number[] = [];
  for (const m of text.matchAll(CWE_REF)) {
    const id = Number(m[1]);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The name written right after the first CWE id: `CWE-284 (Improper Access Control)` or `CWE-703: Improper …`. */
export function cweNameAfterId(heading: string): string | undefined {
  const m = /\bCWE\s*[-‐‑–—:]?\s*\d{1,5}\s*(?:\(([^)]+)\)|[:\-–—]\s*([^\n(]+))/i.exec(heading);
  const name = (m?.[1] ?? m?.[2])?.trim().replace(/[:.\s]+$/, '');
  return name || undefined;
}

const CODE_PUNCTUATION = /[().=[\]{}'"<>:,*&|+\-/%!]/;

/** Backticked spans and fenced blocks that look like code (prose in backticks, like `PEP 8`, is left out). */
export function codeTerms(text: string): string[] {
  const terms: string[] = [];
  const add = (t: string) => {
    const term = t.trim();
    if (term && !terms.includes(term)) terms.push(term);
  };
  const withoutFences = text.replace(/```[^\n]*\n([\s\S]*?)```/g, (_, block: string) => {
    add(block);
    return ' ';
  });
  for (const m of withoutFences.matchAll(/`([^`\n]+)`/g)) {
    const span = m[1].trim();
    if (!/[A-Za-z_$]/.test(span)) continue;
    if (/\s/.test(span) && !CODE_PUNCTUATION.test(span)) continue;
    add(span);
  }
  return terms;
}

/** Markdown emphasis, heading marks and bullets removed; whitespace collapsed to single spaces. Code spans are kept as written. */
export function plainText(text: string): string {
  return text
    .replace(/```[^\n]*\n[\s\S]*?```/g, (block) => block.replace(/\n/g, '\u0000'))
    .split('\n')
    .map((line) => line.replace(/^\s*(?:#{1,6}\s+|[-*•+]\s+|>\s*)/, ''))
    .join('\n')
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\*\*|(?<![\w])__|__(?![\w])/g, '')))
    .join('')
    .replace(/\u0000/g, '\n')
    .replace(/[ \t]*\n[ \t]*/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** The first sentence, cut at a word boundary when long: a finding's title. */
export function firstSentence(text: string, max = 110): string {
  // A sentence ends at a full stop followed by a space, not at `self.rpcserver.stop()`.
  const m = /^(.+?[.!?])(?:\s|$)/.exec(text);
  const sentence = (m ? m[1] : text).trim();
  if (sentence.length <= max) return sentence.replace(/\.$/, '');
  return sentence.slice(0, max).replace(/\s+\S*$/, '') + '…';
}
