import type { Rule } from '../types.js';
import { cModule, forEachCall, nodeAt } from './ir-calls.js';

/** OpenSSL and libc names of broken ciphers, cipher modes and hashes, with the CWE that fits. */
function weakness(name: string): { cwe: number; what: string } | undefined {
  if (/^(?:EVP_)?(?:md5|md4|md2)\b|^MD[245](?:_Init|_Update|_Final)?$/i.test(name)) return { cwe: 328, what: 'the broken MD5/MD4 hash' };
  if (/^(?:EVP_sha1|SHA1(?:_Init|_Update|_Final)?|SHA)$/.test(name)) return { cwe: 328, what: 'SHA-1, whose collisions are practical' };
  if (/^EVP_(?:des|rc4|rc2|bf|cast5|idea|seed)(?:_|$)/i.test(name) || /^(?:DES|RC4|RC2|BF|CAST)_/.test(name) || name === 'RC4' || name === 'crypt') {
    return { cwe: 327, what: 'a broken or obsolete cipher' };
  }
  if (/^EVP_\w+_ecb$/.test(name)) return { cwe: 327, what: 'ECB mode, which leaks the structure of the plaintext' };
  return undefined;
}

export const brokenCrypto: Rule = {
  meta: {
    id: 'c/broken-crypto',
    title: 'Broken or risky cryptographic algorithm',
    cwe: 327,
    defectType: 'encryption',
    severity: 'high',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'The code uses an algorithm that no longer protects data: DES, RC4, RC2, Blowfish and other obsolete ciphers, ECB mode, or MD5/MD4/SHA-1 for hashing (CWE-328). Attackers can recover plaintexts, forge messages or find collisions.',
    solution:
      'Use an authenticated cipher such as AES-GCM or ChaCha20-Poly1305 (EVP_aes_256_gcm), SHA-256 or better for digests, and a slow password hash (PBKDF2, scrypt, Argon2) for passwords.',
  },
  create(context) {
    return {
      translation_unit() {
        for (const fn of context.memo(cModule).functions) {
          forEachCall(fn, (call, name) => {
            const w = name ? weakness(name) : undefined;
            if (!w) return;
            context.report({ node: nodeAt(context.tree, call), cwe: w.cwe, message: `\`${name}()\` selects ${w.what}.` });
          });
        }
      },
    };
  },
};
