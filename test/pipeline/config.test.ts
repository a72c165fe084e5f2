import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Finding } from '../../src/core/finding.js';
import { applyConfigFilters, loadConfig, selectFiles, type LoadedConfig } from '../../src/pipeline/config.js';

const KNOWN = new Set(['py/eval-injection', 'c/gets', 'py/sql-injection']);
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temporary tree; a `.git` folder marks it as a repository, the search's upper boundary. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'secreview-test-config-'));
  temps.push(root);
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith('/')) {
      mkdirSync(join(root, path), { recursive: true });
      continue;
    }
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const load = (root: string, from = '.', file?: string) => loadConfig({ root, from, file, knownRules: KNOWN });

async function foundIn(root: string, from: string): Promise<string | undefined> {
  const config = await load(root, from);
  return config && config.file.slice(root.length + 1);
}

describe('config discovery', () => {
  it('walks up from the reviewed path to the nearest config', async () => {
    const root = tree({
      '.git/': '',
      'secreview.config.json': '{"failOn": "high"}',
      'pkg/secreview.config.yaml': 'failOn: medium\n',
      'pkg/src/deep/a.py': '',
      'other/b.py': '',
    });
    assert.equal(await foundIn(root, 'pkg/src/deep/a.py'), 'pkg/secreview.config.yaml');
    assert.equal((await load(root, 'pkg/src/deep'))?.settings.failOn, 'medium');
    assert.equal(await foundIn(root, 'other'), 'secreview.config.json');
    assert.equal(await foundIn(root, '.'), 'secreview.config.json');
  });

  it('reads .yml, the secreview key of package.json, and skips a package.json without one', async () => {
    const root = tree({
      '.git/': '',
      'package.json': JSON.stringify({ name: 'app', secreview: { minSeverity: 'high' } }),
      'web/package.json': JSON.stringify({ name: 'web' }),
      'web/x.py': '',
      'tool/secreview.config.yml': 'engine: static\n',
    });
    assert.equal(await foundIn(root, 'web/x.py'), 'package.json');
    assert.equal((await load(root, 'web'))?.settings.minSeverity, 'high');
    assert.equal((await load(root, 'tool'))?.settings.engine, 'static');
  });

  it('stops at the repository root', async () => {
    const outer = tree({ 'secreview.config.json': '{"failOn": "none"}', 'repo/.git/': '', 'repo/a.py': '' });
    assert.equal(await load(join(outer, 'repo')), undefined);
  });

  it('two configs in one folder are an error naming both', async () => {
    const root = tree({ '.git/': '', 'secreview.config.json': '{}', 'secreview.config.yaml': '{}' });
    await assert.rejects(load(root), { name: 'ConfigError', message: `${root}: both secreview.config.json and secreview.config.yaml configure secreview; keep one` });
  });

  it('pyproject.toml: [tool.secreview] is read with smol-toml, and only when it mentions secreview', async () => {
    const plain = tree({ '.git/': '', 'pyproject.toml': '[project]\nname = "y"\n' });
    assert.equal(await load(plain), undefined);
    const root = tree({ '.git/': '', 'pyproject.toml': '[project]\nname = "x"\n\n[tool.secreview]\nfailOn = "critical"\n' });
    assert.equal((await load(root))?.settings.failOn, 'critical');
    const broken = tree({ '.git/': '', 'pyproject.toml': '[tool.secreview]\nfailOn = \n' });
    await assert.rejects(load(broken), { message: /pyproject\.toml: invalid TOML: / });
  });

  it('--config names a file explicitly', async () => {
    const root = tree({ 'ci/strict.yaml': 'failOn: low\nminConfidence: high\n', 'secreview.config.json': '{"failOn": "none"}' });
    const config = await load(root, '.', 'ci/strict.yaml');
    assert.deepEqual(config?.settings, { failOn: 'low', minConfidence: 'high' });
    assert.equal(config?.dir, join(root, 'ci'));
    await assert.rejects(load(root, '.', 'ci/none.json'), { message: 'config file ci/none.json does not exist' });
    writeFileSync(join(root, 'package.json'), '{"name": "x"}');
    await assert.rejects(load(root, '.', 'package.json'), { message: /package\.json has no "secreview" key$/ });
  });
});

describe('config validation: one line naming the key', () => {
  const cases: Array<[string, string, string]> = [
    ['unknown top-level key', '{"failon": "high"}', 'secreview.config.json: failon: unknown key'],
    ['wrong enum', '{"minSeverity": "severe"}', 'secreview.config.json: minSeverity: must be one of "critical", "high", "medium", "low"'],
    ['wrong type', '{"include": "src"}', 'secreview.config.json: include: must be an array'],
    ['nested key', '{"overrides": [{"files": ["tests/"], "disabled": ["c/gets"]}]}', 'secreview.config.json: overrides[0].disabled: unknown key'],
    ['missing key', '{"overrides": [{"disable": ["c/gets"]}]}', 'secreview.config.json: overrides[0].files: required key is missing'],
    ['unknown rule id', '{"overrides": [{"files": ["t/"], "disable": ["c/gets", "py/evl-injection"]}]}', 'secreview.config.json: overrides[0].disable[1]: unknown rule id "py/evl-injection" (see `secreview rules`)'],
    ['llm key', '{"llm": {"apiKey": "sk-123"}}', 'secreview.config.json: llm.apiKey: unknown key'],
    ['size', '{"maxFileSize": "huge"}', 'secreview.config.json: maxFileSize: "huge" is not valid (see docs/config.schema.json)'],
    ['not an object', '[1, 2]', 'secreview.config.json: must be an object'],
    ['invalid JSON', '{"failOn": }', 'invalid JSON'],
  ];
  for (const [name, text, message] of cases) {
    it(name, async () => {
      const root = tree({ '.git/': '', 'secreview.config.json': text });
      await assert.rejects(load(root), (err: Error) => {
        assert.equal(err.name, 'ConfigError');
        assert.ok(!err.message.includes('\n'), 'one line');
        if (name === 'invalid JSON') assert.match(err.message, /secreview\.config\.json: invalid JSON: /);
        else assert.equal(err.message, message);
        return true;
      });
    });
  }

  it('invalid YAML', async () => {
    const root = tree({ '.git/': '', 'secreview.config.yaml': 'failOn: [high\n' });
    await assert.rejects(load(root), { message: /secreview\.config\.yaml: invalid YAML: / });
  });
});

function finding(file: string, ruleId: string, severity: Finding['severity'] = 'high', confidence: Finding['confidence'] = 'high'): Finding {
  return {
    ruleId,
    engines: ['static'],
    pillar: { id: 707, name: 'p' },
    cwe: { id: 95, name: 'c' },
    defectType: 'other',
    location: { file, startLine: 1, endLine: 1 },
    title: '',
    description: '',
    solution: '',
    severity,
    confidence,
    evidence: '',
    fingerprint: `${file}${ruleId}${severity}${confidence}`,
  };
}

describe('config application', () => {
  const root = tree({ '.git/': '', 'project/': '' });
  const config = (settings: LoadedConfig['settings'], dir = join(root, 'project')): LoadedConfig => ({ file: join(dir, 'secreview.config.json'), dir, root, settings });

  it('include and exclude select files, relative to the config folder', () => {
    const files = ['project/src/a.py', 'project/src/gen/b.py', 'project/tests/t.py', 'outside.py'].map((path) => ({ path }));
    const picked = selectFiles(files, config({ include: ['src/', 'tests/'], exclude: ['gen/'] })).map((f) => f.path);
    assert.deepEqual(picked, ['project/src/a.py', 'project/tests/t.py']);
    assert.deepEqual(selectFiles(files, config({ exclude: ['*.py', '!tests/*.py'] })).map((f) => f.path), ['project/tests/t.py', 'outside.py']);
    assert.equal(selectFiles(files, undefined).length, 4);
  });

  it('disables rules everywhere or per path, and applies thresholds with the last matching override winning', () => {
    const c = config({
      disable: ['py/sql-injection'],
      minConfidence: 'medium',
      overrides: [
        { files: ['tests/'], disable: ['py/eval-injection'] },
        { files: ['tests/', 'scripts/'], minSeverity: 'critical' },
        { files: ['scripts/legacy/'], minSeverity: 'medium' },
      ],
    });
    const input = [
      finding('project/app.py', 'py/eval-injection'),
      finding('project/app.py', 'py/sql-injection'),
      finding('project/app.py', 'c/gets', 'high', 'low'),
      finding('project/tests/t.py', 'py/eval-injection'),
      finding('project/tests/t.py', 'c/gets', 'critical'),
      finding('project/tests/t.py', 'c/gets', 'high'),
      finding('project/scripts/s.py', 'c/gets', 'high'),
      finding('project/scripts/legacy/old.py', 'c/gets', 'medium'),
      finding('project/scripts/legacy/old.py', 'c/gets', 'low'),
    ];
    const { findings, dropped } = applyConfigFilters(input, c);
    assert.deepEqual(
      findings.map((f) => `${f.location.file} ${f.ruleId} ${f.severity}`),
      ['project/app.py py/eval-injection high', 'project/tests/t.py c/gets critical', 'project/scripts/legacy/old.py c/gets medium'],
    );
    assert.equal(dropped, 6);
  });
});
