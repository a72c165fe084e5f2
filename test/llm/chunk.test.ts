import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateTokens, planChunks } from '../../src/llm/chunk.js';
import { numberedCode } from '../../src/llm/prompts/code.js';
import { llmSource } from '../../src/llm/source.js';
import { lineOf, source } from './helpers.js';

const file = llmSource('service.py', 'python', source('service.py'));
const size = (segments: { start: number; end: number }[]) => segments.reduce((n, s) => n + estimateTokens(file.lines, s), 0);

describe('splitting large files', () => {
  it('a file within the budget is one part', () => {
    assert.deepEqual(planChunks(file.lines, file.scoped.scopes, 100_000), [{ focus: { start: 1, end: 414 }, segments: [{ start: 1, end: 414 }] }]);
  });

  for (const budget of [1500, 600, 250]) {
    it(`budget ${budget}: every non-blank line is reviewed exactly once, and no part is over budget`, () => {
      const chunks = planChunks(file.lines, file.scoped.scopes, budget);
      const seen = new Map<number, number>();
      for (const c of chunks) for (let n = c.focus.start; n <= c.focus.end; n++) seen.set(n, (seen.get(n) ?? 0) + 1);
      file.lines.forEach((line, i) => {
        if (line.trim()) assert.equal(seen.get(i + 1), 1, `line ${i + 1}`);
      });
      for (const c of chunks) assert.ok(size(c.segments) <= budget, `${c.focus.start}-${c.focus.end}: ${size(c.segments)} tokens`);
    });
  }

  it('cuts fall between definitions, each part shows the imports and its class heading', () => {
    const chunks = planChunks(file.lines, file.scoped.scopes, 1500);
    const starts = new Set(file.scoped.scopes.map((s) => s.outerStart));
    assert.ok(chunks.slice(1).every((c) => starts.has(c.focus.start)), chunks.map((c) => c.focus.start).join(','));
    const imports = lineOf(file.text, 'from orbit.objects import base as objects_base');
    assert.ok(chunks.every((c) => c.segments[0].start === 1 && c.segments[0].end >= imports));
    const kill = chunks.find((c) => c.focus.start <= 234 && 234 <= c.focus.end)!;
    const heading = lineOf(file.text, 'class Service(object):');
    assert.ok(kill.segments.some((s) => s.start <= heading && heading <= s.end));
  });

  it('the part is sent with the file line numbers and `...` for what is left out', () => {
    const chunk = planChunks(file.lines, file.scoped.scopes, 1500).find((c) => c.focus.start <= 234 && 234 <= c.focus.end)!;
    const text = numberedCode(file.lines, chunk.segments);
    assert.ok(text.startsWith(`1 ${file.lines[0]}\n`));
    assert.ok(text.includes(`\n...\n`));
    assert.ok(text.includes(`\n234     def kill(self):\n`));
  });

  it('a function larger than the budget on its own is cut into windows that repeat its signature', () => {
    const body = Array.from({ length: 200 }, (_, i) => `    total += compute(${i})  # step ${i}`).join('\n');
    const big = llmSource('big.py', 'python', `import os\n\n\ndef huge(total):\n${body}\n    return total\n`);
    const chunks = planChunks(big.lines, big.scoped.scopes, 500);
    assert.ok(chunks.length > 3);
    for (const c of chunks.slice(1)) assert.ok(c.segments.some((s) => s.start <= 4 && 4 <= s.end), 'the def line is shown');
    assert.equal(chunks.at(-1)!.focus.end, big.lines.length);
  });
});
