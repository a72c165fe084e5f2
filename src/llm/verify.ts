/**
 * Checks a claim against the file it is about. Models cite wrong lines and invent code; a finding
 * is only as good as what can be found where it points.
 *
 * - verified: the cited lines exist and the code the claim quotes (or, failing quotes, the names it
 *   uses, or the definition around the lines) is on them; a claim that names no code at all is
 *   verified by its lines existing, with the least confidence;
 * - relocated: the quoted code is elsewhere in the file: the finding moves to where it is;
 * - unverified: the quoted code is nowhere in the file, or the lines do not exist and nothing
 *   locates the claim;
 * - unlocated: no line was given and nothing the claim names pins it to one place.
 */
import type { Claim, LineRange } from './claim.js';
import { enclosing, type Scope } from './scopes.js';

export type ClaimStatus = 'verified' | 'relocated' | 'unverified' | 'unlocated';

/** What the location rests on: quoted code found, only names found, only the line existing, nothing. */
export type Grounding = 'code' | 'name' | 'line' | 'none';

export interface Verdict {
  status: ClaimStatus;
  /** The finding's lines: verified or relocated ones, else the cited ones when they exist. */
  location?: LineRange;
  grounding: Grounding;
  /** One line saying why, for reports and `secreview parse`. */
  reason: string;
}

export interface VerifiableFile {
  lines: string[];
  scopes: Scope[];
}

type TermKind = 'name' | 'code';

interface Term {
  text: string;
  kind: TermKind;
  /** Where the term is, as written (modulo whitespace and quote style). */
  full: LineRange[];
  /** For calls quoted with arguments that do not match: where the callee is called at all. */
  callee: LineRange[];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** How many lines a quoted single-line term may be spread over in the code (a wrapped call). */
const WRAP = 4;
/** Other quoted code this close to the anchor joins the relocated range. */
const NEARBY = 5;

export function verifyClaim(claim: Claim, file: VerifiableFile): Verdict {
  const n = file.lines.length;
  const index = compactIndex(file.lines);
  const terms = claim.codeTerms.map((text) => findTerm(text, file.lines, index));
  const cited = claim.ranges.filter((r) => r.start <= n).map((r) => ({ start: r.start, end: Math.min(r.end, n) }));

  const missing = terms.filter((t) => t.full.length === 0 && t.callee.length === 0);
  if (terms.length > 0 && (missing.length === terms.length || missing.some((t) => t.kind === 'code'))) {
    return {
      status: 'unverified',
      location: cited[0],
      grounding: 'none',
      reason: `the code it names is not in the file: \`${missing[0].text}\``,
    };
  }

  const quoted = terms.filter((t) => t.kind === 'code' && t.full.length > 0);
  if (cited.length > 0) {
    if (terms.length === 0) {
      return { status: 'verified', location: cover(cited), grounding: 'line', reason: `${describe(cited)} ${cover(cited).start === cover(cited).end ? 'exists' : 'exist'}; the claim names no code to check there` };
    }
    const hit = quoted.find((t) => t.full.some((r) => overlapsAny(r, cited)));
    if (hit) {
      return { status: 'verified', location: citedAround(hit.full, cited), grounding: 'code', reason: `\`${hit.text}\` is on ${describe(cited)}` };
    }
    if (quoted.length > 0) return relocate(quoted, cited[0].start, 'code', `, not ${describe(cited)} as cited`);
    const onLines = terms.find((t) => t.full.some((r) => overlapsAny(r, cited)) || t.callee.some((r) => overlapsAny(r, cited)));
    if (onLines) return { status: 'verified', location: cover(cited), grounding: 'name', reason: `\`${onLines.text}\` is on ${describe(cited)}` };
    const around = terms.find((t) => t.kind === 'name' && namesScopeOf(t.text, cited, file.scopes));
    if (around) return { status: 'verified', location: cover(cited), grounding: 'name', reason: `${describe(cited)} are inside \`${around.text}\``.replace(/^(line \d+) are/, '$1 is') };
    const distinctive = terms.filter(isDistinctive);
    if (distinctive.length > 0) return relocate(distinctive, cited[0].start, 'name', `, not ${describe(cited)} as cited`);
    return { status: 'unverified', location: cover(cited), grounding: 'none', reason: `\`${terms[0].text}\` is not on ${describe(cited)} and occurs in several places` };
  }

  const why = claim.ranges.length > 0 ? `line ${claim.ranges[0].start} is past the end of the file (${n} lines)` : 'no line given';
  if (quoted.length > 0) return relocate(quoted, 1, 'code', `; ${why}`);
  const distinctive = terms.filter(isDistinctive);
  if (distinctive.length > 0) return relocate(distinctive, 1, 'name', `; ${why}`);
  return {
    status: claim.ranges.length > 0 ? 'unverified' : 'unlocated',
    grounding: 'none',
    reason: terms.length > 0 ? `${why}, and what it names occurs in several places` : `${why}, and it names no code`,
  };
}

/** Moves the claim to its anchor's occurrence nearest `near`; `why` ends the reason (what was cited). */
function relocate(anchors: Term[], near: number, grounding: Grounding, why: string): Verdict {
  const anchor = anchors[0];
  const places = anchor.full.length > 0 ? anchor.full : anchor.callee;
  const at = places.reduce((best, r) => (Math.abs(r.start - near) < Math.abs(best.start - near) ? r : best));
  let location = { ...at };
  for (const other of anchors.slice(1)) {
    for (const r of other.full) {
      if (r.start >= at.start - NEARBY && r.end <= at.end + NEARBY) location = { start: Math.min(location.start, r.start), end: Math.max(location.end, r.end) };
    }
  }
  return { status: 'relocated', location, grounding, reason: `\`${anchor.text}\` is on ${describe([location])}${why}` };
}

/** A term found on exactly one range can place a claim by itself; a common word cannot. */
function isDistinctive(t: Term): boolean {
  const places = t.full.length > 0 ? t.full : t.callee;
  return places.length === 1;
}

function namesScopeOf(name: string, cited: LineRange[], scopes: Scope[]): boolean {
  return cited.some((r) => enclosing(scopes, r.start, r.end).some((s) => s.name === name || s.name.endsWith(`::${name}`)));
}

function overlapsAny(r: LineRange, ranges: LineRange[]): boolean {
  return ranges.some((o) => r.start <= o.end && o.start <= r.end);
}

/** The cited range that holds the found code (models cite several ranges; the finding takes the right one). */
function citedAround(found: LineRange[], cited: LineRange[]): LineRange {
  return cited.find((c) => found.some((r) => r.start <= c.end && c.start <= r.end)) ?? cited[0];
}

/** Several cited ranges close together read as one place; far apart, the first is the finding's. */
function cover(ranges: LineRange[]): LineRange {
  const start = Math.min(...ranges.map((r) => r.start));
  const end = Math.max(...ranges.map((r) => r.end));
  return end - start <= 20 ? { start, end } : ranges[0];
}

function describe(ranges: LineRange[]): string {
  const r = cover(ranges);
  return r.start === r.end ? `line ${r.start}` : `lines ${r.start}-${r.end}`;
}

// ---- finding quoted code in the file ----

/** Whitespace and quote style do not matter when comparing quoted code with the file. */
function compact(s: string): string {
  return s.replace(/\s+/g, '').replace(/"/g, "'");
}

const indexes = new WeakMap<string[], string[]>();

/** Each file's lines compacted once, however many claims are checked against it. */
function compactIndex(lines: string[]): string[] {
  let index = indexes.get(lines);
  if (!index) indexes.set(lines, (index = lines.map(compact)));
  return index;
}

function findTerm(text: string, lines: string[], index: string[]): Term {
  if (IDENTIFIER.test(text)) return { text, kind: 'name', full: findName(text, lines), callee: [] };
  const snippet = text.split('\n').map(stripLineNumber).filter((l) => l.trim() && !/^\s*(?:\.\.\.|…)\s*$/.test(l));
  if (snippet.length > 1) return { text, kind: 'code', full: findBlock(snippet.map(compact), index), callee: [] };
  let quoted = compact(snippet[0] ?? text);
  // `foo.bar()` names the call, whatever its arguments are in the code.
  if (quoted.endsWith('()')) quoted = quoted.slice(0, -1);
  const fragments = quoted.split(/\.\.\.|…/).filter(Boolean);
  const full = findFragments(fragments, index);
  const call = /^([\w$.]+(?:\(\))?(?:\.[\w$]+)*)\(/.exec(quoted);
  const callee = full.length === 0 && call ? findFragments([`${call[1]}(`], index) : [];
  return { text, kind: 'code', full, callee };
}

/** Models often copy the `<n> ` prefix of the numbered code they were sent. */
function stripLineNumber(line: string): string {
  return line.replace(/^\s*\d+[ \t|:]\s?/, '');
}

function findName(name: string, lines: string[]): LineRange[] {
  const re = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  return lines.flatMap((l, i) => (re.test(l) ? [{ start: i + 1, end: i + 1 }] : []));
}

/** Lines (or up to WRAP consecutive lines, for wrapped code) holding every fragment in order. */
function findFragments(fragments: string[], index: string[]): LineRange[] {
  if (fragments.length === 0) return [];
  const out: LineRange[] = [];
  for (let i = 0; i < index.length; i++) {
    let joined = '';
    for (let j = i; j < Math.min(index.length, i + WRAP); j++) {
      joined += index[j];
      if (!inOrder(joined, fragments)) continue;
      // Only report the window if it could not start later (the smallest one ending at j).
      if (j === i || !inOrder(index.slice(i + 1, j + 1).join(''), fragments)) out.push({ start: i + 1, end: j + 1 });
      break;
    }
  }
  return out;
}

function inOrder(haystack: string, fragments: string[]): boolean {
  let from = 0;
  for (const f of fragments) {
    const at = haystack.indexOf(f, from);
    if (at < 0) return false;
    from = at + f.length;
  }
  return true;
}

/** A quoted block: consecutive non-blank lines of the file, each containing its quoted line. */
function findBlock(block: string[], index: string[]): LineRange[] {
  const out: LineRange[] = [];
  for (let i = 0; i < index.length; i++) {
    if (!index[i].includes(block[0])) continue;
    let k = 1;
    let j = i + 1;
    for (; k < block.length && j < index.length; j++) {
      if (index[j] === '') continue;
      if (!index[j].includes(block[k])) break;
      k++;
    }
    if (k === block.length) out.push({ start: i + 1, end: j });
  }
  return out;
}
