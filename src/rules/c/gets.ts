import { calleeName } from '../../languages/c/syntax.js';
import type { Rule } from '../types.js';

export const gets: Rule = {
  meta: {
    id: 'c/gets',
    title: 'Use of gets()',
    cwe: 242,
    defectType: 'buffer-overflow',
    severity: 'critical',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'gets() reads a line into a buffer without knowing its size, so any input longer than the buffer overflows it. It cannot be used safely and was removed from C11.',
    solution: 'Use fgets(buf, sizeof buf, stdin) and strip the trailing newline, or getline() for unbounded lines.',
  },
  create(context) {
    return {
      call_expression(node) {
        const name = calleeName(node);
        if (name !== 'gets' && name !== '_getws' && name !== 'std::gets') return;
        context.report({
          node,
          message: `${name}() writes an unbounded line from standard input into \`${node.childForFieldName('arguments')?.namedChildren[0]?.text ?? 'its buffer'}\`; input longer than the buffer overflows it.`,
        });
      },
    };
  },
};
