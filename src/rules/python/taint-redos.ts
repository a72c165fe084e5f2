import { taintRule } from './taint-rule.js';

export const taintRedos = taintRule('redos', {
  id: 'py/taint-redos',
  title: 'Untrusted input matched by a regular expression that backtracks exponentially',
  cwe: 1333,
  defectType: 'denial-of-service',
  severity: 'medium',
  confidence: 'high',
  description:
    'The pattern can match some text in exponentially many ways (nested or overlapping repetition such as `(a+)+`), and Python\'s `re` tries them one by one when the match fails, so a few dozen characters of input keep a worker busy for minutes.',
  solution:
    'Rewrite the pattern so that each character can be matched in one way only (`(a+)+$` is `a+$`), bound the input\'s length before matching, or match untrusted text with a linear-time engine such as google-re2 (`re2`).',
});
