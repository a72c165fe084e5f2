import { taintRule } from './taint-rule.js';

export const taintXxe = taintRule('xxe', {
  id: 'py/taint-xxe',
  title: 'Untrusted XML parsed with external entities enabled',
  cwe: 611,
  defectType: 'other',
  severity: 'high',
  confidence: 'medium',
  description: 'XML from an untrusted source is parsed by a parser that resolves external entities, so a document can read local files or make the server send requests (XXE).',
  solution: 'Parse untrusted XML with defusedxml, or create the lxml parser with resolve_entities=False and no_network=True.',
});
