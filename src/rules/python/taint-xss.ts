import { taintRule } from './taint-rule.js';

export const taintXss = taintRule('xss', {
  id: 'py/taint-xss',
  title: 'HTML response built from untrusted input',
  cwe: 79,
  defectType: 'cross-site-scripting',
  severity: 'high',
  confidence: 'high',
  description: 'Untrusted input is written into an HTML response, marked safe, or rendered as a template without escaping, so an attacker can inject script that runs in other users\' browsers.',
  solution: 'Render HTML through templates with autoescaping and pass the input as a variable, or escape it with markupsafe.escape()/html.escape(); never wrap input in Markup() or use it as template source.',
});
