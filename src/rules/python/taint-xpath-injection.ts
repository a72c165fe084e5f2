import { taintRule } from './taint-rule.js';

export const taintXpathInjection = taintRule('xpath', {
  id: 'py/taint-xpath-injection',
  title: 'XPath query built from untrusted input',
  cwe: 643,
  defectType: 'other',
  severity: 'high',
  confidence: 'high',
  description: 'Untrusted input is concatenated into an XPath expression, so an attacker can change what the query selects and read data they should not.',
  solution: 'Keep the XPath expression constant and pass input as XPath variables, e.g. tree.xpath("//user[@name=$name]", name=value).',
});
