import { pythonFacts } from '../../languages/python/facts.js';
import { argument } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** Why each cipher is weak, by the names PyCryptodome/PyCrypto, cryptography and pyDes give it. */
const WEAK_CIPHERS: Record<string, string> = {
  DES: 'DES, whose 56-bit key is found by exhaustive search in hours',
  DES3: 'Triple DES, whose 64-bit block leaks plaintext after a few gigabytes under one key (Sweet32) and which NIST has withdrawn',
  TripleDES: 'Triple DES, whose 64-bit block leaks plaintext after a few gigabytes under one key (Sweet32) and which NIST has withdrawn',
  ARC2: 'RC2, a 64-bit-block cipher with known related-key attacks',
  ARC4: 'RC4, whose biased keystream lets an attacker recover plaintext',
  Blowfish: 'Blowfish, whose 64-bit block leaks plaintext after a few gigabytes under one key (Sweet32)',
  CAST: 'CAST5, whose 64-bit block leaks plaintext after a few gigabytes under one key (Sweet32)',
  CAST5: 'CAST5, whose 64-bit block leaks plaintext after a few gigabytes under one key (Sweet32)',
  IDEA: 'IDEA, a 64-bit-block cipher with weak-key classes',
  SEED: 'SEED, a legacy cipher no longer recommended',
  XOR: 'a repeating-key XOR, which is not encryption',
  des: 'DES, whose 56-bit key is found by exhaustive search in hours',
  triple_des: 'Triple DES, whose 64-bit block leaks plaintext after a few gigabytes under one key (Sweet32) and which NIST has withdrawn',
};
const ECB = 'ECB mode, which encrypts equal plaintext blocks to equal ciphertext blocks and so reveals patterns in the data';

export const weakCipher: Rule = {
  meta: {
    id: 'py/weak-cipher',
    title: 'Broken or risky cipher or ECB mode',
    cwe: 327,
    defectType: 'encryption',
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    description:
      'The data is encrypted with a cipher that is broken or obsolete (DES, Triple DES, RC2, RC4, Blowfish, CAST5, IDEA), or in ECB mode, which encrypts identical blocks identically. An attacker who sees the ciphertext can recover or infer the plaintext.',
    solution:
      'Use an authenticated modern construction: AES-GCM or ChaCha20-Poly1305 (cryptography\'s AESGCM/ChaCha20Poly1305, or Fernet for simple cases), with a fresh random nonce per message. Never use ECB mode.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (!callee) return;
        const pycrypto = /^(?:Crypto|Cryptodome)\.Cipher\.(\w+)\.new$/.exec(callee);
        if (pycrypto) {
          const mode = argument(node, 1, 'mode');
          const ecb = !!mode && /\.MODE_ECB$/.test(facts.qualifiedName(mode) ?? '');
          const weak = WEAK_CIPHERS[pycrypto[1]];
          if (!weak && !ecb) return;
          const what = weak ? `${weak}${ecb ? `, in ${ECB}` : ''}` : ECB;
          context.report({ node, message: `${callee}() encrypts with ${what}.` });
          return;
        }
        const hazmat = /^cryptography\.hazmat\.(?:primitives|decrepit)\.ciphers\.(algorithms|modes)\.(\w+)$/.exec(callee);
        if (hazmat) {
          const [, kind, name] = hazmat;
          if (kind === 'modes' && name === 'ECB') context.report({ node, message: `${callee}() selects ${ECB}.` });
          else if (kind === 'algorithms' && WEAK_CIPHERS[name]) context.report({ node, message: `${callee}() selects ${WEAK_CIPHERS[name]}.` });
          return;
        }
        const pyDes = /^pyDes\.(des|triple_des)$/.exec(callee);
        if (pyDes) {
          const mode = argument(node, 1, 'mode');
          const ecb = !mode || /\.ECB$/.test(facts.qualifiedName(mode) ?? '');
          context.report({ node, message: `${callee}() encrypts with ${WEAK_CIPHERS[pyDes[1]]}${ecb ? `, in ${ECB}` : ''}.` });
        }
      },
    };
  },
};
