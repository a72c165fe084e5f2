import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/core/paths.js';
import { ALL_RULES } from '../src/rules/index.js';
import { renderRuleDocs } from '../src/rules/docs.js';

const target = join(packageRoot(), 'docs', 'rules.md');
writeFileSync(target, renderRuleDocs(ALL_RULES));
console.log(`wrote ${ALL_RULES.length} rules to ${target}`);
