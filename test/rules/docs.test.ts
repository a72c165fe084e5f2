import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { packageRoot } from '../../src/core/paths.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { renderRuleDocs } from '../../src/rules/docs.js';

it('docs/rules.md is generated from the current rule metadata (run `npm run docs`)', () => {
  const committed = readFileSync(join(packageRoot(), 'docs', 'rules.md'), 'utf8');
  assert.equal(committed, renderRuleDocs(ALL_RULES));
});

it('every rule id is unique and well-formed, and its CWE resolves to a pillar', () => {
  const ids = ALL_RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of ALL_RULES) {
    assert.match(r.meta.id, /^(py|c)\/[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(r.meta.description.length > 40 && r.meta.solution.length > 20, `${r.meta.id} needs real documentation`);
  }
});
