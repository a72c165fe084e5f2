import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Language } from '../../src/languages/language.js';
import { analyzeSource } from '../../src/pipeline/analyze-file.js';
import { applySuppressions, parseDirective } from '../../src/pipeline/suppressions.js';

/** Findings of a snippet after its suppressions, as `rule@line`. */
function review(text: string, options: { language?: Language; reportUnused?: boolean } = {}): string[] {
  const language = options.language ?? 'python';
  const path = language === 'python' ? 'snippet.py' : 'snippet.c';
  const analysis = analyzeSource({ path, absPath: `/virtual/${path}`, language, text });
  const { findings } = applySuppressions(analysis.findings, analysis.suppressions ?? [], { reportUnused: options.reportUnused ?? false });
  return findings.map((f) => `${f.ruleId}@${f.location.startLine}`).sort();
}

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('suppressions: where a comment applies', () => {
  it('without a suppression both findings are reported (the baseline of every case below)', () => {
    assert.deepEqual(review(lines('eval(a)', 'eval(b)')), ['py/eval-injection@1', 'py/eval-injection@2']);
  });

  it('on the line of the finding', () => {
    assert.deepEqual(review(lines('eval(a)  # secreview: ignore[py/eval-injection] a is a literal from settings', 'eval(b)')), ['py/eval-injection@2']);
  });

  it('alone on the line above, and not two lines above', () => {
    assert.deepEqual(
      review(lines('# secreview: ignore[py/eval-injection] reviewed: admin-only console', 'eval(a)', 'eval(b)')),
      ['py/eval-injection@3'],
    );
    assert.deepEqual(
      review(lines('# secreview: ignore[py/eval-injection] too far away', '', 'eval(a)')),
      ['py/eval-injection@3'],
    );
  });

  it('on any line of a multi-line statement the finding spans', () => {
    const call = (comment: number) =>
      review(
        lines(
          `result = eval(${comment === 1 ? '  # secreview: ignore[py/eval-injection] sandboxed' : ''}`,
          `    expression,${comment === 2 ? '  # secreview: ignore[py/eval-injection] sandboxed' : ''}`,
          `    scope,${comment === 3 ? '  # secreview: ignore[py/eval-injection] sandboxed' : ''}`,
          `)${comment === 4 ? '  # secreview: ignore[py/eval-injection] sandboxed' : ''}`,
          'eval(other)',
        ),
      );
    for (const line of [1, 2, 3, 4]) assert.deepEqual(call(line), ['py/eval-injection@5'], `comment on line ${line}`);
  });

  it('on the first line of a statement whose finding sits on a later line', () => {
    assert.deepEqual(
      review(lines('total = combine(a,  # secreview: ignore[py/eval-injection] plugin code is signed', '                eval(source))', 'eval(b)')),
      ['py/eval-injection@3'],
    );
  });

  it('alone above a multi-line statement, for a finding on its second line', () => {
    assert.deepEqual(
      review(lines('# secreview: ignore[py/eval-injection] plugin code is signed', 'total = combine(a,', '                eval(source))', 'eval(b)')),
      ['py/eval-injection@4'],
    );
  });

  it('does not reach into the next statement or the body of a block', () => {
    assert.deepEqual(
      review(lines('x = 1  # secreview: ignore[py/eval-injection] not here', 'eval(a)')),
      ['py/eval-injection@2'],
    );
    assert.deepEqual(
      review(lines('def f(a):  # secreview: ignore[py/eval-injection] header only', '    return eval(a)')),
      ['py/eval-injection@2'],
    );
  });
});

describe('suppressions: nothing mutes more than it names', () => {
  it('another rule id mutes nothing', () => {
    assert.deepEqual(review(lines('eval(a)  # secreview: ignore[py/sql-injection] wrong rule')), ['py/eval-injection@1']);
  });

  it('a list names several rules', () => {
    assert.deepEqual(review(lines('eval(a)  # secreview: ignore[py/sql-injection, py/eval-injection] both reviewed')), []);
  });

  it('a # inside a string is not a comment', () => {
    assert.deepEqual(
      review(lines('eval(a + "# secreview: ignore[py/eval-injection] not a comment")', 's = """', '# secreview: ignore[py/eval-injection] in a docstring', '"""', 'eval(b)')),
      ['py/eval-injection@1', 'py/eval-injection@5'],
    );
  });

  it('a comment that mentions secreview in prose is not a directive', () => {
    assert.deepEqual(review(lines('eval(a)  # see secreview: ignore[py/eval-injection] docs')), ['py/eval-injection@1']);
  });

  it('follows another tool\'s directive in the same comment', () => {
    assert.deepEqual(review(lines('eval(a)  # noqa: S307  # secreview: ignore[py/eval-injection] literal input')), []);
  });
});

describe('suppressions: C-family comments', () => {
  const c = (...body: string[]) => lines('#include <stdio.h>', 'void f(char *buf) {', ...body, '}');

  it('// on the line, // alone above, and /* */', () => {
    assert.deepEqual(review(c('    gets(buf);', '    gets(buf);'), { language: 'c' }), ['c/gets@3', 'c/gets@4']);
    assert.deepEqual(review(c('    gets(buf); // secreview: ignore[c/gets] test harness reads a fixed file', '    gets(buf);'), { language: 'c' }), ['c/gets@4']);
    assert.deepEqual(review(c('    // secreview: ignore[c/gets] test harness reads a fixed file', '    gets(buf);', '    gets(buf);'), { language: 'c' }), ['c/gets@5']);
    assert.deepEqual(review(c('    gets(buf); /* secreview: ignore[c/gets] test harness */', '    gets(buf);'), { language: 'c' }), ['c/gets@4']);
  });

  it('a // inside a string literal is not a comment', () => {
    assert.deepEqual(review(c('    puts("// secreview: ignore[c/gets] in a string"); gets(buf);'), { language: 'c' }), ['c/gets@3']);
  });
});

describe('suppressions: invalid and unused ones are reported', () => {
  it('without a reason: reported, and the finding stays', () => {
    assert.deepEqual(review(lines('eval(a)  # secreview: ignore[py/eval-injection]')), ['py/eval-injection@1', 'secreview/invalid-suppression@1']);
  });

  it('without a rule id: reported, and the finding stays', () => {
    assert.deepEqual(review(lines('eval(a)  # secreview: ignore because it is fine')), ['py/eval-injection@1', 'secreview/invalid-suppression@1']);
    assert.deepEqual(review(lines('eval(a)  # secreview: ignore[] because it is fine')), ['py/eval-injection@1', 'secreview/invalid-suppression@1']);
  });

  it('the invalid-suppression finding explains itself and is located on the directive', () => {
    const analysis = analyzeSource({ path: 's.py', absPath: '/virtual/s.py', language: 'python', text: 'x = 1\nprint(x)  # secreview: ignore[py/eval-injection]\n' });
    const [f] = applySuppressions(analysis.findings, analysis.suppressions ?? [], { reportUnused: false }).findings;
    assert.equal(f.ruleId, 'secreview/invalid-suppression');
    assert.deepEqual([f.cwe.id, f.pillar.id, f.severity, f.confidence, f.defectType], [1113, 710, 'low', 'high', 'other']);
    assert.deepEqual(f.location, { file: 's.py', startLine: 2, endLine: 2, startColumn: 13, endColumn: 49 });
    assert.match(f.description, /gives no reason/);
    assert.equal(f.evidence, 'print(x)  # secreview: ignore[py/eval-injection]');
  });

  it('unused only with reportUnused, per rule id of the list', () => {
    const text = lines('eval(a)  # secreview: ignore[py/eval-injection, py/sql-injection] reviewed', 'x = 1  # secreview: ignore[py/eval-injection] stale');
    assert.deepEqual(review(text), []);
    assert.deepEqual(review(text, { reportUnused: true }), ['secreview/unused-suppression@1', 'secreview/unused-suppression@2']);
  });
});

describe('parseDirective', () => {
  it('reads ids and reason, and names each problem', () => {
    assert.deepEqual(parseDirective(' ignore[py/a, c/b] because'), { ruleIds: ['py/a', 'c/b'], reason: 'because' });
    assert.equal(parseDirective(' ignore[py/a]').problem, 'gives no reason');
    assert.equal(parseDirective(' ignore[py/a] --').problem, 'gives no reason');
    assert.equal(parseDirective(' ignore reason').problem, 'names no rule');
    assert.equal(parseDirective(' ignore[*] everything').problem, 'names "*", which is not a rule id');
    assert.equal(parseDirective(' disable[py/a] reason').problem, 'uses the unknown directive "disable"');
  });
});
