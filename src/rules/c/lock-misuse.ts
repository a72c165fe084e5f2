import { pathEventRule } from './path-event-rule.js';

export const lockMisuse = pathEventRule(
  {
    id: 'c/lock-misuse',
    title: 'Lock not released, released twice or taken twice',
    cwe: 667,
    defectType: 'deadlock',
    severity: 'high',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description:
      'A mutex or read-write lock is left held on some path out of the function (an early return, a `goto`, a `continue` or an exception; CWE-667), unlocked on a path where it is not held (CWE-832), or locked again while already held (CWE-764). The first makes every later thread block forever, the others are undefined behaviour that corrupts the lock.',
    solution:
      'Pair every lock with exactly one unlock on every path: release before each return, funnel errors through one unlock label, test the result of trylock; in C++ use std::lock_guard or std::unique_lock.',
  },
  ['lock-not-released', 'unlock-not-held', 'double-lock'],
);
