import { pythonFacts } from '../../languages/python/facts.js';
import { originsPhrase } from '../../languages/python/describe.js';
import { argument, callArguments } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

type Weak = 'MD2' | 'MD4' | 'MD5' | 'SHA-1';

const HASHLIB_NAMES: Record<string, Weak> = { md2: 'MD2', md4: 'MD4', md5: 'MD5', sha1: 'SHA-1', sha: 'SHA-1' };
const HASH_CONSTRUCTORS = new Map<string, Weak>([
  ['hashlib.md5', 'MD5'],
  ['hashlib.sha1', 'SHA-1'],
  ['_hashlib.openssl_md5', 'MD5'],
  ['_hashlib.openssl_sha1', 'SHA-1'],
  ...['Crypto', 'Cryptodome'].flatMap((pkg): Array<[string, Weak]> => [
    [`${pkg}.Hash.MD2.new`, 'MD2'],
    [`${pkg}.Hash.MD4.new`, 'MD4'],
    [`${pkg}.Hash.MD5.new`, 'MD5'],
    [`${pkg}.Hash.SHA.new`, 'SHA-1'],
    [`${pkg}.Hash.SHA1.new`, 'SHA-1'],
  ]),
  ['cryptography.hazmat.primitives.hashes.MD5', 'MD5'],
  ['cryptography.hazmat.primitives.hashes.SHA1', 'SHA-1'],
]);

export const weakHash: Rule = {
  meta: {
    id: 'py/weak-hash',
    title: 'Broken hash function (MD5, SHA-1, MD4)',
    cwe: 328,
    defectType: 'encryption',
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    description:
      'MD2, MD4, MD5 and SHA-1 have practical collision attacks, so a digest made with them does not prove integrity or identity: an attacker can produce different data with the same digest. They are also far too fast to protect passwords.',
    solution:
      'Use SHA-256 or better (hashlib.sha256, hashlib.blake2b) for integrity and signatures, and a password hash (hashlib.scrypt, argon2, bcrypt, PBKDF2 with a high iteration count) for passwords. Where the digest only serves as a checksum or cache key, pass usedforsecurity=False to say so.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (!callee) return;
        let weak = HASH_CONSTRUCTORS.get(callee);
        let dataIndex = 0;
        if (!weak && callee === 'hashlib.new') {
          const name = facts.constantValue(argument(node, 0, 'name') ?? node);
          weak = typeof name === 'string' ? HASHLIB_NAMES[name.toLowerCase().replace(/[-_]/g, '')] : undefined;
          dataIndex = 1;
        }
        if (!weak) return;
        const { keywords } = callArguments(node);
        const usedForSecurity = keywords.get('usedforsecurity');
        if (usedForSecurity && facts.truthOf(usedForSecurity) === false) return;
        const data = argument(node, dataIndex, 'data') ?? argument(node, dataIndex, 'string');
        const origins = data ? facts.origins(data) : [];
        const of = data ? ` of ${originsPhrase(origins.length > 0 ? origins : [{ node: data }])}` : '';
        const article = weak.startsWith('MD') ? 'an' : 'a';
        const hint = callee.startsWith('hashlib.') ? ' If it is only a checksum or cache key, pass usedforsecurity=False.' : '';
        context.report({
          node,
          message: `${callee}() computes ${article} ${weak} digest${of}: ${weak} has practical collision attacks, so the digest cannot vouch for integrity or identity.${hint}`,
        });
      },
    };
  },
};
