/**
 * Duplicates and votes. Two findings are the same defect when they are in the same file, under the
 * same pillar, on overlapping lines: models name one defect with different CWEs from run to run
 * (CWE-703, CWE-755, CWE-390 …) but rarely move it to another pillar. Findings without lines are
 * only the same when they cite the same CWE.
 */
import { CONFIDENCES, type Finding } from '../core/finding.js';
import type { LlmFinding } from './to-finding.js';

const STATUS_RANK: Record<LlmFinding['status'], number> = { verified: 0, relocated: 1, unverified: 2, unlocated: 3 };

function located(f: LlmFinding): boolean {
  return f.status === 'verified' || f.status === 'relocated' || f.finding.evidence !== '';
}

export function sameDefect(a: LlmFinding, b: LlmFinding): boolean {
  const x = a.finding;
  const y = b.finding;
  if (x.location.file !== y.location.file || x.pillar.id !== y.pillar.id) return false;
  if (!located(a) || !located(b)) return !located(a) && !located(b) && x.cwe.id === y.cwe.id;
  return overlaps(x, y);
}

export function overlaps(x: Finding, y: Finding): boolean {
  return x.location.startLine <= y.location.endLine && y.location.startLine <= x.location.endLine;
}

/** Better grounded first, then more confident, then the more specific CWE (not the pillar itself). */
function better(a: LlmFinding, b: LlmFinding): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    CONFIDENCES.indexOf(a.finding.confidence) - CONFIDENCES.indexOf(b.finding.confidence) ||
    Number(a.finding.cwe.id === a.finding.pillar.id) - Number(b.finding.cwe.id === b.finding.pillar.id)
  );
}

/** One finding per group of duplicates: the best of them, with every engine that reported it. */
export function combine(group: LlmFinding[]): LlmFinding {
  const [best, ...rest] = [...group].sort(better);
  const engines = [...new Set(group.flatMap((g) => g.finding.engines))].sort();
  const solution = best.finding.solution || rest.find((r) => r.finding.solution)?.finding.solution || '';
  return { ...best, finding: { ...best.finding, engines, solution } };
}

/** Findings grouped by defect, in order of first appearance. */
export function groupDuplicates(findings: LlmFinding[]): LlmFinding[][] {
  const out: LlmFinding[][] = [];
  for (const f of findings) {
    const home = out.find((g) => g.some((m) => sameDefect(m, f)));
    if (home) home.push(f);
    else out.push([f]);
  }
  return out;
}

export function dedupe(findings: LlmFinding[]): LlmFinding[] {
  return groupDuplicates(findings).map(combine);
}

/**
 * Findings reported in at least `minVotes` of the samples (each sample votes once per defect),
 * merged across samples.
 */
export function vote(samples: LlmFinding[][], minVotes: number): LlmFinding[] {
  const tagged = samples.flatMap((sample, i) => dedupe(sample).map((f) => ({ f, sample: i })));
  const clusters: Array<Array<{ f: LlmFinding; sample: number }>> = [];
  for (const t of tagged) {
    const home = clusters.find((c) => c.some((m) => sameDefect(m.f, t.f)));
    if (home) home.push(t);
    else clusters.push([t]);
  }
  return clusters.filter((c) => new Set(c.map((m) => m.sample)).size >= minVotes).map((c) => combine(c.map((m) => m.f)));
}
