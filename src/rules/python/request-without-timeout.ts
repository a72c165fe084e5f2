import { pythonFacts } from '../../languages/python/facts.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { argument, callArguments } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];
/** requests waits forever unless told otherwise, at module level and on sessions alike. */
const REQUESTS = new Set(VERBS.flatMap((v) => [`requests.${v}`, `requests.api.${v}`, `requests.Session().${v}`, `requests.session().${v}`, `requests.sessions.Session().${v}`]));
/** httpx has a 5-second default; only an explicit timeout=None disables it. */
const HTTPX = new Set([...VERBS, 'stream'].flatMap((v) => [`httpx.${v}`, `httpx.Client().${v}`, `httpx.AsyncClient().${v}`]).concat(['httpx.Client', 'httpx.AsyncClient']));
/** Standard-library calls whose timeout falls back to the socket default (none, unless socket.setdefaulttimeout is called). */
const SOCKET_DEFAULT: Record<string, number> = {
  'urllib.request.urlopen': 2,
  'urllib2.urlopen': 2,
  'http.client.HTTPConnection': 2,
  'http.client.HTTPSConnection': 2,
  'httplib.HTTPConnection': 2,
  'httplib.HTTPSConnection': 2,
  'ftplib.FTP': 4,
  'smtplib.SMTP': 3,
  'smtplib.SMTP_SSL': 3,
};

const HANG = 'if the server accepts the connection but never answers, the calling thread (and the worker or request it serves) hangs indefinitely, and a few such calls exhaust the pool';

export const requestWithoutTimeout: Rule = {
  meta: {
    id: 'py/request-without-timeout',
    title: 'Network request without a timeout',
    cwe: 1088,
    defectType: 'denial-of-service',
    severity: 'low',
    confidence: 'high',
    languages: ['python'],
    description:
      'An HTTP request is made without a timeout, so it waits for ever on a server that stops responding. requests and the standard library have no default timeout (urllib and http.client use the socket default, which is none unless socket.setdefaulttimeout() is called); httpx has a 5-second default and is reported only when it is disabled with timeout=None.',
    solution:
      'Pass an explicit timeout on every request, e.g. requests.get(url, timeout=(3.05, 30)) for connect and read, urlopen(url, timeout=30); for a requests.Session, wrap the calls or mount an adapter that applies a default timeout.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    let socketDefault: boolean | undefined;
    const hasSocketDefault = () =>
      (socketDefault ??= context.tree.rootNode.descendantsOfType('call').some((c: SyntaxNode) => facts.calleeName(c) === 'socket.setdefaulttimeout'));

    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (!callee || !(REQUESTS.has(callee) || HTTPX.has(callee) || callee in SOCKET_DEFAULT)) return;
        const { keywords, hasSplat } = callArguments(node);
        if (hasSplat) return;
        const timeout = keywords.get('timeout');
        const disabled = timeout !== undefined && facts.constantValue(timeout) === null;
        if (REQUESTS.has(callee)) {
          if (timeout && !disabled) return;
          context.report({ node, message: `${callee}() is called ${disabled ? 'with timeout=None, which waits for ever' : 'without a timeout, and requests never times out by default'}: ${HANG}.` });
          return;
        }
        if (HTTPX.has(callee)) {
          if (!disabled) return;
          context.report({ node, message: `${callee}() is called with timeout=None, which turns off httpx's default timeout: ${HANG}.` });
          return;
        }
        const index = SOCKET_DEFAULT[callee];
        if (index === undefined) return;
        const given = argument(node, index, 'timeout');
        if ((given && facts.constantValue(given) !== null) || (!given && hasSocketDefault())) return;
        context.report({
          node,
          message: `${callee}() is called ${given ? 'with timeout=None' : 'without a timeout'} and this module never calls socket.setdefaulttimeout(): ${HANG}.`,
        });
      },
    };
  },
};
