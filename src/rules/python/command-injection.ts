import { isRequestData, pythonFacts } from '../../languages/python/facts.js';
import { valuePhrase } from '../../languages/python/describe.js';
import { argument, callArguments, unwrapParens } from '../../languages/python/syntax.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';

/** Functions that always hand their first argument to a shell. */
const SHELL_FUNCTIONS = new Set([
  'os.system', 'os.popen', 'os.popen2', 'os.popen3', 'os.popen4', 'commands.getoutput', 'commands.getstatusoutput',
  'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell', 'platform.popen', 'popen2.popen2',
  'popen2.popen3', 'popen2.popen4',
]);
const SUBPROCESS = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen']);

/** Where the program and its arguments sit in each argv-style call: program index, then argv (list index, or first vararg). */
const ARGV_FUNCTIONS: Record<string, { program: number; list?: number; varargs?: number }> = {
  'os.execl': { program: 0, varargs: 1 },
  'os.execle': { program: 0, varargs: 1 },
  'os.execlp': { program: 0, varargs: 1 },
  'os.execlpe': { program: 0, varargs: 1 },
  'os.execv': { program: 0, list: 1 },
  'os.execve': { program: 0, list: 1 },
  'os.execvp': { program: 0, list: 1 },
  'os.execvpe': { program: 0, list: 1 },
  'os.spawnl': { program: 1, varargs: 2 },
  'os.spawnle': { program: 1, varargs: 2 },
  'os.spawnlp': { program: 1, varargs: 2 },
  'os.spawnlpe': { program: 1, varargs: 2 },
  'os.spawnv': { program: 1, list: 2 },
  'os.spawnve': { program: 1, list: 2 },
  'os.spawnvp': { program: 1, list: 2 },
  'os.spawnvpe': { program: 1, list: 2 },
  'os.posix_spawn': { program: 0, list: 1 },
  'os.posix_spawnp': { program: 0, list: 1 },
  'asyncio.create_subprocess_exec': { program: 0, varargs: 1 },
};

const POSIX_SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'csh', 'tcsh', 'ash', 'fish', 'busybox']);
const WINDOWS_SHELLS = new Set(['cmd', 'cmd.exe', 'powershell', 'powershell.exe', 'pwsh', 'pwsh.exe']);
/** Calls whose result cannot carry shell syntax: quoting functions and numbers. */
const NEUTRALISING_CALLS = new Set([
  'shlex.quote', 'pipes.quote', 'shlex.join', 'int', 'float', 'len', 'abs', 'round', 'bool', 'os.getpid', 'os.getppid',
  'os.getuid', 'os.getgid', 'time.time',
]);

export const commandInjection: Rule = {
  meta: {
    id: 'py/command-injection',
    title: 'OS command built from non-constant data',
    cwe: 78,
    defectType: 'command-injection',
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    description:
      'A command line that a shell interprets is built from data that is not fixed in the source. Shell metacharacters in that data (`;`, `|`, `&&`, `$(…)`, backquotes) make the shell run further commands of the attacker\'s choice.',
    solution:
      'Run the program without a shell: pass an argument list to subprocess.run([...]) with shell=False (the default) so each value stays one argument. If a shell is unavoidable, quote every interpolated value with shlex.quote() and validate it against an allow-list.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    const isSafe = (n: SyntaxNode) => n.type === 'call' && NEUTRALISING_CALLS.has(facts.calleeName(n) ?? '');

    const reportShellString = (call: SyntaxNode, command: SyntaxNode, how: (value: string) => string) => {
      const origins = facts.origins(command, isSafe);
      // Request data alone is py/taint-command-injection's to judge: it follows the value path by
      // path, where this rule, seeing every assignment at once, would also take a branch that a
      // constant condition rules out (`bar = "safe" if 7 * 18 > 100 else param`).
      if (origins.length === 0 || origins.every(isRequestData)) return;
      context.report({ node: call, message: how(valuePhrase(command, origins)) });
    };

    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (!callee) return;
        if (SHELL_FUNCTIONS.has(callee)) {
          const command = argument(node, 0, 'command') ?? argument(node, 0, 'cmd');
          if (!command) return;
          reportShellString(node, command, (value) =>
            `${callee}() runs the shell command ${value}: shell metacharacters in that value run further commands with this process's privileges.`);
          return;
        }
        if (SUBPROCESS.has(callee)) {
          const { keywords } = callArguments(node);
          const command = argument(node, 0, 'args');
          if (!command) return;
          const shell = keywords.get('shell');
          if (shell && facts.truthOf(shell) === true) {
            const list = unwrapParens(command);
            // With shell=True and a sequence, only the first item is the command line.
            const line = list.type === 'list' || list.type === 'tuple' ? list.namedChildren[0] : command;
            if (!line) return;
            reportShellString(node, line, (value) =>
              `${callee}() is called with shell=True and the command ${value}: the shell interprets metacharacters in that value, so it can run arbitrary commands.`);
            return;
          }
          checkArgv(node, callee, command, []);
          return;
        }
        const layout = ARGV_FUNCTIONS[callee];
        if (!layout) return;
        const { positional } = callArguments(node);
        const program = positional[layout.program];
        if (!program) return;
        if (layout.list !== undefined) {
          const argv = positional[layout.list];
          if (argv) checkArgv(node, callee, argv, [program]);
        } else {
          checkArgvItems(node, callee, [program, ...positional.slice(layout.varargs)]);
        }
      },
    };

    /** `[bash, -c, script]`-style argv lists: the script is a shell command line again. */
    function checkArgv(call: SyntaxNode, callee: string, argv: SyntaxNode, program: SyntaxNode[]) {
      const list = unwrapParens(argv);
      if (list.type !== 'list' && list.type !== 'tuple') return;
      checkArgvItems(call, callee, [...program, ...list.namedChildren]);
    }

    function checkArgvItems(call: SyntaxNode, callee: string, items: SyntaxNode[]) {
      const shell = items.slice(0, 2).map(shellName).find((s) => s !== undefined);
      if (!shell) return;
      const flag = items.findIndex((item) => isCommandFlag(shell, facts.constantValue(item)));
      const script = flag >= 0 ? items[flag + 1] : undefined;
      if (!script) return;
      reportShellString(call, script, (value) =>
        `${callee}() starts \`${shell} ${String(facts.constantValue(items[flag]))}\` with the command ${value}: the shell interprets metacharacters in that value, so it can run arbitrary commands.`);
    }

    function shellName(item: SyntaxNode): string | undefined {
      const value = facts.constantValue(item);
      if (typeof value !== 'string') return undefined;
      const base = value.split(/[\\/]/).pop()!.toLowerCase();
      return POSIX_SHELLS.has(base) || WINDOWS_SHELLS.has(base) ? base : undefined;
    }
  },
};

function isCommandFlag(shell: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (WINDOWS_SHELLS.has(shell)) return /^[/-](c|k|command)$/i.test(value);
  return /^-[a-z]*c[a-z]*$/.test(value);
}
