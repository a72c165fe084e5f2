import { pathEventRule } from './path-event-rule.js';

export const freeOfNonHeap = pathEventRule(
  {
    id: 'c/free-of-non-heap',
    title: 'Release of memory not allocated on the heap',
    cwe: 590,
    defectType: 'crash',
    severity: 'high',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'free() or delete is given a pointer that did not come from the allocator: a stack array, a static buffer, a string literal, or a pointer moved past the start of its block. The allocator then works on memory it does not own, which crashes or corrupts the heap.',
    solution:
      'Only release what malloc()/new returned, unchanged: keep the original pointer for free() and use a second pointer to walk the data; never free stack or static storage.',
  },
  ['free-not-heap', 'free-offset'],
);
