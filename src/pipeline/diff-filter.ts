/**
 * Diff mode: whole files were analysed (data flow needs the context), and only what the change
 * touched is reported — a finding whose lines include an added or rewritten line, whose statement
 * lost lines inside it, or whose data-flow trace passes through a changed line.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { Finding, Location } from '../core/finding.js';
import type { ReviewResult } from '../core/review-result.js';
import { summarizeChange, type ChangeSet, type ChangedFile } from '../sources/change.js';

export type ChangeTest = (finding: Finding) => boolean;

/** Whether a finding touches the change. */
export function touchesChange(change: ChangeSet): ChangeTest {
  const byPath = new Map<string, ChangedFile>();
  for (const f of change.files) if (f.status !== 'deleted') byPath.set(f.path, f);
  const locationTouches = (loc: Location): boolean => {
    const file = byPath.get(loc.file);
    if (!file) return false;
    if (file.added.some((r) => r.start <= loc.endLine && loc.startLine <= r.end)) return true;
    // Lines removed from inside the finding's own span changed the code it describes.
    return file.deletedAfter.some((line) => loc.startLine <= line && line + 1 <= loc.endLine);
  };
  return (finding) => locationTouches(finding.location) || (finding.trace ?? []).some((step) => locationTouches(step.location));
}

export interface ChangeOutcome {
  result: ReviewResult;
  /** Findings left out because they do not touch the change. */
  outside: number;
}

/**
 * Keeps the findings that touch the change; files and diagnostics are narrowed to the changed
 * files (and files holding a reported finding), and the change's own diagnostics are added.
 */
export function restrictToChange(result: ReviewResult, change: ChangeSet): ChangeOutcome {
  const touches = touchesChange(change);
  const findings = result.findings.filter(touches);
  const relevant = new Set([...change.files.map((f) => f.path), ...findings.map((f) => f.location.file)]);
  const diagnostics: Diagnostic[] = [
    ...result.diagnostics.filter((d) => d.file === undefined || relevant.has(d.file)),
    ...change.diagnostics,
  ].sort((a, b) => cmp(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || cmp(a.message, b.message));
  return {
    result: {
      ...result,
      files: result.files.filter((f) => relevant.has(f.path)),
      findings,
      diagnostics,
      change: summarizeChange(change),
    },
    outside: result.findings.length - findings.length,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
