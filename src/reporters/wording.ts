/** Phrases every human-readable reporter shares, so text, markdown and html say the same thing. */
import type { CweRef, Finding, Location, TraceStep } from '../core/finding.js';

/** The sentence the seeds' reviewers write for a clean file; users search for it verbatim. */
export const NO_DEFECTS = 'No security defects are detected in the code.';

export function cweLabel(ref: CweRef): string {
  return `CWE-${ref.id}: ${ref.name}`;
}

export function cweUrl(id: number): string {
  return `https://cwe.mitre.org/data/definitions/${id}.html`;
}

/** `Line 7` or `Lines 7-9`, as the seeds write it. */
export function lineLabel(location: Location): string {
  return location.endLine > location.startLine
    ? `Lines ${location.startLine}-${location.endLine}`
    : `Line ${location.startLine}`;
}

/** `path:7` or `path:7-9`. */
export function locationLabel(location: Location): string {
  const lines = location.endLine > location.startLine ? `${location.startLine}-${location.endLine}` : `${location.startLine}`;
  return `${location.file}:${lines}`;
}

/** Where a trace step is, relative to the finding's own file: `line 7`, or `other.py:7` elsewhere. */
export function stepWhere(step: TraceStep, finding: Finding): string {
  if (step.location.file !== finding.location.file) return locationLabel(step.location);
  return lineLabel(step.location).toLowerCase();
}

/** `source (line 3) → step (line 5) → sink (line 9)`. */
export function traceLine(finding: Finding): string | undefined {
  if (!finding.trace || finding.trace.length === 0) return undefined;
  return finding.trace.map((step) => `${step.label} (${stepWhere(step, finding)})`).join(' → ');
}

/** Engines worth naming: a finding only the static engine made needs no mention. */
export function notableEngines(finding: Finding): string[] | undefined {
  return finding.engines.length === 1 && finding.engines[0] === 'static' ? undefined : finding.engines;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Link target for a location in the reviewed tree, when a source URL was given. */
export function sourceLink(sourceUrl: string | undefined, location: Location): string | undefined {
  if (!sourceUrl) return undefined;
  const path = location.file.split('/').map(encodeURIComponent).join('/');
  const lines = location.endLine > location.startLine ? `L${location.startLine}-L${location.endLine}` : `L${location.startLine}`;
  return `${sourceUrl.replace(/\/+$/, '')}/${path}#${lines}`;
}
