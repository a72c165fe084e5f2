import { pathEventRule } from './path-event-rule.js';

export const endlessLoop = pathEventRule(
  {
    id: 'c/endless-loop',
    title: 'Loop whose exit condition is never met',
    cwe: 835,
    defectType: 'denial-of-service',
    severity: 'medium',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'A loop written to end on a condition can never meet it: the values the loop gives the variables of its condition always keep it running (`for (i = 0; i >= 0; i = (i + 1) % 256)`), and nothing else in the loop leaves it. The thread spins forever. Loops written to run forever (`for (;;)`, `while (1)`) are not reported.',
    solution: 'Fix the condition or the update so that the loop reaches its end (compare against the bound the update can reach, use a wider or signed type), or add the `break` the loop is missing.',
  },
  ['endless-loop'],
);
