import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { text } from '../../src/reporters/text.js';
import { cleanResult, finding, sampleResult } from './sample.js';

const plain = { color: false };
const ESC = '\u001b';

const EXPECTED = `app/clean.py

No security defects are detected in the code.

app/views.py

1. CWE-707: Improper Neutralization
   CWE-78: Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')
   Line 12: os.system() runs \`cmd\`, which comes from request.args: anyone can run shell commands.
     12 | os.system(cmd)
   Data flow: request.args['cmd'] read (line 10) → assigned to cmd (line 11) → os.system(cmd) (line 12)
   Solution: Call subprocess.run() with an argument list and shell=False.
   Severity: high | Confidence: high | Rule: py/command-injection

2. CWE-703: Improper Check or Handling of Exceptional Conditions
   CWE-390: Detection of Error Condition Without Action
   Lines 21-22: Every Exception from rpcserver.stop() is caught and dropped by \`pass\`.
     21 | except Exception:
     22 |     pass
   Solution: Log the exception, or catch only the exceptions stop() is documented to raise.
   Severity: low | Confidence: medium | Rule: py/swallowed-exception

3. CWE-707: Improper Neutralization
   CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')
   Line 30: The name parameter is written into the page unescaped, e.g. <img src=x onerror=alert(1)>.
     30 | return "<script>var n = '" + name + "';</script>"
   Solution: Render through a template with autoescaping, or escape with markupsafe.escape().
   Severity: medium | Confidence: low | Rule: llm/reflected-xss | Engines: llm:openai/gpt-4o | Verification: relocated

src/server.c

1. CWE-710: Improper Adherence to Coding Standards
   CWE-242: Use of Inherently Dangerous Function
   Line 54: gets() writes an unbounded line into \`line\`; longer input overflows it.
     54 | gets(line);
   Solution: Use fgets(line, sizeof line, stdin).
   Severity: critical | Confidence: high | Rule: c/gets | Engines: static, llm:anthropic/claude-sonnet-4 | Verification: verified

Summary: 3 files reviewed, 4 findings (1 critical, 1 high, 1 medium, 1 low).
`;

describe('text reporter', () => {
  it('renders every reviewed file in the seeds’ shape, numbered per file, with a summary line', () => {
    assert.equal(text(sampleResult(), plain), EXPECTED);
  });

  it('writes the exact no-defects sentence for a clean file and counts no findings', () => {
    const lines = text(cleanResult(), plain).split('\n');
    assert.deepEqual(lines.slice(0, 4), ['app/clean.py', '', 'No security defects are detected in the code.', '']);
    assert.equal(lines.filter((l) => l === 'No security defects are detected in the code.').length, 3);
    assert.equal(lines.at(-2), 'Summary: 3 files reviewed, no findings.');
  });

  it('colours only when asked, and colour changes nothing but escape codes', () => {
    const coloured = text(sampleResult(), { color: true });
    assert.ok(coloured.includes(`${ESC}[`));
    assert.ok(!text(sampleResult(), plain).includes(ESC));
    assert.equal(coloured.replace(/\u001b\[[0-9;]*m/g, ''), EXPECTED);
  });

  it('cuts long evidence to a few numbered lines and says how many were left out', () => {
    const evidence = Array.from({ length: 9 }, (_, i) => `        step_${i + 1}()`).join('\n');
    const long = finding({
      ruleId: 'py/swallowed-exception',
      cwe: 390,
      defectType: 'crash',
      location: { file: 'app/views.py', startLine: 100, endLine: 108 },
      title: 'Exception caught and ignored',
      description: 'Swallowed.',
      solution: 'Handle it.',
      severity: 'low',
      confidence: 'low',
      evidence,
    });
    const out = text({ ...cleanResult(), findings: [long] }, plain).split('\n');
    const start = out.indexOf('   Lines 100-108: Swallowed.');
    assert.deepEqual(out.slice(start + 1, start + 8), [
      '     100 | step_1()',
      '     101 | step_2()',
      '     102 | step_3()',
      '     103 | step_4()',
      '     104 | step_5()',
      '         | … 4 more lines',
      '   Solution: Handle it.',
    ]);
  });

  it('names a trace step in another file by path, and the reviewed change when there is one', () => {
    const base = sampleResult();
    const [first] = base.findings;
    const crossFile = {
      ...first,
      trace: [
        { location: { file: 'app/forms.py', startLine: 4, endLine: 5 }, label: 'form.data read' },
        ...first.trace!.slice(2),
      ],
    };
    const out = text({ ...base, findings: [crossFile], change: { description: 'main..HEAD' } }, plain).split('\n');
    assert.equal(out[0], 'Reviewed change: main..HEAD');
    assert.ok(out.includes('   Data flow: form.data read (app/forms.py:4-5) → os.system(cmd) (line 12)'));
  });

  it('indents every line of a multi-line description under its entry number', () => {
    const base = sampleResult();
    const multi = { ...base.findings[0], description: 'First line.\nSecond line.' };
    const out = text({ ...base, findings: [multi] }, plain).split('\n');
    const at = out.indexOf('   Line 12: First line.');
    assert.equal(out[at + 1], '   Second line.');
  });

  it('aligns entries numbered 10 and above under their number', () => {
    const base = sampleResult();
    const [first] = base.findings;
    const many = Array.from({ length: 10 }, (_, i) => ({
      ...first,
      location: { ...first.location, startLine: i + 1, endLine: i + 1 },
      trace: undefined,
    }));
    const out = text({ ...base, findings: many }, plain).split('\n');
    const at = out.indexOf('10. CWE-707: Improper Neutralization');
    assert.ok(at > 0);
    assert.equal(out[at + 1], "    CWE-78: Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')");
    assert.equal(out[at + 2].slice(0, 12), '    Line 10:');
    assert.equal(out[at + 3], '      10 | os.system(cmd)');
  });
});
