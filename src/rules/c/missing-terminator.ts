import type { ConstValue } from '../../languages/c/constants.js';
import { cFacts, type CFacts, type FixedBuffer } from '../../languages/c/facts.js';
import type { Variable } from '../../languages/c/scopes.js';
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
      function_definition(fn) {
        for (const v of facts.functionInfo(fn)?.locals.values() ?? []) {
          const fill = loopFilled(facts, v, fn);
          if (!fill) continue;
          const read = laterRead(fn, fill.loop, v.name);
          if (!read || callsBefore(fn, fill.loop, v.name)) continue;
          context.report({
            node: fill.write,
            cwe: 126,
            message: `The loop fills \`${v.name}\` element by element and never writes a terminator after it; \`${read.text}\` (line ${read.startPosition.row + 1}) then reads it as a string, past its end.`,
          });
        }
      },
      call_expression(node) {
        const name = facts.libraryCallee(node);
        if (!name || !BOUNDED_COPIES.has(name)) return;
        const [dst, , count] = node.childForFieldName('arguments')?.namedChildren ?? [];
        if (dst?.type !== 'identifier' || !count) return;
        const buffer = facts.buffer(dst);
        if (!buffer || buffer.elements === undefined) return;
        const fills = fillsWhole(count, dst.text, buffer, facts.constant(count));
        const fn = facts.functionOf(node);
        if (!fills || !fn || terminatedAfter(facts, fn, node, dst.text)) return;
        // One short of the whole buffer leaves its last element as it was: a terminator only if
        // something put one there first (an initializer, a memset, an explicit write).
        if (fills === 'all but one' && (facts.variable(dst)?.initializer || terminatedAfter(facts, fn, undefined, dst.text, node))) return;
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

const CHARACTER = /^(?:(?:un)?signed\s+)?char$|^wchar_t$/;

/**
 * A local character array with no initializer whose only writes are `a[i] = v` inside one loop
 * counting to a constant (`for (i = 0; i < 99; i++) dest[i] = src[i];`), none of them a NUL: the
 * loop, and the write.
 */
function loopFilled(facts: CFacts, v: Variable, fn: SyntaxNode): { loop: SyntaxNode; write: SyntaxNode } | undefined {
  if (v.kind !== 'local' || v.dims.length !== 1 || v.isPointer || v.initializer || v.addressTaken || v.redeclared) return undefined;
  const first = v.writes[0];
  const loop = first && enclosingLoop(first.node, fn);
  if (!loop || !CHARACTER.test(v.baseType.trim())) return undefined;
  // Calls handed the buffer after the loop (which the scopes count as writes) are checked as its readers.
  const assignments = v.writes.filter((w) => w.node.type !== 'call_expression' || w.node.startIndex < loop.endIndex);
  const inLoop = (w: (typeof assignments)[number]): boolean =>
    w.element && w.node.type === 'assignment_expression' && !!w.value && !!w.index && !isNul(facts, w.value) && enclosingLoop(w.node, fn)?.id === loop.id && countsToConstant(facts, loop, w.index);
  return assignments.every(inLoop) ? { loop, write: first.node } : undefined;
}

function isNul(facts: CFacts, value: SyntaxNode): boolean {
  const c = facts.constant(value);
  return (c?.kind === 'int' && c.value === 0) || /^L?'\\0'$/.test(value.text) || value.text === 'NUL';
}

function enclosingLoop(node: SyntaxNode, fn: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n && n.id !== fn.id; n = n.parent) if (n.type === 'for_statement' || n.type === 'while_statement' || n.type === 'do_statement') return n;
  return undefined;
}

/** `for (…; i < N; …)` with N a constant, writing at index `i`. */
function countsToConstant(facts: CFacts, loop: SyntaxNode, index: SyntaxNode): boolean {
  const condition = loop.childForFieldName('condition');
  const test = condition?.type === 'parenthesized_expression' ? condition.namedChildren[0] : condition;
  if (test?.type !== 'binary_expression' || !['<', '<='].includes(test.childForFieldName('operator')?.text ?? '')) return false;
  const bound = test.childForFieldName('right');
  return test.childForFieldName('left')?.text === index.text && !!bound && facts.constant(bound)?.kind === 'int';
}

/** Whether a call before the end of `loop` is handed the buffer (it may fill or terminate it). */
function callsBefore(fn: SyntaxNode, loop: SyntaxNode, name: string): boolean {
  return (fn.childForFieldName('body')?.descendantsOfType('call_expression') ?? []).some(
    (call) => call.startIndex < loop.endIndex && (call.childForFieldName('arguments')?.namedChildren ?? []).some((a) => a.text === name),
  );
}

/** Calls that write into their first argument, and do not read it as a string. */
const WRITES_FIRST = /^(?:strncpy|wcsncpy|stpncpy|memset|memcpy|memmove|bzero|snprintf|sprintf|strlcpy|read|fgets|recv)$/;

/** Calls that take a buffer with its length, reading bytes rather than a string. */
const BYTES = /^(?:fwrite|write|send|sendto|memcpy|memmove|memcmp|memchr|memset)$/;

/** The first call after `from` that hands the buffer to a function that reads it as a string (not one that writes it, or reads it by length). */
function laterRead(fn: SyntaxNode, from: SyntaxNode, dst: string): SyntaxNode | undefined {
  const body = fn.childForFieldName('body');
  return body?.descendantsOfType('call_expression').find((call) => {
    if (call.startIndex < from.endIndex) return false;
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    const callee = call.childForFieldName('function')?.text ?? '';
    return !BYTES.test(callee) && args.some((a, i) => a.text === dst && !(i === 0 && WRITES_FIRST.test(callee)));
  });
}

/**
 * Whether the function writes a NUL into the buffer, or fills it some other way, after `from`
 * (and before `until`, when given).
 */
function terminatedAfter(facts: CFacts, fn: SyntaxNode, from: SyntaxNode | undefined, dst: string, until?: SyntaxNode): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return true;
  const inRange = (n: SyntaxNode): boolean => (!from || n.startIndex >= from.endIndex) && (!until || n.endIndex <= until.startIndex);
  for (const assign of body.descendantsOfType('assignment_expression')) {
    if (!inRange(assign)) continue;
    const left = assign.childForFieldName('left');
    const right = assign.childForFieldName('right');
    const target = left?.type === 'subscript_expression' ? left.childForFieldName('argument')?.text : left?.type === 'pointer_expression' ? left.childForFieldName('argument')?.text.replace(/\s*\+.*$/, '') : undefined;
    if (target === dst && right && isNul(facts, right)) return true;
  }
  // A copy into the buffer that always terminates, after this one, makes it a string again.
  for (const later of body.descendantsOfType('call_expression')) {
    if (!inRange(later)) continue;
    const first = later.childForFieldName('arguments')?.namedChildren[0]?.text;
    if (first === dst && /^(snprintf|strlcpy|strcpy|memset|bzero|sprintf)$/.test(later.childForFieldName('function')?.text ?? '')) return true;
  }
  return false;
}
