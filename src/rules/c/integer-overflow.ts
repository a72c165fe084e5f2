import { pathEventRule } from './path-event-rule.js';

export const integerOverflow = pathEventRule(
  {
    id: 'c/integer-overflow',
    title: 'Integer overflow or wraparound on untrusted values',
    cwe: 190,
    defectType: 'integer-overflow',
    severity: 'high',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description:
      'Arithmetic on values an attacker chooses can exceed the range of its type and wrap around: a total, a timeout or an offset becomes small or negative (CWE-190), a subtraction goes below zero and an unsigned result becomes huge (CWE-191), or a wrapped product sizes an allocation that is then overrun (CWE-680).',
    solution:
      'Bound untrusted values before the arithmetic (`if (n > MAX_ITEMS) return`), test for overflow explicitly (`if (a > SIZE_MAX / b)`, `__builtin_mul_overflow`), compute in a wider type, and use calloc()/reallocarray() for element counts.',
  },
  ['int-overflow', 'int-underflow'],
);
