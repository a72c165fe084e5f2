/**
 * How library calls move data when the default (the result carries the receiver's and the
 * arguments' taint) is wrong or too coarse: container methods keep keys apart, configparser keeps
 * sections and options apart, StringIO collects what is written to it.
 */
import type { PropagatorSpec } from '../../../analysis/specs.js';

const CONFIG_PARSERS = ['configparser.ConfigParser()', 'configparser.RawConfigParser()', 'configparser.SafeConfigParser()', 'ConfigParser.ConfigParser()', 'ConfigParser.RawConfigParser()'];
const STREAMS = ['io.StringIO()', 'io.BytesIO()', 'StringIO.StringIO()', 'cStringIO.StringIO()'];

export const propagators: PropagatorSpec[] = [
  { calls: CONFIG_PARSERS.map((c) => `${c}.set`), op: 'write-key', key: [{ pos: 0 }, { pos: 1 }], value: { pos: 2 }, overwrite: true },
  { calls: CONFIG_PARSERS.flatMap((c) => [`${c}.get`, `${c}.getint`, `${c}.getboolean`, `${c}.getfloat`]), op: 'read-key', key: [{ pos: 0 }, { pos: 1 }], from: [{ kw: 'fallback' }] },
  { calls: STREAMS.map((s) => `${s}.write`), op: 'into-receiver', from: [{ pos: 0 }] },
  { calls: STREAMS.map((s) => `${s}.writelines`), op: 'into-receiver', from: [{ pos: 0 }], spread: true },
  { calls: ['.append', '.add', '.appendleft', '.put', '.put_nowait'], op: 'into-receiver', from: [{ pos: 0 }] },
  { calls: ['.insert'], op: 'into-receiver', from: [{ pos: 1 }] },
  { calls: ['.extend', '.extendleft'], op: 'into-receiver', from: [{ pos: 0 }], spread: true },
  { calls: ['.update'], op: 'merge' },
  { calls: ['.get', '.pop', '.getlist'], op: 'read-key', key: [{ pos: 0 }], from: [{ pos: 1 }] },
  { calls: ['.setdefault'], op: 'write-key', key: [{ pos: 0 }], value: { pos: 1 } },
  { calls: ['.copy', '.items', '.values', '.keys', 'copy.copy', 'copy.deepcopy', 'dict', 'collections.OrderedDict'], op: 'copy' },
  { calls: ['os.path.normpath', 'os.path.realpath', 'os.path.abspath', 'posixpath.normpath', 'posixpath.realpath', '.resolve', '.absolute'], op: 'normalize' },
  { calls: ['urllib.parse.urlparse', 'urllib.parse.urlsplit', 'urlparse.urlparse', 'urlparse.urlsplit'], op: 'url-parts' },
  { calls: ['re.compile'], op: 'regex' },
  { calls: ['lxml.etree.XMLParser', 'lxml.etree.XMLPullParser'], op: 'flag', kw: 'resolve_entities', default: 'true' },
  { calls: ['getattr'], op: 'attr' },
  { calls: ['open', 'builtins.open', 'io.open', 'codecs.open', 'print', 'time.time', 'uuid.uuid4', 'secrets.token_hex', 'secrets.token_urlsafe', 'secrets.token_bytes', 'os.urandom', 'type', 'super', 'locals', 'globals', 'vars', 'importlib.import_module', '__import__'], op: 'clean' },
];
