import { taintRule } from './taint-rule.js';

export const taintSsrf = taintRule('ssrf', {
  id: 'py/taint-ssrf',
  title: 'Outgoing request to a URL taken from untrusted input',
  cwe: 918,
  defectType: 'improper-access',
  severity: 'high',
  confidence: 'high',
  description: 'The scheme or host of an outgoing request comes from untrusted input, so an attacker can make the server reach internal services or cloud metadata endpoints (SSRF).',
  solution: 'Keep the scheme and host fixed and put input only in the path or query, or check the parsed host against an allow-list before sending the request.',
});
