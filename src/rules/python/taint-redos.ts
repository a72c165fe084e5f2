import { taintRule } from './taint-rule.js';

export const taintRedos = taintRule('redos', {
  id: 'py/taint-redos',
  title: 'Regular expression denial of service: untrusted text against a backtracking pattern, or an untrusted pattern',
  cwe: 1333,
  defectType: 'denial-of-service',
  severity: 'medium',
  confidence: 'high',
  description:
    'Python\'s `re` backtracks: a pattern that can match some text in exponentially many ways (nested or overlapping repetition such as `(a+)+`) tries them one by one when the match fails, so a few dozen characters keep a worker busy for minutes. Either the pattern is such and the text is untrusted, or the client writes the pattern itself.',
  solution:
    'Rewrite the pattern so that each character can be matched in one way only (`(a+)+$` is `a+$`), bound the input\'s length before matching, or match with a linear-time engine such as google-re2 (`re2`); put client text into a pattern only through re.escape().',
});
