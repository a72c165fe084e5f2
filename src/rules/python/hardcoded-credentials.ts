import { pythonFacts } from '../../languages/python/facts.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { calleeTail, isTestPath, stringValue, targetName, unwrapParens } from '../../languages/python/syntax.js';
import { nameWords, sensitiveKind } from '../../languages/sensitive-names.js';
import type { Report, Rule } from '../types.js';

/** Secrets recognisable by their format alone, wherever they appear. */
const KEY_FORMATS: Array<{ pattern: RegExp; what: string; password?: boolean }> = [
  { pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/, what: 'an AWS access key ID' },
  { pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?[A-Za-z0-9+/]{40}/, what: 'a PEM private key' },
  { pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/, what: 'a GitHub token' },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, what: 'a Slack token' },
  { pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/, what: 'a Slack webhook URL' },
  { pattern: /\b[sr]k_live_[0-9a-zA-Z]{20,}/, what: 'a Stripe live secret key' },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, what: 'a Google API key' },
  { pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:([^\s/@]{3,})@[\w.-]+/, what: 'a URL with an embedded password', password: true },
];
const QUICK_CHECK = /AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|PRIVATE KEY|gh[pousr]_|github_pat_|xox|hooks\.slack|k_live_|AIza|:\/\/[^\s/]*@/;

/** Values that stand for a secret rather than being one: `changeme`, `<password>`, `${TOKEN}`, `xxx`. */
const PLACEHOLDER_WORDS = new Set([
  'changeme', 'changeit', 'replaceme', 'placeholder', 'dummy', 'example', 'sample', 'fake', 'test', 'testing', 'secret', 'password',
  'passwd', 'pass', 'pwd', 'token', 'apikey', 'none', 'null', 'nil', 'undefined', 'redacted', 'hidden', 'todo', 'fixme', 'tbd',
  'na', 'default', 'empty', 'notset', 'unset', 'unknown', 'foo', 'bar', 'foobar', 'baz', 'mypassword', 'mysecret', 'secretkey',
  'accesstoken', 'privatekey', 'clientsecret', 'bearer', 'basic',
]);
const PLACEHOLDER_SHAPES = [
  /^(.)\1*$/, // xxxx, ****, 0000
  /^<[^>]*>$/, /^\$\{[^}]*\}$/, /^\{\{[\s\S]*\}\}$/, /^%\(\w+\)s$/, /^\{\w*\}$/, /^\[[^\]]*\]$/, /^\$[A-Za-z_]\w*$/, /^%[A-Za-z_]\w*%$/,
  /^(your|insert|enter|replace|change|put|add|set)[\s_-]/i,
  /example|placeholder|dummy|sample|not[\s_-]?a[\s_-]?real|fake[\s_-]/i,
  /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/, // the name of an environment variable
  /^(\/|\.{1,2}\/|~\/|[A-Za-z]:\\)|\.(pem|key|crt|cer|p12|pfx|json|txt|ya?ml|ini|cfg|conf|env)$/i, // a path to a key file
  /^[a-z][a-z0-9+.-]*:\/\/[^@]*$/i, // a URL without credentials
  /[:?]\s*$|%[sd]|\{\}/, // a prompt or a format template
];
/** Constructors whose second argument is a password: `HTTPBasicAuth("user", "…")`. */
const AUTH_CLASSES = new Set([
  'requests.auth.HTTPBasicAuth', 'requests.auth.HTTPDigestAuth', 'requests.auth.HTTPProxyAuth', 'httpx.BasicAuth', 'httpx.DigestAuth',
  'aiohttp.BasicAuth', 'requests.HTTPBasicAuth',
]);

/** Value shapes that can be, or hold, a string literal (a credential pair, an auth object). */
const MAY_HOLD_LITERAL = new Set(['string', 'concatenated_string', 'parenthesized_expression', 'tuple', 'expression_list', 'call']);

export const hardcodedCredentials: Rule = {
  meta: {
    id: 'py/hardcoded-credentials',
    title: 'Hard-coded password, key or token',
    cwe: 798,
    defectType: 'improper-access',
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    description:
      'A password, API key, token or private key is written into the source. Everyone who can read the repository, a package or a backup of it holds the credential, it is the same in every deployment, and it cannot be rotated without a release. Placeholders (`changeme`, `<password>`, `${TOKEN}`), environment look-ups and test files are not reported.',
    solution:
      'Read the secret at run time from the environment, a secrets manager (Vault, AWS Secrets Manager, Kubernetes secrets) or a configuration file that is not committed, and rotate the credential that was exposed: it stays in the version history.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    const reported = new Set<number>();
    const inTests = isTestPath(context.file.path);

    const report = (value: SyntaxNode, r: Omit<Report, 'node'>) => {
      if (reported.has(value.id)) return;
      reported.add(value.id);
      context.report({ node: value, ...r });
    };

    /** `name = "literal"` and its relatives: report when the name says secret and the literal is real. */
    const check = (name: string, valueNode: SyntaxNode, subject: string) => {
      if (inTests) return;
      const literal = literalOf(valueNode);
      if (!literal) return;
      const kind = sensitiveKind(name);
      if (kind !== 'password' && kind !== 'credential') return;
      const value = stringValue(literal);
      if (value === undefined || isPlaceholder(value, name)) return;
      const format = formatOf(value);
      if (!format && !(kind === 'password' ? passwordShaped(value) : secretShaped(value))) return;
      const noun = kind === 'password' || format?.password ? 'password' : 'secret';
      report(literal, {
        cwe: noun === 'password' ? 259 : 798,
        ...(format ? { confidence: 'high' as const } : {}),
        message: `${subject} ${format ? format.what : `a hard-coded ${value.length}-character string literal`}: this ${noun} is readable by everyone with the source and is the same in every deployment.`,
      });
    };

    const checkAuthPair = (value: SyntaxNode, subject: string) => {
      const n = unwrapParens(value);
      let password: SyntaxNode | undefined;
      if (n.type === 'tuple' && n.namedChildren.length === 2) password = n.namedChildren[1];
      if (n.type === 'call' && AUTH_CLASSES.has(facts.calleeName(n) ?? '')) {
        password = n.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'keyword_argument')[1];
      }
      if (password) check('password', password, subject);
    };

    return {
      assignment(node) {
        const right = node.childForFieldName('right');
        if (!right || !MAY_HOLD_LITERAL.has(right.type)) return;
        const left = node.childForFieldName('left');
        if (!left) return;
        const targets = left.type === 'pattern_list' || left.type === 'tuple_pattern' ? left.namedChildren : [left];
        const values = targets.length > 1 && (right.type === 'expression_list' || right.type === 'tuple') ? right.namedChildren : [right];
        if (values.length !== targets.length) return;
        targets.forEach((target, i) => {
          const name = targetName(target);
          if (!name) return;
          check(name, values[i], `\`${target.text}\` is set to`);
          if (nameWords(name).at(-1) === 'auth') checkAuthPair(values[i], `\`${target.text}\` is a credential pair whose password is`);
        });
      },
      keyword_argument(node) {
        const value = node.childForFieldName('value');
        if (!value || !MAY_HOLD_LITERAL.has(value.type)) return;
        const name = node.childForFieldName('name')?.text;
        if (!name) return;
        const call = node.parent?.parent;
        const fn = call?.type === 'call' ? calleeTail(call) : undefined;
        const where = fn ? `${fn}() receives ${name}= as` : `${name}= is`;
        check(name, value, where);
        if (name === 'auth') checkAuthPair(value, `${fn ? `${fn}() receives auth=` : 'auth='} with a password that is`);
      },
      pair(node) {
        const value = node.childForFieldName('value');
        if (!value || !MAY_HOLD_LITERAL.has(value.type)) return;
        const key = node.childForFieldName('key');
        const name = key?.type === 'string' ? stringValue(key) : undefined;
        if (name) check(name, value, `The dictionary key "${name}" maps to`);
      },
      default_parameter: parameterDefault,
      typed_default_parameter: parameterDefault,
      comparison_operator(node) {
        const sides = node.namedChildren;
        if (sides.length !== 2 || (sides[0].type !== 'string' && sides[1].type !== 'string')) return;
        const operator = node.childForFieldName('operators')?.text;
        if (operator !== '==' && operator !== '!=') return;
        const [a, b] = sides;
        for (const [side, other] of [[a, b], [b, a]]) {
          const name = targetName(side);
          if (name && sensitiveKind(name) === 'password') check(name, other, `\`${side.text}\` is compared with`);
        }
      },
      string(node) {
        if (!QUICK_CHECK.test(node.text) || reported.has(node.id) || node.parent?.type === 'concatenated_string') return;
        checkFormats(node);
      },
      concatenated_string(node) {
        if (QUICK_CHECK.test(node.text)) checkFormats(node);
      },
      call(node) {
        if (AUTH_CLASSES.has(facts.calleeName(node) ?? '')) checkAuthPair(node, `${calleeTail(node)}() receives a password that is`);
      },
    };

    function parameterDefault(node: SyntaxNode) {
      const name = node.childForFieldName('name')?.text;
      const value = node.childForFieldName('value');
      if (name && value) check(name, value, `The parameter \`${name}\` defaults to`);
    }

    function checkFormats(node: SyntaxNode) {
      const value = stringValue(node);
      const format = value === undefined ? undefined : formatOf(value);
      if (!format) return;
      report(node, {
        cwe: format.password ? 259 : 798,
        confidence: 'high',
        message: `This string literal contains ${format.what}: the credential is readable by everyone with the source and must be revoked, not just removed, because it stays in the version history.`,
      });
    }
  },
};

function formatOf(value: string): (typeof KEY_FORMATS)[number] | undefined {
  if (!QUICK_CHECK.test(value) || /EXAMPLE/.test(value)) return undefined;
  return KEY_FORMATS.find((f) => {
    const match = f.pattern.exec(value);
    // `https://user:password@host`, `…:${DB_PASS}@…` in documentation are not credentials.
    return !!match && !(f.password && isPlaceholder(match[1], 'password'));
  });
}

/** The value when it is a plain string literal; anything computed (environment look-ups included) is not. */
function literalOf(value: SyntaxNode): SyntaxNode | undefined {
  const n = unwrapParens(value);
  return n.type === 'string' || n.type === 'concatenated_string' ? n : undefined;
}

/** Passwords can be words, but not masks or punctuation (`":****"`). */
function passwordShaped(value: string): boolean {
  return /[A-Za-z0-9]/.test(value);
}

/**
 * Keys and tokens are long runs without spaces that mix character classes; lexer tokens
 * (`"done."`), regular expressions and messages are not.
 */
function secretShaped(value: string): boolean {
  if (value.length < 8 || /\s/.test(value) || /\\[wdsWDSbB]|\[\^|\(\?/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(value)).length;
  return classes >= 2 || value.length >= 16;
}

function isPlaceholder(value: string, name: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 4) return true;
  const normalized = trimmed.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (PLACEHOLDER_WORDS.has(normalized) || normalized === name.toLowerCase().replace(/[^a-z0-9]/g, '')) return true;
  if (PLACEHOLDER_SHAPES.some((shape) => shape.test(trimmed))) return true;
  // A field or header name such as "access_token" or "X-Auth-Token", not a value.
  return /^[A-Za-z][A-Za-z0-9]*([_-][A-Za-z0-9]+)+$/.test(trimmed) && sensitiveKind(trimmed) !== undefined;
}
