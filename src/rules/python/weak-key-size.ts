import { pythonFacts } from '../../languages/python/facts.js';
import { argument } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** Key generators, by where the size in bits goes, and the smallest size still considered safe. */
const GENERATORS: Record<string, { pos: number; kw: string; min: number; what: string }> = {
  'cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key': { pos: 1, kw: 'key_size', min: 2048, what: 'RSA' },
  'cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key': { pos: 0, kw: 'key_size', min: 2048, what: 'DSA' },
  'cryptography.hazmat.primitives.asymmetric.dh.generate_parameters': { pos: 1, kw: 'key_size', min: 2048, what: 'Diffie-Hellman' },
  'Crypto.PublicKey.RSA.generate': { pos: 0, kw: 'bits', min: 2048, what: 'RSA' },
  'Cryptodome.PublicKey.RSA.generate': { pos: 0, kw: 'bits', min: 2048, what: 'RSA' },
  'Crypto.PublicKey.DSA.generate': { pos: 0, kw: 'bits', min: 2048, what: 'DSA' },
  'Cryptodome.PublicKey.DSA.generate': { pos: 0, kw: 'bits', min: 2048, what: 'DSA' },
  'rsa.newkeys': { pos: 0, kw: 'nbits', min: 2048, what: 'RSA' },
};
/** Elliptic curves under 224 bits, which NIST no longer allows for new keys. */
const WEAK_CURVES = /^cryptography\.hazmat\.primitives\.asymmetric\.ec\.(SECP192R1|SECT163K1|SECT163R2)$/;

export const weakKeySize: Rule = {
  meta: {
    id: 'py/weak-key-size',
    title: 'Asymmetric key too short',
    cwe: 326,
    defectType: 'encryption',
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    description:
      'An RSA, DSA or Diffie-Hellman key shorter than 2048 bits, or an elliptic curve under 224 bits, is generated. Such keys are within reach of factoring and discrete-logarithm computations, so signatures can be forged and encrypted data read.',
    solution:
      'Generate RSA, DSA and DH keys of at least 2048 bits (3072 for data that must stay secret past 2030), or use elliptic curves of 256 bits or more (SECP256R1, Ed25519, X25519).',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (!callee) return;
        const generator = GENERATORS[callee];
        if (generator) {
          const size = argument(node, generator.pos, generator.kw);
          const bits = size ? facts.constantValue(size) : undefined;
          if (typeof bits === 'number' && bits < generator.min) {
            context.report({ node, message: `${callee.split('.').slice(-2).join('.')}() makes a ${bits}-bit ${generator.what} key; under ${generator.min} bits it can be broken with today's computing power.` });
          }
          return;
        }
        if (WEAK_CURVES.test(callee)) {
          context.report({ node, message: `${callee.split('.').pop()} is an elliptic curve under 224 bits, too small for new keys.` });
        }
      },
    };
  },
};
