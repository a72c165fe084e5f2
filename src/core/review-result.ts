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

/** The change a diff or patch review covered. */
export interface ReviewedChange {
  /** How the change was named, as reports show it: `main..HEAD`, `staged changes`, `patch fix.diff`. */
  description: string;
  /** The commit the change starts from (full SHA), for git changes. */
  base?: string;
  /** The commit whose content was reviewed (full SHA); absent when the working tree or index was. */
  head?: string;
  /** Every file the change touches, in the order of the diff. */
  files?: ChangedFileSummary[];
}

export interface ChangedFileSummary {
  path: string;
  /** The path before a rename or copy. */
  previousPath?: string;
  status: 'added' | 'modified' | 'renamed' | 'copied' | 'deleted';
  binary: boolean;
  additions: number;
  deletions: number;
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
  /** Present when only the findings on a change were reported (`--diff`, `--patch`). */
  change?: ReviewedChange;
}
