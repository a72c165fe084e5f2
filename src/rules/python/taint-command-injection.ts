import { taintRule } from './taint-rule.js';

export const taintCommandInjection = taintRule('command', {
  id: 'py/taint-command-injection',
  title: 'OS command built from untrusted input',
  cwe: 78,
  defectType: 'command-injection',
  severity: 'critical',
  confidence: 'high',
  description: 'Untrusted input reaches a shell command or the program name of a process without neutralisation, so an attacker can run commands of their choice.',
  solution: 'Pass the program and its arguments as a list without shell=True, keep the program name constant, and validate arguments against an allow-list; if a shell is unavoidable, quote each argument with shlex.quote().',
});
