import { pathEventRule } from './path-event-rule.js';

export const mismatchedRelease = pathEventRule(
  {
    id: 'c/mismatched-release',
    title: 'Allocation and release functions do not match',
    cwe: 762,
    defectType: 'crash',
    severity: 'high',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'Memory or a handle is released with a function of another family: new[] with delete, malloc() with delete, new with free(), popen() with fclose(), or a smart pointer of the wrong form. Each family keeps its own bookkeeping, so the mismatch is undefined behaviour that corrupts the heap or leaks. A stream or descriptor closed by the wrong call is reported as CWE-404.',
    solution:
      'Release with the partner of the allocation: malloc/calloc/realloc/strdup with free, new with delete, new[] with delete[], fopen with fclose, popen with pclose; use std::unique_ptr<T[]> for arrays.',
  },
  ['mismatched-release'],
);
