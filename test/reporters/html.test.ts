import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { html } from '../../src/reporters/html.js';
import { cleanResult, reversedKeys, sampleResult } from './sample.js';

const plain = { color: false };

describe('html reporter', () => {
  const page = html(sampleResult(), plain);

  it('escapes code and prose: evidence holding <script> stays text', () => {
    assert.ok(!/<script/i.test(page));
    assert.ok(!page.includes('<img'));
    assert.ok(page.includes('<span class="ln">30</span>    return &quot;&lt;script&gt;var n = &#39;&quot; + name + &quot;&#39;;&lt;/script&gt;&quot;</pre>'));
    assert.ok(page.includes('e.g. &lt;img src=x onerror=alert(1)&gt;.'));
  });

  it('is one self-contained page: inline style, no scripts, no external resources', () => {
    assert.ok(page.startsWith('<!DOCTYPE html>\n<html lang="en">'));
    assert.ok(page.endsWith('</body>\n</html>\n'));
    assert.ok(page.includes('<style>'));
    for (const external of ['<link', '<img', '<iframe', '<object', '@import', 'url(']) assert.ok(!page.includes(external), external);
    assert.ok(!/<[a-z][^>]*\ssrc=/i.test(page));
  });

  it('summarises by pillar and severity', () => {
    assert.ok(
      page.includes(
        '<tr><td>CWE-707: Improper Neutralization</td><td class="n">0</td><td class="n">1</td><td class="n">1</td><td class="n">0</td><td class="n">2</td></tr>',
      ),
    );
    assert.ok(
      page.includes('<tr class="total"><td>Total</td><td class="n">1</td><td class="n">1</td><td class="n">1</td><td class="n">1</td><td class="n">4</td></tr>'),
    );
  });

  it('shows each finding’s code with line numbers and its exact span marked', () => {
    assert.ok(page.includes('<pre class="code"><span class="ln">12</span>    <mark>os.system(cmd)</mark></pre>'));
    assert.ok(page.includes('<pre class="code"><span class="ln">21</span>    <mark>except Exception:</mark>\n<span class="ln">22</span>        <mark>pass</mark></pre>'));
    assert.ok(page.includes('<span class="ln">54</span>    <mark>gets(line)</mark>;</pre>'));
  });

  it('shows the pillar, the specific CWE, the trace and the fix', () => {
    assert.ok(page.includes('<h3><a href="https://cwe.mitre.org/data/definitions/78.html">CWE-78: Improper Neutralization of Special Elements used in an OS Command (&#39;OS Command Injection&#39;)</a></h3>'));
    assert.ok(page.includes('<li><code>request.args[&#39;cmd&#39;] read</code> <span class="muted">(line 10)</span></li>'));
    assert.ok(page.includes('<p><strong>Solution:</strong> Call subprocess.run() with an argument list and shell=False.</p>'));
    assert.ok(page.includes('<p><strong>Line 12:</strong> os.system() runs <code>cmd</code>, which comes from request.args: anyone can run shell commands.</p>'));
  });

  it('gives a clean file the no-defects sentence', () => {
    assert.ok(page.includes('<h2><code>app/clean.py</code></h2>\n<p class="clean">No security defects are detected in the code.</p>'));
    const clean = html(cleanResult(), plain);
    assert.equal(clean.split('No security defects are detected in the code.').length - 1, 4);
    assert.ok(!clean.includes('<table'));
  });

  it('writes the same bytes however the input objects were built', () => {
    assert.equal(html(reversedKeys(sampleResult()), plain), page);
  });
});
