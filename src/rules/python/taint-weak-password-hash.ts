import { taintRule } from './taint-rule.js';

export const taintWeakPasswordHash = taintRule('password-hash', {
  id: 'py/taint-weak-password-hash',
  title: 'Password protected by a fast hash',
  cwe: 916,
  defectType: 'encryption',
  severity: 'high',
  confidence: 'high',
  description: 'A password is hashed with a fast general-purpose hash (MD5, SHA-1, SHA-2 …); stolen hashes can be cracked at billions of guesses per second.',
  solution: 'Hash passwords with a slow, salted password hash: argon2 (argon2-cffi), bcrypt, scrypt, or hashlib.pbkdf2_hmac with a high iteration count.',
});
