import { pathEventRule } from './path-event-rule.js';

export const doubleFree = pathEventRule(
  {
    id: 'c/double-free',
    title: 'Memory released twice',
    cwe: 415,
    defectType: 'use-after-free',
    severity: 'critical',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      "The same memory is released a second time on some path (free() twice, delete twice, or a helper that already freed it). A double free corrupts the allocator's bookkeeping and can be turned into arbitrary writes.",
    solution:
      'Release each allocation exactly once: set the pointer to NULL after free() (free(NULL) is harmless), and make one owner responsible for cleanup, for example a single `goto out` label.',
  },
  ['double-free'],
);
