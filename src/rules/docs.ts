/** Rule documentation is generated from rule metadata so it is never written twice. */
import { DEFECT_TYPE_LABELS } from '../core/defect-types.js';
import { cweCatalogVersion } from '../core/cwe.js';
import { describeRule } from './describe.js';
import type { Rule } from './types.js';

export function renderRuleDocs(rules: readonly Rule[]): string {
  const described = rules.map(describeRule);
  const out = [
    '# secreview rules',
    '',
    `Generated from rule metadata by \`npm run docs\`; do not edit. CWE catalog ${cweCatalogVersion()}.`,
    '',
    '| Rule | CWE | Pillar | Defect type | Languages | Severity | Confidence |',
    '|---|---|---|---|---|---|---|',
    ...described.map(
      (r) =>
        `| [${r.id}](#${anchor(r.id)}) | CWE-${r.cwe.id} | CWE-${r.pillar.id} | ${DEFECT_TYPE_LABELS[r.defectType]} | ${r.languages.join(', ')} | ${r.severity} | ${r.confidence} |`,
    ),
  ];
  for (const r of described) {
    out.push(
      '',
      `## ${r.id}`,
      '',
      `**${r.title}** — CWE-${r.cwe.id}: ${r.cwe.name}; pillar CWE-${r.pillar.id}: ${r.pillar.name}.`,
      '',
      r.description,
      '',
      `**Fix:** ${r.solution}`,
    );
  }
  return out.join('\n') + '\n';
}

function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}
