import { pathEventRule } from './path-event-rule.js';

export const divisionByZero = pathEventRule(
  {
    id: 'c/division-by-zero',
    title: 'Division by a value that can be zero',
    cwe: 369,
    defectType: 'crash',
    severity: 'medium',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description:
      'An integer division or remainder uses a divisor that can be zero on some path: a value from untrusted input that is not checked, a number parsed from text (0 when the text is not a number), or a variable left at 0 on one path. Integer division by zero crashes the process.',
    solution:
      'Check the divisor before dividing (`if (count == 0) return ...`) or give it a safe default on every path.',
  },
  ['divide-by-zero'],
);
