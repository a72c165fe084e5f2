import { pythonFacts } from '../../languages/python/facts.js';
import { shortText } from '../../languages/python/describe.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { argument } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** PyCryptodome modes, by where their IV or nonce goes in `Cipher.new(key, mode, …)`. */
const PYCRYPTO_IV_MODES = new Set(['MODE_CBC', 'MODE_CFB', 'MODE_OFB', 'MODE_OPENPGP']);
const PYCRYPTO_NONCE_MODES = new Set(['MODE_CTR', 'MODE_GCM', 'MODE_EAX', 'MODE_CCM', 'MODE_SIV', 'MODE_OCB']);
/** cryptography's modes and AEAD classes, with the argument that must change per message. */
const HAZMAT_MODES: Record<string, string> = { CBC: 'IV', CFB: 'IV', OFB: 'IV', CTR: 'nonce', GCM: 'IV' };
const AEAD = /^cryptography\.hazmat\.primitives\.ciphers\.aead\.(AESGCM|AESCCM|ChaCha20Poly1305|AESOCB3|AESSIV)\(\)\.encrypt$/;

export const staticIv: Rule = {
  meta: {
    id: 'py/static-iv',
    title: 'Initialization vector or nonce fixed in the code',
    cwe: 329,
    defectType: 'encryption',
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    description:
      'Every message is encrypted with the same IV or nonce, written in the code. In CBC mode equal message starts give equal ciphertext, and predictable IVs allow chosen-plaintext attacks; in CTR and GCM a repeated nonce under one key reveals the XOR of the plaintexts and, for GCM, lets an attacker forge messages.',
    solution:
      'Generate a fresh IV or nonce for each message with os.urandom() or secrets.token_bytes() (16 bytes for CBC, 12 for GCM), send it along with the ciphertext, or let the library pick one (PyCryptodome does when iv/nonce is omitted).',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    const fixed = (n: SyntaxNode | undefined): n is SyntaxNode => !!n && facts.isConstant(n) && facts.constantValue(n) !== null;
    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (!callee) return;
        let iv: SyntaxNode | undefined;
        let what = 'IV';
        if (/^(?:Crypto|Cryptodome)\.Cipher\.\w+\.new$/.test(callee)) {
          const mode = (facts.qualifiedName(argument(node, 1, 'mode') ?? node) ?? '').split('.').pop() ?? '';
          if (PYCRYPTO_IV_MODES.has(mode)) iv = argument(node, 2, 'iv');
          else if (PYCRYPTO_NONCE_MODES.has(mode)) [iv, what] = [argument(node, 2, 'nonce'), 'nonce'];
        } else {
          const hazmat = /^cryptography\.hazmat\.primitives\.ciphers\.modes\.(\w+)$/.exec(callee);
          if (hazmat && HAZMAT_MODES[hazmat[1]]) [iv, what] = [argument(node, 0), HAZMAT_MODES[hazmat[1]]];
          else if (AEAD.test(callee)) [iv, what] = [argument(node, 0, 'nonce'), 'nonce'];
        }
        if (!fixed(iv)) return;
        context.report({
          node,
          // A nonce used twice under one key is CWE-323; a fixed CBC/CFB/OFB IV, CWE-329.
          ...(what === 'nonce' ? { cwe: 323 } : {}),
          message: `${shortText(node.childForFieldName('function') ?? node)}() gets the ${what} \`${shortText(iv)}\`, fixed in the code: every message under this key is encrypted with the same ${what}.`,
        });
      },
    };
  },
};
