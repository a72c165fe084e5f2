/**
 * The machine-readable report, documented by docs/finding.schema.json. Every object is rebuilt
 * with a fixed key order and absent optional keys are left out, so the bytes depend only on the
 * values, never on how an engine happened to build its objects.
 */
import { DEFECT_TYPES, type DefectType } from '../core/defect-types.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { CweRef, Finding, Location, TraceStep } from '../core/finding.js';
import type { ReviewResult } from '../core/review-result.js';
import { countByPillar, countBySeverity, type SeverityCounts } from './counts.js';
import type { Reporter } from './types.js';

/** Bumped only when a consumer of the previous version would break. */
export const JSON_SCHEMA_VERSION = 1;

export const json: Reporter = (result) => JSON.stringify(jsonReport(result), null, 2) + '\n';

export function jsonReport(result: ReviewResult) {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: result.tool.name, version: result.tool.version, cweVersion: result.tool.cweVersion },
    ...(result.change ? { change: { description: result.change.description } } : {}),
    summary: summary(result),
    findings: result.findings.map(finding),
    files: result.files.map((f) => ({ path: f.path, language: f.language, lines: f.lines })),
    diagnostics: result.diagnostics.map(diagnostic),
  };
}

function summary(result: ReviewResult) {
  const byDefectType: Partial<Record<DefectType, number>> = {};
  for (const type of DEFECT_TYPES) {
    const n = result.findings.filter((f) => f.defectType === type).length;
    if (n > 0) byDefectType[type] = n;
  }
  return {
    files: result.files.length,
    findings: result.findings.length,
    bySeverity: severityCounts(countBySeverity(result.findings)),
    byPillar: countByPillar(result.findings).map((row) => ({
      pillar: cwe(row.pillar),
      total: row.total,
      bySeverity: severityCounts(row.bySeverity),
    })),
    byDefectType,
  };
}

function finding(f: Finding) {
  return {
    ruleId: f.ruleId,
    engines: [...f.engines],
    pillar: cwe(f.pillar),
    cwe: cwe(f.cwe),
    defectType: f.defectType,
    location: location(f.location),
    title: f.title,
    description: f.description,
    solution: f.solution,
    severity: f.severity,
    confidence: f.confidence,
    evidence: f.evidence,
    ...(f.trace ? { trace: f.trace.map(step) } : {}),
    fingerprint: f.fingerprint,
    ...(f.verification ? { verification: f.verification } : {}),
  };
}

function step(s: TraceStep) {
  return { location: location(s.location), label: s.label };
}

function location(l: Location) {
  return {
    file: l.file,
    startLine: l.startLine,
    endLine: l.endLine,
    ...(l.startColumn !== undefined ? { startColumn: l.startColumn } : {}),
    ...(l.endColumn !== undefined ? { endColumn: l.endColumn } : {}),
  };
}

function cwe(ref: CweRef) {
  return { id: ref.id, name: ref.name };
}

function severityCounts(c: SeverityCounts) {
  return { critical: c.critical, high: c.high, medium: c.medium, low: c.low };
}

function diagnostic(d: Diagnostic) {
  return {
    kind: d.kind,
    ...(d.file !== undefined ? { file: d.file } : {}),
    ...(d.line !== undefined ? { line: d.line } : {}),
    message: d.message,
    error: d.error,
  };
}
