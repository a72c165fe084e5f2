// Statement macros written without the semicolon their body brings: which uses get one read after
// them, and how the tree keeps the text's offsets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectDefinitions, resolveAnnotationMacros } from '../../../src/languages/c/macros.js';
import { bareLabels, conditionParentheses, missingSemicolons } from '../../../src/languages/c/statement-macros.js';
import { parse } from '../../../src/languages/parse.js';

const SOURCE = [
  '#define DICT_FREE(str) if (str) free(str);',
  '#define TODO report("todo");',
  '#define CHECK(x) do { if (!(x)) return; } while (0)',
  '#define MAYBE(x) if (x) go();',
  '#define MAYBE(x)',
  'void f(char *a, char *b) {',
  '    DICT_FREE(a) // first',
  '    DICT_FREE(b);',
  '    TODO',
  '    CHECK(a)',
  '    x = DICT_FREE(a)',
  '    MAYBE(b)',
  '    /* DICT_FREE(a) */',
  '}',
  '',
].join('\n');

const terminated = resolveAnnotationMacros(collectDefinitions(SOURCE), { objects: new Map(), functions: new Set() }).terminated!;

test('self-terminated macros: every non-empty body ends with `;` or `}`', () => {
  assert.deepEqual([...terminated].sort(), [['DICT_FREE', true], ['MAYBE', true], ['TODO', false]]);
});

test('a `;` is read only after a use that stands alone on its line without one', () => {
  const at = missingSemicolons(SOURCE, terminated);
  const lineOf = (offset: number) => SOURCE.slice(0, offset).split('\n').length;
  // DICT_FREE(a) with a comment after it, TODO, MAYBE(b); not DICT_FREE(b); (has one), CHECK (not
  // self-terminated), the use inside an expression, the one in a comment, or the definitions.
  assert.deepEqual(at.map(lineOf), [7, 9, 12]);
  assert.deepEqual(
    at.map((o) => SOURCE.slice(SOURCE.lastIndexOf('\n', o - 1) + 1, o).trim()),
    ['DICT_FREE(a)', 'TODO', 'MAYBE(b)'],
  );
});

test('the tree keeps the offsets of the text; each added `;` is an empty token', () => {
  const text = 'void f(char *a) {\n    DICT_FREE(a)\n    a = 0;\n}\n';
  const statementsOf = (semicolons: number[]) => parse('c', text, semicolons.map((at) => ({ at, char: ';' }))).rootNode.descendantsOfType('compound_statement')[0].namedChildren;
  // Read as written: one declaration of a variable `a` of type `DICT_FREE(a)`.
  assert.deepEqual(statementsOf([]).map((s) => s.type), ['declaration']);
  const statements = statementsOf(missingSemicolons(text, terminated));
  assert.deepEqual(statements.map((s) => s.type), ['expression_statement', 'expression_statement']);
  assert.deepEqual(statements.map((s) => s.text), ['DICT_FREE(a)', 'a = 0;']);
  const semicolon = statements[0].children.at(-1)!;
  assert.equal(semicolon.type, ';');
  assert.equal(semicolon.startIndex, semicolon.endIndex);
  assert.equal(semicolon.startIndex, text.indexOf('DICT_FREE(a)') + 'DICT_FREE(a)'.length);
  assert.deepEqual(statements[1].startPosition, { row: 2, column: 4 });
});

test('a `;` is read after a label that no statement follows: before a directive or a closing brace', () => {
  const text = [
    'int f(int x) {',
    '    if (x) goto done;',
    '    switch (x) {',
    '    default:',
    '#ifdef DEBUG',
    '        trace(x);',
    '#endif',
    '    }',
    'done:',
    '#ifdef DEBUG',
    '    trace(x);',
    '#endif',
    '    x++;',
    'out: /* unused */',
    '}',
    '',
  ].join('\n');
  const at = bareLabels(text);
  // Not `default:`, which the directive follows inside the switch.
  assert.deepEqual(at.map((o) => text.slice(text.lastIndexOf('\n', o - 1) + 1, o).trim()), ['done:', 'out:']);
  assert.equal(parse('c', text).rootNode.hasError, true);
  assert.equal(parse('c', text, at.map((o) => ({ at: o, char: ';' }))).rootNode.hasError, false);
});

test('a statement macro may follow a comment on its line', () => {
  const text = '#define FALL_THROUGH __attribute__((fallthrough));\nvoid f(int c) {\n  switch (c) {\n  case 1: g();\n    /* no break */ FALL_THROUGH\n  case 2: h();\n  }\n}\n';
  const terminatedHere = resolveAnnotationMacros(collectDefinitions(text), { objects: new Map(), functions: new Set() }).terminated!;
  const at = missingSemicolons(text, terminatedHere);
  assert.deepEqual(at, [text.indexOf('FALL_THROUGH\n') + 'FALL_THROUGH'.length]);
  assert.equal(parse('c', text, at.map((o) => ({ at: o, char: ';' }))).rootNode.hasError, false);
});

test('a condition whose parentheses a macro brings is read inside parentheses; keywords and comments are not', () => {
  const text = 'void f(const char *cur) {\n  while IS_BLANK_CH(*cur) cur++;\n  if IS_DIGIT(*cur) {\n    cur++;\n  }\n  if (sizeof(int) > 2) cur--;\n  /* if SOMETHING(x) */\n}\n';
  const pairs = conditionParentheses(text);
  assert.deepEqual(pairs.map(([open, close]) => text.slice(open, close)), ['IS_BLANK_CH(*cur)', 'IS_DIGIT(*cur)']);
  assert.equal(parse('c', text).rootNode.hasError, true);
  const tree = parse('c', text, pairs.flatMap(([open, close]) => [{ at: open, char: '(' }, { at: close, char: ')' }]));
  assert.equal(tree.rootNode.hasError, false);
  const conditions = tree.rootNode.descendantsOfType(['while_statement', 'if_statement']).map((n) => n.childForFieldName('condition')!);
  assert.deepEqual(conditions.map((c) => c.text), ['IS_BLANK_CH(*cur)', 'IS_DIGIT(*cur)', '(sizeof(int) > 2)']);
});
