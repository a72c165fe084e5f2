/**
 * Does an identifier name a secret? Used by the rules on hard-coded credentials, weak randomness
 * and erased secrets, in every language: they judge a value by the name it is stored under. The
 * name's head noun (its last word) decides, as in English: `db_password` is a password, `password_length` is a length.
 */
import { ownString } from '../core/memory.js';

/**
 * - `password`: a password or passphrase;
 * - `credential`: any other secret that grants access (API keys, tokens, signing keys);
 * - `unpredictable`: values that are not credentials but must not be guessable (salts, nonces, OTPs).
 */
export type SensitiveKind = 'password' | 'credential' | 'unpredictable';

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'passwort', 'pw', 'pass']);
/** `first_pass`, `single_pass`: a pass of an algorithm, not a password. */
const NOT_PASSWORD_PASS = new Set(['first', 'second', 'third', 'last', 'next', 'single', 'multi', 'one', 'two', 'each', 'this', 'final', 'initial', 'by']);

const CREDENTIAL_WORDS = new Set([
  'secret', 'token', 'apikey', 'privatekey', 'secretkey', 'accesskey', 'credential', 'credentials', 'creds', 'sessionid',
  'sessionkey', 'sessiontoken', 'sessionsecret', 'authtoken', 'accesstoken', 'refreshtoken', 'clientsecret', 'signingkey',
  'encryptionkey', 'masterkey', 'csrftoken', 'xsrftoken', 'apisecret', 'authkey', 'appkey', 'apitoken', 'bearertoken',
]);
/** Tokens that are not secrets: pagination cursors, lexer and tokenizer vocabulary. */
const NOT_SECRET_TOKEN = new Set([
  'next', 'page', 'continuation', 'sync', 'cancel', 'cancellation', 'pagination', 'start', 'end', 'eos', 'bos', 'pad', 'unk',
  'sep', 'cls', 'mask', 'special', 'lexer', 'parse', 'parser', 'split', 'stop', 'word', 'first', 'last', 'prev', 'previous',
]);
const KEY_QUALIFIERS = new Set([
  'api', 'private', 'secret', 'access', 'auth', 'signing', 'sign', 'encryption', 'encrypt', 'crypt', 'crypto', 'master',
  'hmac', 'aes', 'session', 'client', 'app', 'jwt', 'fernet', 'account', 'storage', 'subscription', 'consumer',
]);
const REMEMBER_NOUNS = new Set(['key', 'token', 'cookie', 'id', 'value', 'secret']);
const UNPREDICTABLE_WORDS = new Set(['salt', 'nonce', 'iv', 'pin', 'otp', 'totp', 'hotp']);
const CODE_QUALIFIERS = new Set([
  'reset', 'verification', 'verify', 'confirm', 'confirmation', 'activation', 'auth', 'otp', 'login', 'mfa', 'twofa',
  'invite', 'invitation', 'recovery', 'backup', 'access', 'security',
]);

// Rules ask about the same few names (`self`, `data`, `path`) over and over: each is split once.
const wordsByName = new Map<string, readonly string[]>();
const MAX_NAMES = 4096;

/** `apiKey`, `API_KEY`, `api-key` -> ['api', 'key']; digits are dropped (`password2`). Shared: never to be changed. */
export function nameWords(name: string): readonly string[] {
  let words = wordsByName.get(name);
  if (words === undefined) {
    words = name
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter(Boolean);
    if (wordsByName.size >= MAX_NAMES) wordsByName.clear();
    wordsByName.set(ownString(name), words);
  }
  return words;
}

/** What kind of secret a variable, attribute, key or parameter name denotes, if any. */
export function sensitiveKind(name: string): SensitiveKind | undefined {
  return kindOfWords(nameWords(name));
}

/**
 * The same for a function or method name, where the noun may be followed by a complement:
 * `generate_token_for_user` produces a token, `set_password` receives a password.
 */
export function sensitiveCallableKind(name: string): SensitiveKind | undefined {
  const words = nameWords(name);
  for (let end = words.length; end > 0; end--) {
    const kind = kindOfWords(words.slice(0, end));
    if (kind) return kind;
  }
  return undefined;
}

function kindOfWords(words: readonly string[]): SensitiveKind | undefined {
  const last = words[words.length - 1];
  const prev = words[words.length - 2];
  if (last === undefined) return undefined;
  if (PASSWORD_WORDS.has(last)) {
    if (last === 'pass' && (prev === undefined || NOT_PASSWORD_PASS.has(prev))) return undefined;
    return 'password';
  }
  if (CREDENTIAL_WORDS.has(last)) return last === 'token' && prev !== undefined && NOT_SECRET_TOKEN.has(prev) ? undefined : 'credential';
  if (last === 'key' && prev !== undefined && KEY_QUALIFIERS.has(prev)) return 'credential';
  if (last === 'id' && prev === 'session') return 'credential';
  // `remember_me_key`, `rememberToken`, the `rememberMe` cookie: what keeps a user logged in is a login credential.
  if (words.includes('remember') && REMEMBER_NOUNS.has(last)) return 'credential';
  if (last === 'me' && prev === 'remember') return 'credential';
  if (UNPREDICTABLE_WORDS.has(last)) return 'unpredictable';
  if (last === 'code' && prev !== undefined && CODE_QUALIFIERS.has(prev)) return 'unpredictable';
  return undefined;
}
