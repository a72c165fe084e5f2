/** Where untrusted data enters a Python program, by framework. */
import type { SinkClass, SourceSpec } from '../../../analysis/specs.js';

const FLASK_REQUEST = [
  'args', 'form', 'values', 'cookies', 'data', 'json', 'files', 'path', 'full_path', 'query_string',
  'url', 'base_url', 'url_root', 'host_url', 'stream', 'environ', 'view_args', 'authorization', 'referrer', 'user_agent',
  'remote_user', 'script_root', 'host', 'mimetype_params', 'access_route',
];
const DJANGO_REQUEST = ['GET', 'POST', 'COOKIES', 'META', 'body', 'FILES', 'path', 'path_info', 'data', 'query_params', 'content_params'];
const STARLETTE_REQUEST = ['query_params', 'path_params', 'cookies', 'url', 'client'];
/**
 * A request header's value: anything the client likes, but never a line break (the server's HTTP
 * parser ends the header there), so copying it into a response header cannot split the response.
 */
const HEADER_VALUES: SinkClass[] = ['header'];

const LOCAL_USER_MAY: SinkClass[] = ['path', 'log', 'ssrf', 'redirect', 'header', 'trust-boundary', 'redos', 'format'];

export const sources: SourceSpec[] = [
  {
    reads: [...FLASK_REQUEST.map((a) => `flask.request.${a}`), ...FLASK_REQUEST.map((a) => `werkzeug.local.request.${a}`)],
    calls: ['flask.request.get_json', 'flask.request.get_data', 'flask.request.args.get', 'flask.request.form.get', 'flask.request.values.get', 'flask.request.cookies.get', 'flask.request.args.getlist', 'flask.request.form.getlist'],
    kind: 'input',
    what: 'Flask request data',
  },
  {
    reads: ['flask.request.headers', 'werkzeug.local.request.headers', 'django.http.HttpRequest.headers', 'starlette.requests.Request.headers'],
    calls: ['flask.request.headers.get'],
    kind: 'input',
    what: 'request header',
    safeFor: HEADER_VALUES,
  },
  {
    reads: DJANGO_REQUEST.map((a) => `django.http.HttpRequest.${a}`),
    calls: ['django.http.HttpRequest.get_full_path', 'django.http.HttpRequest.read', 'django.http.HttpRequest.get_host'],
    kind: 'input',
    what: 'Django request data',
  },
  {
    reads: STARLETTE_REQUEST.map((a) => `starlette.requests.Request.${a}`),
    calls: ['starlette.requests.Request.json', 'starlette.requests.Request.body', 'starlette.requests.Request.form', 'starlette.requests.Request.stream'],
    kind: 'input',
    what: 'HTTP request data',
  },
  {
    calls: ['.get_argument', '.get_arguments', '.get_query_argument', '.get_query_arguments', '.get_body_argument', '.get_body_arguments'],
    kind: 'input',
    what: 'Tornado request argument',
  },
  // The local user of a command-line tool may name the files it reads, the URLs it fetches, what
  // it logs, the patterns it searches with and how it prints; handing their input to a shell, a database or eval
  // is still a defect.
  { reads: ['sys.argv'], kind: 'input', what: 'command-line argument', safeFor: LOCAL_USER_MAY },
  { calls: ['input', 'raw_input', 'builtins.input', 'sys.stdin.read', 'sys.stdin.readline', 'sys.stdin.readlines'], kind: 'input', what: 'console input', safeFor: LOCAL_USER_MAY },
  { reads: ['os.environ'], calls: ['os.getenv', 'os.environ.get', 'os.getenvb'], kind: 'input', what: 'environment variable', safeFor: LOCAL_USER_MAY },
  { calls: ['.recv', '.recvfrom', '.recvmsg', '.recv_into'], kind: 'input', what: 'data received from a socket' },
  {
    calls: [
      'requests.get', 'requests.post', 'requests.put', 'requests.patch', 'requests.delete', 'requests.head', 'requests.request',
      'urllib.request.urlopen', 'urllib2.urlopen', 'httpx.get', 'httpx.post', 'httpx.request',
    ],
    kind: 'input',
    what: 'HTTP response',
  },
  { calls: ['getpass.getpass'], kind: 'password', what: 'password typed at the console' },
];
