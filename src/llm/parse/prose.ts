/**
 * Free-text reviews, as models actually write them (see the seeds): numbered defects, each with a
 * CWE heading, `Line N` / `Lines N-M`, a description and a `Solution:`; sometimes sub-bullets,
 * a closing paragraph, or a second numbered list that only repeats the defects as recommendations.
 */
import type { Claim } from '../claim.js';
import { codeTerms, cweIds, cweNameAfterId, firstSentence, lineRanges, plainText } from './text.js';

interface Item {
  number: number;
  indent: number;
  heading: string;
  body: string[];
}

const ITEM = /^(\s*)(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:(?:defect|issue|vulnerability|finding|problem)\s*#?\s*)?(\d{1,3})\s*[.):](?:\*\*|__)?\s*(?![\d.\s])(\S.*)$/i;
const BULLET_ITEM = /^(\s*)[-*•]\s+(\S.*)$/;
const SOLUTION_LABEL =
  /(?:^|\n)[ \t]*(?:[-*•][ \t]*)?(?:\*\*|__)?[ \t]*(?:suggested |recommended |proposed )?(?:solutions?|fix(?:es)?|recommendations?|remediation|mitigations?|how to fix)[ \t]*(?:\*\*|__)?[ \t]*[:：](?:\*\*|__)?/i;
const LABELLED = /^\s*(?:[-*•]|(?:\*\*|__)?\s*(?:lines?\b|l\d|solutions?|fix|recommendations?|remediation|mitigations?|impact|description|location|code|evidence|explanation|details|risk)\b)/i;
const NO_DEFECTS = /\bno (?:security )?(?:defects|vulnerabilities|issues|weaknesses)\b[^.\n]*\b(?:detected|found|identified|present)\b/i;
const SECURITY_WORDS =
  /inject|overflow|race|leak|xss|csrf|travers|deadlock|use[- ]after[- ]free|denial of service|hard-?coded|insecure|vulnerab|unsafe|unvalidated|saniti[sz]|authenti|authori[sz]|encrypt|crypt|password|secret|credential|exception|privilege|access control|deserializ|format string/i;

export function answersNoDefects(text: string): boolean {
  return NO_DEFECTS.test(text);
}

export function parseProse(text: string): { claims: Claim[]; notes: string[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const lists = groupLists(items(lines, ITEM) ?? bulletItems(lines));
  const claims: Claim[] = [];
  const notes: string[] = [];
  for (const [n, list] of lists.entries()) {
    const repeated: number[] = [];
    for (const item of list) {
      const parts = claimsOf(item);
      for (const claim of parts) {
        const original = n > 0 ? repeatOf(claim, claims) : undefined;
        if (original) {
          repeated.push(original.index);
          if (!original.solution) original.solution = claim.description;
          continue;
        }
        if (!isDefectLike(claim)) continue;
        claims.push({ ...claim, index: claims.length + 1 });
      }
    }
    if (repeated.length > 0) {
      notes.push(`a later list repeats defect${repeated.length > 1 ? 's' : ''} ${repeated.join(', ')}; it adds no findings (its advice fills in missing solutions)`);
    }
  }
  if (claims.length === 0 && !answersNoDefects(text) && (cweIds(text).length > 0 || lineRanges(text).length > 0)) {
    // One defect written as a paragraph, with no list at all.
    const claim = claimFrom(0, '', text);
    if (isDefectLike(claim)) claims.push({ ...claim, index: 1 });
  }
  return { claims, notes };
}

/** Numbered items at the outermost indentation; deeper numbered lines stay in their item's body. */
function items(lines: string[], pattern: RegExp): Item[] | undefined {
  const fenced = insideFences(lines);
  const starts = lines.flatMap((line, i) => {
    const m = fenced[i] ? null : pattern.exec(line);
    return m ? [{ i, indent: m[1].length, number: Number(m[2]), heading: m[3] }] : [];
  });
  if (starts.length === 0) return undefined;
  const outer = Math.min(...starts.map((s) => s.indent));
  const top = starts.filter((s) => s.indent <= outer + 1);
  return top.map((s, k) => ({
    number: s.number,
    indent: s.indent,
    heading: s.heading,
    body: lines.slice(s.i + 1, k + 1 < top.length ? top[k + 1].i : lines.length),
  }));
}

/** Lines within ``` fences: quoted code, never list items. */
function insideFences(lines: string[]): boolean[] {
  let inside = false;
  return lines.map((line) => {
    if (/^\s*```/.test(line)) {
      inside = !inside;
      return true;
    }
    return inside;
  });
}

/** Answers that use top-level bullets instead of numbers; only bullets that cite a CWE or a line count. */
function bulletItems(lines: string[]): Item[] {
  const fenced = insideFences(lines);
  const starts = lines.flatMap((line, i) => {
    const m = fenced[i] ? null : BULLET_ITEM.exec(line);
    if (!m || m[1].length > 1) return [];
    return cweIds(m[2]).length > 0 || lineRanges(m[2]).length > 0 ? [{ i, heading: m[2] }] : [];
  });
  return starts.map((s, k) => ({
    number: k + 1,
    indent: 0,
    heading: s.heading,
    body: lines.slice(s.i + 1, k + 1 < starts.length ? starts[k + 1].i : lines.length),
  }));
}

/** A list ends where numbering starts again; the last item of each list loses any closing prose. */
function groupLists(all: Item[]): Item[][] {
  const lists: Item[][] = [];
  for (const item of all) {
    const current = lists.at(-1);
    if (current && item.number > current.at(-1)!.number) current.push(item);
    else lists.push([item]);
  }
  for (const list of lists) {
    const last = list.at(-1)!;
    last.body = withoutClosingProse(last.body, last.indent);
  }
  return lists;
}

/**
 * After a blank line, an unlabelled paragraph at the list's own indentation is the answer talking
 * again ("These issues mainly focus on …", "Here's a summary …"), not part of the defect.
 */
function withoutClosingProse(body: string[], indent: number): string[] {
  for (let i = 1; i < body.length; i++) {
    const line = body[i];
    if (body[i - 1].trim() !== '' || line.trim() === '') continue;
    const lineIndent = /^\s*/.exec(line)![0].length;
    if (lineIndent <= indent && !LABELLED.test(line)) return body.slice(0, i);
  }
  return body;
}

function claimsOf(item: Item): Claim[] {
  const body = item.body.join('\n');
  const { description, solution } = splitSolution(body);
  // One item may list several places, one bullet each (`- Line 12: …`, `- Line 40: …`).
  const located = description.split('\n').flatMap((line, i) => (/^\s*[-*•]\s*(?:\*\*|__)?\s*(?:lines?\s*\d|L\d)/i.test(line) ? [i] : []));
  if (located.length < 2) return [claimFrom(item.number, item.heading, description, solution)];
  const descLines = description.split('\n');
  const shared = descLines.slice(0, located[0]).join('\n');
  return located.map((start, k) => {
    const part = descLines.slice(start, k + 1 < located.length ? located[k + 1] : descLines.length).join('\n');
    const own = splitSolution(part);
    return claimFrom(item.number, item.heading, `${shared}\n${own.description}`, own.solution || solution);
  });
}

function splitSolution(text: string): { description: string; solution: string } {
  const m = SOLUTION_LABEL.exec(text);
  if (!m) return { description: text, solution: '' };
  return { description: text.slice(0, m.index), solution: plainText(text.slice(m.index + m[0].length)) };
}

function claimFrom(index: number, heading: string, descriptionText: string, solution = ''): Claim {
  const headingPlain = plainText(heading);
  const located = `${heading}\n${descriptionText}`;
  let description = plainText(descriptionText)
    // The location label is shown by the report itself: `Lines 239-241: The kill method …` → `The kill method …`.
    .replace(/^(?:lines?\s*[\d\s,&–—-]+(?:(?:and|to)\s*\d+)?|L\d+(?:-L?\d+)?)\s*[:.)-]\s*/i, '');
  if (!description) description = headingPlain.replace(/^\s*CWE\s*[-:]?\s*\d+\s*(?:\([^)]*\))?\s*[:.-]?\s*/i, '');
  return {
    index,
    cweIds: cweIds(located),
    cweName: cweNameAfterId(headingPlain),
    heading: headingPlain,
    ranges: lineRanges(located),
    title: description ? firstSentence(description) : undefined,
    description,
    solution,
    codeTerms: codeTerms(located),
  };
}

function isDefectLike(claim: Claim): boolean {
  return (
    claim.cweIds.length > 0 ||
    claim.ranges.length > 0 ||
    claim.codeTerms.length > 0 ||
    SECURITY_WORDS.test(`${claim.heading} ${claim.description}`)
  );
}

/** A claim in a later list that names an earlier defect's CWE and no new place adds nothing. */
function repeatOf(claim: Claim, earlier: Claim[]): Claim | undefined {
  if (claim.cweIds.length === 0) return undefined;
  return earlier.find(
    (e) =>
      e.cweIds[0] === claim.cweIds[0] &&
      (claim.ranges.length === 0 || claim.ranges.some((r) => e.ranges.some((o) => r.start <= o.end && o.start <= r.end))),
  );
}
