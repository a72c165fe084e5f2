import { taintRule } from './taint-rule.js';

export const taintDeserialization = taintRule('deserialization', {
  id: 'py/taint-deserialization',
  title: 'Deserialisation of untrusted data',
  cwe: 502,
  defectType: 'other',
  severity: 'critical',
  confidence: 'high',
  description: 'Untrusted data is deserialised with pickle, marshal, an unsafe YAML loader or a similar format that can construct arbitrary objects, which lets an attacker run code.',
  solution: 'Exchange data as JSON (or yaml.safe_load for YAML); if objects must be serialised, sign them (hmac) and verify the signature before loading.',
});
