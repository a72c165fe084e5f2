import { pythonFacts } from '../../languages/python/facts.js';
import { shortText } from '../../languages/python/describe.js';
import { callArguments } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** Environments that render text templates with Jinja2's default of autoescape=False. */
const ENVIRONMENTS = new Set(['jinja2.Environment', 'jinja2.environment.Environment', 'jinja2.sandbox.SandboxedEnvironment']);
const TEMPLATES = new Set(['jinja2.Template', 'jinja2.environment.Template']);

export const jinja2AutoescapeOff: Rule = {
  meta: {
    id: 'py/jinja2-autoescape-off',
    title: 'Jinja2 environment without HTML autoescaping',
    cwe: 79,
    defectType: 'cross-site-scripting',
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    description:
      'A Jinja2 environment is created with autoescaping off, which is Jinja2\'s default outside Flask. Every `{{ value }}` is then inserted into the page verbatim, so data containing `<script>` or an event-handler attribute runs in the browser of whoever views the page (cross-site scripting).',
    solution:
      'Create the environment with autoescape=select_autoescape(["html", "htm", "xml"]) (or autoescape=True when it only renders HTML), and mark the few trusted HTML fragments with markupsafe.Markup instead of disabling escaping.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (!callee) return;
        const environment = ENVIRONMENTS.has(callee);
        if (!environment && !TEMPLATES.has(callee)) return;
        const { keywords, hasSplat } = callArguments(node);
        const autoescape = keywords.get('autoescape');
        if (autoescape) {
          if (facts.truthOf(autoescape) !== false) return;
          context.report({
            node,
            message: `${callee}() is created with ${autoescape.text === 'False' ? 'autoescape=False' : `autoescape=${shortText(autoescape)} (False)`}: values rendered into its templates are not HTML-escaped, so markup in them becomes cross-site scripting.`,
          });
          return;
        }
        // jinja2.Template("…") is usually plain text (e-mails, configs); only environments are reported by default.
        if (!environment || hasSplat) return;
        context.report({
          node,
          message: `${callee}() is created without autoescape, and Jinja2 defaults to no escaping: values rendered into HTML templates from it are inserted verbatim, so markup in them becomes cross-site scripting.`,
        });
      },
    };
  },
};
