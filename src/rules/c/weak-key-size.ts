import { cFacts } from '../../languages/c/facts.js';
import type { Rule } from '../types.js';
import { liveContext } from './live-context.js';

/** OpenSSL calls that fix a key's size, by the position of the size in bits. */
const GENERATORS: Record<string, { pos: number; what: string }> = {
  RSA_generate_key: { pos: 0, what: 'RSA' },
  RSA_generate_key_ex: { pos: 1, what: 'RSA' },
  RSA_generate_multi_prime_key: { pos: 1, what: 'RSA' },
  EVP_PKEY_CTX_set_rsa_keygen_bits: { pos: 1, what: 'RSA' },
  DSA_generate_parameters: { pos: 0, what: 'DSA' },
  DSA_generate_parameters_ex: { pos: 1, what: 'DSA' },
  EVP_PKEY_CTX_set_dsa_paramgen_bits: { pos: 1, what: 'DSA' },
  DH_generate_parameters: { pos: 0, what: 'Diffie-Hellman' },
  DH_generate_parameters_ex: { pos: 1, what: 'Diffie-Hellman' },
  EVP_PKEY_CTX_set_dh_paramgen_prime_len: { pos: 1, what: 'Diffie-Hellman' },
};
const MIN_BITS = 2048;

export const weakKeySize: Rule = {
  meta: {
    id: 'c/weak-key-size',
    title: 'Asymmetric key too short',
    cwe: 326,
    defectType: 'encryption',
    severity: 'high',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'An RSA, DSA or Diffie-Hellman key (or parameter set) shorter than 2048 bits is generated. Such keys are within reach of factoring and discrete-logarithm computations, so signatures can be forged and encrypted data read.',
    solution: 'Generate RSA, DSA and DH keys of at least 2048 bits (3072 for data that must stay secret past 2030), or use elliptic-curve keys of 256 bits or more (P-256, Ed25519, X25519).',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    return {
      call_expression(node) {
        const name = facts.libraryCallee(node);
        const generator = name ? GENERATORS[name] : undefined;
        if (!generator) return;
        const size = node.childForFieldName('arguments')?.namedChildren[generator.pos];
        const bits = size ? facts.constant(size) : undefined;
        if (bits?.kind !== 'int' || bits.value >= MIN_BITS || bits.value <= 0) return;
        context.report({ node, message: `${name}() makes a ${bits.value}-bit ${generator.what} key; under ${MIN_BITS} bits it can be broken with today's computing power.` });
      },
    };
  },
};
