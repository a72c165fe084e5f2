/**
 * A pull-request comment: a summary table by pillar and severity, then each finding with its
 * location, code, data flow and fix. Low-severity findings are collapsed so the comment leads
 * with what matters; findings stay in the run's order.
 */
import { SEVERITIES, type Finding } from '../core/finding.js';
import type { ReviewResult } from '../core/review-result.js';
import { countByPillar, countBySeverity, languageOf } from './counts.js';
import { dedent, evidenceLines } from './evidence.js';
import { codeFence, escapeHtml, escapeMarkdown } from './escape.js';
import type { RenderOptions, Reporter } from './types.js';
import { cweLabel, locationLabel, NO_DEFECTS, notableEngines, plural, sourceLink, stepWhere } from './wording.js';

// GitHub caps a comment at 65,536 characters; long spans are cut so many findings still fit.
const MAX_CODE_LINES = 20;

export const markdown: Reporter = (result, options) => {
  const out: string[] = [];
  const n = result.findings.length;
  out.push(`## secreview: ${n === 0 ? 'no security findings' : plural(n, 'security finding')}`, '');
  if (result.change) out.push(`Reviewed change: ${inlineCode(result.change.description)}`, '');
  if (n === 0) {
    out.push(NO_DEFECTS, '', `${plural(result.files.length, 'file')} reviewed.`, '');
  } else {
    const affected = new Set(result.findings.map((f) => f.location.file)).size;
    out.push(`${plural(n, 'finding')} in ${affected} of ${plural(result.files.length, 'reviewed file')}.`, '');
    out.push(...summaryTable(result.findings), '');
    result.findings.forEach((f, i) => out.push(...findingSection(result, f, i + 1, options), ''));
  }
  out.push(...diagnostics(result), `<sub>${escapeHtml(`${result.tool.name} ${result.tool.version}, CWE ${result.tool.cweVersion}`)}</sub>`);
  return out.join('\n') + '\n';
};

function summaryTable(findings: readonly Finding[]): string[] {
  const header = ['Pillar', ...SEVERITIES.map(capitalize), 'Total'];
  const rows = countByPillar(findings).map((row) => [
    escapeMarkdown(cweLabel(row.pillar)),
    ...SEVERITIES.map((s) => String(row.bySeverity[s])),
    String(row.total),
  ]);
  const totals = countBySeverity(findings);
  rows.push(['**Total**', ...SEVERITIES.map((s) => `**${totals[s]}**`), `**${findings.length}**`]);
  return [
    `| ${header.join(' | ')} |`,
    `| :-- | ${header.slice(1).map(() => '--:').join(' | ')} |`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ];
}

function findingSection(result: ReviewResult, finding: Finding, n: number, options: RenderOptions): string[] {
  const body = [
    `${location(finding, options)} · ${meta(finding)}`,
    '',
    escapeMarkdown(finding.description),
    '',
    ...code(result, finding),
    ...trace(finding),
    `**Fix:** ${escapeMarkdown(finding.solution)}`,
  ];
  if (finding.severity !== 'low') return [`### ${n}. ${escapeMarkdown(cweLabel(finding.cwe))}`, '', ...body];
  const summary = `${n}. ${escapeHtml(cweLabel(finding.cwe))}: <code>${escapeHtml(locationLabel(finding.location))}</code> (low)`;
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

function meta(finding: Finding): string {
  const parts = [
    `**${capitalize(finding.severity)}** severity`,
    `${finding.confidence} confidence`,
    inlineCode(finding.ruleId),
    `pillar ${escapeMarkdown(cweLabel(finding.pillar))}`,
  ];
  const engines = notableEngines(finding);
  if (engines) parts.push(`engines: ${engines.map(inlineCode).join(', ')}`);
  if (finding.verification) parts.push(finding.verification);
  return parts.join(' · ');
}

function location(finding: Finding, options: RenderOptions): string {
  const label = inlineCode(locationLabel(finding.location));
  const link = sourceLink(options.sourceUrl, finding.location);
  return link ? `[${label}](${link})` : label;
}

function code(result: ReviewResult, finding: Finding): string[] {
  if (finding.evidence.trim() === '') return [];
  const all = dedent(evidenceLines(finding));
  const shown = all.slice(0, MAX_CODE_LINES).map((l) => l.text);
  const fence = codeFence(shown.join('\n'));
  const lines = [fence + (languageOf(result, finding.location.file) ?? ''), ...shown, fence];
  if (all.length > shown.length) lines.push(`<sub>… ${plural(all.length - shown.length, 'more line')}</sub>`);
  return [...lines, ''];
}

function trace(finding: Finding): string[] {
  if (!finding.trace || finding.trace.length === 0) return [];
  const steps = finding.trace.map((s) => `${inlineCode(s.label)} (${stepWhere(s, finding)})`);
  return [`**Data flow:** ${steps.join(' → ')}`, ''];
}

function diagnostics(result: ReviewResult): string[] {
  if (result.diagnostics.length === 0) return [];
  const items = result.diagnostics.map((d) => {
    const where = d.file ? `${inlineCode(d.line ? `${d.file}:${d.line}` : d.file)}: ` : '';
    return `- ${where}${d.kind}: ${escapeMarkdown(d.message)}`;
  });
  return ['<details>', `<summary>${plural(result.diagnostics.length, 'diagnostic')}</summary>`, '', ...items, '', '</details>', ''];
}

/** Inline code that holds any text, backticks included (CommonMark: a longer backtick fence). */
function inlineCode(text: string): string {
  const oneLine = text.replace(/\s*[\r\n]+\s*/g, ' ');
  const longest = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
