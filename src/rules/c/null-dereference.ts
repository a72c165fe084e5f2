import { pathEventRule } from './path-event-rule.js';

export const nullDereference = pathEventRule(
  {
    id: 'c/null-dereference',
    title: 'NULL pointer dereference',
    cwe: 476,
    defectType: 'crash',
    severity: 'medium',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description:
      'A pointer is dereferenced on a path where it can be NULL: the unchecked result of an allocation or of a lookup that can fail (CWE-690), a pointer set to NULL on some path, or a pointer that the code itself checks for NULL only after using it. Dereferencing NULL crashes the process.',
    solution:
      'Check results that can be NULL (malloc, strdup, fopen, getenv, strchr, realloc …) before the first use and handle the failure; when a pointer may legitimately be NULL, test it before every dereference, not after.',
  },
  ['null-unchecked', 'null-known', 'null-late-check'],
);
