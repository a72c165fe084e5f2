import { pathEventRule } from './path-event-rule.js';

export const unboundedLoop = pathEventRule(
  {
    id: 'c/unbounded-loop',
    title: 'Loop or wait controlled by untrusted input',
    cwe: 606,
    defectType: 'denial-of-service',
    severity: 'medium',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description:
      'A loop runs as many times as untrusted data says, with no upper limit (CWE-606), or can run forever: it never exits when the input ends, or its position advances by a value read from the data that can be 0 (CWE-835); or sleep() waits as long as untrusted data says (CWE-400). Each keeps a thread busy indefinitely.',
    solution:
      'Clamp iteration counts and waits to a sane maximum, exit loops on end of input and on errors of the read calls, and reject zero-length steps in parsers.',
  },
  ['input-loop', 'input-wait', 'infinite-loop'],
);
