import { taintRule } from './taint-rule.js';

export const taintHeaderInjection = taintRule('header', {
  id: 'py/taint-header-injection',
  title: 'HTTP header built from untrusted input',
  cwe: 113,
  defectType: 'other',
  severity: 'medium',
  confidence: 'medium',
  description: 'Untrusted input is written into an HTTP response header; carriage returns and line feeds in it can split the response or add headers.',
  solution: 'Reject or strip "\\r" and "\\n" from the value, or encode it (urllib.parse.quote) before putting it in a header.',
});
