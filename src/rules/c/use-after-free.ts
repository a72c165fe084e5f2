import { pathEventRule } from './path-event-rule.js';

export const useAfterFree = pathEventRule(
  {
    id: 'c/use-after-free',
    title: 'Memory used after it was freed',
    cwe: 416,
    defectType: 'use-after-free',
    severity: 'critical',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'Memory is read, written, passed on or returned after it was released by free(), delete or realloc(), on at least one path. The allocator may already have handed the block to someone else, so the access reads or corrupts unrelated data; attackers shape the heap to turn this into code execution.',
    solution:
      'Do the last use before the release, or set the pointer to NULL right after freeing it and test for NULL; when realloc() succeeds, use only the pointer it returned.',
  },
  ['use-after-free'],
);
