import { pythonFacts, type PythonFacts } from '../../languages/python/facts.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { callArguments, enclosingFunction, stringValue } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** Flask-CORS, which allows every origin unless told otherwise. */
const FLASK_CORS = /^flask_cors\.(?:CORS|cross_origin)$/;
const STARLETTE_CORS = /^(?:starlette\.middleware\.cors|fastapi\.middleware\.cors)\.CORSMiddleware$/;
const ALLOW_ALL_SETTINGS = new Set(['CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL']);
const ORIGIN_HEADER = /^(?:HTTP_ORIGIN|origin)$/i;

const WHY = 'any web site the user visits can then make requests with the user\'s cookies and read the answers: their data, and any CSRF token in them';

/** `"*"`, `["*"]`, `r".*"`: every origin. */
function everyOrigin(facts: PythonFacts, node: SyntaxNode | undefined): boolean {
  if (!node) return false;
  if (node.type === 'list' || node.type === 'tuple' || node.type === 'set') return node.namedChildren.some((x) => everyOrigin(facts, x));
  const v = facts.constantValue(node);
  return v === '*' || v === '.*' || v === '^.*$' || v === '.+';
}

function isTrue(facts: PythonFacts, node: SyntaxNode | undefined): boolean {
  return !!node && facts.truthOf(node) === true;
}

/** The origins a Flask-CORS call allows: its `origins`, or those of a `resources` entry; all by default. */
function flaskOrigins(facts: PythonFacts, keywords: Map<string, SyntaxNode>): boolean {
  const origins = keywords.get('origins');
  if (origins) return everyOrigin(facts, origins);
  const resources = keywords.get('resources');
  if (resources?.type === 'dictionary') {
    return resources.namedChildren.some((pair) => {
      const options = pair.childForFieldName('value');
      if (options?.type !== 'dictionary') return true;
      const entry = options.namedChildren.find((p) => stringValue(p.childForFieldName('key') ?? p) === 'origins');
      return !entry || everyOrigin(facts, entry.childForFieldName('value') ?? undefined);
    });
  }
  return !resources;
}

const CREDENTIALS_KEYWORDS = new Set(['supports_credentials', 'allow_credentials']);

function isCredentialsKeyword(node: SyntaxNode): boolean {
  return node.type === 'keyword_argument' && CREDENTIALS_KEYWORDS.has(node.childForFieldName('name')?.text ?? '');
}

/** `request.headers["Origin"]`, `request.headers.get("Origin")`, `request.META["HTTP_ORIGIN"]`: the origin the request claims. */
function isRequestOrigin(node: SyntaxNode): boolean {
  const key = node.type === 'subscript' ? node.childForFieldName('subscript') : node.type === 'call' ? node.childForFieldName('arguments')?.namedChildren[0] : undefined;
  const base = node.type === 'subscript' ? node.childForFieldName('value') : node.childForFieldName('function')?.childForFieldName('object');
  return !!key && ORIGIN_HEADER.test(stringValue(key) ?? '') && /\b(?:headers|META|environ)$/.test(base?.text ?? '');
}

export const permissiveCors: Rule = {
  meta: {
    id: 'py/permissive-cors',
    title: 'Cross-origin requests with credentials allowed from any site',
    cwe: 942,
    defectType: 'improper-access',
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    description:
      'The CORS policy lets every origin make credentialed requests: Flask-CORS or Starlette\'s CORSMiddleware with all origins and credentials on (both then echo the caller\'s origin), django-cors-headers with CORS_ALLOW_ALL_ORIGINS and CORS_ALLOW_CREDENTIALS, or a view that copies the request\'s Origin header into Access-Control-Allow-Origin and allows credentials. A page on any site can then call the API with the visitor\'s cookies and read the responses, which is what the same-origin policy exists to prevent.',
    solution:
      'List the origins that may call the API (`origins=["https://app.example.com"]`, CORS_ALLOWED_ORIGINS) and allow credentials only for them; if the API is public, serve it without credentials (no cookies), and never reflect the Origin header unchecked.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    const settings = new Map<string, SyntaxNode>();
    return {
      call(node) {
        // Both libraries need credentials switched on by a keyword: most calls have neither.
        if (!node.childForFieldName('arguments')?.children.some(isCredentialsKeyword)) return;
        const callee = facts.calleeName(node) ?? '';
        const { keywords, positional, hasSplat } = callArguments(node);
        if (hasSplat) return;
        if (FLASK_CORS.test(callee)) {
          if (isTrue(facts, keywords.get('supports_credentials')) && flaskOrigins(facts, keywords)) {
            context.report({ node, message: `Flask-CORS allows every origin with credentials (supports_credentials=True without a list of origins): ${WHY}.` });
          }
          return;
        }
        // app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
        const middleware = positional[0];
        const isStarlette = STARLETTE_CORS.test(callee) || (middleware !== undefined && STARLETTE_CORS.test(facts.qualifiedName(middleware) ?? ''));
        if (isStarlette && isTrue(facts, keywords.get('allow_credentials')) && (everyOrigin(facts, keywords.get('allow_origins')) || everyOrigin(facts, keywords.get('allow_origin_regex')))) {
          context.report({ node, message: `CORSMiddleware allows every origin with allow_credentials=True, and then echoes each caller's origin: ${WHY}.` });
        }
      },
      assignment(node) {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) return;
        if (left.type === 'identifier' && (ALLOW_ALL_SETTINGS.has(left.text) || left.text === 'CORS_ALLOW_CREDENTIALS') && isTrue(facts, right)) {
          settings.set(left.text, node);
          const all = [...ALLOW_ALL_SETTINGS].map((k) => settings.get(k)).find((n) => n);
          const credentials = settings.get('CORS_ALLOW_CREDENTIALS');
          if (all && credentials && node === (all.startIndex > credentials.startIndex ? all : credentials)) {
            context.report({ node: all, message: `${all.childForFieldName('left')!.text} = True with CORS_ALLOW_CREDENTIALS = True (line ${credentials.startPosition.row + 1}) lets every origin make credentialed requests: ${WHY}.` });
          }
          return;
        }
        // response["Access-Control-Allow-Origin"] = request.headers["Origin"], with credentials allowed in the same function.
        const header = left.type === 'subscript' ? stringValue(left.childForFieldName('subscript') ?? left) : undefined;
        if (header?.toLowerCase() !== 'access-control-allow-origin' || !isRequestOrigin(right)) return;
        const fn = enclosingFunction(node);
        const credentials = fn?.descendantsOfType('assignment').find((a) => {
          const l = a.childForFieldName('left');
          return l?.type === 'subscript' && stringValue(l.childForFieldName('subscript') ?? l)?.toLowerCase() === 'access-control-allow-credentials' && /^true$/i.test(stringValue(a.childForFieldName('right') ?? a) ?? '');
        });
        if (credentials) {
          context.report({ node, message: `The response allows whatever origin the request names, and allows credentials (line ${credentials.startPosition.row + 1}): ${WHY}.` });
        }
      },
    };
  },
};
