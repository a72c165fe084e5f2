import { taintRule } from './taint-rule.js';

export const taintCodeInjection = taintRule('code', {
  id: 'py/taint-code-injection',
  title: 'Untrusted input evaluated as Python code',
  cwe: 95,
  defectType: 'command-injection',
  severity: 'critical',
  confidence: 'high',
  description: 'Untrusted input reaches eval(), exec() or compile(), so an attacker can run arbitrary Python code in the process.',
  solution: 'Never evaluate input as code. Parse literals with ast.literal_eval(), or map the input to an allow-list of operations.',
});
