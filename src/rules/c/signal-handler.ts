import type { FunctionIR, ModuleIR } from '../../analysis/ir.js';
import { MODULE_BODY } from '../../analysis/ir.js';
import { pathOf, targetExpr } from '../../analysis/path-explorer.js';
import type { Rule } from '../types.js';
import { cModule, forEachAssign, forEachCall, forEachExpr, nodeAt } from './ir-calls.js';

/** Library functions a signal handler must not call: they take locks or use global state (POSIX signal-safety(7)). */
const UNSAFE = new Set([
  'printf', 'fprintf', 'vprintf', 'vfprintf', 'sprintf', 'snprintf', 'vsnprintf', 'vsprintf', 'dprintf', 'puts', 'fputs',
  'fputc', 'putchar', 'putc', 'fwrite', 'fflush', 'perror', 'syslog', 'vsyslog', 'malloc', 'calloc', 'realloc', 'free',
  'strdup', 'exit', 'atexit', 'fopen', 'fclose', 'fread', 'fgets', 'scanf', 'fscanf', 'strerror', 'localtime', 'gmtime',
  'ctime', 'asctime', 'strtok', 'setlocale', 'getenv', 'setenv', 'pthread_mutex_lock', 'pthread_mutex_unlock',
  'operator new', 'operator new[]', 'operator delete', 'operator delete[]', 'longjmp', 'err', 'errx', 'warn', 'warnx',
]);

const REGISTER = new Set(['signal', 'sigset', 'bsd_signal', 'sysv_signal']);
const MAX_DEPTH = 3;

/** Functions of this module installed as signal handlers, by name. */
function handlers(m: ModuleIR): Set<string> {
  const out = new Set<string>();
  for (const fn of m.functions) {
    forEachCall(fn, (call, name) => {
      const h = call.a[1];
      if (name && REGISTER.has(name) && h?.k === 'name') out.add(h.n);
    });
    forEachAssign(fn.body, (s) => {
      if (s.k === 'assign' && s.t.k === 'attr' && (s.t.n === 'sa_handler' || s.t.n === 'sa_sigaction') && s.x.k === 'name') out.add(s.x.n);
    });
  }
  return out;
}

/**
 * Whether code outside `handler` reads or writes global `root` where `handler` may be installed:
 * after `signal(…, handler)` in that function, or before any `signal()` call there. Code that first
 * puts another disposition in place (`signal(SIGINT, SIG_DFL)`) while it uses the state cannot be
 * interrupted by the handler; state nothing else uses is the handler's own.
 */
function usedWhileInstalled(m: ModuleIR, handler: string, root: string): boolean {
  return m.functions.some((fn) => {
    // Globals' initializers run before any handler is installed.
    if (fn.name === handler || fn.id === MODULE_BODY) return false;
    const events: Array<{ s: number; installs?: boolean }> = [];
    forEachExpr(fn.body, (x) => {
      if (x.k === 'name' && x.n === root && !fn.vars?.[root]) events.push({ s: x.s });
      if (x.k !== 'call' || x.f.k !== 'name' || !REGISTER.has(x.f.n)) return;
      const h = x.a[1];
      events.push({ s: x.s, installs: h?.k === 'name' && h.n === handler });
    });
    let installed = true;
    for (const e of events.sort((a, b) => a.s - b.s)) {
      if (e.installs !== undefined) installed = e.installs;
      else if (installed) return true;
    }
    return false;
  });
}

/** Shared state a handler may write: `volatile sig_atomic_t` and atomics only. */
function safeShared(type: string): boolean {
  return /\bsig_atomic_t\b/.test(type) && /\bvolatile\b/.test(type) || /\batomic/i.test(type);
}

export const signalHandler: Rule = {
  meta: {
    id: 'c/signal-handler',
    title: 'Signal handler calls unsafe functions or writes shared state',
    cwe: 479,
    defectType: 'race-condition',
    severity: 'medium',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'A signal interrupts the program anywhere, including inside malloc(), printf() or exit(), so a handler that calls such non-reentrant functions (CWE-479) can deadlock or corrupt their state; a handler that writes ordinary global variables races with the code it interrupts wherever that code uses them while the handler is installed (CWE-364).',
    solution:
      'In the handler only set a `volatile sig_atomic_t` flag (or write() a fixed message and call _exit()); do the real work in the main loop when it sees the flag.',
  },
  create(context) {
    return {
      translation_unit() {
        const m = context.memo(cModule);
        const byName = new Map(m.functions.map((f) => [f.name, f]));
        for (const h of handlers(m)) {
          const fn = byName.get(h);
          if (fn) check(fn, h, 0, new Set());
        }
        function check(fn: FunctionIR, handler: string, depth: number, seen: Set<string>): void {
          if (seen.has(fn.name) || depth > MAX_DEPTH) return;
          seen.add(fn.name);
          forEachCall(fn, (call, name) => {
            if (!name) return;
            const own = byName.get(name);
            if (own) {
              if (depth === 0 && reachesUnsafe(own, new Set())) {
                context.report({ node: nodeAt(context.tree, call), message: `Signal handler \`${handler}()\` calls \`${name}()\`, which calls functions that are not async-signal-safe.` });
              }
              return;
            }
            if (UNSAFE.has(name) && depth === 0) {
              context.report({ node: nodeAt(context.tree, call), message: `Signal handler \`${handler}()\` calls \`${name}()\`, which is not async-signal-safe: the signal may have interrupted that very function.` });
            }
          });
          if (depth > 0) return;
          forEachAssign(fn.body, (s) => {
            const written = targetExpr(s.t);
            const target = written ? pathOf(written) : undefined;
            const root = target?.split(/[.[-]/)[0];
            if (!root || fn.vars?.[root]) return;
            const decl = m.vars?.[root];
            if (!decl || safeShared(decl.type) || !usedWhileInstalled(m, handler, root)) return;
            context.report({ node: nodeAt(context.tree, s), cwe: 364, message: `Signal handler \`${handler}()\` writes \`${target}\`, shared with the code it interrupts and not a \`volatile sig_atomic_t\`.` });
          });
        }
        function reachesUnsafe(fn: FunctionIR, seen: Set<string>): boolean {
          if (seen.has(fn.name) || seen.size > MAX_DEPTH) return false;
          seen.add(fn.name);
          let found = false;
          forEachCall(fn, (_call, name) => {
            if (!name || found) return;
            const own = byName.get(name);
            found = own ? reachesUnsafe(own, seen) : UNSAFE.has(name);
          });
          return found;
        }
      },
    };
  },
};
