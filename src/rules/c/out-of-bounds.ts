import { pathEventRule } from './path-event-rule.js';

export const outOfBounds = pathEventRule(
  {
    id: 'c/out-of-bounds',
    title: 'Read or write outside a buffer',
    cwe: 787,
    defectType: 'buffer-overflow',
    severity: 'high',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description:
      'An index, a length or a pointer offset lets the code read or write outside the object it points into: before its start or past its end. Out-of-bounds writes corrupt the stack or the heap and are the classic route to code execution; out-of-bounds reads leak memory or crash. The analysis follows each path and reports an access when the index or length can leave the object, either because it comes from untrusted data that is not checked against the size, or because a constant is simply too large.',
    solution:
      'Check every index and length against the real size of the destination before the access (`if (i < 0 || i >= COUNT) return`), compute sizes with `sizeof` rather than repeating numbers, and prefer bounded functions (snprintf, strlcpy) that are given the destination size.',
  },
  ['out-of-bounds'],
);
