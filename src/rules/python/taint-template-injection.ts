import { taintRule } from './taint-rule.js';

export const taintTemplateInjection = taintRule('template', {
  id: 'py/taint-template-injection',
  title: 'Template source built from untrusted input',
  cwe: 1336,
  defectType: 'command-injection',
  severity: 'critical',
  confidence: 'high',
  description:
    'Untrusted input becomes part of a template\'s source, which the template engine compiles and runs: `{{ config }}` reads secrets, and in Jinja2 or Mako expressions such as `{{ cycler.__init__.__globals__.os.popen("id").read() }}` run commands on the server (server-side template injection).',
  solution:
    'Keep template sources constant (files or literals) and pass input as variables: render_template_string("Hello {{ name }}", name=value). Sandboxing (jinja2.sandbox) narrows but does not remove the risk.',
});
