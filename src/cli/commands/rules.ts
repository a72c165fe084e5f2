import { Command, Option } from 'commander';
import { DEFECT_TYPE_LABELS } from '../../core/defect-types.js';
import { describeRule } from '../../rules/describe.js';
import { ALL_RULES } from '../../rules/index.js';
import { writeOutput } from '../output.js';

export function registerRules(program: Command, _setExit: (code: number) => void): void {
  program
    .command('rules')
    .description('list every rule with its CWE, pillar, defect type, languages and severity')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { format: 'text' | 'json' }) => {
      const rules = ALL_RULES.map(describeRule);
      if (flags.format === 'json') {
        writeOutput(JSON.stringify(rules, null, 2) + '\n', undefined);
        return;
      }
      const rows = rules.map((r) => [
        r.id,
        `CWE-${r.cwe.id}`,
        `CWE-${r.pillar.id} ${r.pillar.name}`,
        DEFECT_TYPE_LABELS[r.defectType],
        r.languages.join(','),
        r.severity,
        r.title,
      ]);
      const header = ['RULE', 'CWE', 'PILLAR', 'DEFECT TYPE', 'LANGUAGES', 'SEVERITY', 'TITLE'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
      writeOutput([line(header), ...rows.map(line)].join('\n') + `\n\n${rules.length} rules\n`, undefined);
    });
}
