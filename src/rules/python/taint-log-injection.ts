import { taintRule } from './taint-rule.js';

export const taintLogInjection = taintRule('log', {
  id: 'py/taint-log-injection',
  title: 'Untrusted input written to the log',
  cwe: 117,
  defectType: 'other',
  severity: 'low',
  confidence: 'medium',
  description: 'Untrusted input is logged as is; line breaks in it let an attacker forge log entries or hide their tracks.',
  solution: 'Remove or escape "\\r" and "\\n" (value.replace("\\n", "")), or log the value with %r so it is quoted.',
});
