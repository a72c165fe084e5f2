/**
 * What C and C++ library calls do, for the path-sensitive analysis (src/analysis/path-explorer.ts):
 * which calls allocate, open, release, lock and unlock, which read untrusted input into which
 * argument and how much of it, how many bytes each copy writes, and what parsing functions
 * return. Families pair each release with the calls whose results it may release.
 */
import type { Expr, ModuleIR, VarDecl } from '../../analysis/ir.js';
import { pathOf, type CallApi, type IntType, type PathLanguage } from '../../analysis/path-explorer.js';
import { num, TOP, type Origin, type Val } from '../../analysis/path-state.js';
import { maxNumericWidth, parsePrintfFormat, parseScanfFormat } from './format.js';
import { isListedLibraryCall } from './libc.js';
import { baseType, intType as namedIntType, POINTER_SIZE, scalarSize } from './types.js';

const INT: IntType = { bits: 32, signed: true };
const UINT: IntType = { bits: 32, signed: false };
const LONG: IntType = { bits: 64, signed: true };
const ULONG: IntType = { bits: 64, signed: false };

const RETURN_TYPES: Record<string, IntType> = {
  atoi: INT, atol: LONG, atoll: LONG, strtol: LONG, strtoll: LONG, strtoimax: LONG, strtoul: ULONG, strtoull: ULONG,
  strtoumax: ULONG, strlen: ULONG, strnlen: ULONG, wcslen: ULONG, read: LONG, pread: LONG, recv: LONG, recvfrom: LONG,
  write: LONG, send: LONG, fread: ULONG, fwrite: ULONG, getchar: INT, fgetc: INT, getc: INT, rand: INT, random: LONG,
  time: LONG, ftell: LONG, sizeof: ULONG, getpid: INT, fileno: INT, open: INT, socket: INT, accept: INT, dup: INT,
  snprintf: INT, sprintf: INT, printf: INT, fprintf: INT, scanf: INT, sscanf: INT, fscanf: INT, toupper: INT,
  tolower: INT, abs: INT, labs: LONG, htons: { bits: 16, signed: false }, ntohs: { bits: 16, signed: false },
  htonl: UINT, ntohl: UINT, strcmp: INT, strncmp: INT, memcmp: INT,
};

const PARSERS: Record<string, IntType> = {
  atoi: INT, atol: LONG, atoll: LONG, strtol: LONG, strtoll: LONG, strtoimax: LONG, strtoul: ULONG, strtoull: ULONG, strtoumax: ULONG,
};

const NO_RETURN = new Set(['exit', '_exit', '_Exit', 'abort', 'err', 'errx', 'verr', 'verrx', 'quick_exit', '__assert_fail', 'pthread_exit', 'longjmp', 'siglongjmp', 'terminate', 'std::terminate', 'std::abort', 'std::exit']);

/**
 * Upper-case names of error macros from headers the review does not see (`XP_ERROR0(X)`,
 * `CHECK_ERROR`, `BAIL_OUT`): they usually return or jump away, so the path is not followed on.
 */
const ERROR_MACRO = /^[A-Z][A-Z0-9_]*(?:ERROR|FAIL|FATAL|RETURN|EXIT|ABORT|BAIL|DIE|PANIC|THROW|GOTO)[A-Z0-9_]*$/;

const LOCKS: Record<string, { op: 'lock' | 'unlock' | 'try'; arg: number | 'receiver'; zeroMeansHeld?: boolean }> = {
  pthread_mutex_lock: { op: 'lock', arg: 0 },
  pthread_mutex_unlock: { op: 'unlock', arg: 0 },
  pthread_mutex_trylock: { op: 'try', arg: 0 },
  pthread_rwlock_rdlock: { op: 'lock', arg: 0 },
  pthread_rwlock_wrlock: { op: 'lock', arg: 0 },
  pthread_rwlock_unlock: { op: 'unlock', arg: 0 },
  pthread_rwlock_tryrdlock: { op: 'try', arg: 0 },
  pthread_rwlock_trywrlock: { op: 'try', arg: 0 },
  pthread_spin_lock: { op: 'lock', arg: 0 },
  pthread_spin_unlock: { op: 'unlock', arg: 0 },
  pthread_spin_trylock: { op: 'try', arg: 0 },
  mtx_lock: { op: 'lock', arg: 0, zeroMeansHeld: true },
  mtx_unlock: { op: 'unlock', arg: 0 },
  mtx_trylock: { op: 'try', arg: 0 },
  EnterCriticalSection: { op: 'lock', arg: 0 },
  LeaveCriticalSection: { op: 'unlock', arg: 0 },
  '.lock': { op: 'lock', arg: 'receiver' },
  '.unlock': { op: 'unlock', arg: 'receiver' },
  '.try_lock': { op: 'try', arg: 'receiver' },
};

/**
 * A project's own lock wrappers, by their name (`xmlMutexLock`, `stdThreadLockAcquire`,
 * `g_mutex_unlock`): a mutex or lock noun, then the verb, the lock passed first.
 */
const WRAPPED_LOCK = /(?:mutex|Mutex|MUTEX|lock|Lock|LOCK)_?(?:lock|Lock|LOCK|acquire|Acquire|ACQUIRE|enter|Enter)$/;
const WRAPPED_UNLOCK = /(?:mutex|Mutex|MUTEX|lock|Lock|LOCK)_?(?:unlock|Unlock|UNLOCK|release|Release|RELEASE|leave|Leave)$/;

function lockOf(name: string): (typeof LOCKS)[string] | undefined {
  const known = LOCKS[name];
  if (known || name.startsWith('.')) return known;
  if (WRAPPED_UNLOCK.test(name)) return { op: 'unlock', arg: 0 };
  if (WRAPPED_LOCK.test(name)) return { op: 'lock', arg: 0 };
  return undefined;
}

/**
 * Unknown functions that, by their name, keep the pointers they are handed (atomic exchanges store
 * theirs) or free them (`gnome_keyring_free_password`, `foo_destroy`; not `strbuf_release`, which
 * frees what a struct holds): either way the caller's responsibility for them ends there.
 */
const KEEPS = /(?:add|insert|push|append|prepend|put|set|store|register|attach|enqueue|queue|link|cache|track|own|take|adopt|save|keep|retain|hold|assign|emplace|open|wrap|exchange|swap|free|destroy|dispose|unref|delete|dealloc)/i;

export function keepsArgumentsByName(callee: string): boolean {
  // `fputs`, `memset`, `setenv`: the C library's own names are not read for the verbs.
  return KEEPS.test(callee) && !isListedLibraryCall(callee);
}

const SOURCE_STRING = Infinity;
/** Past this many units (seconds, or micro- or milliseconds) a wait is unbounded in practice. */
const LONG_WAIT = 2 ** 20;

export function cPathLanguage(mod: ModuleIR): PathLanguage {
  const structs = mod.structs ?? {};
  const typedefs = mod.typedefs ?? {};
  /** A typedef name resolved to what it stands for (`u32` -> `unsigned int`, `handler_fn` -> a pointer). */
  const resolve = (type: string, ptr: number, dims?: number[]): { type: string; ptr: number; dims?: number[] } => {
    for (let i = 0; i < 8; i++) {
      const t = typedefs[baseType(type)];
      if (!t || t.type === type) break;
      type = t.type;
      ptr += t.ptr;
      if (t.dims) dims = [...(dims ?? []), ...t.dims];
    }
    return { type, ptr, dims };
  };
  const fieldsOf = (type: string): Record<string, VarDecl> | undefined => {
    const r = resolve(type, 0);
    return structs[baseType(r.type).replace(/^(?:struct|union|class)\s+/, '')];
  };
  const sizeOf = (type0: string, ptr0: number, dims0?: number[], depth = 0): number | undefined => {
    const { type, ptr, dims } = resolve(type0, ptr0, dims0);
    let elem: number | undefined;
    if (ptr > 0) elem = POINTER_SIZE;
    else {
      const base = baseType(type).replace(/^(?:struct|union|class|enum)\s+/, '');
      elem = scalarSize(base);
      if (elem === undefined && /^enum\b/.test(baseType(type))) elem = 4;
      if (elem === undefined && structs[base] && depth < 4) {
        let size = 0;
        let align = 1;
        for (const f of Object.values(structs[base])) {
          const s = sizeOf(f.type, f.ptr, f.dims, depth + 1);
          if (s === undefined) return undefined;
          const a = f.ptr > 0 ? POINTER_SIZE : Math.min(8, scalarSize(baseType(f.type)) ?? 8);
          size = Math.ceil(size / a) * a + s;
          align = Math.max(align, a);
        }
        elem = Math.ceil(size / align) * align;
      }
    }
    if (elem === undefined) return undefined;
    for (const d of dims ?? []) {
      if (d < 0) return undefined;
      elem *= d;
    }
    return elem;
  };
  return {
    intType: (type) => {
      const r = resolve(type, 0);
      return r.ptr === 0 && !r.dims ? namedIntType(r.type) : undefined;
    },
    sizeOf: (type, ptr, dims) => sizeOf(type, ptr, dims),
    fields: fieldsOf,
    returnType: (callee) => RETURN_TYPES[callee],
    call: (api) => callModel(api),
    lockOperation: lockOf,
    keepsArguments: keepsArgumentsByName,
  };
}

function inputString(api: CallApi, what: string, canFail: boolean, site?: string): Val {
  return api.allocate({ family: 'input', region: 'static', canFail, name: what, input: true, from: api.origin(what), len: [0, SOURCE_STRING], owned: false, ...(site ? { site } : {}) });
}

function inputNumber(type: IntType | undefined, from: Origin): Val {
  const t = type ?? INT;
  const [lo, hi] = t.signed ? [-(2 ** (t.bits - 1)), 2 ** (t.bits - 1) - 1] : [0, 2 ** t.bits - 1];
  return { lo, hi, input: true, from };
}

function constString(api: CallApi, i: number): string | undefined {
  const e = api.argExpr(i);
  return e?.k === 'const' && typeof e.v === 'string' ? e.v : undefined;
}

/** Marks what argument `i` points to as holding untrusted input of `len` characters. */
function fill(api: CallApi, i: number, len: [number, number], from: Origin): void {
  const e = api.argExpr(i);
  const scalar = e?.k === 'un' && e.op === '&' ? api.pointeeIntType(i) : undefined;
  if (scalar) {
    api.storeThrough(i, inputNumber(scalar, from));
    return;
  }
  const o = api.object(i);
  if (o) api.setObject({ ...o, input: true, from, len });
  else api.fillUnknown(i, from);
}

/** Strings live in memory, so their lengths stay far below the integer limits. */
const MAX_STRING = 2 ** 40;

function stringLength(api: CallApi, i: number): Val {
  const o = api.object(i);
  if (!o) return { lo: 0, hi: MAX_STRING, unk: true, sized: true };
  // Without knowing the contents, an array can hold a string as long as it is.
  const capacity = !o.len && !o.input && (o.region === 'stack' || o.region === 'static') && o.size;
  const [whole, most] = o.len ?? [0, o.size ? o.size[1] - 1 : MAX_STRING];
  // A pointer into the string (`data + dataLen`) starts that many characters in.
  const at = api.args[i];
  const elem = api.pointeeSize(i) ?? 1;
  const lo = Math.max(0, whole - Math.ceil((at?.hi ?? 0) / elem));
  const hi = Math.max(0, most - Math.max(0, Math.floor((at?.lo ?? 0) / elem)));
  return { lo, hi: Math.min(hi, MAX_STRING), lenOf: o.id, sized: true, ...(o.input ? { input: true, from: o.from } : {}), ...(o.len || o.input || capacity ? {} : { unk: true }) };
}

/** Whether `count` is a difference that takes away `strlen(buffer)` (`sizeof buf - strlen(buf) - 1`). */
function subtractsLengthOf(count: Expr | undefined, buffer: Expr | undefined): boolean {
  const target = buffer ? pathOf(unwrapCast(buffer)) : undefined;
  let e = count ? unwrapCast(count) : undefined;
  while (target !== undefined && e?.k === 'bin' && e.op === '-') {
    const r = unwrapCast(e.r);
    if (r.k === 'call' && r.f.k === 'name' && r.f.n === 'strlen' && r.a[0] && pathOf(unwrapCast(r.a[0])) === target) return true;
    e = unwrapCast(e.l);
  }
  return false;
}

function unwrapCast(x: Expr): Expr {
  let e = x;
  while (e.k === 'un' && e.op === 'cast') e = e.x;
  return e;
}

function callModel(api: CallApi): Val | undefined {
  const name = api.name;
  const a = api.args;
  const smart = /^(?:std::)?(unique_ptr|shared_ptr|auto_ptr)\s*<(.*)>$/.exec(name);
  if (smart) {
    const o = api.object(0);
    const array = /\[\s*\]\s*$/.test(smart[2]);
    if (o?.family === 'new[]' && !array) api.report('mismatched-release', 762, `${smart[1]}<${smart[2]}> will release memory from new[] with delete; declare it as ${smart[1]}<${smart[2]}[]>.`);
    else if (o?.family === 'new' && array) api.report('mismatched-release', 762, `${smart[1]}<${smart[2]}> will release memory from new with delete[].`);
    api.escape(0);
    return { lo: 0, hi: 0, unk: true };
  }
  if (NO_RETURN.has(name) || ERROR_MACRO.test(name)) {
    api.noReturn();
    return TOP;
  }
  const lock = lockOf(name);
  if (lock) {
    const key = api.lockKeyOf(lock.arg);
    if (!key) return num(0);
    return api.lock(key, lock.op, lock.zeroMeansHeld ? 'zero-means-held' : undefined);
  }
  const parser = PARSERS[name];
  if (parser) {
    api.access(0, 'read', 'string');
    const o = api.object(0);
    const [lo, hi] = parser.signed ? [-(2 ** (parser.bits - 1)), 2 ** (parser.bits - 1) - 1] : [0, 2 ** parser.bits - 1];
    // Any text can reach a parser, and every value it can return is possible.
    return { lo, hi, input: true, parsed: true, from: o?.input && o.from ? o.from : api.origin(`a number parsed by ${name}() from \`${api.describe(0)}\``) };
  }
  switch (name) {
    // ---- program input ----
    case '<argv>': {
      const strings = inputString(api, 'a command-line argument', false, ':strings');
      const arr = api.allocate({ family: 'input', region: 'static', canFail: false, name: '`argv`', owned: false, site: ':array', ...(strings.obj !== undefined ? { elems: strings.obj } : {}) });
      return arr;
    }
    case '<argc>':
      // The kernel caps the argument count (ARG_MAX): large enough to overrun any array, too small to hang a loop.
      return { lo: 1, hi: 2 ** 17, input: true, from: api.origin('the number of command-line arguments') };
    case 'getenv':
    case 'secure_getenv': {
      const n = constString(api, 0);
      return inputString(api, `the environment variable ${n ? `"${n}"` : ''} read by ${name}()`.replace('  ', ' '), true);
    }
    case 'fgets':
    case 'fgetws': {
      const size = a[1] ?? TOP;
      const elem = name === 'fgetws' ? 4 : 1;
      api.access(0, 'write', { ...size, lo: Math.max(0, size.lo) * elem, hi: size.hi * elem });
      api.access(2, 'read');
      fill(api, 0, [0, Math.max(0, size.hi - 1)], api.origin(`input read by ${name}()`));
      return { ...(a[0] ?? TOP), nul: 'maybe', eof: 0 };
    }
    case 'read':
    case 'pread':
    case 'recv':
    case 'recvfrom': {
      const n = a[2] ?? TOP;
      api.access(1, 'write', n);
      const from = api.origin(`data received by ${name}()`);
      fill(api, 1, [0, n.hi], from);
      // A byte count: chosen by the sender, but never more than the buffer it was read into.
      return { lo: -1, hi: Number.isFinite(n.hi) ? n.hi : 2 ** 63, input: true, from, eof: 0, sized: true };
    }
    case 'fread': {
      const bytes = mulVal(a[1] ?? TOP, a[2] ?? TOP);
      api.access(0, 'write', bytes);
      api.access(3, 'read');
      const from = api.origin('data read by fread()');
      fill(api, 0, [0, bytes.hi], from);
      return { lo: 0, hi: (a[2] ?? TOP).hi, input: true, from, eof: 0, sized: true };
    }
    case 'sleep':
    case 'usleep':
    case 'Sleep': {
      // A wait as long as input says: each request can park a thread for years.
      const t = a[0];
      if (t?.input && !t.unk && !t.capped && !t.bounded && !t.sized && t.hi >= LONG_WAIT) {
        api.report('input-wait', 400, `${name}() waits as long as untrusted data says${t.from ? ` (${t.from.what})` : ''}, with no upper limit; a huge value stalls this thread indefinitely.`, t.from);
      }
      return num(0);
    }
    case 'sqrt':
    case 'sqrtf':
    case 'sqrtl': {
      // Bounds are what the code compares with (`abs(x) < sqrt(INT_MAX)`): worth knowing exactly.
      const x = a[0] ?? TOP;
      if (x.lo < 0 || !Number.isFinite(x.hi)) return { ...TOP, ...(x.input ? { input: true, from: x.from } : {}) };
      return { lo: Math.floor(Math.sqrt(x.lo)), hi: Math.ceil(Math.sqrt(x.hi)), ...(x.input ? { input: true, from: x.from } : { unk: x.unk }) };
    }
    case 'rand':
    case 'random':
      // Not chosen by an attacker, but not controlled by the program either: any value up to
      // RAND_MAX (2^31 - 1 in glibc) can come, so whatever uses it must bound it first.
      return { lo: 0, hi: 2 ** 31 - 1, input: true, from: api.origin(`a pseudo-random number from ${name}()`) };
    case 'getchar':
    case 'fgetc':
    case 'getc':
      if (name !== 'getchar') api.access(0, 'read');
      return { lo: -1, hi: 255, input: true, from: api.origin(`a character read by ${name}()`), eof: -1 };
    case 'scanf':
    case 'fscanf':
    case 'sscanf':
      return scan(api, name === 'scanf' ? 0 : 1, name);
    case 'getline':
    case 'getdelim': {
      const buf = api.allocate({ family: 'malloc', region: 'heap', canFail: false, name: `${name}()`, input: true, from: api.origin(`a line read by ${name}()`), len: [0, SOURCE_STRING] });
      api.storeThrough(0, buf);
      return { lo: -1, hi: 2 ** 62, input: true, from: api.origin(`a line read by ${name}()`), eof: -1 };
    }
    // ---- memory ----
    case 'malloc':
    case 'xmalloc':
    case 'g_malloc':
    case 'kmalloc':
    case 'valloc':
      return api.allocate({ family: 'malloc', region: 'heap', size: a[0], canFail: name === 'malloc' || name === 'kmalloc' || name === 'valloc', name: `${name}()`, productSize: isProduct(api, 0) });
    case 'calloc':
    case 'xcalloc':
    case 'g_malloc0':
    case 'kzalloc': {
      const size = name === 'calloc' || name === 'xcalloc' ? mulVal(a[0] ?? TOP, a[1] ?? TOP) : a[0];
      return api.allocate({ family: 'malloc', region: 'heap', size, canFail: name === 'calloc' || name === 'kzalloc', name: `${name}()`, len: [0, 0], productSize: isProduct(api, 0) || isProduct(api, 1) });
    }
    case 'alloca':
    case '_alloca':
      return api.allocate({ family: 'alloca', region: 'stack', size: a[0], canFail: false, name: `${name}()` });
    case 'realloc':
    case 'xrealloc':
    case 'reallocarray': {
      const size = name === 'reallocarray' ? mulVal(a[1] ?? TOP, a[2] ?? TOP) : a[1];
      const before = api.object(0);
      if (before?.family && before.family !== 'malloc' && before.region === 'heap') api.report('mismatched-release', 762, `${before.name} is resized with ${name}(), which only accepts memory from malloc().`);
      if (a[0]?.nul !== 'yes') api.release(0, ['malloc', before?.family ?? 'malloc'], `${name}()`);
      const old = api.object(0);
      const fresh = api.allocate({ family: old?.family ?? 'malloc', region: 'heap', size, canFail: name !== 'xrealloc', name: `${name}()`, productSize: name !== 'reallocarray' && isProduct(api, 1) });
      return old ? { ...fresh, link: { ...fresh.link, reallocOld: old.id } } : fresh;
    }
    case 'strdup':
    case 'strndup':
    case 'wcsdup':
    case 'xstrdup':
    case 'g_strdup': {
      api.access(0, 'read', 'string');
      const len = stringLength(api, 0);
      const src = api.object(0);
      return api.allocate({
        family: 'malloc',
        region: 'heap',
        size: { lo: len.lo + 1, hi: len.hi + 1 },
        canFail: name === 'strdup' || name === 'strndup' || name === 'wcsdup',
        name: `${name}()`,
        ...(src?.input ? { input: true, from: src.from } : {}),
        len: [len.lo, len.hi],
      });
    }
    case 'asprintf':
    case 'vasprintf': {
      const buf = api.allocate({ family: 'malloc', region: 'heap', canFail: false, name: `${name}()` });
      api.storeThrough(0, buf);
      return { lo: -1, hi: 2 ** 31 - 1, link: buf.obj !== undefined ? { fail: buf.obj } : undefined };
    }
    case 'free':
    case 'g_free':
    case 'kfree':
      api.release(0, ['malloc'], `${name}()`);
      return num(0);
    case 'operator new':
    case 'operator new(nothrow)':
    case 'operator new[]':
    case 'operator new[](nothrow)': {
      const array = name.startsWith('operator new[]');
      // new[] takes an element count, not bytes: the count alone still tells an unbounded request.
      if (array && a[0]) api.allocate({ family: 'count', region: 'static', canFail: false, owned: false, name: 'new[]', size: a[0], site: ':count' });
      // `new char[50]` holds 50 bytes: a write past them is an overflow as it is for malloc(50).
      const element = api.newTypeSize();
      const bytes = element === undefined ? undefined : array ? (a[0] ? mulVal(a[0], num(element)) : undefined) : num(element);
      return api.allocate({ family: array ? 'new[]' : 'new', region: 'heap', canFail: name.endsWith('(nothrow)'), name: array ? 'new[]' : 'new', ...(bytes ? { size: bytes } : {}) });
    }
    case 'operator delete':
      api.release(0, ['new'], 'delete');
      return num(0);
    case 'operator delete[]':
      api.release(0, ['new[]'], 'delete[]');
      return num(0);
    // ---- files and handles ----
    case 'fopen':
    case 'fopen64':
    case 'freopen':
    case 'tmpfile':
      return api.allocate({ family: 'fopen', region: 'handle', canFail: true, name: `${name}()` });
    case 'fdopen':
      api.escape(0);
      return api.allocate({ family: 'fopen', region: 'handle', canFail: true, name: 'fdopen()' });
    case 'popen':
      api.access(0, 'read', 'string');
      return api.allocate({ family: 'popen', region: 'handle', canFail: true, name: 'popen()' });
    case 'fclose':
      api.access(0, 'read', undefined, 'fclose()');
      api.release(0, ['fopen'], 'fclose()');
      return { lo: -1, hi: 0 };
    case 'pclose':
      api.release(0, ['popen'], 'pclose()');
      return { lo: -1, hi: 2 ** 31 - 1, unk: true };
    case 'open':
    case 'open64':
    case 'openat':
    case 'creat':
    case 'socket':
    case 'accept':
    case 'accept4':
    case 'dup':
    case 'epoll_create':
    case 'epoll_create1':
    case 'eventfd':
    case 'inotify_init':
    case 'inotify_init1':
    case 'timerfd_create':
    case 'memfd_create':
    case 'signalfd':
      return api.allocate({ family: 'fd', region: 'handle', canFail: true, handle: true, name: `${name}()` });
    case 'close':
      api.release(0, ['fd'], 'close()');
      return { lo: -1, hi: 0 };
    case 'opendir':
    case 'fdopendir':
      return api.allocate({ family: 'dir', region: 'handle', canFail: true, name: `${name}()` });
    case 'closedir':
      api.release(0, ['dir'], 'closedir()');
      return { lo: -1, hi: 0 };
    // ---- strings and memory blocks ----
    case 'strlen':
    case 'wcslen':
    case 'strnlen':
      api.access(0, 'read', undefined, `${name}()`);
      return stringLength(api, 0);
    case 'strcpy':
    case 'stpcpy':
    case 'wcscpy': {
      const len = stringLength(api, 1);
      api.access(1, 'read', undefined, `${name}()`);
      stringWrite(api, { ...len, lo: len.lo + 1, hi: len.hi + 1, lenOf: undefined }, name === 'wcscpy' ? 4 : 1, `${name}()`, localArray(api, 1));
      copyContent(api, 0, 1, len);
      return a[0] ?? TOP;
    }
    case 'strcat':
    case 'wcscat': {
      const have = stringLength(api, 0);
      const add = stringLength(api, 1);
      api.access(1, 'read', undefined, `${name}()`);
      const total = { lo: have.lo + add.lo + 1, hi: have.hi + add.hi + 1, ...(add.input ? { input: true, from: add.from } : {}), ...(add.unk || have.unk ? { unk: true } : {}) };
      stringWrite(api, total, name === 'wcscat' ? 4 : 1, `${name}()`, localArray(api, 1));
      copyContent(api, 0, 1, total);
      return a[0] ?? TOP;
    }
    case 'strncpy':
    case 'wcsncpy':
    case 'strlcpy': {
      const elem = name === 'wcsncpy' ? 4 : 1;
      const n = a[2] ?? TOP;
      api.access(0, 'write', { ...n, lo: n.lo * elem, hi: n.hi * elem }, `${name}()`);
      // The source is read up to its terminator or n characters; where it is not known how far,
      // its first character (a source before its buffer's start is read all the same).
      const src = stringLength(api, 1);
      api.access(1, 'read', src.unk ? num(elem) : { lo: elem, hi: Math.max(1, Math.min(n.hi, src.hi + 1)) * elem }, `${name}()`);
      copyContent(api, 0, 1, { lo: 0, hi: Math.max(0, n.hi - 1) });
      return a[0] ?? TOP;
    }
    case 'strncat': {
      const have = stringLength(api, 0);
      const n = a[2] ?? TOP;
      // `strncat(buf, s, sizeof buf - strlen(buf) - 1)`: the count shrinks as the string grows, so
      // together they reach at most what the count allows of an empty string.
      const most = subtractsLengthOf(api.argExpr(2), api.argExpr(0)) ? have.lo + n.hi + 1 : have.hi + n.hi + 1;
      if (!have.unk) api.access(0, 'write', { ...n, lo: have.lo + 1, hi: most }, 'strncat()');
      appendContent(api, have, stringLength(api, 1), n);
      return a[0] ?? TOP;
    }
    case 'memcpy':
    case 'memmove':
    case 'mempcpy':
    case 'bcopy': {
      const [d, s] = name === 'bcopy' ? [1, 0] : [0, 1];
      const n = a[2] ?? TOP;
      api.access(d, 'write', n, `${name}()`);
      api.access(s, 'read', n, `${name}()`);
      const src = api.object(s);
      const dst = api.object(d);
      if (src?.input && dst) api.setObject({ ...dst, input: true, from: src.from });
      return a[0] ?? TOP;
    }
    case 'memset':
    case 'bzero': {
      const n = (name === 'bzero' ? a[1] : a[2]) ?? TOP;
      api.access(0, 'write', n, `${name}()`);
      // Filled from its start: with zeros the string is empty; with another character it is at
      // least that long, until a terminator is written (`data[n] = '\0'`, see the path explorer).
      const o = api.object(0);
      const c = name === 'bzero' ? num(0) : (a[1] ?? TOP);
      if (o && a[0]?.lo === 0 && a[0].hi === 0 && c.lo === c.hi && n.lo === n.hi && n.lo > 0 && !c.unk) {
        const len: [number, number] = c.lo === 0 ? [0, 0] : o.len && o.len[0] > n.lo ? o.len : [n.lo, Math.max(n.lo, o.size ? o.size[1] - 1 : MAX_STRING)];
        api.setObject({ ...o, len, input: false });
      }
      return a[0] ?? TOP;
    }
    case 'memcmp':
      api.access(0, 'read', a[2], 'memcmp()');
      api.access(1, 'read', a[2], 'memcmp()');
      return { lo: -(2 ** 31), hi: 2 ** 31 - 1 };
    case 'write':
    case 'send':
      api.access(1, 'read', a[2], `${name}()`);
      return { lo: -1, hi: (a[2] ?? TOP).hi, unk: true };
    case 'fwrite':
      api.access(0, 'read', mulVal(a[1] ?? TOP, a[2] ?? TOP), 'fwrite()');
      api.access(3, 'read', undefined, 'fwrite()');
      return { lo: 0, hi: (a[2] ?? TOP).hi, unk: true };
    case 'snprintf':
    case 'vsnprintf':
    case 'swprintf': {
      const n = a[1] ?? TOP;
      // `snprintf(NULL, 0, …)` measures the output: with a size of 0 nothing is written and the
      // buffer may be NULL (C11 7.21.6.5).
      if (n.lo === 0 && n.hi === 0) {
        formatOutput(api, 2, 3);
        return { lo: -1, hi: 2 ** 31 - 1, unk: true };
      }
      api.access(0, 'write', n, `${name}()`);
      const out = formatOutput(api, 2, 3);
      const o = api.object(0);
      if (o) api.setObject({ ...o, len: [0, Math.max(0, Math.min(n.hi - 1, out.hi))], ...(out.input ? { input: true, from: out.from } : {}) });
      return { lo: -1, hi: 2 ** 31 - 1, unk: true };
    }
    case 'sprintf':
    case 'vsprintf': {
      const out = formatOutput(api, 1, 2);
      api.access(0, 'write', undefined, `${name}()`);
      const o = api.object(0);
      if (o) api.setObject({ ...o, len: [out.lo, out.hi], ...(out.input ? { input: true, from: out.from } : {}) });
      return { lo: -1, hi: 2 ** 31 - 1, unk: true };
    }
    case 'strchr':
    case 'strrchr':
    case 'strstr':
    case 'strpbrk':
    case 'memchr':
    case 'strcasestr': {
      api.access(0, 'read', undefined, `${name}()`);
      const s = a[0];
      if (!s || s.obj === undefined) return { lo: 0, hi: 0, nul: 'maybe' };
      const len = stringLength(api, 0);
      let hi = s.hi + (Number.isFinite(len.hi) ? len.hi : 0);
      // What a string search finds lies before the terminator (which only a search for '\0' finds).
      const o = api.object(0);
      const c = a[1];
      const char = name === 'strchr' || name === 'strrchr';
      if (o?.len && name !== 'memchr' && (!char || (c && c.lo > 0 && !c.unk))) hi = Math.max(s.lo, Math.min(hi, o.len[1] - 1));
      return { lo: s.lo, hi, obj: s.obj, nul: 'maybe' };
    }
    case 'strcmp':
    case 'strcasecmp':
    case 'strcoll':
      api.access(0, 'read', undefined, `${name}()`);
      api.access(1, 'read', undefined, `${name}()`);
      return { lo: -(2 ** 31), hi: 2 ** 31 - 1 };
    case 'strncmp':
    case 'strncasecmp':
      api.access(0, 'read', undefined, `${name}()`);
      api.access(1, 'read', undefined, `${name}()`);
      return { lo: -(2 ** 31), hi: 2 ** 31 - 1 };
    case 'puts':
    case 'perror':
      api.access(0, 'read', undefined, `${name}()`);
      return { lo: -1, hi: 2 ** 31 - 1, unk: true };
    case 'fputs':
    case 'fputws':
      api.access(0, 'read', undefined, `${name}()`);
      api.access(1, 'read', undefined, `${name}()`);
      return { lo: -1, hi: 2 ** 31 - 1, unk: true };
    case 'printf':
    case 'fprintf':
    case 'dprintf':
      formatArguments(api, name === 'printf' ? 0 : 1, name);
      if (name === 'fprintf') api.access(0, 'read', undefined, 'fprintf()');
      return { lo: -1, hi: 2 ** 31 - 1, unk: true };
    case 'fflush':
    case 'fseek':
    case 'ftell':
    case 'rewind':
    case 'feof':
    case 'ferror':
    case 'fileno':
      if (a[0]?.nul !== 'yes') api.access(0, 'read', undefined, `${name}()`);
      return { lo: -1, hi: 2 ** 31 - 1, unk: true };
    case 'dup2':
    case 'dup3':
    case 'bind':
    case 'listen':
    case 'connect':
    case 'fstat':
    case 'fchmod':
    case 'fchown':
    case 'shutdown':
    case 'setsockopt':
    case 'ioctl':
    case 'fcntl':
    case 'htons':
    case 'htonl':
    case 'ntohs':
    case 'ntohl':
      return name in RETURN_TYPES ? { lo: 0, hi: 2 ** RETURN_TYPES[name].bits - 1, unk: true } : { lo: -1, hi: 2 ** 31 - 1, unk: true };
    case 'std::unique_ptr':
    case 'std::shared_ptr':
    case 'unique_ptr':
    case 'shared_ptr':
      return undefined;
    case 'readdir':
      api.access(0, 'read', undefined, 'readdir()');
      return { lo: 0, hi: 0, nul: 'maybe', unk: true };
    default:
      return undefined;
  }
}

/**
 * A string copy of `chars` characters into argument 0. Buffers of a constant size are
 * c/unbounded-copy's check; heap blocks sized at run time (from lengths) are checked here.
 */
/**
 * A string copy's write into its destination. c/unbounded-copy judges copies into buffers it can
 * name in the code (arrays, `p = malloc(N)`); this analysis, those into blocks of computed size and
 * into fixed buffers reached through a pointer (`data = buf; strcpy(data, src)`, a callee's parameter).
 */
/**
 * A string copy into argument 0. c/unbounded-copy judges most copies into an array named directly
 * from the source's text; those whose length only the path knows are judged here: into a heap
 * block of computed size, into an array reached through a pointer, and from a string built in a
 * local array of this function (`memset(buf, 'A', 99); buf[99] = '\0'; strcpy(dest, buf);`).
 */
function stringWrite(api: CallApi, chars: Val, elem: number, what: string, fromLocal = false): void {
  const dst = api.object(0);
  const computed = dst?.region === 'heap' && dst.size && dst.size[0] !== dst.size[1];
  const aliased = (dst?.region === 'stack' || dst?.region === 'static') && dst.size !== undefined && api.viaPointer(0);
  api.access(0, 'write', computed || aliased || fromLocal ? { ...chars, lo: chars.lo * elem, hi: chars.hi * elem } : undefined, what);
}

/** Argument `i` points into an array on this function's stack (see stringWrite). */
function localArray(api: CallApi, i: number): boolean {
  const o = api.object(i);
  return o?.region === 'stack' && Array.isArray((o.at as { dims?: unknown }).dims);
}

/** A size computed by `*` or `<<`, except `n * sizeof(char)`: multiplying by 1 cannot wrap. */
function isProduct(api: CallApi, i: number): boolean {
  let e = api.argExpr(i);
  while (e?.k === 'un' && e.op === 'cast') e = e.x;
  if (e?.k !== 'bin' || (e.op !== '*' && e.op !== '<<')) return false;
  const is = (x: Expr, v: number): boolean => x.k === 'const' && x.v === v;
  return e.op === '*' ? !is(e.l, 1) && !is(e.r, 1) : !is(e.r, 0);
}

function mulVal(x: Val, y: Val): Val {
  const ps = [x.lo * y.lo, x.lo * y.hi, x.hi * y.lo, x.hi * y.hi].map((p) => (Number.isNaN(p) ? 0 : p));
  return { lo: Math.min(...ps), hi: Math.max(...ps), ...(x.input || y.input ? { input: true, from: x.from ?? y.from } : {}), ...(x.unk || y.unk ? { unk: true } : {}) };
}

function copyContent(api: CallApi, d: number, s: number, len: Val): void {
  const dst = api.object(d);
  const src = api.object(s);
  if (!dst) return;
  // A longer string than fits was reported as the overflow it is; from here on the buffer is read
  // as holding what it can.
  const most = dst.size && dst.size[0] === dst.size[1] ? dst.size[1] - 1 : Infinity;
  api.setObject({ ...dst, len: [Math.min(len.lo, most), Math.min(len.hi, most)], ...(src?.input ? { input: true, from: src.from } : { input: false }) });
}

/**
 * strncat(): the destination's string grows by at most `n` characters of the source, and holds
 * input once the source does.
 */
function appendContent(api: CallApi, have: Val, add: Val, n: Val): void {
  const dst = api.object(0);
  const src = api.object(1);
  if (!dst) return;
  const most = dst.size && dst.size[0] === dst.size[1] ? dst.size[1] - 1 : Infinity;
  const hi = have.hi + Math.min(add.hi, Math.max(0, n.hi));
  const { len: _len, ...rest } = dst;
  void _len;
  api.setObject({ ...rest, ...(have.unk || !Number.isFinite(hi) ? {} : { len: [Math.min(have.lo, most), Math.min(hi, most)] as [number, number] }), ...(src?.input ? { input: true, from: src.from } : {}) });
}

/** The characters a printf-style call produces, as far as its format and arguments tell. */
function formatOutput(api: CallApi, formatArg: number, first: number): Val {
  const format = constString(api, formatArg);
  const parsed = format !== undefined ? parsePrintfFormat(format) : undefined;
  if (!parsed) return { lo: 0, hi: Infinity, unk: true };
  let lo = parsed.literalLength;
  let hi = parsed.literalLength;
  let input = false;
  let unk = false;
  let from: Origin | undefined;
  for (const c of parsed.conversions) {
    if (c.conversion === 's') {
      const i = first + (c.arg ?? 0);
      api.access(i, 'read', undefined, 'the formatted output');
      const len = stringLength(api, i);
      const cap = typeof c.precision === 'number' ? c.precision : Infinity;
      hi += Math.min(len.hi, cap);
      if (len.input && cap === Infinity) {
        input = true;
        from ??= len.from;
      }
      if (len.unk && cap === Infinity) unk = true;
      continue;
    }
    const w = maxNumericWidth(c);
    if (w === undefined) unk = true;
    else hi += Math.max(w, typeof c.width === 'number' ? c.width : 0);
    lo += 1;
  }
  return { lo, hi, ...(input ? { input: true } : {}), ...(unk ? { unk: true } : {}), ...(from ? { from } : {}) };
}

function formatArguments(api: CallApi, formatArg: number, name: string): void {
  const format = constString(api, formatArg);
  const parsed = format !== undefined ? parsePrintfFormat(format) : undefined;
  for (const c of parsed?.conversions ?? []) {
    if (c.conversion === 's') api.access(formatArg + 1 + (c.arg ?? 0), 'read', undefined, `${name}()`);
  }
}

/** scanf family: numbers stored through `&x`, strings into buffers of the width given (or any width). */
function scan(api: CallApi, formatArg: number, name: string): Val {
  const format = constString(api, formatArg);
  const conversions = format !== undefined ? parseScanfFormat(format) : undefined;
  const fromInput = name !== 'sscanf' || !!api.object(0)?.input;
  const from = name === 'sscanf' ? (api.object(0)?.from ?? api.origin('text parsed by sscanf()')) : api.origin(`input read by ${name}()`);
  if (name === 'fscanf') api.access(0, 'read', undefined, 'fscanf()');
  if (name === 'sscanf') api.access(0, 'read', undefined, 'sscanf()');
  let count = 0;
  for (const c of conversions ?? []) {
    if (c.arg === undefined) continue;
    const i = formatArg + 1 + c.arg;
    count++;
    if (c.conversion === 's' || c.conversion === '[' || c.conversion === 'c') {
      if (c.allocates) continue;
      const width = typeof c.width === 'number' ? c.width : c.conversion === 'c' ? 1 : undefined;
      // Field widths against buffer sizes are c/unbounded-copy's check.
      api.access(i, 'write', undefined, `${name}() with \`${c.text}\``);
      if (fromInput) fill(api, i, [0, width ?? Infinity], from);
      continue;
    }
    if (/[diouxX]/.test(c.conversion)) {
      const t = api.pointeeIntType(i) ?? (c.conversion === 'u' || c.conversion === 'x' ? UINT : INT);
      api.storeThrough(i, fromInput ? inputNumber(t, from) : { ...TOP, unk: true });
    }
  }
  return { lo: -1, hi: count, ...(fromInput ? { input: true, from } : { unk: true }), eof: -1 };
}
