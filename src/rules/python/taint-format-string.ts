import { taintRule } from './taint-rule.js';

export const taintFormatString = taintRule('format', {
  id: 'py/taint-format-string',
  title: 'Format string taken from untrusted input',
  cwe: 134,
  defectType: 'format-string',
  severity: 'medium',
  confidence: 'high',
  description:
    'Untrusted input is used as the template of str.format(), whose fields can walk attributes and items of the arguments: `{user.__init__.__globals__[SECRET_KEY]}` prints secrets and configuration the arguments can reach.',
  solution:
    'Keep format strings constant and pass input as arguments. To let users write templates, use string.Template with safe_substitute() or a sandboxed Jinja2 environment, which do not follow attributes.',
});
