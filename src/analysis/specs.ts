/**
 * The shape of a language's data-flow specs: which reads and calls produce untrusted data, which
 * calls are dangerous with it, which neutralise it and how library calls move it. Each language
 * fills these tables (src/languages/<lang>/specs/); the engine reads nothing else about libraries.
 *
 * Names are absolute dotted names as the lowering resolves them (`subprocess.run`,
 * `flask.request.args`), or `.method` for a method on a receiver of any type. A receiver created by
 * calling a known name has the type `<name>()`, so `sqlite3.connect().execute` and
 * `configparser.ConfigParser().set` are names too.
 */

export const SINK_CLASSES = [
  'command',
  'sql',
  'code',
  'path',
  'xss',
  'redirect',
  'ldap',
  'xpath',
  'xxe',
  'deserialization',
  'ssrf',
  'trust-boundary',
  'header',
  'log',
  'weak-random',
  'password-hash',
  /** A regular expression that backtracks exponentially, matched against input (CWE-1333). */
  'redos',
  /** A template's source, which the engine runs as code (server-side template injection, CWE-1336). */
  'template',
  /** A session or credential cookie set without its protective flags (CWE-614/1004); no data flow. */
  'cookie',
  /** C/C++: a printf-style format string (CWE-134). */
  'format',
  /** C/C++: a search path for programs or libraries (PATH, LD_LIBRARY_PATH; CWE-427). */
  'search-path',
  /** C/C++: a login or connection password that the program fixes (CWE-259). */
  'hardcoded-password',
  /** C/C++: a cryptographic key that the program fixes (CWE-321). */
  'hardcoded-key',
] as const;
export type SinkClass = (typeof SINK_CLASSES)[number];

/**
 * What kind of data a label stands for. Injection sinks take `input`; the others their own kind.
 * `fixed`: text the program itself fixes (a string literal copied into a variable or buffer).
 */
export type SourceKind = 'input' | 'random' | 'password' | 'fixed';

export const SINK_KINDS: Record<SinkClass, SourceKind> = {
  command: 'input',
  sql: 'input',
  code: 'input',
  path: 'input',
  xss: 'input',
  redirect: 'input',
  ldap: 'input',
  xpath: 'input',
  xxe: 'input',
  deserialization: 'input',
  ssrf: 'input',
  'trust-boundary': 'input',
  header: 'input',
  log: 'input',
  'weak-random': 'random',
  'password-hash': 'password',
  redos: 'input',
  template: 'input',
  cookie: 'input',
  format: 'input',
  'search-path': 'input',
  'hardcoded-password': 'fixed',
  'hardcoded-key': 'fixed',
};

/** An argument by position and/or keyword; `receiver` is the object of a method call. */
export type ArgRef = { pos?: number; kw?: string } | 'receiver';

/** A condition on a call's arguments, evaluated on constants and resolved names. */
export interface ArgCondition {
  arg: ArgRef;
  /**
   * `truthy`: the argument is present and a true constant; `not-truthy`: absent or a false
   * constant; `one-of`: a constant or dotted name among `values`; `not-one-of`: absent, or
   * neither of them; `contains`: a constant string containing one of `values`; `starts-with`: a
   * string whose constant text or constant prefix starts with one of `values`;
   * `exponential-regex`: a constant pattern, or a compiled one, that backtracks exponentially.
   */
  is: 'truthy' | 'not-truthy' | 'one-of' | 'not-one-of' | 'contains' | 'starts-with' | 'exponential-regex';
  values?: string[];
  /** A costly condition is judged only when this argument carries data at all (it fails otherwise). */
  onlyWith?: ArgRef;
  /** `exponential-regex`: the argument that holds the pattern's flags. */
  flags?: ArgRef;
}

export interface SourceSpec {
  /** Reads of these names (and anything below them) produce source data. */
  reads?: string[];
  /** Calls to these names return source data. */
  calls?: string[];
  kind: SourceKind;
  /** How the trace names the source, e.g. "Flask request data". */
  what: string;
  /** Sinks this data is meant for: a command-line tool opens the files its user names. */
  safeFor?: SinkClass[];
}

export interface SinkSpec {
  calls: string[];
  sink: SinkClass;
  /** Which arguments are dangerous; `all` means every positional argument. */
  args: ArgRef[] | 'all';
  /** Every condition must hold for the call to be a sink (e.g. `shell=True`). */
  when?: ArgCondition[];
  /**
   * Only in a function that also calls one of these: what CryptHashData() hashes is a key when
   * CryptDeriveKey() makes one of the hash there.
   */
  alongside?: string[];
  /**
   * For argument lists (`subprocess.run([...])`): without `shell`, only the program (element 0)
   * is dangerous, or the command string of `sh -c <command>`.
   */
  argv?: boolean;
  /** A tuple argument is (body, status or headers…): only its first element reaches the sink. */
  tupleBody?: boolean;
  /** Only the part of the value after a constant prefix ending in a host matters (SSRF, redirects). */
  hostPrefixSafe?: boolean;
  /**
   * Only in a module that imports one of these packages (anywhere in it): a method name shared by
   * unrelated libraries (`conn.search()` in ldap3 and imaplib) means this sink only there.
   */
  imports?: string[];
  /** Only when the receiver's source text matches (loggers known by name: `log`, `self.logger`). */
  receiverName?: RegExp;
  /** Only when the receiver is a variable whose declared type matches (C++: `std::ifstream in; in.open(p)`). */
  receiverType?: RegExp;
  /** What the call returns; default: taint of its arguments, as for any library call. */
  result?: 'clean' | 'propagate';
  /** Text for the finding, e.g. "executed as a shell command". */
  what: string;
}

/** Stores into these names (`flask.session[k] = v`) are sinks. */
export interface StoreSinkSpec {
  targets: string[];
  sink: SinkClass;
  what: string;
}

export interface SanitizerSpec {
  calls: string[];
  /**
   * Also any call outside the project and the other tables whose function or method name matches:
   * helpers named for what they do (`escape_for_html`) that the review cannot read.
   */
  names?: RegExp;
  /** Sink classes the result is safe for; `all` means the result carries no input. */
  clears: SinkClass[] | 'all';
  /** The value sanitised (default: first argument, or the receiver for `.method` names). */
  arg?: ArgRef;
  /** Only when every condition holds (`s.replace("\n", "")` strips line breaks). */
  when?: ArgCondition[];
}

/**
 * A check that, when true (or false, for `negated` uses), makes a variable safe for some sinks
 * in the code it guards: `if x.isdigit():`, `if re.fullmatch(P, x):`, `if p.startswith(BASE)`.
 */
export interface GuardSpec {
  calls: string[];
  /** The value checked. */
  subject: ArgRef;
  clears: SinkClass[] | 'all';
  /** Only when the subject was normalised first (normpath/realpath/resolve). */
  needsNormalized?: boolean;
  /** The argument holding a regular expression that must be anchored and strict. */
  pattern?: ArgRef;
  /** C style: the check passes when the call returns NULL, 0 or false (`strchr(name, '/') == NULL`). */
  passesWhenFalse?: boolean;
}

/** How a library call moves data between receiver, arguments and result, when not by default. */
export interface PropagatorSpec {
  calls: string[];
  /**
   * `result-from`: the result carries only these (default: receiver and all arguments).
   * `into-receiver`: these arguments are stored into the receiver's unknown elements.
   * `read-key`: the result is the receiver's element at the constant key in `key` (dict.get, pop).
   * `write-key`: `value` is stored at `key` in the receiver (setdefault, configparser.set).
   * `merge`: the argument mapping's entries are merged into the receiver (dict.update).
   * `clean`: the result carries nothing (open() returns a handle, len() a number).
   * `normalize`: the result is the argument, marked as a normalised path.
   * `url-parts`: the result is a parsed view of the argument (urlparse), for host checks.
   * `regex`: the result is a compiled pattern whose text is the argument (re.compile).
   * `attr`: the result is the receiver's attribute named by the constant argument (getattr).
   * `copy`: the result is the receiver (or first argument) itself, structure included.
   * `format`: the result carries every argument, and starts with the constant format in `value`
   *   up to its first conversion (`snprintf(buf, n, "PATH=%s", dir)` writes `PATH=…`).
   * `flag`: the result is the constant `<kw>=<value>` of a keyword argument (or `default`), so a
   *   sink condition can tell a safely configured object (an XML parser) from an unsafe one.
   */
  op: 'result-from' | 'into-receiver' | 'read-key' | 'write-key' | 'merge' | 'clean' | 'normalize' | 'url-parts' | 'regex' | 'attr' | 'copy' | 'flag' | 'format';
  kw?: string;
  default?: string;
  from?: ArgRef[];
  key?: ArgRef[];
  value?: ArgRef;
  /** `write-key`: the value replaces what the key held (configparser's set), rather than maybe joining it (setdefault). */
  overwrite?: boolean;
  /** For `into-receiver`: the argument's elements are added, not the argument itself (extend). */
  spread?: boolean;
  /** For `into-receiver` as well: the call also returns the receiver's contents. */
  returns?: boolean;
}

/** A language's complete table set. */
export interface LanguageSpecs {
  sources: SourceSpec[];
  sinks: SinkSpec[];
  storeSinks: StoreSinkSpec[];
  sanitizers: SanitizerSpec[];
  guards: GuardSpec[];
  propagators: PropagatorSpec[];
  /**
   * Decorators that make a function an HTTP handler whose parameters come from the request:
   * method names such as `route`, `get`, `post` on any object.
   */
  routeDecorators: string[];
  /**
   * Functions and methods (`.name`) whose result is a function of their arguments alone: decoding
   * and reshaping text. Applied to the program's literals, they give the program's text.
   */
  pureCalls?: string[];
  /** Reads of the request's path, which a route without variable parts fixes (`flask.request.path`). */
  routePathReads?: string[];
  /** Parameter defaults that mark a handler parameter as injected, not user input (`Depends`). */
  injectedDefaults: string[];
  /** Parameter type annotations that mean "the whole request": reads below them are input. */
  requestTypes: Record<string, string>;
  /** Modules whose presence makes a parameter called `request` that framework's request. */
  requestParamByImport: Record<string, string>;
  /** Responses built from values returned by route handlers are HTML unless wrapped by these. */
  nonHtmlResponses: string[];
  /** Whether a variable, attribute, key or keyword of this name holds a secret (token, password, salt …). */
  isSecretName(name: string): boolean;
  /** Whether a function of this name produces a secret (`make_token`, `generate_password`). */
  isSecretFunction(name: string): boolean;
  /** Whether a method of this name stores a secret it is given (`set_password`, `store_token`). */
  isSecretSetter(name: string): boolean;
  /** Whether a regular expression of this language can backtrack exponentially. */
  exponentialRegex?(pattern: string): boolean;
  /** The pattern with the flags its call passes (their source text, `re.X | re.I`) folded in where they change how it reads. */
  regexPattern?(pattern: string, flags: string): string;
  /** Whether a name holds a plain password. */
  isPasswordName(name: string): boolean;
  /** Calls that create a value from weak randomness. */
  weakRandom: string[];
  /**
   * Calls that copy their second argument into their first (`strcpy`): a non-empty constant
   * copied or assigned into a variable is `fixed` text, followed to the hard-coded secret sinks.
   */
  fixedTextCopies?: string[];
  /** Calls that never return (`abort(403)`, `sys.exit()`): the code after them is unreachable. */
  noReturn?: string[];
  /** Calls that set cookies (`response.set_cookie(name, value, secure=…, httponly=…)`). */
  cookieSetters: string[];
  /** Whether a cookie of this name carries a session or a credential. */
  isSessionCookie(name: string): boolean;
}
