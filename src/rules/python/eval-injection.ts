import { pythonFacts } from '../../languages/python/facts.js';
import { argument } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

const DYNAMIC_CODE = new Set(['eval', 'exec', 'compile', 'builtins.eval', 'builtins.exec', 'builtins.compile']);

export const evalInjection: Rule = {
  meta: {
    id: 'py/eval-injection',
    title: 'Dynamic code evaluation of non-literal data',
    cwe: 95,
    defectType: 'command-injection',
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    description:
      'eval(), exec() and compile() run their argument as Python code. When the argument is not a literal, anyone who can influence it can run arbitrary code in the process.',
    solution:
      'Do not evaluate data as code. Parse literals with ast.literal_eval(), dispatch on an allow-list of known operations, or use a real parser for the expected format (json, a config parser).',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (!callee || !DYNAMIC_CODE.has(callee)) return;
        const code = argument(node, 0, 'source');
        if (!code || facts.isConstant(code)) return;
        const fn = callee.replace(/^builtins\./, '');
        context.report({
          node,
          message: `${fn}() evaluates \`${code.text}\`, which is not a constant: whoever controls it can execute arbitrary Python code with this process's privileges.`,
        });
      },
    };
  },
};
