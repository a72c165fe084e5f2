import { taintRule } from './taint-rule.js';

export const taintLdapInjection = taintRule('ldap', {
  id: 'py/taint-ldap-injection',
  title: 'LDAP query built from untrusted input',
  cwe: 90,
  defectType: 'other',
  severity: 'high',
  confidence: 'high',
  description: 'Untrusted input is placed in an LDAP search filter or base without escaping, so an attacker can change the query, e.g. to bypass authentication or enumerate the directory.',
  solution: 'Escape values with ldap3.utils.conv.escape_filter_chars() (or ldap.filter.escape_filter_chars()) before putting them into a filter.',
});
