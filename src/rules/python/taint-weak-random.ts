import { taintRule } from './taint-rule.js';

export const taintWeakRandom = taintRule('weak-random', {
  id: 'py/taint-weak-random',
  title: 'Predictable random value used as a secret',
  cwe: 330,
  defectType: 'encryption',
  severity: 'high',
  confidence: 'high',
  description: 'A value from the `random` module (a Mersenne Twister whose state can be recovered from its outputs) becomes a token, password, cookie or other secret, so an attacker can predict it.',
  solution: 'Generate secrets with the `secrets` module (secrets.token_urlsafe(), secrets.token_hex(), secrets.choice()) or os.urandom().',
});
