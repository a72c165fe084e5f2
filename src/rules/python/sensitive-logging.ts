import { pythonFacts } from '../../languages/python/facts.js';
import { nameWords, sensitiveKind } from '../../languages/sensitive-names.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { stringValue } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

const LEVELS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'critical', 'exception', 'fatal', 'log']);
/** Receivers that are loggers by name: `logger`, `log`, `LOG`, `self.logger`, `app.logger`, `audit_log`. */
const LOGGER_NAME = /^_*(?:\w+_)?(?:log|logger|logging)$/i;
/** Calls that hand their argument's text on unchanged: what they return is still the secret. */
const TEXT_OF = new Set(['str', 'repr', 'format', 'ascii']);

/**
 * A secret named for what it is (`password`, `api_key`, `self.client_secret`, `form['password']`,
 * `os.environ['DB_PASSWORD']`). A bare `token` is left out: in parsers and lexers it is a piece of
 * text, and `access_token`, `auth_token` … say what the bare word does not.
 */
function secretName(node: SyntaxNode): string | undefined {
  let name: string | undefined;
  if (node.type === 'identifier') name = node.text;
  else if (node.type === 'attribute') name = node.childForFieldName('attribute')?.text;
  else if (node.type === 'subscript') {
    const key = node.childForFieldName('subscript');
    if (key) name = stringValue(key);
  } else if (node.type === 'call') {
    // `os.environ.get('API_KEY')`, `os.getenv('DB_PASSWORD')`, `form.get('password')`
    const fn = node.childForFieldName('function');
    const first = node.childForFieldName('arguments')?.namedChildren[0];
    if (first && (fn?.text === 'os.getenv' || (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get'))) name = stringValue(first);
  }
  if (name === undefined) return undefined;
  const kind = sensitiveKind(name);
  if (kind !== 'password' && kind !== 'credential') return undefined;
  const words = nameWords(name);
  return words.length === 1 && words[0] === 'token' ? undefined : name;
}

/**
 * The secrets whose text an argument of a logging call carries into the message: the argument
 * itself, what an f-string interpolates, what `%`, `+` and `.format()` put together, through
 * `str()` and `repr()`. Anything else the value goes through (`len(password)`, `mask(key)`,
 * `password is None`, `token[:4]`) logs something other than the secret.
 */
function loggedSecrets(arg: SyntaxNode, out: SyntaxNode[]): void {
  if (secretName(arg)) {
    out.push(arg);
    return;
  }
  switch (arg.type) {
    case 'parenthesized_expression':
    case 'tuple':
    case 'list':
    case 'keyword_argument':
      for (const c of arg.namedChildren) if (arg.type !== 'keyword_argument' || c !== arg.childForFieldName('name')) loggedSecrets(c, out);
      return;
    case 'dictionary':
      for (const pair of arg.namedChildren) {
        const value = pair.childForFieldName('value');
        if (value) loggedSecrets(value, out);
      }
      return;
    case 'string':
      for (const i of arg.namedChildren) if (i.type === 'interpolation') {
        const x = i.namedChildren[0];
        if (x) loggedSecrets(x, out);
      }
      return;
    case 'concatenated_string':
      for (const c of arg.namedChildren) loggedSecrets(c, out);
      return;
    case 'binary_operator': {
      const op = arg.childForFieldName('operator')?.text;
      if (op !== '+' && op !== '%') return;
      for (const side of [arg.childForFieldName('left'), arg.childForFieldName('right')]) if (side) loggedSecrets(side, out);
      return;
    }
    case 'call': {
      const fn = arg.childForFieldName('function');
      const args = arg.childForFieldName('arguments')?.namedChildren ?? [];
      if (fn?.type === 'identifier' && TEXT_OF.has(fn.text)) args.slice(0, 1).forEach((a) => loggedSecrets(a, out));
      else if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' && fn.childForFieldName('object')?.type === 'string') args.forEach((a) => loggedSecrets(a, out));
      return;
    }
    default:
      return;
  }
}

export const sensitiveLogging: Rule = {
  meta: {
    id: 'py/sensitive-logging',
    title: 'Password or secret written to a log',
    cwe: 532,
    defectType: 'improper-access',
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    description:
      'A logging call writes a password, API key, token or other secret into the log message. Logs are read by far more people and systems than the secret was meant for: operators, log shippers and aggregators, error trackers, backups. Anyone with access to any of them learns the secret and can use it.',
    solution:
      'Never log the secret itself: log that it is set, which account or key id is used, or a masked form that cannot be used (the last four characters, a fingerprint). If a request or object is logged whole, leave its secret fields out.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const fn = node.childForFieldName('function');
        if (fn?.type !== 'attribute' || !LEVELS.has(fn.childForFieldName('attribute')?.text ?? '')) return;
        const receiver = fn.childForFieldName('object');
        const receiverName = receiver?.type === 'attribute' ? receiver.childForFieldName('attribute')?.text : receiver?.text;
        const qualified = facts.calleeName(node) ?? '';
        // `logging.info(…)`, a logger from `logging.getLogger()`, or one named as such.
        const isLogging = qualified.startsWith('logging.') || LOGGER_NAME.test(receiverName ?? '');
        if (!isLogging) return;
        const secrets: SyntaxNode[] = [];
        for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) loggedSecrets(arg, secrets);
        for (const secret of secrets) {
          context.report({
            node: secret,
            message: `\`${secret.text}\` is written to the log in clear text: whoever can read the logs can use it.`,
          });
        }
      },
    };
  },
};
