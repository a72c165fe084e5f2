import { pathEventRule } from './path-event-rule.js';

export const handleLeak = pathEventRule(
  {
    id: 'c/handle-leak',
    title: 'File or handle not closed on some path',
    cwe: 775,
    defectType: 'resource-leak',
    severity: 'medium',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description:
      'A file, descriptor, socket, directory or pipe opened in the function is not closed, returned or stored on at least one path. Each leak holds a kernel resource until the process exits; a server that leaks on an error path eventually cannot open anything.',
    solution:
      'Close the handle on every path out of the function, typically from one cleanup label; return or store it only when ownership really moves to the caller.',
  },
  ['handle-leak'],
);
