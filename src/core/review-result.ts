import type { Diagnostic } from './diagnostic.js';
import type { Finding, Severity, Confidence } from './finding.js';
import type { DefectType } from './defect-types.js';
import type { CweRef } from './finding.js';

/** Rule metadata with its CWE and pillar resolved, as reporters (SARIF, `rules`) show it. */
export interface RuleDescriptor {
  id: string;
  title: string;
  cwe: CweRef;
  pillar: CweRef;
  defectType: DefectType;
  severity: Severity;
  confidence: Confidence;
  languages: string[];
  description: string;
  solution: string;
}

export interface ReviewedFile {
  path: string;
  language: string;
  lines: number;
}

/** Everything a run produced; the one input of every reporter. */
export interface ReviewResult {
  tool: { name: string; version: string; cweVersion: string };
  /** Files that were analysed (a file with no finding is clean), sorted by path. */
  files: ReviewedFile[];
  /** Sorted by compareFindings. */
  findings: Finding[];
  /** Sorted by file, then message. */
  diagnostics: Diagnostic[];
  rules: RuleDescriptor[];
}
