// Macros that take a type: all of the type but its last word is blanked so the call parses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blankTypeArguments } from '../../../src/languages/c/type-arguments.js';
import { parse } from '../../../src/languages/parse.js';

test('va_arg, offsetof and container_of keep the last word of their type argument', () => {
  const text = [
    'void f(va_list ap, struct node *q) {',
    '    *va_arg(ap, int *) = 1;',
    '    const char *s = va_arg(ap, const char *);',
    '    size_t o = offsetof(struct entry, name);',
    '    struct list *l = container_of(q, struct list, node);',
    '    long n = va_arg(ap, long);',
    '}',
    '',
  ].join('\n');
  assert.equal(parse('c', text).rootNode.hasError, true);
  const out = blankTypeArguments(text);
  assert.equal(out.length, text.length);
  assert.deepEqual(out.split('\n').slice(1, 6).map((l) => l.replace(/ +/g, ' ').trim()), [
    '*va_arg(ap, int ) = 1;',
    'const char *s = va_arg(ap, char );',
    'size_t o = offsetof( entry, name);',
    'struct list *l = container_of(q, list, node);',
    'long n = va_arg(ap, long);',
  ]);
  assert.equal(parse('c', out).rootNode.hasError, false);
});

test('arguments that are not plain types, comments and strings are left alone', () => {
  const text = 'x = va_arg(ap, T(int)); /* va_arg(ap, char *) */ s = "offsetof(struct a, b)";\n';
  assert.equal(blankTypeArguments(text), text);
});
