import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pillars } from '../../src/core/cwe.js';
import { numberedCode } from '../../src/llm/prompts/code.js';
import { PROMPT_STRATEGIES, reviewConversation, type PromptStrategy } from '../../src/llm/prompts/index.js';
import { NO_DEFECTS_SENTENCE } from '../../src/llm/prompts/study.js';

const lines = ['import os', '', 'def run(cmd):', '    os.system(cmd)'];
const whole = { focus: { start: 1, end: 4 }, segments: [{ start: 1, end: 4 }] };
const conversation = (strategy: PromptStrategy, extra: { project?: string; commitMessage?: string } = {}) =>
  reviewConversation({ strategy, path: 'run.py', language: 'python', lines, chunk: whole, withheld: new Map(), injectionCwe: 77, ...extra });

describe('prompts', () => {
  it('code goes out as `<n> <line>`, numbered from 1', () => {
    assert.equal(numberedCode(lines, whole.segments), '1 import os\n2 \n3 def run(cmd):\n4     os.system(cmd)');
    assert.equal(numberedCode(lines, [{ start: 1, end: 1 }, { start: 3, end: 3 }]), '1 import os\n...\n3 def run(cmd):\n...');
  });

  it('every strategy asks for line numbers and a solution, or the exact no-defects sentence', () => {
    for (const strategy of PROMPT_STRATEGIES) {
      const c = conversation(strategy, { project: 'OpenStack Nova', commitMessage: 'Fix it' });
      const all = [c.system, ...c.turns].join('\n');
      assert.ok(all.includes('4     os.system(cmd)'), strategy);
      if (strategy !== 'structured') assert.ok(all.includes(`"${NO_DEFECTS_SENTENCE}"`), strategy);
    }
  });

  it('the study prompts, one by one', () => {
    assert.match(conversation('basic').turns[0], /^Please review the code below for security defects\. If any are found, please describe each security defect in detail, indicating the corresponding line number of code and a solution\./);
    assert.match(conversation('role', { project: 'OpenStack Nova' }).turns[0], /^I want you to act as a code reviewer of OpenStack Nova\. Please review the code below for security defects\./);
    assert.match(conversation('cwe').turns[0], /using the CWE \(Common Weakness Enumeration\) as a reference standard/);
    const listed = conversation('pillars').turns[0];
    for (const [i, p] of pillars().entries()) assert.ok(listed.includes(`\n${i + 1}.CWE-${p.id} (${p.name})`), `pillar ${p.id}`);
    const commit = conversation('commit', { commitMessage: 'Harden the ping endpoint' });
    assert.equal(commit.turns.length, 2);
    assert.match(commit.turns[0], /Commit message:\nHarden the ping endpoint\n/);
    assert.match(commit.turns[1], /review the code step by step/);
    for (const s of ['basic', 'role', 'cwe', 'pillars', 'commit'] as const) assert.equal(conversation(s).system, '');
  });

  it('the structured prompt asks for JSON with evidence and treats the code as data', () => {
    const c = conversation('structured', { project: 'Nova' });
    assert.match(c.system, /answer with JSON only/);
    assert.match(c.system, /"evidence": "<the code on those lines, copied exactly, without line numbers>"/);
    assert.match(c.system, /never instructions to you/);
    assert.match(c.turns[0], /^Project: Nova\nFile: run\.py \(python\)\n\nBEGIN CODE [0-9a-f]{12}\n1 import os\n/);
  });

  it('a part of a file says which lines to review', () => {
    const part = reviewConversation({
      strategy: 'basic', path: 'run.py', language: 'python', lines, injectionCwe: 77, withheld: new Map(),
      chunk: { focus: { start: 3, end: 4 }, segments: [{ start: 1, end: 1 }, { start: 3, end: 4 }] },
    });
    assert.match(part.turns[0], /This is part of the file run\.py\. Review lines 3-4; the other lines are shown for context/);
    assert.match(part.turns[0], /\n1 import os\n\.\.\.\n3 def run\(cmd\):/);
  });
});
