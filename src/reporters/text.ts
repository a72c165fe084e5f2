/**
 * The terminal report, in the shape of the seeds' reviews with their faults removed: per file a
 * numbered list, each entry pillar, specific CWE, lines, description, code, data flow and fix,
 * every one of them taken from the code; a clean file gets the reviewers' plain sentence.
 */
import pc from 'picocolors';
import { SEVERITIES, type Finding, type Severity } from '../core/finding.js';
import { countBySeverity, fileSections } from './counts.js';
import { dedent, evidenceLines } from './evidence.js';
import type { Reporter } from './types.js';
import { cweLabel, lineLabel, NO_DEFECTS, notableEngines, plural, traceLine } from './wording.js';

type Colors = ReturnType<typeof pc.createColors>;

// Long findings stay readable in a terminal; the full code is one `--format html` away.
const MAX_EVIDENCE_LINES = 6;

export const text: Reporter = (result, options) => {
  const c = pc.createColors(options.color);
  const out: string[] = [];
  if (result.change) out.push(`Reviewed change: ${result.change.description}`, '');
  for (const section of fileSections(result)) {
    out.push(c.bold(c.underline(section.path)), '');
    if (section.findings.length === 0) out.push(NO_DEFECTS, '');
    section.findings.forEach((finding, i) => out.push(...entry(finding, i + 1, c), ''));
  }
  out.push(summaryLine(result.files.length, result.findings, c));
  return out.join('\n') + '\n';
};

function entry(finding: Finding, n: number, c: Colors): string[] {
  const marker = `${n}. `;
  const pad = ' '.repeat(marker.length);
  const lines = [
    marker + c.bold(cweLabel(finding.pillar)),
    ...block(pad, c.cyan(cweLabel(finding.cwe))),
    ...block(pad, `${c.bold(lineLabel(finding.location))}: ${finding.description}`),
    ...code(finding, pad + '  ', c),
  ];
  const trace = traceLine(finding);
  if (trace) lines.push(...block(pad, `${c.bold('Data flow:')} ${trace}`));
  lines.push(...block(pad, `${c.green('Solution:')} ${finding.solution}`));
  lines.push(pad + meta(finding, c));
  return lines;
}

function code(finding: Finding, indent: string, c: Colors): string[] {
  if (finding.evidence.trim() === '') return [];
  const all = dedent(evidenceLines(finding));
  const shown = all.length > MAX_EVIDENCE_LINES ? all.slice(0, MAX_EVIDENCE_LINES - 1) : all;
  const width = String(shown[shown.length - 1].line).length;
  const lines = shown.map((l) => `${indent}${c.dim(`${String(l.line).padStart(width)} |`)} ${l.text}`.trimEnd());
  if (shown.length < all.length) lines.push(`${indent}${c.dim(`${' '.repeat(width)} | … ${plural(all.length - shown.length, 'more line')}`)}`);
  return lines;
}

function meta(finding: Finding, c: Colors): string {
  const parts = [
    `Severity: ${severityColor(finding.severity, c)(finding.severity)}`,
    `Confidence: ${finding.confidence}`,
    `Rule: ${finding.ruleId}`,
  ];
  const engines = notableEngines(finding);
  if (engines) parts.push(`Engines: ${engines.join(', ')}`);
  if (finding.verification) parts.push(`Verification: ${finding.verification}`);
  return parts.join(c.dim(' | '));
}

function summaryLine(files: number, findings: readonly Finding[], c: Colors): string {
  const reviewed = `${plural(files, 'file')} reviewed`;
  if (findings.length === 0) return `Summary: ${reviewed}, no findings.`;
  const counts = countBySeverity(findings);
  const bySeverity = SEVERITIES.map((s) => (counts[s] > 0 ? severityColor(s, c)(`${counts[s]} ${s}`) : `${counts[s]} ${s}`));
  return `Summary: ${reviewed}, ${plural(findings.length, 'finding')} (${bySeverity.join(', ')}).`;
}

function severityColor(severity: Severity, c: Colors): (s: string) => string {
  switch (severity) {
    case 'critical':
      return (s) => c.bold(c.red(s));
    case 'high':
      return c.red;
    case 'medium':
      return c.yellow;
    case 'low':
      return c.blue;
  }
}

/** A possibly multi-line paragraph, every line indented under its list marker. */
function block(indent: string, paragraph: string): string[] {
  return paragraph.split(/\r\n|\r|\n/).map((line) => (line ? indent + line : ''));
}
