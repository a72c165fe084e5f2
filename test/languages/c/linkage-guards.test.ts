// The `extern "C"` lines of `#ifdef __cplusplus` guards: blanked in place so that C headers parse
// without error, and nothing else touched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blankLinkageGuards } from '../../../src/languages/c/linkage-guards.js';
import { analyzeSource } from '../../../src/pipeline/analyze-file.js';
import { parse } from '../../../src/languages/parse.js';

const HEADER = [
  '#ifndef LIST_H',
  '#define LIST_H',
  '#ifdef __cplusplus',
  'extern "C" {',
  '#endif',
  'struct list { struct list *next; };',
  'void list_free(struct list *l);',
  '#if defined(__cplusplus) /* C++ */',
  '}  // extern "C"',
  '#endif',
  '#endif',
  '',
].join('\n');

test('both linkage lines are blanked, keeping every offset and line; the header then parses', () => {
  assert.equal(parse('c', HEADER).rootNode.hasError, true);
  const out = blankLinkageGuards(HEADER);
  assert.equal(out.length, HEADER.length);
  const lines = out.split('\n');
  assert.deepEqual(
    lines.map((l, i) => (l === HEADER.split('\n')[i] ? '=' : l.trim() === '' ? 'blank' : 'changed')),
    ['=', '=', '=', 'blank', '=', '=', '=', '=', 'blank', '=', '=', '='],
  );
  assert.equal(parse('c', out).rootNode.hasError, false);
});

test('other code in a __cplusplus block, and extern "C" outside one, stay as written', () => {
  const cpp = '#ifdef __cplusplus\n}\nclass Wrapper {};\n#endif\n';
  assert.equal(blankLinkageGuards(cpp), cpp);
  const plain = 'extern "C" {\nint f(void);\n}\n';
  assert.equal(blankLinkageGuards(plain), plain);
  const other = '#ifdef HAVE_CXX\nextern "C" {\n#endif\n';
  assert.equal(blankLinkageGuards(other), other);
});

test('a reviewed header with linkage guards gets no syntax-error diagnostic', () => {
  const result = analyzeSource({ path: 'list.h', absPath: '/src/list.h', language: 'c', text: HEADER });
  assert.deepEqual(result.diagnostics, []);
  const withCrlf = analyzeSource({ path: 'list.h', absPath: '/src/list.h', language: 'c', text: HEADER.replace(/\n/g, '\r\n') });
  assert.deepEqual(withCrlf.diagnostics, []);
});
