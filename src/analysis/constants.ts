/**
 * Constant folding over IR operators, so conditions such as `7 * 18 + num > 200` (with `num` known)
 * or `"a" == "b"` decide which branch is live. Operators are the source language's spelling; the
 * semantics are the common ground of Python and C on numbers, strings and booleans. Anything
 * uncertain folds to `undefined` (unknown), never to a guess.
 */
import type { ConstValue } from './ir.js';

export function truthy(v: ConstValue): boolean {
  if (v === null) return false;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  return v;
}

function num(v: ConstValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

function safe(n: number): number | undefined {
  return Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : undefined;
}

export function foldBinary(op: string, a: ConstValue, b: ConstValue): ConstValue | undefined {
  if (typeof a === 'string' || typeof b === 'string') {
    if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
    if (op === '*') {
      const [s, n] = typeof a === 'string' ? [a, num(b)] : [b as string, num(a)];
      if (typeof s === 'string' && n !== undefined && n >= 0 && n * s.length <= 4096) return s.repeat(n);
    }
    return undefined;
  }
  const x = num(a);
  const y = num(b);
  if (x === undefined || y === undefined) return undefined;
  switch (op) {
    case '+':
      return safe(x + y);
    case '-':
      return safe(x - y);
    case '*':
      return safe(x * y);
    case '/':
      return y === 0 ? undefined : x / y;
    case '//':
      return y === 0 ? undefined : safe(Math.floor(x / y));
    case '%':
      return y === 0 ? undefined : safe(((x % y) + y) % y);
    case '**':
      return y < 0 ? undefined : safe(x ** y);
    case '<<':
      return y < 0 || y > 52 ? undefined : safe(x * 2 ** y);
    case '>>':
      return y < 0 ? undefined : safe(Math.floor(x / 2 ** y));
    case '&':
      return Number.isInteger(x) && Number.isInteger(y) && Math.abs(x) < 2 ** 31 && Math.abs(y) < 2 ** 31 ? x & y : undefined;
    case '|':
      return Number.isInteger(x) && Number.isInteger(y) && Math.abs(x) < 2 ** 31 && Math.abs(y) < 2 ** 31 ? x | y : undefined;
    case '^':
      return Number.isInteger(x) && Number.isInteger(y) && Math.abs(x) < 2 ** 31 && Math.abs(y) < 2 ** 31 ? x ^ y : undefined;
    default:
      return undefined;
  }
}

export function foldCompare(op: string, a: ConstValue, b: ConstValue): boolean | undefined {
  switch (op) {
    case '==':
      return equal(a, b);
    case '!=':
    case '<>':
      return !equal(a, b);
    case 'is':
      return a === null || b === null || typeof a === 'boolean' || typeof b === 'boolean' ? a === b : undefined;
    case 'is not':
      return a === null || b === null || typeof a === 'boolean' || typeof b === 'boolean' ? a !== b : undefined;
    case 'in':
      return typeof a === 'string' && typeof b === 'string' ? b.includes(a) : undefined;
    case 'not in':
      return typeof a === 'string' && typeof b === 'string' ? !b.includes(a) : undefined;
    default:
      break;
  }
  if (typeof a === 'string' && typeof b === 'string') return order(op, a, b);
  const x = num(a);
  const y = num(b);
  return x === undefined || y === undefined ? undefined : order(op, x, y);
}

/** `<`, `<=`, `>`, `>=` between two numbers or two strings; undefined for any other operator. */
export function order<T extends number | string>(op: string, a: T, b: T): boolean | undefined {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return undefined;
  }
}

function equal(a: ConstValue, b: ConstValue): boolean {
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined) return x === y;
  return a === b;
}

export function foldUnary(op: string, a: ConstValue): ConstValue | undefined {
  switch (op) {
    case 'not':
    case '!':
      return !truthy(a);
    case '-': {
      const x = num(a);
      return x === undefined ? undefined : -x;
    }
    case '+':
      return num(a);
    case '~': {
      const x = num(a);
      return x !== undefined && Number.isInteger(x) && Math.abs(x) < 2 ** 31 ? ~x : undefined;
    }
    default:
      return undefined;
  }
}
