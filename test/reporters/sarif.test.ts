import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type * as Sarif from 'sarif';
import { packageRoot } from '../../src/core/paths.js';
import { sarif } from '../../src/reporters/sarif.js';
import { cleanResult, COMMAND_INJECTION, reversedKeys, sampleResult } from './sample.js';
import { errorsOf, sarifValidator } from './schemas.js';

const plain = { color: false };

function render(result = sampleResult()): Sarif.Log {
  return JSON.parse(sarif(result, plain)) as Sarif.Log;
}

describe('sarif reporter', () => {
  const validate = sarifValidator();

  it('is valid SARIF 2.1.0 by the official schema, with and without findings', () => {
    assert.deepEqual(errorsOf(validate, render()), []);
    assert.deepEqual(errorsOf(validate, render(cleanResult())), []);
  });

  it('is checked by a schema that rejects invalid SARIF', () => {
    const log = render();
    log.runs[0].results![0].level = 'fatal' as Sarif.Result.level;
    delete (log.runs[0].tool.driver as Partial<Sarif.ToolComponent>).name;
    assert.ok(errorsOf(validate, log).length >= 2);
  });

  it('describes every rule of the run, then rules only findings name', () => {
    const driver = render().runs[0].tool.driver;
    assert.deepEqual(
      driver.rules!.map((r) => r.id),
      ['py/command-injection', 'py/swallowed-exception', 'c/gets', 'llm/reflected-xss'],
    );
    assert.equal(driver.name, 'secreview');
    assert.equal(driver.version, '0.1.0');
    assert.match(driver.informationUri!, /^https:\/\//);
  });

  it('tags rules with security, their CWE and pillar, and a numeric security-severity', () => {
    const rules = render().runs[0].tool.driver.rules!;
    const byId = Object.fromEntries(rules.map((r) => [r.id, r]));
    const injection = byId['py/command-injection'];
    assert.deepEqual(injection.properties!.tags, ['security', 'external/cwe/cwe-78', 'pillar/cwe-707', 'defect/command-injection']);
    assert.equal(injection.properties!['security-severity'], '8.0');
    assert.equal(injection.defaultConfiguration!.level, 'error');
    assert.equal(injection.helpUri, 'https://cwe.mitre.org/data/definitions/78.html');
    assert.equal(byId['c/gets'].properties!['security-severity'], '9.5');
    assert.deepEqual(byId['c/gets'].properties!.tags, ['security', 'external/cwe/cwe-242', 'pillar/cwe-710', 'defect/buffer-overflow']);
    assert.equal(byId['py/swallowed-exception'].properties!['security-severity'], '3.0');
    assert.equal(byId['py/swallowed-exception'].defaultConfiguration!.level, 'note');
    assert.equal(byId['llm/reflected-xss'].properties!['security-severity'], '5.5');
    assert.equal(byId['llm/reflected-xss'].defaultConfiguration!.level, 'warning');
    for (const r of rules) {
      assert.ok(r.shortDescription?.text && r.fullDescription?.text, r.id);
      assert.ok(r.help?.text && r.help.markdown, r.id);
    }
  });

  it('points every result at its rule, its file relative to %SRCROOT%, and its exact span', () => {
    const run = render().runs[0];
    for (const r of run.results!) assert.equal(run.tool.driver.rules![r.ruleIndex!].id, r.ruleId);
    const [first] = run.results!;
    assert.equal(first.ruleId, 'py/command-injection');
    assert.equal(first.level, 'error');
    assert.deepEqual(first.locations![0].physicalLocation, {
      artifactLocation: { uri: 'app/views.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, endLine: 12, startColumn: 5, endColumn: 19, snippet: { text: 'os.system(cmd)' } },
      contextRegion: { startLine: 12, endLine: 12, snippet: { text: '    os.system(cmd)' } },
    });
    assert.deepEqual(first.partialFingerprints, { 'secreviewFingerprint/v1': COMMAND_INJECTION.fingerprint });
    assert.deepEqual(first.properties, {
      severity: 'high',
      confidence: 'high',
      cwe: 'CWE-78',
      pillar: 'CWE-707',
      defectType: 'command-injection',
      engines: ['static'],
      solution: COMMAND_INJECTION.solution,
    });
  });

  it('carries an LLM finding’s engines and verification, and its whole evidence when it has no columns', () => {
    const xss = render().runs[0].results!.find((r) => r.ruleId === 'llm/reflected-xss')!;
    assert.deepEqual(xss.properties!.engines, ['llm:openai/gpt-4o']);
    assert.equal(xss.properties!.verification, 'relocated');
    assert.deepEqual(xss.locations![0].physicalLocation!.region, {
      startLine: 30,
      endLine: 30,
      snippet: { text: '    return "<script>var n = \'" + name + "\';</script>"' },
    });
  });

  it('turns a data-flow trace into a code flow and related locations, source first', () => {
    const [first, second] = render().runs[0].results!;
    const steps = first.codeFlows![0].threadFlows[0].locations;
    assert.deepEqual(
      steps.map((s) => [s.location!.message!.text, s.location!.physicalLocation!.region!.startLine, s.executionOrder]),
      [["request.args['cmd'] read", 10, 1], ['assigned to cmd', 11, 2], ['os.system(cmd)', 12, 3]],
    );
    assert.deepEqual(
      first.relatedLocations!.map((l) => [l.id, l.message!.text, l.physicalLocation!.region!.startLine]),
      [[1, "request.args['cmd'] read", 10], [2, 'assigned to cmd', 11], [3, 'os.system(cmd)', 12]],
    );
    assert.equal(second.codeFlows, undefined);
    assert.equal(second.relatedLocations, undefined);
  });

  it('reports diagnostics as tool execution notifications', () => {
    const [invocation] = render().runs[0].invocations!;
    assert.equal(invocation.executionSuccessful, true);
    assert.deepEqual(
      invocation.toolExecutionNotifications!.map((n) => [n.descriptor!.id, n.level, n.locations![0].physicalLocation!.artifactLocation!.uri]),
      [['skipped', 'warning', 'static/app.min.js'], ['syntax', 'warning', 'tools/broken.py']],
    );
  });

  it('encodes paths as relative URIs', () => {
    const result = sampleResult();
    const moved = { ...COMMAND_INJECTION, location: { ...COMMAND_INJECTION.location, file: 'my app/a#b.py' }, trace: undefined };
    const log = render({ ...result, findings: [moved] });
    assert.equal(log.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri, 'my%20app/a%23b.py');
    assert.deepEqual(errorsOf(validate, log), []);
  });

  it('writes the same bytes however the input objects were built', () => {
    assert.equal(sarif(reversedKeys(sampleResult()), plain), sarif(sampleResult(), plain));
  });

  it('end to end: the CLI’s SARIF for a real file is valid and its snippets match the file', () => {
    const root = packageRoot();
    const file = 'test/fixtures/rules/python/eval-injection.py';
    const run = spawnSync(process.execPath, [join(root, 'bin', 'secreview.js'), 'review', file, '--format', 'sarif'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.equal(run.status, 1, run.stderr);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    assert.deepEqual(errorsOf(validate, log), []);
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    const results = log.runs[0].results!;
    assert.ok(results.length > 0);
    for (const r of results) {
      const { artifactLocation, region } = r.locations![0].physicalLocation!;
      assert.deepEqual(artifactLocation, { uri: file, uriBaseId: '%SRCROOT%' });
      const line = lines[region!.startLine! - 1];
      assert.equal(line.slice(region!.startColumn! - 1, region!.endColumn! - 1), region!.snippet!.text);
      assert.equal(log.runs[0].tool.driver.rules![r.ruleIndex!].id, r.ruleId);
    }
  });
});
