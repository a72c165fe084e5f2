import { pythonFacts } from '../../languages/python/facts.js';
import { shortText } from '../../languages/python/describe.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { argument, calleeTail, receiver } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** HTTP client packages whose `verify=` keyword controls certificate checks. */
const HTTP_PACKAGES = /^(requests|httpx|urllib3|aiohttp|pip\._vendor\.requests)\./;
/** Method names through which sessions and clients send requests, for receivers that cannot be resolved. */
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream', 'Session', 'Client', 'AsyncClient']);
const TLS_ATTRIBUTES = new Set(['verify_mode', 'check_hostname', 'verify', '_create_default_https_context']);
const TLS_KEYWORDS = new Set(['verify', 'verify_ssl', 'ssl', 'cert_reqs']);
const UNVERIFIED_CONTEXT = new Set(['ssl._create_unverified_context', 'ssl._create_stdlib_context']);
/** Paramiko policies that accept a server's host key the first time (or every time) it is unknown. */
const TRUSTING_HOST_KEY_POLICIES = new Set(['paramiko.AutoAddPolicy', 'paramiko.WarningPolicy', 'paramiko.client.AutoAddPolicy', 'paramiko.client.WarningPolicy']);

const WHY = 'so any machine on the network path can impersonate the server and read or alter the traffic';

export const tlsVerificationDisabled: Rule = {
  meta: {
    id: 'py/tls-verification-disabled',
    title: 'TLS certificate or SSH host key verification disabled',
    cwe: 295,
    defectType: 'encryption',
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    description:
      'The connection accepts any certificate (or any host name), or an SSH client accepts any unknown host key, so encryption no longer authenticates the server: an attacker on the network path can present their own certificate or key, read credentials and responses, and alter them. Silencing urllib3 warnings is not by itself a defect and is not reported.',
    solution:
      'Keep verification on (verify=True, the default; ssl.create_default_context()). For an internal CA, point the client at its bundle (verify="/path/ca.pem", cafile=…) instead of disabling checks. With paramiko, load known hosts (client.load_system_host_keys()) and keep RejectPolicy.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    const isFalse = (n: SyntaxNode) => facts.truthOf(n) === false;
    const isCertNone = (n: SyntaxNode) => facts.qualifiedName(n) === 'ssl.CERT_NONE' || facts.constantValue(n) === 'CERT_NONE';

    const isHttpClient = (object: SyntaxNode) =>
      HTTP_PACKAGES.test(`${facts.qualifiedName(object) ?? ''}.`) || /session|client/i.test(object.text);

    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (callee && UNVERIFIED_CONTEXT.has(callee)) {
          context.report({ node, message: `${callee}() creates an SSL context that checks neither the certificate nor the host name, ${WHY}.` });
        }
        if (calleeTail(node) === 'set_missing_host_key_policy') {
          const policy = argument(node, 0, 'policy');
          const created = policy?.type === 'call' ? policy.childForFieldName('function') : policy;
          const name = created ? facts.qualifiedName(created) : undefined;
          if (name && TRUSTING_HOST_KEY_POLICIES.has(name)) {
            context.report({ node, message: `${shortText(node.childForFieldName('function') ?? node)}(${name.split('.').pop()}) accepts the host key of any server it has not seen before, so an attacker on the network path can pose as the server and receive the credentials.` });
          }
        }
      },
      keyword_argument(node) {
        const keyword = node.childForFieldName('name')?.text;
        if (!keyword || !TLS_KEYWORDS.has(keyword)) return;
        const value = node.childForFieldName('value');
        const call = node.parent?.parent;
        if (!value || call?.type !== 'call') return;
        const callee = facts.calleeName(call);
        const tail = calleeTail(call);
        const object = receiver(call);
        const name = callee ?? (tail ? `${object ? `${shortText(object)}.` : ''}${tail}` : undefined);
        if (!name) return;
        const httpCall = (callee !== undefined && HTTP_PACKAGES.test(callee)) || (!!tail && HTTP_METHODS.has(tail) && !!object);
        if (keyword === 'cert_reqs') {
          if (isCertNone(value)) context.report({ node: call, message: `${name}() is called with cert_reqs=CERT_NONE: the peer's certificate is not checked, ${WHY}.` });
          return;
        }
        if (!isFalse(value)) return;
        if (keyword === 'verify' ? !httpCall : keyword === 'ssl' ? !callee?.startsWith('aiohttp.') : !httpCall && tail !== 'TCPConnector') return;
        const shown = value.text === 'False' ? `${keyword}=False` : `${keyword}=${shortText(value)} (False)`;
        context.report({ node: call, message: `${name}() is called with ${shown}: the server's certificate is not checked, ${WHY}.` });
      },
      assignment(node) {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left?.type !== 'attribute' || !right) return;
        const attr = left.childForFieldName('attribute')?.text;
        if (!attr || !TLS_ATTRIBUTES.has(attr)) return;
        const target = shortText(left);
        if (attr === 'verify_mode' && isCertNone(right)) {
          context.report({ node, message: `\`${target}\` is set to CERT_NONE: the peer's certificate is not checked, ${WHY}.` });
        } else if (attr === 'check_hostname' && isFalse(right)) {
          context.report({ node, message: `\`${target}\` is set to False: a valid certificate for any other host name is accepted, ${WHY}.` });
        } else if (attr === 'verify' && isFalse(right) && isHttpClient(left.childForFieldName('object') ?? left)) {
          context.report({ node, message: `\`${target}\` is set to False: every request sent through it skips certificate checks, ${WHY}.` });
        } else if (facts.qualifiedName(left) === 'ssl._create_default_https_context' && UNVERIFIED_CONTEXT.has(facts.qualifiedName(right) ?? '')) {
          context.report({ node, message: `The default HTTPS context of the whole process is replaced by ${shortText(right)}: no HTTPS connection made through the standard library checks certificates any more, ${WHY}.` });
        }
      },
    };
  },
};
