import type { Expr, FunctionIR, ModuleIR } from '../../analysis/ir.js';
import { isFixedText } from '../../languages/c/constant-text.js';
import { cFacts } from '../../languages/c/facts.js';
import { callArguments } from '../../languages/c/syntax.js';
import type { Rule, RuleContext } from '../types.js';
import { cModule, forEachAssign, forEachCall, literalString, nodeAt, type Call } from './ir-calls.js';

/** Where the key sits in the calls that take one. */
const KEY_ARG: Record<string, number> = {
  EVP_EncryptInit_ex: 3, EVP_DecryptInit_ex: 3, EVP_CipherInit_ex: 3, EVP_EncryptInit: 2, EVP_DecryptInit: 2, EVP_CipherInit: 2,
  EVP_EncryptInit_ex2: 2, EVP_DecryptInit_ex2: 2, AES_set_encrypt_key: 0, AES_set_decrypt_key: 0, HMAC: 1, HMAC_Init_ex: 1,
  CMAC_Init: 1, DES_set_key: 0, BF_set_key: 2, RC4_set_key: 2, EVP_PKEY_new_mac_key: 2, EVP_PKEY_new_raw_private_key: 2,
  // Windows: a key blob imported as it is, a CNG key made from the given secret.
  CryptImportKey: 1, BCryptGenerateSymmetricKey: 4,
};

/**
 * CryptoAPI derives a key from a hash of secret material: what CryptHashData() hashes is the key
 * when CryptDeriveKey() turns that hash into one, in the same function.
 */
function hashesKeyMaterial(call: Call, fn: FunctionIR): boolean {
  const hash = call.a[0];
  if (hash?.k !== 'name') return false;
  let derived = false;
  forEachCall(fn, (other, name) => {
    const base = other.a[2];
    if (name === 'CryptDeriveKey' && base?.k === 'name' && base.n === hash.n) derived = true;
  });
  return derived;
}

/** Where the password sits in the calls that take one. */
const PASSWORD_ARG: Record<string, number> = {
  mysql_real_connect: 3, mysql_connect: 3, PQsetdbLogin: 6, ldap_simple_bind_s: 2, ldap_simple_bind: 2, ldap_bind_s: 2,
  SQLConnect: 5, SQLConnectA: 5, SQLConnectW: 5, sqlite3_key: 1, ssh_userauth_password: 2, libssh2_userauth_password: 2,
  PKCS5_PBKDF2_HMAC_SHA1: 0,
  // Windows logons and network connections.
  LogonUserA: 2, LogonUserW: 2, LogonUser: 2, LogonUserExA: 2, LogonUserExW: 2, LogonUserEx: 2, CreateProcessWithLogonW: 2,
  WNetAddConnectionA: 1, WNetAddConnectionW: 1, WNetAddConnection2A: 1, WNetAddConnection2W: 1, WNetAddConnection2: 1,
};

const PASSWORD_NAME = /(?:^|_)(?:pass(?:word|wd|phrase)?|pwd|secret)(?:$|_)/i;

/** True when `x` is data fixed in the program: a literal, or a variable only ever given literals. */
function fixedData(x: Expr, fn: FunctionIR, m: ModuleIR): boolean {
  let e = x;
  while (e.k === 'un' && e.op === 'cast') e = e.x;
  if (e.k === 'const') return typeof e.v === 'string' && e.v.length > 0;
  if (e.k !== 'name') return false;
  const body = fn.vars?.[e.n] ? fn.body : m.vars?.[e.n] ? m.functions.find((f) => f.id === '<module>')?.body : undefined;
  if (!body) return false;
  // A call that fills the variable (`fgets(buf, …)`, the IR's `out` store) makes it unknown; an
  // empty initializer alone is no secret.
  let filled = false;
  let constant = true;
  forEachAssign(body, (s) => {
    if (s.t.k !== 'name' || s.t.n !== e.n) return;
    const v = s.x.k === 'un' && s.x.op === 'cast' ? s.x.x : s.x;
    if (s.k === 'assign' && s.via === 'out') constant = false;
    else if (v.k === 'const' && typeof v.v === 'string') filled ||= v.v.length > 0;
    else if (v.k === 'seq' && v.xs.every((y) => y.k === 'const')) filled ||= v.xs.length > 0;
    else constant = false;
  });
  return filled && constant;
}

/**
 * True when argument `pos` of `call` is data fixed in the program: a literal or a variable only
 * given literals (on the IR), or text a buffer was filled with from constants only, followed to
 * the callers of a static function (`strcpy(password, PASSWORD); LogonUserA(user, domain, password, …)`).
 */
function fixedArgument(context: RuleContext, m: ModuleIR, fn: FunctionIR, call: Call, pos: number): boolean {
  const x = call.a[pos];
  if (!x) return false;
  if (fixedData(x, fn, m)) return true;
  const node = nodeAt(context.tree, call);
  const arg = node.type === 'call_expression' ? callArguments(node)[pos] : undefined;
  return !!arg && isFixedText(context.memo(cFacts), arg, node);
}

export const hardcodedKey: Rule = {
  meta: {
    id: 'c/hardcoded-key',
    title: 'Hard-coded cryptographic key',
    cwe: 321,
    defectType: 'encryption',
    severity: 'high',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description: 'An encryption or MAC key is a constant of the program. Everyone with the binary or the source has it, so it protects nothing, and it cannot be rotated without a new release.',
    solution: 'Load keys at run time from a protected key store, a file readable only by the service, or a KMS; generate per-installation keys with a CSPRNG.',
  },
  create(context) {
    return {
      translation_unit() {
        const m = context.memo(cModule);
        for (const fn of m.functions) {
          forEachCall(fn, (call, name) => {
            const pos = !name ? undefined : name === 'CryptHashData' ? (hashesKeyMaterial(call, fn) ? 1 : undefined) : KEY_ARG[name];
            const key = pos !== undefined ? call.a[pos] : undefined;
            if (!key || !fixedArgument(context, m, fn, call, pos!)) return;
            context.report({ node: nodeAt(context.tree, call), message: `\`${name}()\` is given a key fixed in the program (\`${context.file.text.slice(key.s, key.e)}\`).` });
          });
        }
      },
    };
  },
};

export const hardcodedPassword: Rule = {
  meta: {
    id: 'c/hardcoded-password',
    title: 'Hard-coded password',
    cwe: 259,
    defectType: 'improper-access',
    severity: 'high',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description: 'A password is written into the program, either passed to a login or connection call or compared with what the user typed. Anyone who reads the source or the binary can log in, and the password cannot be changed without a new release.',
    solution: 'Read credentials at run time from a secret store, an environment provided by the deployment, or a file only the service can read; compare user passwords against a salted slow hash.',
  },
  create(context) {
    return {
      translation_unit() {
        const m = context.memo(cModule);
        for (const fn of m.functions) {
          forEachCall(fn, (call, name) => {
            if (!name) return;
            const pos = PASSWORD_ARG[name];
            if (pos !== undefined && fixedArgument(context, m, fn, call, pos)) {
              context.report({ node: nodeAt(context.tree, call), message: `\`${name}()\` is given a password written in the program.` });
              return;
            }
            if (!/^(?:strcmp|strncmp|strcasecmp|memcmp|std::strcmp)$/.test(name)) return;
            const [a, b] = call.a;
            const lit = literalString(a) ?? literalString(b);
            const other = literalString(a) !== undefined ? b : a;
            const otherName = other?.k === 'name' ? other.n : other?.k === 'attr' ? other.n : undefined;
            if (lit && lit.length > 0 && otherName && PASSWORD_NAME.test(otherName)) {
              context.report({ node: nodeAt(context.tree, call), message: `\`${otherName}\` is compared with a password written in the program.` });
            }
          });
        }
      },
    };
  },
};
