/**
 * One self-contained page for people: inline CSS, no scripts, no external resources, so it can be
 * attached to a ticket or opened offline. Every piece of text is escaped; code and findings come
 * from the reviewed files and a model's prose, and neither may become markup.
 */
import { SEVERITIES, type Finding } from '../core/finding.js';
import type { ReviewResult } from '../core/review-result.js';
import { countByPillar, countBySeverity, fileSections } from './counts.js';
import { evidenceLines, markedLines } from './evidence.js';
import { escapeHtml as e } from './escape.js';
import type { RenderOptions, Reporter } from './types.js';
import { cweLabel, cweUrl, lineLabel, NO_DEFECTS, notableEngines, plural, sourceLink, stepWhere } from './wording.js';

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;background:#fff;margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
h3{font-size:16px;margin:0 0 4px}
.muted{color:#59636e}
table.summary{border-collapse:collapse;margin:8px 0}
.summary th,.summary td{border:1px solid #d0d7de;padding:4px 10px}
.summary td.n,.summary th.n{text-align:right}
.summary tr.total td{font-weight:600}
ol.findings{padding-left:24px}
ol.findings>li{margin:0 0 20px}
.finding{border:1px solid #d0d7de;border-left-width:4px;border-radius:6px;padding:12px 16px}
.finding.critical{border-left-color:#8b0000}.finding.high{border-left-color:#cf222e}
.finding.medium{border-left-color:#bf8700}.finding.low{border-left-color:#0969da}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff}
.badge.critical{background:#8b0000}.badge.high{background:#cf222e}.badge.medium{background:#9a6700}.badge.low{background:#0969da}
.pillar{font-weight:600}
pre.code{background:#f6f8fa;border-radius:6px;padding:8px 12px;overflow-x:auto;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre.code span.ln{color:#59636e;margin-right:16px;user-select:none}
pre.code mark{background:#ffd8b5;color:inherit}
ol.trace{margin:4px 0}
.clean{color:#1a7f37}
`.trim();

export const html: Reporter = (result, options) => {
  const n = result.findings.length;
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(`secreview: ${n === 0 ? 'no security findings' : plural(n, 'security finding')}`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>Security review</h1>',
    `<p class="muted">${e(`${result.tool.name} ${result.tool.version} · CWE ${result.tool.cweVersion} · ${plural(result.files.length, 'file')} reviewed · ${plural(n, 'finding')}`)}</p>`,
    ...(result.change ? [`<p>Reviewed change: <code>${e(result.change.description)}</code></p>`] : []),
    '</header>',
    ...summary(result.findings),
    ...fileSections(result).flatMap((section) => [
      `<section>`,
      `<h2><code>${e(section.path)}</code></h2>`,
      ...(section.findings.length === 0
        ? [`<p class="clean">${e(NO_DEFECTS)}</p>`]
        : ['<ol class="findings">', ...section.findings.map((f) => `<li>${finding(f, options)}</li>`), '</ol>']),
      `</section>`,
    ]),
    ...diagnostics(result),
    '</body>',
    '</html>',
  ];
  return parts.join('\n') + '\n';
};

function summary(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return ['<h2>Summary</h2>', `<p class="clean">${e(NO_DEFECTS)}</p>`];
  const head = ['<th>Pillar</th>', ...SEVERITIES.map((s) => `<th class="n">${e(s)}</th>`), '<th class="n">total</th>'];
  const rows = countByPillar(findings).map(
    (row) =>
      `<tr><td>${e(cweLabel(row.pillar))}</td>${SEVERITIES.map((s) => `<td class="n">${row.bySeverity[s]}</td>`).join('')}<td class="n">${row.total}</td></tr>`,
  );
  const totals = countBySeverity(findings);
  rows.push(
    `<tr class="total"><td>Total</td>${SEVERITIES.map((s) => `<td class="n">${totals[s]}</td>`).join('')}<td class="n">${findings.length}</td></tr>`,
  );
  return ['<h2>Summary</h2>', '<table class="summary">', `<tr>${head.join('')}</tr>`, ...rows, '</table>'];
}

function finding(f: Finding, options: RenderOptions): string {
  const link = sourceLink(options.sourceUrl, f.location);
  const where = link ? `<a href="${e(link)}">${e(lineLabel(f.location))}</a>` : e(lineLabel(f.location));
  const meta = [`<span class="badge ${f.severity}">${e(f.severity)}</span>`, `${e(f.confidence)} confidence`, `rule <code>${e(f.ruleId)}</code>`];
  const engines = notableEngines(f);
  if (engines) meta.push(`engines ${engines.map((x) => `<code>${e(x)}</code>`).join(', ')}`);
  if (f.verification) meta.push(e(f.verification));
  return [
    `<article class="finding ${f.severity}">`,
    `<div class="pillar"><a href="${cweUrl(f.pillar.id)}">${e(cweLabel(f.pillar))}</a></div>`,
    `<h3><a href="${cweUrl(f.cwe.id)}">${e(cweLabel(f.cwe))}</a></h3>`,
    `<p class="muted">${meta.join(' · ')}</p>`,
    `<p><strong>${where}:</strong> ${prose(f.description)}</p>`,
    ...code(f),
    ...trace(f),
    `<p><strong>Solution:</strong> ${prose(f.solution)}</p>`,
    '</article>',
  ].join('\n');
}

/** The evidence with line numbers, the finding's exact span marked when its columns are known. */
function code(f: Finding): string[] {
  if (f.evidence.trim() === '') return [];
  const marked = markedLines(f);
  const lines = marked
    ? marked.map((l) => {
        // A span continuing from the line above starts at its code, not at the indentation.
        const indent = l.line === f.location.startLine ? '' : /^\s*/.exec(l.marked)![0];
        const inside = l.marked.slice(indent.length);
        return { line: l.line, html: `${e(l.before + indent)}${inside ? `<mark>${e(inside)}</mark>` : ''}${e(l.after)}` };
      })
    : evidenceLines(f).map((l) => ({ line: l.line, html: e(l.text) }));
  const width = String(lines[lines.length - 1].line).length;
  const body = lines.map((l) => `<span class="ln">${String(l.line).padStart(width)}</span>${l.html}`).join('\n');
  return [`<pre class="code">${body}</pre>`];
}

function trace(f: Finding): string[] {
  if (!f.trace || f.trace.length === 0) return [];
  const steps = f.trace.map((s) => `<li><code>${e(s.label)}</code> <span class="muted">(${e(stepWhere(s, f))})</span></li>`);
  return ['<p><strong>Data flow</strong>, source to sink:</p>', '<ol class="trace">', ...steps, '</ol>'];
}

/** Escaped prose whose backtick spans, as rules write code names, become <code>. */
function prose(text: string): string {
  return text
    .split(/`([^`\n]+)`/)
    .map((part, i) => (i % 2 === 1 ? `<code>${e(part)}</code>` : e(part)))
    .join('');
}

function diagnostics(result: ReviewResult): string[] {
  if (result.diagnostics.length === 0) return [];
  const items = result.diagnostics.map((d) => {
    const where = d.file ? `<code>${e(d.line ? `${d.file}:${d.line}` : d.file)}</code>: ` : '';
    return `<li>${where}${e(d.kind)}: ${e(d.message)}</li>`;
  });
  return ['<section>', '<h2>Diagnostics</h2>', '<ul>', ...items, '</ul>', '</section>'];
}
