/**
 * What the C library (and the POSIX/Windows calls next to it) does with its arguments, as data
 * the facts module and the rules read. Names are matched without a leading `std::`.
 */

/** Functions that never write through any of their arguments. */
const READ_ONLY_CALLS = new Set([
  'printf', 'fprintf', 'dprintf', 'vprintf', 'vfprintf', 'wprintf', 'fwprintf', 'syslog', 'vsyslog',
  'err', 'errx', 'warn', 'warnx', 'verr', 'verrx', 'vwarn', 'vwarnx', 'error', 'perror',
  'puts', 'fputs', 'fputws', 'putchar', 'fputc', 'write', 'send', 'sendto', 'fwrite',
  'strlen', 'strnlen', 'wcslen', 'strcmp', 'strncmp', 'strcasecmp', 'strncasecmp', 'wcscmp', 'strcoll',
  'strstr', 'strcasestr', 'strchr', 'strrchr', 'strpbrk', 'strspn', 'strcspn', 'memcmp', 'memchr',
  'strdup', 'strndup', 'wcsdup', 'atoi', 'atol', 'atoll', 'atof', 'strtol', 'strtoul', 'strtoll', 'strtoull', 'strtod',
  'system', '_wsystem', 'popen', '_popen', 'execl', 'execlp', 'execle', 'execv', 'execvp', 'execve', 'execvpe',
  'fopen', 'open', 'openat', 'creat', 'access', 'faccessat', 'unlink', 'remove', 'rename', 'chmod', 'chown',
  'lchown', 'mkdir', 'rmdir', 'opendir', 'chdir', 'truncate', 'getenv', 'setenv', 'free', 'fclose', 'close',
  'assert', 'strerror', 'tmpfile', 'mkstemp', 'srand', 'sleep', 'usleep', 'exit', '_exit', 'abort',
]);

/** Functions that write through some arguments: which ones. */
const WRITTEN_ARGUMENTS: Record<string, (index: number) => boolean> = {
  strcpy: (i) => i === 0, strncpy: (i) => i === 0, strcat: (i) => i === 0, strncat: (i) => i === 0,
  stpcpy: (i) => i === 0, stpncpy: (i) => i === 0, strlcpy: (i) => i === 0, strlcat: (i) => i === 0,
  wcscpy: (i) => i === 0, wcscat: (i) => i === 0, wcsncpy: (i) => i === 0, wcsncat: (i) => i === 0,
  memcpy: (i) => i === 0, memmove: (i) => i === 0, memset: (i) => i === 0,
  sprintf: (i) => i === 0, snprintf: (i) => i === 0, vsprintf: (i) => i === 0, vsnprintf: (i) => i === 0,
  swprintf: (i) => i === 0, vswprintf: (i) => i === 0,
  sscanf: (i) => i >= 2, fscanf: (i) => i >= 2, scanf: (i) => i >= 1,
  stat: (i) => i === 1, lstat: (i) => i === 1, fstat: (i) => i === 1,
  fgets: (i) => i === 0, read: (i) => i === 1, recv: (i) => i === 1, fread: (i) => i === 0,
};

/** True unless `callee` is known to leave its argument at `index` untouched. */
export function mayWriteArgument(callee: string | undefined, index: number): boolean {
  if (callee === undefined) return true;
  const name = plainName(callee);
  if (READ_ONLY_CALLS.has(name)) return false;
  const written = WRITTEN_ARGUMENTS[name];
  return written ? written(index) : true;
}

/** Whether `callee` is a C library function above: none keeps a pointer it is handed. */
export function isListedLibraryCall(callee: string): boolean {
  const name = plainName(callee);
  return READ_ONLY_CALLS.has(name) || name in WRITTEN_ARGUMENTS;
}

/** `std::printf` and `::printf` are `printf`. */
function plainName(callee: string): string {
  return callee.replace(/^(?:::)?std::/, '').replace(/^::/, '');
}

/**
 * Where the format string sits in each printf-like function (0-based), and where its
 * variadic arguments start (`va`: a va_list, so the arguments are not visible).
 */
export interface FormatSpec {
  format: number;
  args: number | 'va';
  /** Output goes into a caller buffer at argument 0 (sprintf family), with no size argument. */
  unboundedOutput?: boolean;
}

export const PRINTF_FAMILY: Record<string, FormatSpec> = {
  printf: { format: 0, args: 1 },
  vprintf: { format: 0, args: 'va' },
  wprintf: { format: 0, args: 1 },
  vwprintf: { format: 0, args: 'va' },
  _tprintf: { format: 0, args: 1 },
  fprintf: { format: 1, args: 2 },
  vfprintf: { format: 1, args: 'va' },
  fwprintf: { format: 1, args: 2 },
  vfwprintf: { format: 1, args: 'va' },
  _ftprintf: { format: 1, args: 2 },
  dprintf: { format: 1, args: 2 },
  vdprintf: { format: 1, args: 'va' },
  sprintf: { format: 1, args: 2, unboundedOutput: true },
  vsprintf: { format: 1, args: 'va', unboundedOutput: true },
  wsprintf: { format: 1, args: 2, unboundedOutput: true },
  wsprintfA: { format: 1, args: 2, unboundedOutput: true },
  wsprintfW: { format: 1, args: 2, unboundedOutput: true },
  _stprintf: { format: 1, args: 2, unboundedOutput: true },
  snprintf: { format: 2, args: 3 },
  vsnprintf: { format: 2, args: 'va' },
  swprintf: { format: 2, args: 3 },
  vswprintf: { format: 2, args: 'va' },
  _snprintf: { format: 2, args: 3 },
  _sntprintf: { format: 2, args: 3 },
  asprintf: { format: 1, args: 2 },
  vasprintf: { format: 1, args: 'va' },
  syslog: { format: 1, args: 2 },
  vsyslog: { format: 1, args: 'va' },
  err: { format: 1, args: 2 },
  errx: { format: 1, args: 2 },
  verr: { format: 1, args: 'va' },
  verrx: { format: 1, args: 'va' },
  warn: { format: 0, args: 1 },
  warnx: { format: 0, args: 1 },
  vwarn: { format: 0, args: 'va' },
  vwarnx: { format: 0, args: 'va' },
  error: { format: 2, args: 3 },
  error_at_line: { format: 4, args: 5 },
  printk: { format: 0, args: 1 },
};

export const SCANF_FAMILY: Record<string, FormatSpec> = {
  scanf: { format: 0, args: 1 },
  wscanf: { format: 0, args: 1 },
  fscanf: { format: 1, args: 2 },
  fwscanf: { format: 1, args: 2 },
  sscanf: { format: 1, args: 2 },
  swscanf: { format: 1, args: 2 },
  vscanf: { format: 0, args: 'va' },
  vfscanf: { format: 1, args: 'va' },
  vsscanf: { format: 1, args: 'va' },
};

/** Calls that return a constant translation of their string arguments (gettext and friends). */
export const TRANSLATION_CALLS: Record<string, number[]> = {
  gettext: [0], _: [0], N_: [0], dgettext: [1], dcgettext: [1], ngettext: [0, 1], dngettext: [1, 2], g_dgettext: [1],
};

/** Allocators whose size argument is a byte count, and where it sits. */
export const ALLOCATORS: Record<string, number> = {
  malloc: 0, realloc: 1, alloca: 0, _alloca: 0, xmalloc: 0, xrealloc: 1, g_malloc: 0, g_malloc0: 0, g_realloc: 1,
  kmalloc: 0, kzalloc: 0, vmalloc: 0, vzalloc: 0, 'operator new': 0, 'operator new[]': 0, HeapAlloc: 2, LocalAlloc: 1, GlobalAlloc: 1,
};

/** calloc-style allocators multiply their two arguments themselves and fail on overflow. */
export const CHECKED_ARRAY_ALLOCATORS: Record<string, [number, number]> = {
  calloc: [0, 1], reallocarray: [1, 2], kcalloc: [0, 1], kmalloc_array: [0, 1],
};
