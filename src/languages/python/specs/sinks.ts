/** Python calls that are dangerous with untrusted data, one sink class (and CWE rule) each. */
import type { ArgRef, SinkSpec, StoreSinkSpec } from '../../../analysis/specs.js';

const SUBPROCESS = ['call', 'run', 'Popen', 'check_call', 'check_output'].map((f) => `subprocess.${f}`);
const OS_EXEC = ['execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe', 'spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe', 'posix_spawn', 'posix_spawnp'].map((f) => `os.${f}`);
const FILE_OPS = [
  'os.remove', 'os.unlink', 'os.rmdir', 'os.removedirs', 'os.mkdir', 'os.makedirs', 'os.rename', 'os.renames', 'os.replace',
  'os.listdir', 'os.scandir', 'os.open', 'os.chmod', 'os.chown', 'os.truncate', 'os.symlink', 'os.link', 'os.walk',
  'shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree', 'shutil.move', 'shutil.rmtree', 'shutil.make_archive',
];
/** Probes that tell whether a path names a file, and what kind: enough to map a server's files. */
const PATH_PROBES = ['os.path.exists', 'os.path.lexists', 'os.path.isfile', 'os.path.isdir', 'os.path.islink', 'os.path.getsize', 'os.path.getmtime', 'os.stat', 'os.lstat', 'os.access'];
const PATH_METHODS = ['open', 'read_text', 'read_bytes', 'write_text', 'write_bytes', 'unlink', 'rmdir', 'mkdir', 'touch', 'iterdir', 'exists', 'is_file', 'is_dir', 'stat', 'lstat'].flatMap((m) => [
  `pathlib.Path().${m}`,
  `pathlib.PurePath().${m}`,
]);
const HTTP_CLIENT = [
  'requests.get', 'requests.post', 'requests.put', 'requests.patch', 'requests.delete', 'requests.head', 'requests.options',
  'urllib.request.urlopen', 'urllib.request.Request', 'urllib2.urlopen', 'urllib.urlopen', 'httpx.get', 'httpx.post',
  'httpx.put', 'httpx.delete', 'httpx.stream', 'requests.Session().get', 'requests.Session().post', 'httpx.Client().get',
  'httpx.AsyncClient().get', 'aiohttp.ClientSession().get', 'aiohttp.ClientSession().post',
];
const PASSWORD_HASHES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_256', 'sha3_512', 'blake2b', 'blake2s'];

const NON_HTML_TYPES = ['application/json', 'text/plain', 'text/csv', 'application/xml', 'text/xml', 'application/octet-stream', 'text/plain; charset=utf-8', 'application/json; charset=utf-8'];

/** The pattern (an argument, or the compiled receiver) backtracks exponentially; judged only for text that carries data. */
const exponential = (pattern: ArgRef, text: ArgRef, flags?: ArgRef): SinkSpec['when'] => [{ arg: pattern, is: 'exponential-regex', onlyWith: text, ...(flags ? { flags } : {}) }];
const REDOS = 'matched by a regular expression that backtracks exponentially';
const RE_TEXT = { pos: 1, kw: 'string' };
const RE_SUB_TEXT = { pos: 2, kw: 'string' };
const PATTERN_TEXT = { pos: 0, kw: 'string' };
const PATTERN_SUB_TEXT = { pos: 1, kw: 'string' };

export const sinks: SinkSpec[] = [
  { calls: ['re.match', 're.search', 're.fullmatch', 're.findall', 're.finditer'], sink: 'redos', args: [RE_TEXT], when: exponential({ pos: 0, kw: 'pattern' }, RE_TEXT, { pos: 2, kw: 'flags' }), what: REDOS },
  { calls: ['re.split'], sink: 'redos', args: [RE_TEXT], when: exponential({ pos: 0, kw: 'pattern' }, RE_TEXT, { pos: 3, kw: 'flags' }), what: REDOS },
  { calls: ['re.sub', 're.subn'], sink: 'redos', args: [RE_SUB_TEXT], when: exponential({ pos: 0, kw: 'pattern' }, RE_SUB_TEXT, { pos: 4, kw: 'flags' }), what: REDOS },
  { calls: ['match', 'search', 'fullmatch', 'findall', 'finditer', 'split'].map((m) => `re.Pattern.${m}`), sink: 'redos', args: [PATTERN_TEXT], when: exponential('receiver', PATTERN_TEXT), what: REDOS },
  { calls: ['re.Pattern.sub', 're.Pattern.subn'], sink: 'redos', args: [PATTERN_SUB_TEXT], when: exponential('receiver', PATTERN_SUB_TEXT), what: REDOS },
  // A template's fields walk the arguments' attributes: `{app.secret_key}`.
  { calls: ['.format', '.format_map'], sink: 'format', args: ['receiver'], what: 'used as the format string' },
  // A pattern the client writes can backtrack as long as it likes (`(a+)+$` sent as a search term).
  {
    calls: ['re.compile', 're.match', 're.search', 're.fullmatch', 're.findall', 're.finditer', 're.split', 're.sub', 're.subn'],
    sink: 'redos',
    args: [{ pos: 0, kw: 'pattern' }],
    what: 'used as a regular expression',
  },
  { calls: SUBPROCESS, sink: 'command', args: [{ pos: 0, kw: 'args' }], when: [{ arg: { kw: 'shell' }, is: 'truthy' }], what: 'run by the shell' },
  { calls: SUBPROCESS, sink: 'command', args: [{ pos: 0, kw: 'args' }], when: [{ arg: { kw: 'shell' }, is: 'not-truthy' }], argv: true, what: 'run as a program' },
  { calls: ['subprocess.getoutput', 'subprocess.getstatusoutput', 'os.system', 'os.popen', 'commands.getoutput', 'commands.getstatusoutput', 'popen2.popen2'], sink: 'command', args: [{ pos: 0, kw: 'cmd' }], what: 'run by the shell' },
  { calls: OS_EXEC, sink: 'command', args: 'all', what: 'executed as a program' },
  { calls: ['eval', 'exec', 'compile', 'builtins.eval', 'builtins.exec', 'builtins.compile'], sink: 'code', args: [{ pos: 0, kw: 'source' }], result: 'clean', what: 'evaluated as Python code' },
  { calls: ['.execute', '.executemany', '.executescript', '.mogrify'], sink: 'sql', args: [{ pos: 0, kw: 'sql' }], what: 'executed as SQL' },
  { calls: ['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text', 'pandas.read_sql', 'pandas.read_sql_query', '.raw', 'django.db.models.expressions.RawSQL', 'django.db.models.RawSQL'], sink: 'sql', args: [{ pos: 0, kw: 'sql' }], what: 'executed as SQL' },
  { calls: ['.extra'], sink: 'sql', args: [{ kw: 'where' }, { kw: 'select' }, { kw: 'tables' }, { kw: 'order_by' }], what: 'added to the SQL of a Django query' },
  { calls: ['open', 'builtins.open', 'io.open', 'codecs.open', 'os.open', 'file'], sink: 'path', args: [{ pos: 0, kw: 'file' }], result: 'clean', what: 'opened as a file path' },
  { calls: FILE_OPS, sink: 'path', args: [{ pos: 0 }, { pos: 1, kw: 'dst' }], result: 'clean', what: 'used as a file path' },
  { calls: PATH_METHODS, sink: 'path', args: ['receiver'], result: 'clean', what: 'used as a file path' },
  { calls: PATH_PROBES, sink: 'path', args: [{ pos: 0, kw: 'path' }], result: 'clean', what: 'probed as a file path' },
  { calls: ['flask.send_file', 'flask.helpers.send_file', 'django.http.FileResponse', 'starlette.responses.FileResponse', 'fastapi.responses.FileResponse'], sink: 'path', args: [{ pos: 0, kw: 'path' }], result: 'clean', what: 'sent as a file' },
  { calls: ['flask.send_from_directory'], sink: 'path', args: [{ pos: 0, kw: 'directory' }], result: 'clean', what: 'used as the directory to send from' },
  { calls: ['tarfile.open().extractall', 'zipfile.ZipFile().extractall'], sink: 'path', args: [{ pos: 0, kw: 'path' }], result: 'clean', what: 'used as an extraction path' },
  {
    calls: ['flask.make_response', 'flask.Response', 'django.http.HttpResponse', 'django.http.response.HttpResponse', 'werkzeug.wrappers.Response', 'starlette.responses.HTMLResponse', 'fastapi.responses.HTMLResponse'],
    sink: 'xss',
    args: [{ pos: 0, kw: 'content' }, { kw: 'response' }],
    // A body declared as JSON, plain text or CSV is not rendered as HTML.
    when: [
      { arg: { kw: 'mimetype' }, is: 'not-one-of', values: NON_HTML_TYPES },
      { arg: { kw: 'content_type' }, is: 'not-one-of', values: NON_HTML_TYPES },
    ],
    result: 'clean',
    // `make_response((body, status, headers))`: only the body is HTML.
    tupleBody: true,
    what: 'written into an HTML response',
  },
  { calls: ['markupsafe.Markup', 'flask.Markup', 'jinja2.Markup', 'django.utils.safestring.mark_safe'], sink: 'xss', args: [{ pos: 0 }], result: 'clean', what: 'marked as safe HTML' },
  {
    calls: ['flask.render_template_string', 'jinja2.Template', 'jinja2.Environment().from_string', 'jinja2.sandbox.SandboxedEnvironment().from_string', 'django.template.Template', 'django.template.base.Template', 'mako.template.Template', 'tornado.template.Template'],
    sink: 'template',
    args: [{ pos: 0, kw: 'source' }],
    result: 'clean',
    what: 'compiled as a template',
  },
  {
    calls: ['flask.redirect', 'django.shortcuts.redirect', 'django.http.HttpResponseRedirect', 'django.http.HttpResponsePermanentRedirect', 'starlette.responses.RedirectResponse', 'fastapi.responses.RedirectResponse', 'werkzeug.utils.redirect'],
    sink: 'redirect',
    args: [{ pos: 0, kw: 'location' }],
    hostPrefixSafe: true,
    result: 'clean',
    what: 'used as a redirect target',
  },
  { calls: ['ldap3.Connection().search', '.search_s', '.search_st', '.search_ext', '.search_ext_s'], sink: 'ldap', args: [{ pos: 1, kw: 'search_filter' }, { pos: 2, kw: 'filterstr' }], what: 'used in an LDAP search filter' },
  { calls: ['ldap3.Connection().search'], sink: 'ldap', args: [{ pos: 0, kw: 'search_base' }], what: 'used as an LDAP search base' },
  // A connection the module's own helpers open (`conn = get_connection()`), in a module that uses ldap3.
  { calls: ['.search'], sink: 'ldap', args: [{ pos: 1, kw: 'search_filter' }], imports: ['ldap3'], receiverName: /(^|[._])(conn|connection|ldap\w*)$/i, what: 'used in an LDAP search filter' },
  { calls: ['.xpath', 'lxml.etree.XPath', 'lxml.etree.ETXPath', '.evaluate'], sink: 'xpath', args: [{ pos: 0, kw: '_path' }], what: 'evaluated as an XPath expression' },
  { calls: ['elementpath.select', 'elementpath.iter_select', 'elementpath.Selector'], sink: 'xpath', args: [{ pos: 1, kw: 'path' }], what: 'evaluated as an XPath expression' },
  { calls: ['.find', '.findall', '.iterfind', '.findtext'], sink: 'xpath', args: [{ pos: 0, kw: 'path' }], receiverName: /(^|\.)(tree|root|doc|document|xml|etree|element|elem|node)$/i, what: 'evaluated as an ElementPath query' },
  {
    calls: ['lxml.etree.fromstring', 'lxml.etree.XML', 'lxml.etree.parse', 'lxml.etree.iterparse'],
    sink: 'xxe',
    args: [{ pos: 0, kw: 'text' }],
    // lxml resolves entities unless the parser was made with resolve_entities=False.
    when: [{ arg: { pos: 1, kw: 'parser' }, is: 'not-one-of', values: ['resolve_entities=false', 'resolve_entities=internal'] }],
    what: 'parsed as XML with external entities resolved',
  },
  {
    calls: ['pickle.loads', 'pickle.load', 'cPickle.loads', 'cPickle.load', '_pickle.loads', 'dill.loads', 'dill.load', 'marshal.loads', 'marshal.load', 'shelve.open', 'jsonpickle.decode', 'pandas.read_pickle', 'torch.load', 'joblib.load', 'yaml.unsafe_load', 'yaml.full_load'],
    sink: 'deserialization',
    args: [{ pos: 0 }],
    what: 'deserialised',
  },
  {
    calls: ['yaml.load', 'yaml.load_all'],
    sink: 'deserialization',
    args: [{ pos: 0, kw: 'stream' }],
    when: [{ arg: { pos: 1, kw: 'Loader' }, is: 'not-one-of', values: ['yaml.SafeLoader', 'yaml.CSafeLoader', 'yaml.BaseLoader', 'yaml.loader.SafeLoader', 'SafeLoader', 'CSafeLoader'] }],
    what: 'deserialised by a YAML loader that builds arbitrary objects',
  },
  { calls: HTTP_CLIENT, sink: 'ssrf', args: [{ pos: 0, kw: 'url' }], hostPrefixSafe: true, what: 'used as the URL of an outgoing request' },
  { calls: ['requests.request', 'httpx.request', 'urllib3.PoolManager().request', 'http.client.HTTPConnection', 'http.client.HTTPSConnection'], sink: 'ssrf', args: [{ pos: 1, kw: 'url' }], hostPrefixSafe: true, what: 'used as the URL of an outgoing request' },
  { calls: ['http.client.HTTPConnection', 'http.client.HTTPSConnection'], sink: 'ssrf', args: [{ pos: 0, kw: 'host' }], what: 'used as the host of an outgoing request' },
  { calls: ['.set_header', '.add_header', 'werkzeug.datastructures.Headers().add', 'werkzeug.datastructures.Headers().set'], sink: 'header', args: [{ pos: 1, kw: 'value' }], what: 'written into an HTTP response header' },
  {
    calls: ['logging.debug', 'logging.info', 'logging.warning', 'logging.warn', 'logging.error', 'logging.critical', 'logging.exception', 'logging.log',
      ...['debug', 'info', 'warning', 'warn', 'error', 'critical', 'exception'].flatMap((m) => [`logging.getLogger().${m}`, `flask.current_app.logger.${m}`, `flask.Flask().logger.${m}`])],
    sink: 'log',
    args: 'all',
    result: 'clean',
    what: 'written to the log',
  },
  { calls: ['.debug', '.info', '.warning', '.warn', '.error', '.critical', '.exception'], sink: 'log', args: 'all', receiverName: /(^|\.)_?(log|logger|LOG|LOGGER|Logger)$/, result: 'clean', what: 'written to the log' },
  ...PASSWORD_HASHES.map((h): SinkSpec => ({ calls: [`hashlib.${h}`, `Crypto.Hash.${h.toUpperCase()}.new`], sink: 'password-hash', args: [{ pos: 0, kw: 'data' }], what: `hashed with the fast, unsalted ${h.toUpperCase()}` })),
  ...PASSWORD_HASHES.map((h): SinkSpec => ({ calls: [`hashlib.${h}().update`], sink: 'password-hash', args: [{ pos: 0 }], what: `hashed with the fast, unsalted ${h.toUpperCase()}` })),
  { calls: ['hashlib.new'], sink: 'password-hash', args: [{ pos: 1, kw: 'data' }], what: 'hashed with a fast general-purpose hash' },
];

export const storeSinks: StoreSinkSpec[] = [
  { targets: ['flask.session', 'django.http.HttpRequest.session', 'starlette.requests.Request.session'], sink: 'trust-boundary', what: 'stored in the session' },
  { targets: ['.headers', 'django.http.HttpResponse()', 'django.http.response.HttpResponse()', 'flask.make_response()', 'flask.Response()'], sink: 'header', what: 'written into an HTTP response header' },
];
