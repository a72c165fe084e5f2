import { cFacts } from '../../languages/c/facts.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';
import { liveContext } from './live-context.js';

const REALLOCATORS = new Set(['realloc', 'reallocf', 'g_realloc', 'CRYPTO_realloc', 'OPENSSL_realloc', 'xrealloc']);
/** Reallocators that free the block themselves on failure, or never fail. */
const SELF_CLEANING = new Set(['reallocf', 'g_realloc', 'xrealloc']);

export const reallocLeak: Rule = {
  meta: {
    id: 'c/realloc-leak',
    title: 'realloc() result stored over the only pointer to the block, and never checked',
    cwe: 401,
    defectType: 'resource-leak',
    severity: 'low',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'When realloc() fails it returns NULL and leaves the old block allocated. Assigning its result straight back to the pointer it was given (`p = realloc(p, n)`) and never testing it loses the only reference to that block, which leaks, and the code that follows uses the NULL pointer. (Where the result is tested, the leak on the failing path is reported by c/memory-leak when that path does not end the program.)',
    solution:
      'Keep the result in a separate variable and replace the old pointer only on success: `char *bigger = realloc(p, n); if (!bigger) { free(p); return -1; } p = bigger;`.',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    return {
      assignment_expression(node) {
        if (node.childForFieldName('operator')?.text !== '=') return;
        const left = node.childForFieldName('left');
        let right = node.childForFieldName('right');
        while (right?.type === 'cast_expression' || right?.type === 'parenthesized_expression') right = right.type === 'cast_expression' ? right.childForFieldName('value') : right.namedChildren[0];
        if (!left || right?.type !== 'call_expression') return;
        const name = facts.libraryCallee(right);
        if (!name || !REALLOCATORS.has(name) || SELF_CLEANING.has(name)) return;
        const block = right.childForFieldName('arguments')?.namedChildren[0];
        if (!block || !same(block, left) || testedLater(node, left)) return;
        context.report({ node, message: `\`${left.text}\` is overwritten with the result of ${name}(): if it fails and returns NULL, the block \`${left.text}\` pointed to is lost (leaked) and \`${left.text}\` is NULL.` });
      },
    };
  },
};

/** Whether the function tests the pointer after the assignment (`if (!p)`, `p == NULL`, `assert(p)`, `p ? … : …`). */
function testedLater(assignment: SyntaxNode, lvalue: SyntaxNode): boolean {
  let fn: SyntaxNode | null | undefined = assignment.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const body = fn?.childForFieldName('body');
  if (!body) return true;
  const text = lvalue.text.replace(/\s+/g, '');
  const uses = [...body.descendantsOfType(lvalue.type)].filter((n) => n.startIndex >= assignment.endIndex && n.text.replace(/\s+/g, '') === text);
  return uses.some((use) => {
    for (let n: SyntaxNode | null | undefined = use; n && n !== body; n = n.parent) {
      const parent = n.parent;
      if (!parent) return false;
      if (n.field === 'condition') return true;
      if (parent.type === 'unary_expression' && parent.childForFieldName('operator')?.text === '!') return true;
      if (parent.type === 'binary_expression' && /^[!=]=$/.test(parent.childForFieldName('operator')?.text ?? '')) return true;
      if (parent.type === 'argument_list' && /assert/i.test(parent.parent?.childForFieldName('function')?.text ?? '')) return true;
      if (/statement$/.test(parent.type)) return false;
    }
    return false;
  });
}

/** The same lvalue, written the same way (`p`, `s->buf`, `v[i]`), ignoring casts and spacing. */
function same(a: SyntaxNode, b: SyntaxNode): boolean {
  const strip = (n: SyntaxNode): SyntaxNode => {
    let x = n;
    while (x.type === 'cast_expression' || x.type === 'parenthesized_expression') x = (x.type === 'cast_expression' ? x.childForFieldName('value') : x.namedChildren[0]) ?? x;
    return x;
  };
  return strip(a).text.replace(/\s+/g, '') === strip(b).text.replace(/\s+/g, '');
}
