/**
 * The one finding type every engine produces and every reporter reads.
 * The JSON form of this type is the `json` output; its schema lives in docs/finding.schema.json.
 */
import type { DefectType } from './defect-types.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** A 1-based line, 1-based column range in a file (columns are UTF-16 code units, as editors count). */
export interface Location {
  file: string;
  startLine: number;
  endLine: number;
  startColumn?: number;
  endColumn?: number;
}

export interface TraceStep {
  location: Location;
  /** What happens at this step, e.g. "request.args['q'] read" or "passed to run_query()". */
  label: string;
}

/** source -> steps -> sink; the first step is the source, the last the sink. */
export type Trace = TraceStep[];

export interface CweRef {
  id: number;
  name: string;
}

export type Verification = 'verified' | 'relocated' | 'unverified';

export interface Finding {
  ruleId: string;
  /** `static`, or `llm:<provider>/<model>`; several when engines agree (hybrid). */
  engines: string[];
  pillar: CweRef;
  cwe: CweRef;
  defectType: DefectType;
  location: Location;
  title: string;
  description: string;
  solution: string;
  severity: Severity;
  confidence: Confidence;
  /** The source lines of the finding, verbatim. */
  evidence: string;
  trace?: Trace;
  /** Stable across unrelated edits: no line numbers go into it. */
  fingerprint: string;
  /** Only for findings an LLM produced. */
  verification?: Verification;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

export function confidenceRank(c: Confidence): number {
  return CONFIDENCES.length - CONFIDENCES.indexOf(c);
}

/** Total order used by every reporter so output is byte-identical for identical input. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.location.file, b.location.file) ||
    a.location.startLine - b.location.startLine ||
    (a.location.startColumn ?? 0) - (b.location.startColumn ?? 0) ||
    a.location.endLine - b.location.endLine ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
