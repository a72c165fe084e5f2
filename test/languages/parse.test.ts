// The parser addon and the tree built from its node records: every node's type, field, offsets and
// error marks as tree-sitter gives them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstSyntaxError, parse } from '../../src/languages/parse.js';
import type { Node } from '../../src/languages/tree.js';

function outline(node: Node): unknown {
  return [node.type, node.field ?? null, node.text, ...node.children.map(outline)];
}

test('a Python tree: fields, anonymous tokens with their own offsets, parents; no tokens nothing reads', () => {
  const tree = parse('python', 'x = a + 1\n');
  const root = tree.rootNode;
  assert.equal(root.type, 'module');
  assert.equal(root.hasError, false);
  // `=` is left out, as are `( ) , . [ ]` and a string's quotes (below).
  assert.deepEqual(outline(root.children[0]), [
    'expression_statement', null, 'x = a + 1',
    ['assignment', null, 'x = a + 1',
      ['identifier', 'left', 'x'],
      ['binary_operator', 'right', 'a + 1',
        ['identifier', 'left', 'a'],
        ['+', 'operator', '+'],
        ['integer', 'right', '1']]],
  ]);
  const plus = root.descendantsOfType('+')[0];
  assert.equal(plus.startIndex, 6);
  assert.equal(plus.named, false);
  assert.equal(plus.parent?.type, 'binary_operator');
  assert.equal(plus.previousNamedSibling?.text, 'a');
  const call = parse('python', 'f(b"x", y=[1])\n').rootNode.descendantsOfType('call')[0];
  assert.deepEqual(outline(call), [
    'call', null, 'f(b"x", y=[1])',
    ['identifier', 'function', 'f'],
    ['argument_list', 'arguments', '(b"x", y=[1])',
      ['string', null, 'b"x"', ['string_content', null, 'x']],
      ['keyword_argument', null, 'y=[1]', ['identifier', 'name', 'y'], ['list', 'value', '[1]', ['integer', null, '1']]]],
  ]);
  // Keywords that open a statement go, with the colon; operators stay, keywords among them.
  const ifStatement = parse('python', 'if not x in y:\n    pass\n').rootNode.children[0];
  assert.deepEqual(outline(ifStatement), [
    'if_statement', null, 'if not x in y:\n    pass',
    ['not_operator', 'condition', 'not x in y', ['not', null, 'not'], ['comparison_operator', 'argument', 'x in y', ['identifier', null, 'x'], ['in', 'operators', 'in'], ['identifier', null, 'y']]],
    ['block', 'consequence', 'pass', ['pass_statement', null, 'pass']],
  ]);
  // `x += 1` keeps its operator.
  assert.deepEqual(parse('python', 'x += 1\n').rootNode.descendantsOfType('augmented_assignment')[0].children.map((c) => c.type), ['identifier', '+=', 'integer']);
});

test('offsets count UTF-16 code units, so non-ASCII and astral characters keep later nodes in place', () => {
  const text = 's = "é😀"\ny = 2\n';
  const tree = parse('python', text);
  const y = tree.rootNode.descendantsOfType('identifier').find((n) => n.text === 'y')!;
  assert.equal(y.startIndex, text.indexOf('y'));
  assert.deepEqual(y.startPosition, { row: 1, column: 0 });
  assert.equal(tree.rootNode.descendantsOfType('string')[0].text, '"é😀"');
});

test('children of leaf types and of tokens are not copied: a string body is one node', () => {
  const tree = parse('python', 's = "a\\nb"\n');
  const content = tree.rootNode.descendantsOfType('string_content')[0];
  assert.equal(content.text, 'a\\nb');
  assert.equal(content.children.length, 0);
});

test('C: a missing token is marked, its ancestors carry the error, and the first error line is found', () => {
  const tree = parse('c', 'int f(void) {\n  return 1\n}\n');
  const missing: Node[] = [];
  const stack = [tree.rootNode];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.isMissing) missing.push(n);
    stack.push(...n.children);
  }
  assert.equal(missing.length, 1);
  assert.equal(missing[0].type, ';');
  assert.equal(missing[0].startIndex, missing[0].endIndex);
  for (let n: Node | null = missing[0]; n; n = n.parent) assert.equal(n.hasError, true, n.type);
  assert.equal(firstSyntaxError(tree), 2);
});

test('C: an ERROR node is named and marks the tree; a clean sibling function stays clean', () => {
  const tree = parse('c', 'int ok(void) { return 0; }\nint bad( { @@ }\n');
  assert.equal(tree.rootNode.hasError, true);
  const [ok] = tree.rootNode.children;
  assert.equal(ok.type, 'function_definition');
  assert.equal(ok.hasError, false);
  const error = tree.rootNode.descendantsOfType('ERROR')[0];
  assert.equal(error.named, true);
  assert.equal(error.startPosition.row, 1);
  assert.equal(firstSyntaxError(tree), 2);
});

test('an empty text is a root with no children', () => {
  const tree = parse('cpp', '');
  assert.equal(tree.rootNode.type, 'translation_unit');
  assert.equal(tree.rootNode.children.length, 0);
  assert.equal(tree.rootNode.endIndex, 0);
});

test('the addon refuses a value that is not a grammar package language, instead of reading it as one', async () => {
  const { nativeParser } = await import('../../src/languages/native.js');
  const leaf = new Uint8Array(1);
  assert.throws(() => nativeParser().parse({}, 'x = 1', leaf), /not a tree-sitter language/);
  assert.throws(() => nativeParser().symbols(42), /not a tree-sitter language/);
});
