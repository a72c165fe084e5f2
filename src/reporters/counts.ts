/** Roll-ups the summaries of every format are built from; all orders are fixed, none come from a Map. */
import { SEVERITIES, type CweRef, type Finding, type Severity } from '../core/finding.js';
import type { ReviewResult } from '../core/review-result.js';

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts = emptyCounts();
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export interface PillarRow {
  pillar: CweRef;
  bySeverity: SeverityCounts;
  total: number;
}

/** One row per pillar that has findings, in pillar id order. */
export function countByPillar(findings: readonly Finding[]): PillarRow[] {
  const rows: PillarRow[] = [];
  for (const f of findings) {
    let row = rows.find((r) => r.pillar.id === f.pillar.id);
    if (!row) rows.push((row = { pillar: { id: f.pillar.id, name: f.pillar.name }, bySeverity: emptyCounts(), total: 0 }));
    row.bySeverity[f.severity]++;
    row.total++;
  }
  return rows.sort((a, b) => a.pillar.id - b.pillar.id);
}

export interface FileSection {
  path: string;
  findings: Finding[];
}

/**
 * Every reviewed file, plus any file only a finding names (an LLM may cite one), sorted by path;
 * each with its findings in result order.
 */
export function fileSections(result: ReviewResult): FileSection[] {
  const paths = [...new Set([...result.files.map((f) => f.path), ...result.findings.map((f) => f.location.file)])];
  paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return paths.map((path) => ({ path, findings: result.findings.filter((f) => f.location.file === path) }));
}

/** The language the pipeline detected for a file, for code-block highlighting. */
export function languageOf(result: ReviewResult, path: string): string | undefined {
  return result.files.find((f) => f.path === path)?.language;
}

function emptyCounts(): SeverityCounts {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
}
