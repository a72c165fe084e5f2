/**
 * JSON answers: bare, fenced in ```json, or wrapped in prose; an object with a findings array, a
 * bare array, or one finding. Field names vary by model, so common aliases are accepted. A
 * truncated answer keeps every finding object that was complete before the cut.
 */
import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from '../../core/finding.js';
import type { Claim, LineRange } from '../claim.js';
import { codeTerms, cweIds, firstSentence, lineRanges, plainText } from './text.js';

export interface JsonClaims {
  claims: Claim[];
  /** The JSON was cut off; the claims are those complete before the cut. */
  salvaged: boolean;
}

const LIST_KEYS = ['findings', 'defects', 'issues', 'vulnerabilities', 'security_defects', 'results', 'weaknesses'];

export function parseJsonAnswer(text: string): JsonClaims | undefined {
  const singles: unknown[][] = [];
  for (const { json, embedded } of candidates(text)) {
    const value = tryParse(json);
    if (value === undefined) continue;
    const list = findingList(value);
    if (!list) continue;
    // One finding object inside prose may be a piece of a cut-off list: the salvage below sees the whole list.
    if (embedded && isRecord(value) && isFinding(value)) singles.push(list);
    // Inside prose, `[]` is more likely quoted code than an answer.
    else if (!embedded || list.length > 0 || isRecord(value)) return { claims: toClaims(list), salvaged: false };
  }
  const salvaged = salvage(text);
  if (salvaged && salvaged.length > 0) return { claims: toClaims(salvaged), salvaged: true };
  return singles.length > 0 ? { claims: toClaims(singles.flat()), salvaged: false } : undefined;
}

/** Every JSON value the text holds: the whole text, fenced blocks, balanced brackets inside prose. */
export function jsonValues(text: string): unknown[] {
  const out: unknown[] = [];
  for (const { json } of candidates(text)) {
    const value = tryParse(json);
    if (value !== undefined) out.push(value);
  }
  return out;
}

function* candidates(text: string): Generator<{ json: string; embedded: boolean }> {
  const trimmed = text.trim();
  yield { json: trimmed, embedded: false };
  for (const m of trimmed.matchAll(/```[a-zA-Z]*\s*\n([\s\S]*?)```/g)) yield { json: m[1], embedded: false };
  for (let i = 0; i < trimmed.length; i++) {
    if (trimmed[i] !== '{' && trimmed[i] !== '[') continue;
    const end = balancedEnd(trimmed, i);
    if (end !== undefined) {
      yield { json: trimmed.slice(i, end + 1), embedded: true };
      i = end;
    }
  }
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Index of the bracket closing the one at `start`, skipping brackets inside strings. */
function balancedEnd(text: string, start: number): number | undefined {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return undefined;
      if (stack.length === 0) return i;
    }
  }
  return undefined;
}

function findingList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value.every((v) => isRecord(v)) ? value : undefined;
  if (!isRecord(value)) return undefined;
  for (const [key, v] of Object.entries(value)) {
    if (LIST_KEYS.includes(key.toLowerCase()) && Array.isArray(v)) return v;
  }
  return isFinding(value) ? [value] : undefined;
}

/** The complete objects of a findings array whose closing brackets never came. */
function salvage(text: string): unknown[] | undefined {
  const m = new RegExp(`"(?:${LIST_KEYS.join('|')})"\\s*:\\s*\\[`, 'i').exec(text) ?? /^\s*(?:```[a-z]*\s*)?\[/i.exec(text);
  if (!m) return undefined;
  const out: unknown[] = [];
  let i = m.index + m[0].length;
  for (;;) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    const end = balancedEnd(text, open);
    if (end === undefined) break;
    const value = tryParse(text.slice(open, end + 1));
    if (isRecord(value)) out.push(value);
    i = end + 1;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFinding(v: Record<string, unknown>): boolean {
  return ['cwe', 'line', 'lines', 'startLine', 'start_line', 'description'].some((k) => k in v);
}

function toClaims(list: unknown[]): Claim[] {
  return list.filter(isRecord).map((raw, i) => toClaim(lowerKeys(raw), i + 1));
}

function lowerKeys(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase().replace(/[\s-]/g, '_'), v]));
}

function pick(raw: Record<string, unknown>, ...keys: string[]): unknown {
  for (const k of keys) if (raw[k] !== undefined && raw[k] !== null && raw[k] !== '') return raw[k];
  return undefined;
}

function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(str).filter(Boolean).join('\n');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function toClaim(raw: Record<string, unknown>, index: number): Claim {
  const cwe = str(pick(raw, 'cwe', 'cwe_id', 'cweid', 'weakness'));
  const pillar = str(pick(raw, 'pillar', 'pillar_cwe', 'category'));
  const title = plainText(str(pick(raw, 'title', 'name', 'type', 'defect', 'defect_type', 'issue_type')));
  const description = plainText(str(pick(raw, 'description', 'details', 'explanation', 'issue', 'message', 'reason', 'desc')));
  const solution = plainText(str(pick(raw, 'solution', 'fix', 'recommendation', 'remediation', 'mitigation', 'suggestion')));
  const evidence = str(pick(raw, 'evidence', 'code', 'snippet', 'quote', 'quoted_code', 'code_snippet'));
  const ids = [...cweIds(/^\d+$/.test(cwe.trim()) ? `CWE-${cwe}` : cwe), ...cweIds(/^\d+$/.test(pillar.trim()) ? `CWE-${pillar}` : pillar)];
  const terms = [...(evidence.trim() ? [evidence.trim()] : []), ...codeTerms(`${title}\n${description}`)];
  const text = description || title;
  return {
    index,
    cweIds: [...new Set(ids)],
    cweName: cwe.replace(/^\s*CWE\s*[-:]?\s*\d+\s*[:(\-–]?\s*/i, '').replace(/\)\s*$/, '').trim() || undefined,
    heading: [cwe, pillar, title].filter(Boolean).join(' '),
    ranges: ranges(raw),
    title: title || (text ? firstSentence(text) : undefined),
    description: text,
    solution,
    codeTerms: [...new Set(terms)],
    severity: level(pick(raw, 'severity', 'risk', 'impact'), SEVERITIES, { moderate: 'medium', info: 'low', informational: 'low' }) as
      | Severity
      | undefined,
    confidence: level(pick(raw, 'confidence', 'certainty'), CONFIDENCES, {}) as Confidence | undefined,
  };
}

function ranges(raw: Record<string, unknown>): LineRange[] {
  const location = isRecord(raw.location) ? lowerKeys(raw.location) : raw;
  const start = num(pick(location, 'startline', 'start_line', 'line_start', 'start', 'line', 'line_number', 'lineno'));
  const end = num(pick(location, 'endline', 'end_line', 'line_end', 'end'));
  if (start !== undefined) return [{ start, end: end !== undefined && end >= start ? end : start }];
  const lines = pick(raw, 'lines', 'line_numbers', 'line_range', 'location');
  if (Array.isArray(lines)) {
    const numbers = lines.map(num).filter((n): n is number => n !== undefined);
    if (numbers.length === 2 && numbers[1] >= numbers[0]) return [{ start: numbers[0], end: numbers[1] }];
    return numbers.map((n) => ({ start: n, end: n }));
  }
  if (typeof lines === 'string') {
    const spelled = /^\s*\d/.test(lines) ? `lines ${lines}` : lines;
    return lineRanges(spelled);
  }
  return [];
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

function level(v: unknown, allowed: readonly string[], aliases: Record<string, string>): string | undefined {
  if (typeof v !== 'string') return undefined;
  const key = v.trim().toLowerCase();
  const value = aliases[key] ?? key;
  return allowed.includes(value) ? value : undefined;
}
