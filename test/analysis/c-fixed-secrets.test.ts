/**
 * Hard-coded secrets followed by the data flow: what the finding tells (its trace starts at the
 * copy of the constant and names only variables of the code), and that only a project with a sink
 * of hard-coded secrets starts from the functions that fix text.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ModuleIR } from '../../src/analysis/ir.js';
import { callGraph, scanModule } from '../../src/analysis/relevance.js';
import { indexSpecs } from '../../src/analysis/spec-index.js';
import { packageRoot } from '../../src/core/paths.js';
import { lowerCCached } from '../../src/languages/c/lower.js';
import { cSpecs } from '../../src/languages/c/specs/index.js';
import { parse } from '../../src/languages/parse.js';
import { review } from '../../src/pipeline/review.js';

const FIXTURE = join(packageRoot(), 'test', 'fixtures', 'rules', 'c', 'hardcoded-password-flow.c');

describe('hard-coded secrets in the C data flow', () => {
  it('traces a password from the copy of the constant to the login, through variables of the code only', async () => {
    const result = await review({ paths: [FIXTURE], jobs: 1 });
    const found = result.findings.find((f) => f.ruleId === 'c/hardcoded-password-flow' && f.location.startLine === 16);
    assert.ok(found, 'the login in logon_service() is reported');
    const labels = found.trace!.map((s) => `${s.location.startLine} ${s.label}`);
    assert.match(labels[0], /^14 source: text fixed in the program `strcpy\(password, SERVICE_PASSWORD\)`/);
    assert.match(labels.at(-1)!, /^16 sink: used as the password \(`LogonUserA\(\)`\)/);
    assert.ok(labels.every((l) => !/__t\d/.test(l)), `no lowering temporary in ${labels.join(' | ')}`);
  });

  it('seeds the functions that fix text only in a project with a secret sink', () => {
    const specs = indexSpecs(cSpecs);
    const lower = (path: string, text: string): ModuleIR => lowerCCached({ path, text, language: 'c' }, parse('c', text));
    const config = lower('config.c', 'void defaults(char *out) { strcpy(out, "changeme"); }\nvoid plain(char *out) { out[0] = 0; }\n');
    const login = lower('login.c', 'int login(const char *pw, HANDLE *t) { return LogonUserA("u", "d", pw, 2, 0, t); }\n');
    const seeds = (modules: ModuleIR[]): string[] => callGraph(modules, modules.map((m) => scanModule(m, specs))).seeds.map((r) => r.fn.name);
    assert.deepEqual(seeds([config]), []);
    assert.deepEqual(seeds([config, login]), ['defaults']);
  });
});
