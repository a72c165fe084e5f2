/**
 * Whether a function checks a value before it uses it: the cheap, syntactic evidence of a bound
 * check that keeps rules quiet where the author already did the right thing.
 */
import type { SyntaxNode } from '../parse.js';
import type { CFacts } from './facts.js';
import { calleeName, callArguments, compactText, isBefore, operatorOf, unwrap } from './syntax.js';

const RELATIONAL = new Set(['<', '<=', '>', '>=', '==', '!=']);
const OVERFLOW_CHECKS = new Set([
  '__builtin_mul_overflow', '__builtin_add_overflow', '__builtin_umull_overflow', '__builtin_umulll_overflow',
  '__builtin_uaddl_overflow', 'ckd_mul', 'ckd_add', 'SIZE_MUL_OVERFLOW', 'size_mul_overflow', 'check_mul_overflow',
  'check_add_overflow',
]);
const CLAMPS = new Set(['MIN', 'min', 'std::min', 'std::clamp', 'clamp', 'MIN2', 'g_min']);

/** True when `expr` is, or contains, an expression spelled `text` (whitespace aside). */
export function mentions(expr: SyntaxNode, text: string): boolean {
  if (compactText(expr) === text) return true;
  return expr.namedChildren.some((c) => mentions(c, text));
}

/**
 * True when, before `at` in `fn`, `operand` is bounded from above: compared with a limit
 * (`n > MAX`, `n > SIZE_MAX / sizeof *p`, `sz / n != m`), clamped with MIN(), or passed to an
 * overflow-checking builtin. `n <= 0` or `read(fd, &n, 4) != 4` do not bound `n`.
 */
export function isCheckedBefore(facts: CFacts, fn: SyntaxNode, at: SyntaxNode, operand: SyntaxNode): boolean {
  const text = compactText(operand);
  const compared = fn.descendantsOfType('binary_expression').some((b) => isBefore(b, at) && boundsFromAbove(facts, b, text) && !facts.isDead(b));
  if (compared) return true;
  return fn.descendantsOfType('call_expression').some((call) => {
    if (!isBefore(call, at) || facts.isDead(call)) return false;
    const callee = calleeName(call) ?? '';
    if (OVERFLOW_CHECKS.has(callee)) return callArguments(call).some((a) => mentions(a, text));
    if (CLAMPS.has(callee)) {
      const assigned = call.parent?.type === 'assignment_expression' ? call.parent.childForFieldName('left') : undefined;
      return !!assigned && compactText(assigned) === text;
    }
    return false;
  });
}

function boundsFromAbove(facts: CFacts, comparison: SyntaxNode, text: string): boolean {
  const op = operatorOf(comparison) ?? '';
  if (!RELATIONAL.has(op)) return false;
  const left = comparison.childForFieldName('left');
  const right = comparison.childForFieldName('right');
  if (!left || !right) return false;
  const inLeft = inArithmetic(left, text);
  const inRight = inArithmetic(right, text);
  if (!inLeft && !inRight) return false;
  // The division idiom of an overflow check: `total / n != size`.
  if (op === '==' || op === '!=') return comparison.descendantsOfType('binary_expression').some((b) => operatorOf(b) === '/');
  const other = facts.constant(inLeft ? right : left);
  return !(other?.kind === 'int' && other.value <= 1);
}

/** `text` is one side of the comparison, or a term of the arithmetic there, not an argument of a call. */
function inArithmetic(side: SyntaxNode, text: string): boolean {
  const n = unwrap(side);
  if (compactText(n) === text) return true;
  if (n.type !== 'binary_expression' || !['+', '-', '*', '/', '<<', '>>'].includes(operatorOf(n) ?? '')) return false;
  const [l, r] = [n.childForFieldName('left'), n.childForFieldName('right')];
  return (!!l && inArithmetic(l, text)) || (!!r && inArithmetic(r, text));
}

/** True when `fn` measures `source` with strlen()/strnlen() before `at`, as length checks do. */
export function isMeasuredBefore(fn: SyntaxNode, at: SyntaxNode, source: SyntaxNode): boolean {
  const text = compactText(source);
  // For `s.c_str()`, checking `s.size()` or `s.length()` measures the same string.
  const object = /^(.*)\.(?:c_str|data)\(\)$/.exec(text)?.[1];
  return fn.descendantsOfType('call_expression').some((call) => {
    if (!isBefore(call, at)) return false;
    if (object !== undefined) {
      const measured = /^(.*)\.(?:size|length)\(\)$/.exec(compactText(call))?.[1];
      if (measured === object) return true;
    }
    const callee = (calleeName(call) ?? '').replace(/^std::/, '');
    if (!['strlen', 'strnlen', 'wcslen', 'wcsnlen', '_tcslen', 'lstrlen', 'lstrlenA', 'lstrlenW'].includes(callee)) return false;
    const arg = callArguments(call)[0];
    return !!arg && compactText(arg) === text;
  });
}

/** True when `fn` checks `value` against a constant character set with strspn()/strcspn() before `at`. */
export function isAllowListedBefore(facts: CFacts, fn: SyntaxNode, at: SyntaxNode, value: SyntaxNode): boolean {
  const text = compactText(value);
  return fn.descendantsOfType('call_expression').some((call) => {
    if (!isBefore(call, at) || facts.isDead(call)) return false;
    const callee = (calleeName(call) ?? '').replace(/^std::/, '');
    if (callee !== 'strspn' && callee !== 'strcspn' && callee !== 'wcsspn') return false;
    const [subject, set] = callArguments(call);
    return !!subject && !!set && compactText(subject) === text && facts.isConstant(set) && isCompared(call);
  });
}

/** The value feeds a comparison (`strspn(s, ok) != strlen(s)`), not an index being written (`s[strcspn(s, "\n")] = 0`). */
function isCompared(call: SyntaxNode): boolean {
  for (let n = call.parent; n && !n.type.endsWith('statement'); n = n.parent) {
    if (n.type === 'assignment_expression') return false;
    if (n.type === 'binary_expression' && RELATIONAL.has(operatorOf(n) ?? '')) return true;
  }
  return false;
}
