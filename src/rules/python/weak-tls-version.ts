import { pythonFacts } from '../../languages/python/facts.js';
import { shortText } from '../../languages/python/describe.js';
import { argument } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** Protocol constants of ssl and pyOpenSSL that pin SSL 2/3 or TLS 1.0/1.1, with what breaks each. */
const WEAK_PROTOCOLS: Record<string, string> = {
  'ssl.PROTOCOL_SSLv2': 'SSL 2.0',
  'ssl.PROTOCOL_SSLv3': 'SSL 3.0',
  'ssl.PROTOCOL_TLSv1': 'TLS 1.0',
  'ssl.PROTOCOL_TLSv1_1': 'TLS 1.1',
  'OpenSSL.SSL.SSLv2_METHOD': 'SSL 2.0',
  'OpenSSL.SSL.SSLv3_METHOD': 'SSL 3.0',
  'OpenSSL.SSL.TLSv1_METHOD': 'TLS 1.0',
  'OpenSSL.SSL.TLSv1_1_METHOD': 'TLS 1.1',
  'ssl.TLSVersion.SSLv3': 'SSL 3.0',
  'ssl.TLSVersion.TLSv1': 'TLS 1.0',
  'ssl.TLSVersion.TLSv1_1': 'TLS 1.1',
};
const CONTEXTS = new Set(['ssl.SSLContext', 'OpenSSL.SSL.Context']);
const WHY = 'protocol versions with known attacks (POODLE, BEAST) and weak ciphers, which RFC 8996 deprecates';

export const weakTlsVersion: Rule = {
  meta: {
    id: 'py/weak-tls-version',
    title: 'SSL or early TLS protocol version allowed',
    cwe: 327,
    defectType: 'encryption',
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    description:
      'The connection is made with, or allowed to fall back to, SSL 2.0/3.0 or TLS 1.0/1.1. These versions have practical attacks (POODLE, BEAST, downgrade) and are deprecated by RFC 8996, so an attacker on the network path can weaken or read the traffic.',
    solution:
      'Use ssl.create_default_context() (or ssl.PROTOCOL_TLS_CLIENT / PROTOCOL_TLS_SERVER) and set context.minimum_version = ssl.TLSVersion.TLSv1_2 or newer; with pyOpenSSL use TLS_METHOD and set_min_proto_version(TLS1_2_VERSION).',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    const weak = (n: ReturnType<typeof argument>): string | undefined => (n ? WEAK_PROTOCOLS[facts.qualifiedName(n) ?? ''] : undefined);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (!callee) return;
        const version = CONTEXTS.has(callee) ? weak(argument(node, 0, 'protocol')) : callee === 'ssl.wrap_socket' ? weak(argument(node, 5, 'ssl_version')) : undefined;
        if (version) context.report({ node, message: `${callee}() pins ${version}, one of the ${WHY}.` });
      },
      assignment(node) {
        const left = node.childForFieldName('left');
        const attr = left?.type === 'attribute' ? left.childForFieldName('attribute')?.text : undefined;
        if (!left || attr !== 'minimum_version') return;
        const version = weak(node.childForFieldName('right') ?? undefined);
        if (version) context.report({ node, message: `\`${shortText(left)}\` lets connections fall back to ${version}, one of the ${WHY}.` });
      },
    };
  },
};
