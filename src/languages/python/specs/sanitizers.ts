/** Calls and checks that make data safe for some sinks. */
import type { GuardSpec, SanitizerSpec } from '../../../analysis/specs.js';

export const sanitizers: SanitizerSpec[] = [
  {
    // Conversions, and lookups that answer from the system's tables (a MIME type for a file name).
    calls: ['int', 'float', 'bool', 'complex', 'len', 'abs', 'round', 'ord', 'hash', 'id', 'isinstance', 'callable', 'hasattr', 'uuid.UUID', 'ipaddress.ip_address', 'ipaddress.ip_network', 'decimal.Decimal', 'datetime.date.fromisoformat', 'datetime.datetime.fromisoformat', 'mimetypes.guess_type', 'mimetypes.guess_extension'],
    clears: 'all',
  },
  {
    calls: ['.startswith', '.endswith', '.isdigit', '.isnumeric', '.isdecimal', '.isalnum', '.isalpha', '.isidentifier', '.count', '.find', '.rfind', '.index', '.__len__', 'os.path.exists', 'os.path.isfile', 'os.path.isdir'],
    clears: 'all',
  },
  // Werkzeug's `args.get('n', type=int)` converts the value (and drops it if it does not parse).
  { calls: ['.get', '.getlist'], clears: 'all', arg: 'receiver', when: [{ arg: { kw: 'type' }, is: 'one-of', values: ['int', 'float', 'bool', 'uuid.UUID'] }] },
  { calls: ['shlex.quote', 'pipes.quote', 'shlex.join'], clears: ['command'] },
  // Escaped, the text matches itself literally: no repetition for the engine to backtrack over.
  { calls: ['re.escape'], clears: ['redos'] },
  {
    calls: ['html.escape', 'cgi.escape', 'markupsafe.escape', 'flask.escape', 'jinja2.escape', 'markupsafe.Markup.escape', 'django.utils.html.escape', 'django.utils.html.conditional_escape', 'bleach.clean', 'xml.sax.saxutils.escape', 'werkzeug.utils.escape', 'flask.jsonify', 'markupsafe.Markup().format', 'flask.Markup().format', 'markupsafe.Markup.format'],
    clears: ['xss'],
  },
  { calls: [], names: /^(escape_?(for_?)?html|html_?escape|escape_?(for_?)?xml|xml_?escape)$/i, clears: ['xss'] },
  { calls: ['os.path.basename', 'posixpath.basename', 'ntpath.basename', 'werkzeug.utils.secure_filename', 'werkzeug.secure_filename'], clears: ['path'] },
  // Joins that refuse a result outside the base (Werkzeug returns None, Django raises).
  { calls: ['werkzeug.security.safe_join', 'werkzeug.utils.safe_join', 'flask.safe_join', 'flask.helpers.safe_join', 'django.utils._os.safe_join'], clears: ['path'], arg: { pos: 1 } },
  { calls: ['ldap3.utils.conv.escape_filter_chars', 'ldap.filter.escape_filter_chars', 'ldap.dn.escape_dn_chars', 'ldap3.utils.dn.escape_rdn'], clears: ['ldap'] },
  { calls: ['flask.url_for', 'django.urls.reverse', 'django.shortcuts.resolve_url'], clears: 'all' },
  // Removing line breaks (`.replace("\n", "")`) neutralises log forging and header splitting.
  { calls: ['.replace'], clears: ['log', 'header'], arg: 'receiver', when: [{ arg: { pos: 0 }, is: 'contains', values: ['\n', '\r'] }] },
  { calls: ['urllib.parse.quote', 'urllib.parse.quote_plus', 'urllib.parse.urlencode'], clears: ['header', 'log', 'xss'] },
];

export const guards: GuardSpec[] = [
  { calls: ['.isdigit', '.isnumeric', '.isdecimal', '.isalnum', '.isalpha', '.isidentifier'], subject: 'receiver', clears: 'all' },
  { calls: ['.startswith'], subject: 'receiver', clears: ['path'], needsNormalized: true },
  { calls: ['.is_relative_to'], subject: 'receiver', clears: ['path'], needsNormalized: true },
  { calls: ['django.utils.http.url_has_allowed_host_and_scheme', 'django.utils.http.is_safe_url'], subject: { pos: 0, kw: 'url' }, clears: ['redirect', 'ssrf'] },
  { calls: ['re.fullmatch', 're.match', 're.search'], subject: { pos: 1, kw: 'string' }, pattern: { pos: 0, kw: 'pattern' }, clears: 'all' },
  { calls: ['re.Pattern.fullmatch', 're.Pattern.match', 're.Pattern.search'], subject: { pos: 0, kw: 'string' }, pattern: 'receiver', clears: 'all' },
];
