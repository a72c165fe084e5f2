/**
 * The LLM flags of `secreview review` and the `secreview parse` command, run as a user runs them:
 * the real binary in a child process, against the local fake model server. A canary API key is
 * set in the environment; no output, file or cache may ever contain it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { packageRoot } from '../../src/core/paths.js';
import { FakeLlmServer } from './fake-server.js';
import { answer, sourcePath } from './helpers.js';

const CANARY = 'sk-canary-7d41e0c9b2f84a6e9c3d';
const BIN = join(packageRoot(), 'bin', 'secreview.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, input = ''): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { PATH: process.env.PATH, HOME: cwd, NO_COLOR: '1', OPENAI_API_KEY: CANARY, ...env } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

/** Every file under `dir`, as bytes: outputs and the cache must not hold the key. */
function filesUnder(dir: string): Buffer[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [readFileSync(path)];
  });
}

describe('secreview review --engine llm|hybrid, end to end', () => {
  let server: FakeLlmServer;
  let dir: string;

  before(async () => {
    server = await FakeLlmServer.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    dir = mkdtempSync(join(tmpdir(), 'secreview-cli-llm-'));
    copyFileSync(sourcePath('service.py'), join(dir, 'service.py'));
    copyFileSync(sourcePath('injected.py'), join(dir, 'injected.py'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const llmArgs = (...more: string[]) => ['--model', 'openai:gpt-4o', '--base-url', server.openaiURL, '--llm-timeout', '2', '--llm-retries', '1', ...more];

  it('reviews with the model, prints the tally on stderr, and the key appears nowhere', async () => {
    server.replies({ answer: answer('seed-000.txt') });
    const result = await run(['review', 'service.py', '--engine', 'llm', ...llmArgs('--prompt', 'pillars', '--format', 'json', '--output', 'report.json')], dir);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0].headers.authorization, `Bearer ${CANARY}`, 'the key was used');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { findings: Array<{ ruleId: string; engines: string[]; verification: string; location: { startLine: number } }> };
    assert.deepEqual(
      report.findings.map((f) => [f.ruleId, f.location.startLine, f.verification, f.engines]),
      [
        ['llm/cwe-284', 111, 'verified', ['llm:openai/gpt-4o']],
        ['llm/cwe-703', 239, 'verified', ['llm:openai/gpt-4o']],
        ['llm/cwe-664', 247, 'relocated', ['llm:openai/gpt-4o']],
        ['llm/cwe-435', 367, 'verified', ['llm:openai/gpt-4o']],
      ],
    );
    assert.match(result.stderr, /^secreview: llm openai\/gpt-4o: 1 request, [\d,]+ input \+ [\d,]+ output tokens, \$\d+\.\d{4}$/m);
    assert.match(result.stderr, /1 unverified finding not shown/);
    for (const text of [result.stdout, result.stderr, ...filesUnder(dir).map(String)]) assert.ok(!text.includes(CANARY));
    assert.ok(filesUnder(join(dir, '.secreview-cache')).length > 0, 'answers were cached in the review folder');
  });

  it('a second run is answered from the cache; --no-cache asks again', async () => {
    server.replies({ answer: answer('structured-service.json') });
    await run(['review', 'service.py', '--engine', 'llm', ...llmArgs()], dir);
    const cached = await run(['review', 'service.py', '--engine', 'llm', ...llmArgs()], dir);
    assert.equal(server.requests.length, 1);
    assert.match(cached.stderr, /llm openai\/gpt-4o: 0 requests, 1 from cache/);
    await run(['review', 'service.py', '--engine', 'llm', ...llmArgs('--no-cache')], dir);
    assert.equal(server.requests.length, 2);
  });

  it('a rejected key: one clear line, exit 2, and the key the server echoes back is not repeated', async () => {
    server.replies({ status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${CANARY}. You can find your API key at https://platform.openai.com/account/api-keys.` } }) });
    const result = await run(['review', 'service.py', 'injected.py', '--engine', 'llm', ...llmArgs('--debug', '--llm-concurrency', '1')], dir);
    assert.equal(result.code, 2);
    assert.equal(server.requests.length, 1);
    assert.match(result.stderr, /^secreview: engine: llm openai\/gpt-4o: authentication failed \(HTTP 401\) at http:\/\/127\.0\.0\.1:\d+\/v1: check the API key; the LLM review stopped \(2 of 2 files not reviewed by the model\)$/m);
    for (const text of [result.stdout, result.stderr, ...filesUnder(dir).map(String)]) assert.ok(!text.includes(CANARY));
  });

  it('hybrid with a failing model keeps every static finding and exits 2 with the reason', async () => {
    const staticRun = await run(['review', 'injected.py', '--format', 'json'], dir);
    const staticFindings = (JSON.parse(staticRun.stdout) as { findings: Array<{ ruleId: string }> }).findings;
    assert.ok(staticFindings.length > 0);
    server.replies({ status: 500 });
    const result = await run(['review', 'injected.py', '--engine', 'hybrid', ...llmArgs('--format', 'json')], dir);
    assert.equal(result.code, 2);
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ ruleId: string }> }).findings;
    assert.deepEqual(findings.filter((f) => f.ruleId !== 'llm/prompt-injection'), staticFindings);
    assert.match(result.stderr, /injected\.py: engine: llm openai\/gpt-4o: server error \(HTTP 500\): Internal Server Error \(gave up after 2 attempts\)/);
  });

  it('nothing is sent without a model: the static engine never calls out, and llm without --model is a usage error', async () => {
    const plain = await run(['review', 'service.py'], dir, { SECREVIEW_API_KEY: CANARY });
    assert.ok(plain.code === 0 || plain.code === 1, plain.stderr);
    const missing = await run(['review', 'service.py', '--engine', 'llm'], dir);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'secreview: error: --engine llm needs a model: --model <provider>:<model>, e.g. openai:gpt-4o or ollama:qwen2.5-coder:32b\n');
    const stray = await run(['review', 'service.py', '--model', 'openai:gpt-4o'], dir);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /--model only applies to --engine llm or hybrid/);
    const noKey = await run(['review', 'service.py', '--engine', 'llm', '--model', 'openai:gpt-4o'], dir, { OPENAI_API_KEY: '' });
    assert.equal(noKey.stderr, 'secreview: error: no API key for openai: set OPENAI_API_KEY or SECREVIEW_API_KEY\n');
    assert.equal(server.requests.length, 0);
  });
});

describe('secreview parse', () => {
  const seed = (n: string) => join(packageRoot(), 'test', 'fixtures', 'llm', 'answers', n);

  it('seed 002 against its source: five defects in the seeds\' shape, each with what verification found', async () => {
    const result = await run(['parse', seed('seed-002.txt'), '--source', sourcePath('service.py')], packageRoot());
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], 'test/fixtures/llm/sources/service.py: 5 defects in the answer (5 verified)');
    assert.deepEqual(lines.filter((l) => /^\d+\. /.test(l)), [
      '1. CWE-284: Improper Access Control',
      '2. CWE-682: Incorrect Calculation',
      '3. CWE-697: Incorrect Comparison',
      '4. CWE-703: Improper Check or Handling of Exceptional Conditions',
      '5. CWE-710: Improper Adherence to Coding Standards',
    ]);
    assert.ok(lines.includes('   Line 241 (verified: `NotFound` is on line 241)'));
    assert.ok(lines.includes('   Solution: Implement proper authorization checks in the `kill` method to ensure that only authorized users can terminate services. Consider using an access control mechanism to restrict service termination to specific roles or users.'));
    assert.match(result.stdout, /Note: a later list repeats defects 1, 2, 3, 4, 5/);
  });

  it('--format json carries each claim with its status and finding', async () => {
    const result = await run(['parse', seed('seed-001.txt'), '--source', sourcePath('test_service_wsgi.py'), '--format', 'json', '--model', 'openai:gpt-4'], packageRoot());
    const check = JSON.parse(result.stdout) as { kind: string; claims: Array<{ index: number; status: string; citedLines: unknown[]; finding: { engines: string[]; location: { startLine: number } } }> };
    assert.equal(check.kind, 'prose');
    assert.deepEqual(check.claims.map((c) => [c.index, c.status, c.finding.location.startLine]), [
      [1, 'verified', 41], [2, 'verified', 51], [3, 'relocated', 59], [4, 'verified', 69], [5, 'verified', 75], [6, 'unverified', 84], [7, 'unlocated', 1],
    ]);
    assert.deepEqual(check.claims[6].citedLines, []);
    assert.deepEqual(check.claims[0].finding.engines, ['llm:openai/gpt-4']);
  });

  it('the no-defects sentence, an unreadable answer and a missing source', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'secreview-parse-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const clean = await run(['parse', '-', '--source', sourcePath('service.py')], dir, {}, 'No security defects are detected in the code.');
    assert.equal(clean.code, 0);
    assert.match(clean.stdout, /the answer reports no defects\.\nNo security defects are detected in the code\.\n$/);
    const garbage = await run(['parse', seed('garbage.txt'), '--source', sourcePath('service.py')], dir);
    assert.equal(garbage.code, 2);
    assert.equal(garbage.stderr.split('\n').filter(Boolean).length, 1);
    const missing = await run(['parse', seed('seed-000.txt'), '--source', join(dir, 'nope.py')], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^secreview: error: cannot read .*nope\.py: ENOENT\n$/);
  });
});
