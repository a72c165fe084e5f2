import type { Expr } from '../../analysis/ir.js';
import type { Rule } from '../types.js';
import { cModule, forEachCall, literalString, nodeAt } from './ir-calls.js';

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

/**
 * Windows picks the algorithm by an argument, not by the function's name: an ALG_ID of CryptoAPI
 * (`CryptDeriveKey(prov, CALG_DES, …)`) or an algorithm name of CNG
 * (`BCryptOpenAlgorithmProvider(&h, BCRYPT_MD5_ALGORITHM, …)`, or the same as `L"MD5"`).
 */
const ALGORITHM_ARG: Record<string, number> = { CryptCreateHash: 1, CryptDeriveKey: 1, CryptGenKey: 1, BCryptOpenAlgorithmProvider: 1 };

function windowsAlgorithm(x: Expr | undefined): string | undefined {
  if (x?.k === 'name' && /^(?:CALG|BCRYPT)_\w+$/.test(x.n)) return x.n;
  const text = literalString(x);
  return text !== undefined ? `"${text}"` : undefined;
}

function windowsWeakness(algorithm: string): { cwe: number; what: string } | undefined {
  const id = algorithm.replace(/^(?:CALG_|BCRYPT_)|_ALGORITHM$|"/g, '').toUpperCase();
  if (/^(?:MD[245]|SHA1?)$/.test(id)) return { cwe: 328, what: id === 'SHA' || id === 'SHA1' ? 'SHA-1, whose collisions are practical' : `the broken ${id} hash` };
  if (/^(?:DESX?|3DES(?:_112)?|RC[245]|CYLINK_MEK|SKIPJACK)$/.test(id)) return { cwe: 327, what: 'a broken or obsolete cipher' };
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
      'The code uses an algorithm that no longer protects data: DES, triple DES, RC4, RC2, RC5, Blowfish and other obsolete ciphers, ECB mode, or MD5/MD4/MD2/SHA-1 for hashing (CWE-328), whether named by an OpenSSL function or by a Windows CryptoAPI or CNG algorithm identifier (`CALG_DES`, `BCRYPT_MD5_ALGORITHM`). Attackers can recover plaintexts, forge messages or find collisions.',
    solution:
      'Use an authenticated cipher such as AES-GCM or ChaCha20-Poly1305 (EVP_aes_256_gcm; CALG_AES_256 or BCRYPT_AES_ALGORITHM on Windows), SHA-256 or better for digests, and a slow password hash (PBKDF2, scrypt, Argon2) for passwords.',
  },
  create(context) {
    return {
      translation_unit() {
        for (const fn of context.memo(cModule).functions) {
          forEachCall(fn, (call, name) => {
            if (!name) return;
            const w = weakness(name);
            if (w) {
              context.report({ node: nodeAt(context.tree, call), cwe: w.cwe, message: `\`${name}()\` selects ${w.what}.` });
              return;
            }
            const pos = ALGORITHM_ARG[name];
            const algorithm = pos !== undefined ? windowsAlgorithm(call.a[pos]) : undefined;
            const weak = algorithm ? windowsWeakness(algorithm) : undefined;
            if (weak) context.report({ node: nodeAt(context.tree, call), cwe: weak.cwe, message: `\`${name}()\` is given \`${algorithm}\`, which selects ${weak.what}.` });
          });
        }
      },
    };
  },
};
