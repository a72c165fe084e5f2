import { pathEventRule } from './path-event-rule.js';

export const memoryLeak = pathEventRule(
  {
    id: 'c/memory-leak',
    title: 'Memory not released on some path',
    cwe: 401,
    defectType: 'resource-leak',
    severity: 'medium',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description:
      'Memory allocated in the function is neither freed, returned nor stored anywhere that outlives the function on at least one path: an early return, an error branch, a `continue`, a failed realloc() that overwrote the only pointer, or a second allocation into the same pointer. Repeated, the leak exhausts memory.',
    solution:
      'Free the memory on every path out of the function; a single cleanup label (`goto out`) that releases everything acquired so far keeps error paths honest. For realloc(), assign the result to a temporary and keep the old pointer when it fails.',
  },
  ['memory-leak'],
);
