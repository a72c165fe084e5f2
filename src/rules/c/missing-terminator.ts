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
    title: 'strncpy() leaves the buffer without a terminator',
    cwe: 170,
    defectType: 'buffer-overflow',
    severity: 'medium',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'strncpy(dst, src, sizeof dst) writes no terminating NUL when src is as long as the buffer or longer, and strncpy(dst, src, sizeof dst - 1) leaves the last element as it was, which in a fresh buffer is no NUL either. The next strlen(), printf("%s") or strcpy() on dst then reads past its end, into whatever memory follows, until it happens to meet a zero byte.',
    solution:
      'Copy one byte less and terminate explicitly: strncpy(dst, src, sizeof dst - 1); dst[sizeof dst - 1] = \'\\0\'; or use snprintf(dst, sizeof dst, "%s", src) or strlcpy(), which always terminate.',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    return {
      call_expression(node) {
        const name = facts.libraryCallee(node);
        if (!name || !BOUNDED_COPIES.has(name)) return;
        const [dst, , count] = node.childForFieldName('arguments')?.namedChildren ?? [];
        if (dst?.type !== 'identifier' || !count) return;
        const buffer = facts.buffer(dst);
        if (!buffer || buffer.elements === undefined) return;
        const fills = fillsWhole(count, dst.text, buffer, facts.constant(count));
        const fn = facts.functionOf(node);
        if (!fills || !fn || terminatedAfter(fn, node, dst.text)) return;
        // One short of the whole buffer leaves its last element as it was: a terminator only if
        // something put one there first (an initializer, a memset, an explicit write).
        if (fills === 'all but one' && (facts.variable(dst)?.initializer || terminatedAfter(fn, undefined, dst.text, node))) return;
        const message = `${name}() may fill all ${buffer.sizeText} elements of \`${dst.text}\` and then writes no terminator; nothing after it sets one`;
        // Read as a string afterwards: the over-read is no longer a possibility but what the code does.
        const read = laterRead(fn, node, dst.text);
        if (read) {
          context.report({ node, cwe: 126, message: `${message}, and \`${read.text}\` (line ${read.startPosition.row + 1}) reads it as a string, past its end.` });
        } else {
          context.report({ node, message: `${message}, so reading \`${dst.text}\` as a string runs past its end.` });
        }
      },
    };
  },
};

/** The count is the whole buffer (`sizeof dst`, its element count) or all of it but the last element. */
function fillsWhole(count: SyntaxNode, dst: string, buffer: FixedBuffer, value: ConstValue | undefined): 'all' | 'all but one' | undefined {
  const text = count.text.replace(/\s+/g, '');
  if (text === `sizeof${dst}` || text === `sizeof(${dst})`) return 'all';
  if (text === `sizeof${dst}-1` || text === `sizeof(${dst})-1`) return 'all but one';
  if (value?.kind !== 'int') return undefined;
  return value.value === buffer.elements ? 'all' : value.value === buffer.elements! - 1 ? 'all but one' : undefined;
}

/** Calls that write into their first argument, and do not read it as a string. */
const WRITES_FIRST = /^(?:strncpy|wcsncpy|stpncpy|memset|memcpy|memmove|bzero|snprintf|sprintf|strlcpy|read|fgets|recv)$/;

/** The first call after `from` that hands the buffer to a function that reads it (not one that only writes it). */
function laterRead(fn: SyntaxNode, from: SyntaxNode, dst: string): SyntaxNode | undefined {
  const body = fn.childForFieldName('body');
  return body?.descendantsOfType('call_expression').find((call) => {
    if (call.startIndex < from.endIndex) return false;
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    const callee = call.childForFieldName('function')?.text ?? '';
    return args.some((a, i) => a.text === dst && !(i === 0 && WRITES_FIRST.test(callee)));
  });
}

/**
 * Whether the function writes a NUL into the buffer, or fills it some other way, after `from`
 * (and before `until`, when given).
 */
function terminatedAfter(fn: SyntaxNode, from: SyntaxNode | undefined, dst: string, until?: SyntaxNode): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return true;
  const inRange = (n: SyntaxNode): boolean => (!from || n.startIndex >= from.endIndex) && (!until || n.endIndex <= until.startIndex);
  for (const assign of body.descendantsOfType('assignment_expression')) {
    if (!inRange(assign)) continue;
    const left = assign.childForFieldName('left');
    const right = assign.childForFieldName('right')?.text.replace(/\s+/g, '');
    const target = left?.type === 'subscript_expression' ? left.childForFieldName('argument')?.text : left?.type === 'pointer_expression' ? left.childForFieldName('argument')?.text.replace(/\s*\+.*$/, '') : undefined;
    if (target === dst && (right === '0' || right === "'\\0'" || right === 'NUL' || right === "L'\\0'")) return true;
  }
  // A copy into the buffer that always terminates, after this one, makes it a string again.
  for (const later of body.descendantsOfType('call_expression')) {
    if (!inRange(later)) continue;
    const first = later.childForFieldName('arguments')?.namedChildren[0]?.text;
    if (first === dst && /^(snprintf|strlcpy|strcpy|memset|bzero|sprintf)$/.test(later.childForFieldName('function')?.text ?? '')) return true;
  }
  return false;
}
