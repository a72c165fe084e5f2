/** Code as the study sent it: each line as `<n> <line>`, numbered as in the original file. */
import type { LineRange } from '../claim.js';

/**
 * The lines of `segments`, numbered; `...` marks lines left out between segments. `withheld` replaces
 * lines whose text must not reach the model (instruction-like comments), keeping their numbers.
 */
export function numberedCode(lines: string[], segments: LineRange[], withheld: ReadonlyMap<number, string> = new Map()): string {
  const out: string[] = [];
  let last = 0;
  for (const s of mergeSegments(segments)) {
    if (s.start > last + 1) out.push('...');
    for (let n = s.start; n <= s.end; n++) out.push(`${n} ${withheld.get(n) ?? lines[n - 1] ?? ''}`);
    last = s.end;
  }
  if (last > 0 && last < lines.length) out.push('...');
  return out.join('\n');
}

export function mergeSegments(segments: LineRange[]): LineRange[] {
  const sorted = [...segments].sort((a, b) => a.start - b.start);
  const out: LineRange[] = [];
  for (const s of sorted) {
    const prev = out.at(-1);
    if (prev && s.start <= prev.end + 1) prev.end = Math.max(prev.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
