/**
 * C and C++ data-flow spec tables for the shared taint engine (src/analysis/engine.ts): where
 * untrusted data enters (the command line, the environment, files, standard input, sockets),
 * and which library calls are dangerous with it. The lowering stores what a call reads into its
 * buffer arguments (`fgets(buf, …)`), so a source here taints those buffers too.
 */
import type { GuardSpec, LanguageSpecs, PropagatorSpec, SinkSpec, SourceSpec } from '../../../analysis/specs.js';
import { KEY_ARG, KEY_MATERIAL, PASSWORD_ARG, TEXT_COPIES } from '../secrets.js';

const SHELLS = ['/bin/sh', 'sh', '/bin/bash', 'bash', '/bin/dash', '/usr/bin/sh', '/usr/bin/bash', '/bin/zsh'];
const EXEC_LIST = ['execl', 'execlp', 'execle'];
const EXEC_VECTOR = ['execv', 'execvp', 'execve', 'execvpe'];
/** Environment variables that say where programs and libraries are looked up. */
const SEARCH_PATHS = ['PATH', 'LD_LIBRARY_PATH', 'LD_PRELOAD', 'DYLD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES', 'LD_AUDIT'];

const sources: SourceSpec[] = [
  // Whoever runs a command-line tool may name any file it can open: paths from argv are not traversal.
  { calls: ['<argv>'], kind: 'input', what: 'command-line argument', safeFor: ['path'] },
  { calls: ['getenv', 'secure_getenv', '_wgetenv'], kind: 'input', what: 'environment variable' },
  { calls: ['fgets', 'fgetws', 'gets', 'getline', 'getdelim', 'std::getline', 'scanf', 'fscanf', 'wscanf', 'fwscanf', 'getchar', 'fgetc', 'getc', 'fread'], kind: 'input', what: 'input read by' },
  { calls: ['read', 'pread', 'recv', 'recvfrom', 'recvmsg'], kind: 'input', what: 'data received by' },
];

const FORMAT_AT: Record<string, number> = {
  printf: 0, vprintf: 0, wprintf: 0, vwprintf: 0, warn: 0, warnx: 0, vwarn: 0, vwarnx: 0, printk: 0,
  fprintf: 1, vfprintf: 1, fwprintf: 1, dprintf: 1, vdprintf: 1, sprintf: 1, vsprintf: 1, asprintf: 1, vasprintf: 1,
  syslog: 1, vsyslog: 1, err: 1, errx: 1, verr: 1, verrx: 1,
  snprintf: 2, vsnprintf: 2, swprintf: 2, vswprintf: 2, _snprintf: 2,
};

const PATH_CALLS: Array<[string[], number[]]> = [
  [['fopen', 'fopen64', 'freopen', 'open', 'open64', 'creat', 'unlink', 'remove', 'mkdir', 'rmdir', 'chmod', 'chown', 'lchown', 'truncate', 'opendir', 'mkfifo', 'std::ifstream', 'std::ofstream', 'std::fstream', 'ifstream', 'ofstream'], [0]],
  [['rename', 'symlink', 'link'], [0, 1]],
  [['openat', 'unlinkat', 'mkdirat', 'fchmodat', 'fchownat'], [1]],
];

const sinks: SinkSpec[] = [
  { calls: ['system', '_wsystem', 'popen', '_popen', '_wpopen'], sink: 'command', args: [{ pos: 0 }], what: 'run by the shell' },
  {
    calls: EXEC_LIST,
    sink: 'command',
    args: [{ pos: 3 }],
    when: [
      { arg: { pos: 0 }, is: 'one-of', values: SHELLS },
      { arg: { pos: 2 }, is: 'one-of', values: ['-c'] },
    ],
    what: 'run by the shell as `sh -c` script',
  },
  { calls: [...EXEC_LIST, ...EXEC_VECTOR], sink: 'command', args: [{ pos: 0 }], what: 'executed as the program' },
  ...Object.entries(FORMAT_AT).map(([name, pos]): SinkSpec => ({ calls: [name], sink: 'format', args: [{ pos }], what: 'used as the format string' })),
  ...PATH_CALLS.map(([calls, positions]): SinkSpec => ({ calls, sink: 'path', args: positions.map((pos) => ({ pos })), what: 'used as a file path' })),
  { calls: ['.open'], sink: 'path', args: [{ pos: 0 }], receiverType: /^(?:std::)?(?:[io]?fstream|filebuf|basic_[io]?fstream\b.*)$/, what: 'used as a file path' },
  { calls: ['dlopen', 'LoadLibrary', 'LoadLibraryA', 'LoadLibraryW', 'LoadLibraryEx', 'LoadLibraryExA', 'LoadLibraryExW'], sink: 'code', args: [{ pos: 0 }], what: 'loaded as a library' },
  {
    calls: ['setenv', '_putenv_s', 'SetEnvironmentVariable', 'SetEnvironmentVariableA'],
    sink: 'search-path',
    args: [{ pos: 1 }],
    when: [{ arg: { pos: 0 }, is: 'one-of', values: SEARCH_PATHS }],
    what: 'set as a search path',
  },
  {
    calls: ['putenv', '_putenv'],
    sink: 'search-path',
    args: [{ pos: 0 }],
    when: [{ arg: { pos: 0 }, is: 'starts-with', values: SEARCH_PATHS.map((name) => `${name}=`) }],
    what: 'set as a search path',
  },
  ...Object.entries(PASSWORD_ARG).map(([name, pos]): SinkSpec => ({ calls: [name], sink: 'hardcoded-password', args: [{ pos }], what: 'used as the password' })),
  ...Object.entries(KEY_ARG).map(([name, pos]): SinkSpec => ({ calls: [name], sink: 'hardcoded-key', args: [{ pos }], what: 'used as the key' })),
  {
    calls: [KEY_MATERIAL.call],
    sink: 'hardcoded-key',
    args: [{ pos: KEY_MATERIAL.pos }],
    alongside: [KEY_MATERIAL.derivedBy],
    what: 'hashed into key material',
  },
];

/**
 * Checks that pass when the call finds nothing: a name with no `/` or `..` in it, a path whose
 * prefix compares equal to a base directory.
 */
const guards: GuardSpec[] = [
  { calls: ['strchr', 'strrchr', 'strstr', 'strpbrk', 'memchr', 'wcschr', 'wcsstr'], subject: { pos: 0 }, clears: ['path', 'command', 'code', 'search-path'], passesWhenFalse: true },
  { calls: ['strncmp', 'strcmp', 'memcmp', 'wcsncmp'], subject: { pos: 0 }, clears: ['path'], passesWhenFalse: true },
];

const propagators: PropagatorSpec[] = [
  { calls: ['strlen', 'strnlen', 'wcslen', 'strcasecmp', 'strspn', 'strcspn', 'atoi', 'atol', 'atoll', 'strtol', 'strtoul', 'strtoll', 'strtoull', 'strtod'], op: 'clean' },
  { calls: ['realpath'], op: 'normalize' },
  { calls: ['sprintf'], op: 'format', value: { pos: 1 } },
  { calls: ['snprintf'], op: 'format', value: { pos: 2 } },
  // C++ containers: what goes into a vector, list, deque, queue, set or map comes back out of it.
  { calls: ['.push_back', '.emplace_back', '.push_front', '.emplace_front', '.push', '.emplace', '.append'], op: 'into-receiver', from: [{ pos: 0 }] },
  { calls: ['.insert', '.assign'], op: 'into-receiver', from: [{ pos: 0 }, { pos: 1 }, { pos: 2 }] },
  { calls: ['.at', '.front', '.back', '.top'], op: 'read-key', key: [{ pos: 0 }] },
];

export const cSpecs: LanguageSpecs = {
  sources,
  sinks,
  storeSinks: [],
  sanitizers: [],
  guards,
  propagators,
  routeDecorators: [],
  injectedDefaults: [],
  requestTypes: {},
  requestParamByImport: {},
  nonHtmlResponses: [],
  isSecretName: () => false,
  isSecretFunction: () => false,
  isSecretSetter: () => false,
  isPasswordName: () => false,
  isSessionCookie: () => false,
  weakRandom: [],
  fixedTextCopies: TEXT_COPIES,
  cookieSetters: [],
};
