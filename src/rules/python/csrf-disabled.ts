import { pythonFacts } from '../../languages/python/facts.js';
import { shortText } from '../../languages/python/describe.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { callArguments, calleeTail, stringValue } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';
import { DEVELOPMENT_PATH } from './debug-mode.js';
import { nameWords } from '../../languages/sensitive-names.js';

/** Decorators and calls that take a view (or blueprint) out of CSRF protection. */
const EXEMPTERS = /^(django\.views\.decorators\.csrf\.csrf_exempt|flask_wtf(\.csrf)?\.CSRFProtect\(\)\.exempt)$/;
const TESTING_WORDS = new Set(['test', 'tests', 'testing', 'dev', 'devel', 'development', 'local']);
/** Flask-WTF settings that switch the check off for every form and view. */
const SWITCHES = new Set(['WTF_CSRF_ENABLED', 'WTF_CSRF_CHECK_DEFAULT']);

const WHY = 'another site can then make a logged-in user\'s browser send it requests that change data (forged cross-site requests)';

export const csrfDisabled: Rule = {
  meta: {
    id: 'py/csrf-disabled',
    title: 'CSRF protection turned off',
    cwe: 352,
    defectType: 'cross-site-request-forgery',
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    description:
      'A view is exempted from the framework\'s CSRF check (Django\'s @csrf_exempt, Flask-WTF\'s csrf.exempt), or the check is disabled for the whole application (WTF_CSRF_ENABLED = False). Requests that arrive with the user\'s cookies are then accepted whichever site sent them. Exempting is right only for endpoints that authenticate every request some other way (a webhook signature, a bearer token), and then deserves a comment saying so.',
    solution:
      'Keep the CSRF middleware and protection on; send the token with forms and AJAX calls (the X-CSRFToken header). For machine-to-machine endpoints, authenticate each request (HMAC signature, token in a header) and do not rely on cookies there.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    const isOff = (n: SyntaxNode) => facts.truthOf(n) === false;
    return {
      decorator(node) {
        const expression = node.namedChildren[0];
        const target = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
        const name = target ? facts.qualifiedName(target) : undefined;
        if (!name || !EXEMPTERS.test(name)) return;
        const fn = node.parent?.childForFieldName('definition')?.childForFieldName('name')?.text;
        context.report({ node, message: `@${shortText(expression!)} takes ${fn ? `the view ${fn}()` : 'this view'} out of CSRF protection: ${WHY}.` });
      },
      call(node) {
        const callee = facts.calleeName(node);
        if (callee && EXEMPTERS.test(callee) && node.parent?.type !== 'decorator') {
          context.report({ node, message: `${shortText(node)} takes its views out of CSRF protection: ${WHY}.` });
          return;
        }
        if (calleeTail(node) !== 'update' || forTesting(node, context.file.path)) return;
        for (const [key, value] of callArguments(node).keywords) {
          if (SWITCHES.has(key) && isOff(value)) context.report({ node, message: `${key}=False turns CSRF protection off for every form and view: ${WHY}.` });
        }
      },
      assignment(node) {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) return;
        // The setting's name first: folding the value costs far more, on every assignment.
        const key = left.type === 'identifier' ? left.text : left.type === 'subscript' ? stringValue(left.childForFieldName('subscript') ?? left) : undefined;
        if (!key || !SWITCHES.has(key) || !isOff(right) || forTesting(node, context.file.path)) return;
        context.report({ node, message: `${key} = False turns CSRF protection off for every form and view: ${WHY}.` });
      },
    };
  },
};

/** Settings for tests or a developer's machine (`class TestingConfig:`, `settings/dev.py`), where forms are posted without tokens on purpose. */
function forTesting(node: SyntaxNode, path: string): boolean {
  if (DEVELOPMENT_PATH.test(path)) return true;
  for (let n = node.parent; n; n = n.parent) {
    if (n.type !== 'class_definition' && n.type !== 'function_definition') continue;
    if (nameWords(n.childForFieldName('name')?.text ?? '').some((w) => TESTING_WORDS.has(w))) return true;
  }
  return false;
}
