/**
 * A baseline records the findings a project has today, so that only new ones fail CI. Findings are
 * matched by fingerprint (rule, file, enclosing function, the finding's normalised code — no line
 * numbers) and by count: a baseline that holds one `eval(x)` finding in `f` hides one such finding,
 * and a second one added to `f` is reported. The format is documented by docs/baseline.schema.json.
 */
import { readFileSync } from 'node:fs';
import type { Finding } from '../core/finding.js';
import { compareFindings } from '../core/finding.js';
import { schemaProblem } from './schema.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  /** How many findings with this fingerprint the baseline accepts. */
  count: number;
  /** The first line of the finding's code, for people reading the file; not used to match. */
  code: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

/** A baseline file that cannot be used: missing, not JSON, or not in the documented format. */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

export function createBaseline(findings: Finding[]): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const code = firstLine(f.evidence);
    const entry = entries.get(f.fingerprint);
    if (entry) {
      entry.count++;
      // Same fingerprint, different surroundings on the line: keep the choice independent of order.
      if (code < entry.code) entry.code = code;
    } else {
      entries.set(f.fingerprint, { fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.location.file, count: 1, code });
    }
  }
  const sorted = [...entries.values()].sort(
    (a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint),
  );
  return { version: BASELINE_VERSION, findings: sorted };
}

export function serializeBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

export function loadBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BaselineError(`cannot read baseline ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`baseline ${file} is not valid JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  const problem = schemaProblem('baseline.schema.json', data);
  if (problem) throw new BaselineError(`baseline ${file}: ${problem}`);
  return data as Baseline;
}

export interface BaselineOutcome {
  findings: Finding[];
  /** Findings the baseline already held. */
  known: number;
}

/**
 * Hides as many findings of each fingerprint as the baseline holds. When a fingerprint has more
 * findings than that, the ones `isChanged` marks (on lines a reviewed change touched) are taken
 * to be the new ones; otherwise the later ones in the file are.
 */
export function applyBaseline(findings: Finding[], baseline: Baseline, isChanged: (f: Finding) => boolean = () => false): BaselineOutcome {
  const allowance = new Map<string, number>();
  for (const e of baseline.findings) allowance.set(e.fingerprint, (allowance.get(e.fingerprint) ?? 0) + e.count);
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.fingerprint);
    if (group) group.push(f);
    else groups.set(f.fingerprint, [f]);
  }
  const known = new Set<Finding>();
  for (const [fp, group] of groups) {
    const allowed = allowance.get(fp) ?? 0;
    if (allowed === 0) continue;
    const oldestFirst = [...group].sort((a, b) => Number(isChanged(a)) - Number(isChanged(b)) || compareFindings(a, b));
    for (const f of oldestFirst.slice(0, allowed)) known.add(f);
  }
  return { findings: findings.filter((f) => !known.has(f)), known: known.size };
}

function firstLine(evidence: string): string {
  return (evidence.split('\n').find((l) => l.trim()) ?? '').trim().slice(0, 200);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
