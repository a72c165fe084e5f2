import { taintRule } from './taint-rule.js';

export const taintTrustBoundary = taintRule('trust-boundary', {
  id: 'py/taint-trust-boundary',
  title: 'Untrusted input stored in the session',
  cwe: 501,
  defectType: 'improper-access',
  severity: 'medium',
  confidence: 'medium',
  description: 'Request data is stored in the session, where other code treats it as trusted server-side state.',
  solution: 'Validate the value (type, allow-list, ownership) before storing it in the session, or keep it out of the session.',
});
