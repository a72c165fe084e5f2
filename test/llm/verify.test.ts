import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Claim } from '../../src/llm/claim.js';
import { parseAnswer } from '../../src/llm/parse/index.js';
import { llmSource } from '../../src/llm/source.js';
import { claimToFinding } from '../../src/llm/to-finding.js';
import { verifyClaim } from '../../src/llm/verify.js';
import { answer, lineOf, source } from './helpers.js';

function fileOf(name: string) {
  return llmSource(name, 'python', source(name));
}

function verdicts(answerName: string, sourceName: string) {
  const file = fileOf(sourceName);
  return parseAnswer(answer(answerName)).claims.map((c) => {
    const v = verifyClaim(c, { lines: file.lines, scopes: file.scoped.scopes });
    return `${v.status} ${v.location ? `${v.location.start}-${v.location.end}` : '-'} ${v.grounding}`;
  });
}

describe('verifying the seed claims against the code', () => {
  const service = source('service.py');

  it('seed 000 on service.py: quoted code on the cited lines verifies; code two lines lower relocates', () => {
    // The fixture puts the rpcserver calls of stop() two lines below where the seed says they are.
    const stopCall = lineOf(service, 'self.rpcserver.stop()');
    assert.equal(stopCall, 247);
    assert.deepEqual(verdicts('seed-000.txt', 'service.py'), [
      'verified 239-241 code',
      'verified 111-111 code',
      `relocated ${stopCall}-${stopCall + 1} code`,
      'verified 367-371 line',
      'unlocated - none',
    ]);
  });

  it('seed 002 on service.py: names on the cited line verify (`NotFound` on line 241)', () => {
    assert.equal(lineOf(service, 'except exception.NotFound'), 241);
    assert.deepEqual(verdicts('seed-002.txt', 'service.py'), [
      'verified 234-234 name',
      'verified 132-132 name',
      'verified 144-144 line',
      'verified 241-241 name',
      'verified 184-184 name',
    ]);
  });

  it('seed 001 on the test module: an elided call matches, a moved call relocates, an invented call is unverified', () => {
    const tests = source('test_service_wsgi.py');
    assert.equal(lineOf(tests, 'service_obj.create()'), 59);
    assert.ok(!tests.includes('register_opts'));
    assert.deepEqual(verdicts('seed-001.txt', 'test_service_wsgi.py'), [
      'verified 41-41 code',
      'verified 51-51 code',
      'relocated 59-59 code',
      'verified 69-69 code',
      'verified 75-75 code',
      'unverified 84-84 none',
      'unlocated - none',
    ]);
  });
});

describe('verification rules', () => {
  const file = fileOf('service.py');
  const check = (over: Partial<Claim>) =>
    verifyClaim({ index: 1, cweIds: [], heading: '', ranges: [], description: '', solution: '', codeTerms: [], ...over }, { lines: file.lines, scopes: file.scoped.scopes });

  it('a line past the end of the file, with nothing to locate it, is unverified', () => {
    const v = check({ ranges: [{ start: 900, end: 900 }] });
    assert.deepEqual([v.status, v.location], ['unverified', undefined]);
    assert.match(v.reason, /line 900 is past the end of the file \(414 lines\)/);
  });

  it('a line past the end with quoted code that exists relocates to the code', () => {
    const v = check({ ranges: [{ start: 900, end: 900 }], codeTerms: ['random.randint(0, self.periodic_fuzzy_delay)'] });
    const at = lineOf(file.text, 'random.randint(0, self.periodic_fuzzy_delay)');
    assert.deepEqual([v.status, v.location], ['relocated', { start: at, end: at }]);
  });

  it('a quoted block copied with the line numbers it was sent with is found', () => {
    const v = check({ ranges: [{ start: 238, end: 241 }], codeTerms: ['239         try:\n240             self.service_ref.destroy()\n241         except exception.NotFound:'] });
    assert.deepEqual([v.status, v.location, v.grounding], ['verified', { start: 238, end: 241 }, 'code']);
  });

  it('a quoted call wrapped over two lines in the code is found on both; the occurrence nearest the cited line wins', () => {
    const call = 'objects.Service.get_by_host_and_binary(ctxt, self.host, self.binary)';
    assert.deepEqual(check({ codeTerms: [call] }).location, { start: 132, end: 133 });
    const v = check({ ranges: [{ start: 370, end: 370 }], codeTerms: [call] });
    assert.deepEqual([v.status, v.location], ['relocated', { start: 366, end: 367 }]);
  });

  it('a name used in many places cannot move a claim; a name used once can', () => {
    assert.equal(check({ ranges: [{ start: 20, end: 20 }], codeTerms: ['start'] }).status, 'unverified');
    const v = check({ ranges: [{ start: 20, end: 20 }], codeTerms: ['basic_config_check'] });
    assert.equal(v.status, 'unverified', 'basic_config_check is defined and called: two places');
    const once = check({ ranges: [{ start: 20, end: 20 }], codeTerms: ['process_launcher'] });
    const def = lineOf(file.text, 'def process_launcher');
    assert.deepEqual([once.status, once.location], ['relocated', { start: def, end: def }]);
  });

  it('one invented call among real ones makes the claim unverified', () => {
    const v = check({ ranges: [{ start: 240, end: 240 }], codeTerms: ['self.service_ref.destroy()', 'self.db.purge_all()'] });
    assert.equal(v.status, 'unverified');
    assert.match(v.reason, /`self\.db\.purge_all\(\)`/);
  });
});

describe('claims become findings', () => {
  it('verified, relocated and unlocated seed claims carry their status, evidence and confidence', () => {
    const file = fileOf('service.py');
    const found = parseAnswer(answer('seed-000.txt')).claims.map((c) => claimToFinding(c, file, 'llm:openai/gpt-4o'));
    const [kill, , stop, race, general] = found.map((f) => f.finding);
    assert.deepEqual(kill.engines, ['llm:openai/gpt-4o']);
    assert.equal(kill.ruleId, 'llm/cwe-703');
    assert.deepEqual([kill.location.startLine, kill.location.endLine, kill.verification, kill.confidence], [239, 241, 'verified', 'medium']);
    assert.equal(kill.evidence, file.lines.slice(238, 241).join('\n'));
    assert.deepEqual([stop.location.startLine, stop.location.endLine, stop.verification], [247, 248, 'relocated']);
    assert.equal(race.confidence, 'low', 'lines exist but nothing was checked on them');
    assert.equal(found[4].status, 'unlocated');
    assert.deepEqual([general.verification, general.location.startLine, general.location.endLine, general.evidence], ['unverified', 1, 414, '']);
    assert.notEqual(kill.fingerprint, stop.fingerprint);
  });

  it('the fingerprint ignores line numbers: the same claim on shifted code keeps it', () => {
    const file = fileOf('service.py');
    const shifted = llmSource('service.py', 'python', '# a new first line\n' + file.text);
    const claim = parseAnswer(answer('seed-000.txt')).claims[1];
    const a = claimToFinding(claim, file, 'llm:x/y').finding;
    const b = claimToFinding({ ...claim, ranges: [{ start: 112, end: 112 }] }, shifted, 'llm:x/y').finding;
    assert.equal(b.location.startLine, 112);
    assert.equal(a.fingerprint, b.fingerprint);
  });

  it('a claim without a solution takes the catalog mitigation of its CWE', () => {
    const file = fileOf('service.py');
    const claim: Claim = { index: 1, cweIds: [390], heading: 'CWE-390', ranges: [{ start: 249, end: 250 }], description: 'Exceptions are swallowed.', solution: '', codeTerms: [] };
    assert.match(claimToFinding(claim, file, 'llm:x/y').finding.solution, /^Properly handle each exception/);
  });
});
