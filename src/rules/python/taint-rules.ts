/** Every Python data-flow rule, one per sink class. */
import { taintCodeInjection } from './taint-code-injection.js';
import { taintCommandInjection } from './taint-command-injection.js';
import { taintCookieFlags } from './taint-cookie-flags.js';
import { taintDeserialization } from './taint-deserialization.js';
import { taintFormatString } from './taint-format-string.js';
import { taintHeaderInjection } from './taint-header-injection.js';
import { taintLdapInjection } from './taint-ldap-injection.js';
import { taintLogInjection } from './taint-log-injection.js';
import { taintOpenRedirect } from './taint-open-redirect.js';
import { taintPathTraversal } from './taint-path-traversal.js';
import { taintRedos } from './taint-redos.js';
import type { TaintRule } from './taint-rule.js';
import { taintSqlInjection } from './taint-sql-injection.js';
import { taintSsrf } from './taint-ssrf.js';
import { taintTemplateInjection } from './taint-template-injection.js';
import { taintTrustBoundary } from './taint-trust-boundary.js';
import { taintWeakPasswordHash } from './taint-weak-password-hash.js';
import { taintWeakRandom } from './taint-weak-random.js';
import { taintXpathInjection } from './taint-xpath-injection.js';
import { taintXss } from './taint-xss.js';
import { taintXxe } from './taint-xxe.js';

export const pythonTaintRules: TaintRule[] = [
  taintCommandInjection,
  taintSqlInjection,
  taintCodeInjection,
  taintPathTraversal,
  taintXss,
  taintOpenRedirect,
  taintLdapInjection,
  taintXpathInjection,
  taintXxe,
  taintDeserialization,
  taintSsrf,
  taintTrustBoundary,
  taintHeaderInjection,
  taintLogInjection,
  taintWeakRandom,
  taintWeakPasswordHash,
  taintCookieFlags,
  taintRedos,
  taintFormatString,
  taintTemplateInjection,
];
