/**
 * `secreview parse`: one model answer, read into findings and each checked against the source,
 * reported claim by claim in the seeds' shape with what verification found.
 */
import type { Finding } from '../core/finding.js';
import type { AnswerKind, LineRange } from './claim.js';
import { combine, groupDuplicates } from './merge.js';
import { parseAnswer } from './parse/index.js';
import { NO_DEFECTS_SENTENCE } from './prompts/study.js';
import type { LlmSource } from './source.js';
import { claimToFinding } from './to-finding.js';
import type { ClaimStatus } from './verify.js';

export interface CheckedClaim {
  /** The defect's number in the answer. */
  index: number;
  status: ClaimStatus;
  reason: string;
  /** The lines the answer gave; empty when it gave none. */
  citedLines: LineRange[];
  /** Defects merged into this one (same pillar, overlapping lines), by their numbers. */
  duplicates: number[];
  finding: Finding;
}

export interface AnswerCheck {
  source: string;
  kind: AnswerKind;
  notes: string[];
  claims: CheckedClaim[];
}

export function checkAnswer(answer: string, source: LlmSource, engine: string): AnswerCheck {
  const parsed = parseAnswer(answer);
  const groups = groupDuplicates(parsed.claims.map((claim) => claimToFinding(claim, source, engine)));
  const claims = groups.map((group) => {
    const kept = combine(group);
    return {
      index: kept.claim.index,
      status: kept.status,
      reason: kept.reason,
      citedLines: kept.claim.ranges,
      duplicates: group.filter((g) => g.claim !== kept.claim).map((g) => g.claim.index),
      finding: kept.finding,
    };
  });
  return { source: source.path, kind: parsed.kind, notes: parsed.notes, claims };
}

export function renderAnswerCheck(check: AnswerCheck): string {
  if (check.kind === 'no-defects' || (check.kind === 'json' && check.claims.length === 0)) {
    return `${check.source}: the answer reports no defects.\n${NO_DEFECTS_SENTENCE}.\n`;
  }
  const counts = (['verified', 'relocated', 'unverified', 'unlocated'] as const)
    .map((s) => [s, check.claims.filter((c) => c.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const out = [`${check.source}: ${check.claims.length} defect${check.claims.length === 1 ? '' : 's'} in the answer (${counts.join(', ')})`, ''];
  check.claims.forEach((c, i) => {
    const f = c.finding;
    out.push(`${i + 1}. CWE-${f.pillar.id}: ${f.pillar.name}`);
    if (f.cwe.id !== f.pillar.id) out.push(`   CWE-${f.cwe.id}: ${f.cwe.name}`);
    out.push(`   ${where(c)}`);
    out.push(`   ${f.description}`);
    if (f.solution) out.push(`   Solution: ${f.solution}`);
    out.push(`   ${f.severity} severity, ${f.confidence} confidence, ${f.defectType}${c.duplicates.length ? `; also defect ${c.duplicates.join(', ')} of the answer` : ''}`);
    out.push('');
  });
  for (const note of check.notes) out.push(`Note: ${note}`);
  return out.join('\n').trimEnd() + '\n';
}

function where(c: CheckedClaim): string {
  const lines = (r: LineRange) => (r.start === r.end ? `Line ${r.start}` : `Lines ${r.start}-${r.end}`);
  const cited = c.citedLines.map(lines).join(', ');
  const { startLine, endLine } = c.finding.location;
  const actual = lines({ start: startLine, end: endLine });
  switch (c.status) {
    case 'verified':
      return `${actual} (verified: ${c.reason})`;
    case 'relocated':
      return `${actual} (relocated: ${c.reason})`;
    case 'unverified':
      return `${cited || 'No line'} (unverified: ${c.reason})`;
    case 'unlocated':
      return `No line (unlocated: ${c.reason})`;
  }
}
