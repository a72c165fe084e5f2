import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeStringLiteral, parseIntegerLiteral } from '../../../src/languages/c/literals.js';
import { parse } from '../../../src/languages/parse.js';

function literal(source: string) {
  const tree = parse('c', `const char *x = ${source};`);
  return decodeStringLiteral(tree.rootNode.descendantsOfType(['string_literal', 'char_literal'])[0]);
}

describe('C literals', () => {
  it('decodes narrow strings to one char per byte', () => {
    assert.deepEqual(literal('"a\\tb\\x41\\101\\0"'), { text: 'a\tbAA\0', wide: false });
    assert.equal(literal('"é"').text.length, 2);
    assert.equal(literal('"\\u00e9"').text.length, 2);
  });

  it('counts wide strings in elements', () => {
    assert.deepEqual(literal('L"é\\n"'), { text: 'é\n', wide: true });
  });

  it('parses integer literals with suffixes, bases and signs', () => {
    assert.equal(parseIntegerLiteral('0x1Fu'), 31);
    assert.equal(parseIntegerLiteral('017'), 15);
    assert.equal(parseIntegerLiteral('0b101'), 5);
    assert.equal(parseIntegerLiteral('10ULL'), 10);
    assert.equal(parseIntegerLiteral('-1'), -1);
    assert.equal(parseIntegerLiteral('1e3'), undefined);
  });
});
