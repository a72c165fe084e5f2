import type { Expr, FunctionIR, ModuleIR } from '../../analysis/ir.js';
import { KEY_ARG, KEY_MATERIAL, PASSWORD_ARG } from '../../languages/c/secrets.js';
import type { Rule } from '../types.js';
import { cModule, forEachAssign, forEachCall, literalString, nodeAt, type Call } from './ir-calls.js';

/** KEY_MATERIAL: the hash CryptHashData() fills is made a key by CryptDeriveKey() in the same function. */
function hashesKeyMaterial(call: Call, fn: FunctionIR): boolean {
  const hash = call.a[0];
  if (hash?.k !== 'name') return false;
  let derived = false;
  forEachCall(fn, (other, name) => {
    const base = other.a[2];
    if (name === KEY_MATERIAL.derivedBy && base?.k === 'name' && base.n === hash.n) derived = true;
  });
  return derived;
}

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
            const pos = !name ? undefined : name === KEY_MATERIAL.call ? (hashesKeyMaterial(call, fn) ? KEY_MATERIAL.pos : undefined) : KEY_ARG[name];
            const key = pos !== undefined ? call.a[pos] : undefined;
            if (!key || !fixedData(key, fn, m)) return;
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
            if (pos !== undefined && call.a[pos] && fixedData(call.a[pos], fn, m)) {
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
