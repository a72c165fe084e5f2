import { cFacts } from '../../languages/c/facts.js';
import type { Rule } from '../types.js';
import { liveContext } from './live-context.js';

/** Functions that only invent a file name; the file is created later, by someone. */
const NAME_ONLY = new Set([
  'tmpnam', 'tmpnam_r', 'tempnam', 'mktemp', '_mktemp', '_mktemp_s', '_wmktemp', '_wmktemp_s', '_tmpnam', '_wtmpnam', '_tempnam', '_wtempnam',
]);

export const insecureTempfile: Rule = {
  meta: {
    id: 'c/insecure-tempfile',
    title: 'Temporary file name created without the file',
    cwe: 377,
    defectType: 'race-condition',
    severity: 'medium',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'tmpnam(), tempnam() and mktemp() return a file name that did not exist a moment ago and nothing more. Between that call and the open() that follows, another local user can create the same path, typically as a symlink to a file of their choosing, and the program then writes to, truncates or reads from a file an attacker controls.',
    solution:
      'Create and open the file in one atomic step: mkstemp() or mkostemp() for a named file (then fdopen() if a FILE * is needed), mkdtemp() for a directory, or tmpfile() for an anonymous file.',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    return {
      call_expression(node) {
        const name = facts.libraryCallee(node);
        if (!name || !NAME_ONLY.has(name)) return;
        context.report({
          node,
          message: `${name}() only picks a name for a temporary file; another local user can create that path between this call and the moment the program opens it, and the program then uses a file the attacker controls.`,
          solution: `Replace ${name}() with mkstemp() (or tmpfile() when the file needs no name), which creates and opens the file atomically with O_EXCL and mode 0600.`,
        });
      },
    };
  },
};
