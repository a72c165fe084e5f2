import { pathEventRule } from './path-event-rule.js';

export const unboundedAllocation = pathEventRule(
  {
    id: 'c/unbounded-allocation',
    title: 'Allocation sized by untrusted input without a limit',
    cwe: 789,
    defectType: 'denial-of-service',
    severity: 'medium',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description:
      'The size of a heap allocation, an alloca() or a variable-length array comes from untrusted data with no upper limit. A request for gigabytes exhausts memory or, on the stack, overflows it and crashes the program.',
    solution:
      'Reject sizes above a limit that suits the data (`if (len > MAX_MESSAGE) return`) before allocating, and never size stack arrays from input.',
  },
  ['unbounded-alloc'],
);
