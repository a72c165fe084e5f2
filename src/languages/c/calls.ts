/**
 * What C library calls do with the memory their pointer arguments point to, for the lowering
 * (which makes those writes explicit in the IR) and for the data-flow specs.
 */

/** Arguments a call fills with data it read or derived (`fgets(buf, …)`, `strcpy(dst, …)`). */
const WRITES: Record<string, number[] | { from: number }> = {
  strcpy: [0], strncpy: [0], strcat: [0], strncat: [0], stpcpy: [0], stpncpy: [0], strlcpy: [0], strlcat: [0],
  wcscpy: [0], wcsncpy: [0], wcscat: [0], wcsncat: [0], wcslcpy: [0], memcpy: [0], memmove: [0], mempcpy: [0],
  wmemcpy: [0], wmemmove: [0], bcopy: [1], sprintf: [0], snprintf: [0], vsprintf: [0], vsnprintf: [0],
  swprintf: [0], vswprintf: [0], asprintf: [0], vasprintf: [0], sscanf: { from: 2 }, swscanf: { from: 2 },
  vsscanf: { from: 2 }, scanf: { from: 1 }, wscanf: { from: 1 }, fscanf: { from: 2 }, fwscanf: { from: 2 },
  fgets: [0], fgetws: [0], gets: [0], fread: [0], read: [1], pread: [1], recv: [1], recvfrom: [1], getline: [0],
  getdelim: [0], realpath: [1], readlink: [1], getcwd: [0], 'std::getline': [1], strftime: [0],
};

/** Indexes of the arguments `callee` writes into, for a call with `count` arguments. */
export function writtenArguments(callee: string, count: number): number[] {
  const spec = WRITES[callee];
  if (!spec) return [];
  if (Array.isArray(spec)) return spec.filter((i) => i < count);
  const out: number[] = [];
  for (let i = spec.from; i < count; i++) out.push(i);
  return out;
}

/** C library names that C++ code may spell with `std::`; the lowering calls them by their C name. */
export function isCLibraryName(name: string): boolean {
  return name in WRITES || C_NAMES.has(name);
}

const C_NAMES = new Set([
  'system', 'popen', 'getenv', 'malloc', 'calloc', 'realloc', 'free', 'printf', 'fprintf', 'puts', 'fputs',
  'fopen', 'fclose', 'strlen', 'strcmp', 'strncmp', 'strchr', 'strrchr', 'strstr', 'strdup', 'memset', 'memcmp',
  'atoi', 'atol', 'atoll', 'strtol', 'strtoul', 'strtoll', 'strtoull', 'abort', 'exit', 'rand', 'srand', 'time',
  'fflush', 'fwrite', 'fputc', 'putchar', 'toupper', 'tolower', 'isdigit', 'isalpha', 'isalnum', 'isspace',
]);
