import type { ConstValue } from '../../languages/c/constants.js';
import { cFacts, type FixedBuffer } from '../../languages/c/facts.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';
import { liveContext } from './live-context.js';

/** Bounded copies that leave the destination unterminated when the source fills it. */
const BOUNDED_COPIES = new Set(['strncpy', 'wcsncpy', 'stpncpy']);

export const missingTerminator: Rule = {
  meta: {
    id: 'c/missing-terminator',
    title: 'strncpy() into the whole buffer leaves it without a terminator',
    cwe: 170,
    defectType: 'buffer-overflow',
    severity: 'medium',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'strncpy(dst, src, sizeof dst) writes no terminating NUL when src is as long as the buffer or longer. The next strlen(), printf("%s") or strcpy() on dst then reads past its end, into whatever memory follows, until it happens to meet a zero byte.',
    solution:
      'Copy one byte less and terminate explicitly: strncpy(dst, src, sizeof dst - 1); dst[sizeof dst - 1] = \'\\0\'; or use snprintf(dst, sizeof dst, "%s", src) or strlcpy(), which always terminate.',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    return {
      call_expression(node) {
        const name = facts.libcCallee(node);
        if (!name || !BOUNDED_COPIES.has(name) || facts.definesFunction(name)) return;
        const [dst, , count] = node.childForFieldName('arguments')?.namedChildren ?? [];
        if (dst?.type !== 'identifier' || !count) return;
        const buffer = facts.buffer(dst);
        if (!buffer || buffer.elements === undefined || !fillsWhole(count, dst.text, buffer, facts.constant(count))) return;
        const fn = facts.functionOf(node);
        if (!fn || terminatedAfter(fn, node, dst.text)) return;
        context.report({ node, message: `${name}() may fill all ${buffer.sizeText} elements of \`${dst.text}\` and then writes no terminator; nothing after it sets one, so reading \`${dst.text}\` as a string runs past its end.` });
      },
    };
  },
};

/** The count is the whole buffer: `sizeof dst`, `sizeof(dst)` or its element count written out. */
function fillsWhole(count: SyntaxNode, dst: string, buffer: FixedBuffer, value: ConstValue | undefined): boolean {
  const text = count.text.replace(/\s+/g, '');
  if (text === `sizeof${dst}` || text === `sizeof(${dst})`) return true;
  return value?.kind === 'int' && value.value === buffer.elements;
}

/** Whether, after the copy, the function writes a NUL into the buffer or fills it some other way. */
function terminatedAfter(fn: SyntaxNode, call: SyntaxNode, dst: string): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return true;
  for (const assign of body.descendantsOfType('assignment_expression')) {
    if (assign.startIndex < call.endIndex) continue;
    const left = assign.childForFieldName('left');
    const right = assign.childForFieldName('right')?.text.replace(/\s+/g, '');
    const target = left?.type === 'subscript_expression' ? left.childForFieldName('argument')?.text : left?.type === 'pointer_expression' ? left.childForFieldName('argument')?.text.replace(/\s*\+.*$/, '') : undefined;
    if (target === dst && (right === '0' || right === "'\\0'" || right === 'NUL' || right === "L'\\0'")) return true;
  }
  // A copy into the buffer that always terminates, after this one, makes it a string again.
  for (const later of body.descendantsOfType('call_expression')) {
    if (later.startIndex < call.endIndex) continue;
    const first = later.childForFieldName('arguments')?.namedChildren[0]?.text;
    if (first === dst && /^(snprintf|strlcpy|strcpy|memset|bzero|sprintf)$/.test(later.childForFieldName('function')?.text ?? '')) return true;
  }
  return false;
}
