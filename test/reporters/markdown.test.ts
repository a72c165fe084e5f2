import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdown } from '../../src/reporters/markdown.js';
import { cleanResult, reversedKeys, sampleResult } from './sample.js';

const plain = { color: false };

function section(out: string, heading: string): string {
  const start = out.indexOf(heading);
  assert.ok(start >= 0, `missing ${heading}`);
  const end = out.indexOf('\n### ', start + 1);
  return out.slice(start, end < 0 ? undefined : end);
}

describe('markdown reporter', () => {
  it('opens with a summary table by pillar and severity', () => {
    const lines = markdown(sampleResult(), plain).split('\n');
    const at = lines.indexOf('| Pillar | Critical | High | Medium | Low | Total |');
    assert.ok(at > 0);
    assert.deepEqual(lines.slice(at + 1, at + 6), [
      '| :-- | --: | --: | --: | --: | --: |',
      '| CWE-703: Improper Check or Handling of Exceptional Conditions | 0 | 0 | 0 | 1 | 1 |',
      '| CWE-707: Improper Neutralization | 0 | 1 | 1 | 0 | 2 |',
      '| CWE-710: Improper Adherence to Coding Standards | 1 | 0 | 0 | 0 | 1 |',
      '| **Total** | **1** | **1** | **1** | **1** | **4** |',
    ]);
    assert.equal(lines[0], '## secreview: 4 security findings');
  });

  it('gives each finding its location, fenced code in the file’s language, data flow and fix', () => {
    const out = markdown(sampleResult(), plain);
    const first = section(out, "### 1. CWE-78: Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')");
    assert.ok(first.includes('`app/views.py:12` · **High** severity · high confidence · `py/command-injection` · pillar CWE-707: Improper Neutralization\n'));
    assert.ok(first.includes('\n```python\nos.system(cmd)\n```\n'));
    assert.ok(first.includes("**Data flow:** `request.args['cmd'] read` (line 10) → `assigned to cmd` (line 11) → `os.system(cmd)` (line 12)"));
    assert.ok(first.includes('**Fix:** Call subprocess.run() with an argument list and shell=False.'));
    const c = section(out, '### 4. CWE-242: Use of Inherently Dangerous Function');
    assert.ok(c.includes('\n```c\ngets(line);\n```\n'));
    assert.ok(c.includes('engines: `static`, `llm:anthropic/claude-sonnet-4` · verified'));
  });

  it('collapses low-severity findings in <details>, in result order', () => {
    const out = markdown(sampleResult(), plain);
    const open = out.indexOf('<details>\n<summary>2. CWE-390: Detection of Error Condition Without Action: <code>app/views.py:21-22</code> (low)</summary>');
    assert.ok(open > out.indexOf('### 1. ') && open < out.indexOf('### 3. '));
    const body = out.slice(open, out.indexOf('</details>', open));
    assert.ok(body.includes('```python\nexcept Exception:\n    pass\n```'));
    assert.ok(!out.includes('### 2. '));
  });

  it('neutralises markup in prose but leaves code blocks verbatim', () => {
    const out = markdown(sampleResult(), plain);
    assert.ok(out.includes('e.g. &lt;img src=x onerror=alert(1)&gt;.'));
    assert.ok(!out.includes('<img'));
    assert.ok(out.includes('```python\nreturn "<script>var n = \'" + name + "\';</script>"\n```'));
  });

  it('links locations when a source URL is given', () => {
    const out = markdown(sampleResult(), { color: false, sourceUrl: 'https://github.com/o/r/blob/abc123/' });
    assert.ok(out.includes('[`app/views.py:21-22`](https://github.com/o/r/blob/abc123/app/views.py#L21-L22) · **Low** severity'));
  });

  it('uses a fence longer than any backtick run in the code', () => {
    const result = sampleResult();
    const ticks = { ...result.findings[0], evidence: '    x = "```"' };
    const out = markdown({ ...result, findings: [ticks] }, plain);
    assert.ok(out.includes('\n````python\nx = "```"\n````\n'));
  });

  it('says there are no defects, and which change it reviewed, when clean', () => {
    const out = markdown({ ...cleanResult(), change: { description: 'main..feature' } }, plain);
    assert.equal(
      out,
      '## secreview: no security findings\n\nReviewed change: `main..feature`\n\nNo security defects are detected in the code.\n\n3 files reviewed.\n\n<sub>secreview 0.1.0, CWE 4.15</sub>\n',
    );
  });

  it('lists diagnostics collapsed', () => {
    const out = markdown(sampleResult(), plain);
    assert.ok(out.includes('<summary>2 diagnostics</summary>\n\n- `static/app.min.js`: skipped: minified file\n- `tools/broken.py:3`: syntax: syntax error; the parser recovered\n'));
  });

  it('writes the same bytes however the input objects were built', () => {
    assert.equal(markdown(reversedKeys(sampleResult()), plain), markdown(sampleResult(), plain));
  });
});
