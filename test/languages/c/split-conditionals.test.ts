// Conditional groups that split a statement: their directives are blanked (the group kept), or a
// dead `#if 0` group whole; every other group is left to the parser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blankSplitConditionals } from '../../../src/languages/c/split-conditionals.js';
import { parse } from '../../../src/languages/parse.js';

const lines = (text: string) => text.split('\n').map((l) => l.trim());

test('a group that ends in a dangling `else` or opens with `} else if` keeps its code and loses its directives', () => {
  const text = [
    'int f(int a, int b) {',
    '#ifdef HTML',
    '    if (a) {',
    '        b = 1;',
    '    } else',
    '#endif',
    '    {',
    '        b = 2;',
    '#ifdef SAX1',
    '    } else if (b) {',
    '        b = 3;',
    '#endif',
    '    }',
    '    return b;',
    '}',
    '',
  ].join('\n');
  assert.equal(parse('c', text).rootNode.hasError, true);
  const out = blankSplitConditionals(text);
  assert.equal(out.length, text.length);
  assert.deepEqual(lines(out).map((l, i) => (l === lines(text)[i] ? '=' : l)), ['=', '', '=', '=', '=', '', '=', '=', '', '=', '=', '', '=', '=', '=', '=']);
  assert.equal(parse('c', out).rootNode.hasError, false);
});

test('a group inside parentheses splits an expression; an unbalanced #if 0 group is dead code, blanked whole', () => {
  const text = ['int g(int t) {', '    if ((t == 1) ||', '#ifdef DOCB', '        (t == 2) ||', '#endif', '        (t == 3))', '        return 1;', '#if 0', '    case:', '    }', '#endif', '    return 0;', '}', ''].join('\n');
  const out = blankSplitConditionals(text);
  assert.deepEqual(lines(out).map((l, i) => (l === lines(text)[i] ? '=' : l)), ['=', '=', '', '=', '', '=', '=', '', '', '', '', '=', '=', '=']);
  assert.equal(parse('c', out).rootNode.hasError, false);
});

test('a group that holds only the head of a statement (`if (…)`) loses its directives', () => {
  const text = ['void k(struct ctxt *c) {', '#ifdef SAX1', '    if (c->sax != &handler)', '#endif', '        release(c->sax);', '}', ''].join('\n');
  assert.equal(parse('c', text).rootNode.hasError, true);
  const out = blankSplitConditionals(text);
  assert.deepEqual(lines(out).map((l, i) => (l === lines(text)[i] ? '=' : l)), ['=', '', '=', '', '=', '=', '=']);
  assert.equal(parse('c', out).rootNode.hasError, false);
});

test('a group that opens with the `else` of an if before it loses its directives', () => {
  const text = ['void m(struct mutex *p) {', '    if (p->id == FAST)', '    {', '        destroy(p);', '    }', '#ifdef API_ARMOR', '    else{', '        misuse();', '    }', '#endif', '}', ''].join('\n');
  assert.equal(parse('c', text).rootNode.hasError, true);
  const out = blankSplitConditionals(text);
  assert.deepEqual(lines(out).map((l, i) => (l === lines(text)[i] ? '=' : l)), ['=', '=', '=', '=', '=', '', '=', '=', '=', '', '=', '=']);
  assert.equal(parse('c', out).rootNode.hasError, false);
});

test('balanced groups, groups with #else, and groups outside any block stay for the parser', () => {
  const text = [
    '#ifdef __GNUC__',
    'int h(int x) {',
    '#else',
    'int h(x) int x; {',
    '#endif',
    '#ifdef DEBUG',
    '    x++;',
    '#endif',
    '#ifdef A',
    '    if (x) {',
    '#else',
    '    if (!x) {',
    '#endif',
    '        x--;',
    '    }',
    '    return x;',
    '}',
    '',
  ].join('\n');
  assert.equal(blankSplitConditionals(text), text);
});
