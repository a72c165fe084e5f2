/** Python's data-flow spec tables (src/analysis/specs.ts describes their shape). */
import type { LanguageSpecs } from '../../../analysis/specs.js';
import { exponentialBacktracking, withCallFlags } from '../regex-backtracking.js';
import { sensitiveCallableKind, sensitiveKind } from '../../sensitive-names.js';
import { propagators } from './propagators.js';
import { guards, sanitizers } from './sanitizers.js';
import { sinks, storeSinks } from './sinks.js';
import { sources } from './sources.js';

export const pythonSpecs: LanguageSpecs = {
  sources,
  sinks,
  storeSinks,
  sanitizers,
  guards,
  propagators,
  routeDecorators: ['route', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'api_route', 'websocket'],
  routePathReads: ['flask.request.path', 'werkzeug.local.request.path'],
  pureCalls: [
    ...['b64encode', 'b64decode', 'urlsafe_b64encode', 'urlsafe_b64decode', 'b32encode', 'b32decode', 'b16encode', 'b16decode', 'standard_b64encode', 'standard_b64decode'].map((f) => `base64.${f}`),
    ...['hexlify', 'unhexlify', 'a2b_base64', 'b2a_base64'].map((f) => `binascii.${f}`),
    ...['quote', 'quote_plus', 'unquote', 'unquote_plus'].map((f) => `urllib.parse.${f}`),
    'str', 'bytes', 'bytearray', 'html.escape', 'html.unescape', 'json.dumps', 'textwrap.dedent',
    ...['encode', 'decode', 'split', 'rsplit', 'splitlines', 'partition', 'rpartition', 'upper', 'lower', 'strip', 'lstrip', 'rstrip', 'replace', 'format', 'join', 'title', 'capitalize', 'casefold', 'zfill', 'ljust', 'rjust', 'center', 'expandtabs', 'removeprefix', 'removesuffix'].map((m) => `.${m}`),
  ],
  injectedDefaults: ['Depends', 'Security', 'BackgroundTasks'],
  requestTypes: { Request: 'starlette.requests.Request', HttpRequest: 'django.http.HttpRequest', WSGIRequest: 'django.http.HttpRequest' },
  requestParamByImport: { django: 'django.http.HttpRequest', rest_framework: 'django.http.HttpRequest' },
  nonHtmlResponses: ['flask.jsonify'],
  isSecretName: (name) => sensitiveKind(name) !== undefined,
  isSecretFunction: (name) => sensitiveKind(name) !== undefined,
  isSecretSetter: (name) => sensitiveCallableKind(name) !== undefined && /^(set|store|save|update|send)_/.test(name),
  exponentialRegex: exponentialBacktracking,
  regexPattern: withCallFlags,
  isPasswordName: (name) => sensitiveKind(name) === 'password',
  weakRandom: [
    ...['random', 'randint', 'randrange', 'choice', 'choices', 'sample', 'getrandbits', 'uniform', 'randbytes', 'triangular', 'normalvariate', 'gauss', 'lognormvariate', 'expovariate', 'betavariate', 'gammavariate', 'paretovariate', 'weibullvariate', 'vonmisesvariate'].map((f) => `random.${f}`),
    'numpy.random.rand',
    'numpy.random.randint',
  ],
  noReturn: ['flask.abort', 'werkzeug.exceptions.abort', 'sys.exit', 'os._exit', 'exit', 'quit', 'pytest.fail', 'pytest.skip'],
  cookieSetters: ['.set_cookie', '.set_signed_cookie'],
  isSessionCookie: (name) => sensitiveKind(name) !== undefined || /^(session|sess|sid|auth|jwt|remember(_me)?|login)$/i.test(name),
};
