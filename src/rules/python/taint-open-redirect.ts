import { taintRule } from './taint-rule.js';

export const taintOpenRedirect = taintRule('redirect', {
  id: 'py/taint-open-redirect',
  title: 'Redirect to a URL taken from untrusted input',
  cwe: 601,
  defectType: 'improper-access',
  severity: 'medium',
  confidence: 'high',
  description: 'The target of a redirect comes from the request, so an attacker can send users from a trusted link to a site of their choice (phishing, token theft).',
  solution: 'Redirect to routes built with url_for(), or check the target with url_has_allowed_host_and_scheme() / an allow-list of hosts before redirecting.',
});
