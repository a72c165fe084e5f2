import type { Trace } from '../../core/finding.js';
import { code, describeOrigin, traceStep } from '../../languages/c/describe.js';
import { followedByDataFlow, isConstantText, textVariable } from '../../languages/c/constant-text.js';
import { cFacts, type CFacts, type Variable } from '../../languages/c/facts.js';
import { isAllowListedBefore } from '../../languages/c/guards.js';
import { callArguments, compactText, enclosingFunction, isBefore, libcName, line, unwrap } from '../../languages/c/syntax.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule, RuleContext } from '../types.js';
import { liveContext } from './live-context.js';

/** Calls that hand a whole command line to a shell (or to the Windows command-line parser). */
const SHELL_COMMAND: Record<string, number> = { system: 0, _wsystem: 0, popen: 0, _popen: 0, _wpopen: 0, WinExec: 0 };
/** exec-style calls: where the program path sits, and where its argument list starts (list) or sits (vector). */
const EXEC_LIST: Record<string, number> = { execl: 0, execlp: 0, execle: 0 };
const EXEC_VECTOR: Record<string, [path: number, argv: number]> = {
  execv: [0, 1], execvp: [0, 1], execve: [0, 1], execvpe: [0, 1], posix_spawn: [1, 4], posix_spawnp: [1, 4],
};
const SHELL_EXECUTE = new Set(['ShellExecute', 'ShellExecuteA', 'ShellExecuteW']);
const CREATE_PROCESS = new Set(['CreateProcess', 'CreateProcessA', 'CreateProcessW']);
const COMMAND_CALLS = new Set([...Object.keys(SHELL_COMMAND), ...Object.keys(EXEC_LIST), ...Object.keys(EXEC_VECTOR), ...SHELL_EXECUTE, ...CREATE_PROCESS]);
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'csh', 'tcsh', 'ash', 'busybox', 'cmd', 'cmd.exe', 'powershell', 'powershell.exe', 'pwsh']);

const SHELL_FIX =
  'Do not build shell command lines from data. Run the program directly with fork() and execv() (or posix_spawn()), passing each value as its own argv element; if a shell is unavoidable, accept only values from an allow-list.';
const PROGRAM_FIX = 'Execute a fixed, absolute program path; choose among known programs with an allow-list instead of running a name taken from input.';

export const commandInjection: Rule = {
  meta: {
    id: 'c/command-injection',
    title: 'OS command built from non-constant data',
    cwe: 78,
    defectType: 'command-injection',
    severity: 'critical',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'system() and popen() pass their argument to /bin/sh, and exec-family calls run whatever program they are given. When the command line, the program path, or the script handed to `sh -c` is not a constant, anyone who influences it can run commands of their choice with the privileges of this process.',
    solution: SHELL_FIX,
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    return {
      call_expression(node) {
        const name = facts.libraryCallee(node);
        if (!name || !COMMAND_CALLS.has(name)) return;
        const args = callArguments(node);
        if (SHELL_COMMAND[name] !== undefined) {
          const command = args[SHELL_COMMAND[name]];
          if (command) checkShellCommand(context, facts, node, name, command);
        } else if (EXEC_LIST[name] !== undefined) {
          const program = args[EXEC_LIST[name]];
          if (!program) return;
          if (!facts.isConstant(program)) return reportProgram(context, facts, node, name, program);
          if (isShell(facts, program)) checkShellScript(context, facts, node, name, program, args.slice(1));
        } else if (EXEC_VECTOR[name]) {
          const [p, v] = EXEC_VECTOR[name];
          const program = args[p];
          if (!program) return;
          if (!facts.isConstant(program)) return reportProgram(context, facts, node, name, program);
          const argv = args[v];
          if (argv && isShell(facts, program)) checkShellScript(context, facts, node, name, program, vectorElements(facts, argv) ?? []);
        } else if (SHELL_EXECUTE.has(name)) {
          const file = args[2];
          if (file && !facts.isConstant(file)) return reportProgram(context, facts, node, name, file);
          const params = args[3];
          if (file && params && isShell(facts, file) && !facts.isConstant(params)) checkShellCommand(context, facts, node, name, params);
        } else if (CREATE_PROCESS.has(name)) {
          const [app, commandLine] = args;
          if (app && !facts.isConstant(app)) return reportProgram(context, facts, node, name, app);
          const appValue = app && facts.constant(app);
          // With no application name, Windows takes the program from the command line itself.
          const parsesCommandLine = appValue?.kind === 'int' || (app !== undefined && isShell(facts, app));
          if (commandLine && parsesCommandLine && !facts.isConstant(commandLine)) checkShellCommand(context, facts, node, name, commandLine);
        }
      },
    };
  },
};

function isShell(facts: CFacts, program: SyntaxNode): boolean {
  const value = facts.constant(program);
  if (value?.kind !== 'string') return false;
  return value.values.some((v) => SHELLS.has(v.slice(v.search(/[^/\\]*$/)).toLowerCase()));
}

function reportProgram(context: RuleContext, facts: CFacts, call: SyntaxNode, name: string, program: SyntaxNode): void {
  // run(const char *prog) { execl(prog, …); } is a launcher whose callers choose the program.
  if (isParameter(facts, program)) return;
  context.report({
    node: call,
    message: `${name}() runs the program named by ${describeOrigin(facts, program)}, which is not a constant; whoever controls it chooses what this process executes.`,
    solution: PROGRAM_FIX,
  });
}

/** `p` or `p.c_str()` for a parameter `p` of the enclosing function. */
function isParameter(facts: CFacts, expr: SyntaxNode): boolean {
  let n = unwrap(expr);
  if (n.type === 'call_expression' && n.childForFieldName('function')?.type === 'field_expression') {
    n = unwrap(n.childForFieldName('function')!.childForFieldName('argument') ?? n);
  }
  return n.type === 'identifier' && facts.variable(n)?.kind === 'parameter';
}

/** `execl("/bin/sh", "sh", "-c", script, NULL)`: the element after `-c` is a shell command line. */
function checkShellScript(context: RuleContext, facts: CFacts, call: SyntaxNode, name: string, program: SyntaxNode, argv: SyntaxNode[]): void {
  const flag = argv.findIndex((a) => {
    const v = facts.constant(a);
    return v?.kind === 'string' && v.values.every((s) => s === '-c' || s.toLowerCase() === '/c' || s === '-Command');
  });
  const script = flag >= 0 ? argv[flag + 1] : undefined;
  if (!script || isConstantText(facts, script, call)) return;
  const shell = facts.constant(program);
  const shellName = shell?.kind === 'string' ? shell.values[0] : program.text;
  const built = describeBuild(context, facts, script, call);
  if (followedByDataFlow(facts, built.inputs.length > 0 ? built.inputs : [script], call)) return;
  context.report({
    node: call,
    message: `${name}() starts \`${shellName} ${argv[flag].text.replace(/"/g, '')}\` with ${describeOrigin(facts, script)} as the command${built.text}; shell metacharacters in it run as commands.`,
    solution: SHELL_FIX,
    ...(built.trace ? { trace: built.trace } : {}),
  });
}

function checkShellCommand(context: RuleContext, facts: CFacts, call: SyntaxNode, name: string, command: SyntaxNode): void {
  if (isConstantText(facts, command, call)) return;
  const built = describeBuild(context, facts, command, call);
  // Every piece of data in the command was checked against a character allow-list first.
  const fn = enclosingFunction(call);
  const inputs = built.inputs.length > 0 ? built.inputs : [command];
  if (fn && inputs.every((i) => isAllowListedBefore(facts, fn, call, i))) return;
  if (followedByDataFlow(facts, inputs, call)) return;
  const fromCaller = inputs.every((i) => isParameter(facts, i));
  context.report({
    node: call,
    ...(fromCaller ? { confidence: 'medium' as const } : {}),
    message: `${name}() runs ${describeOrigin(facts, command)} as a shell command line${built.text}; shell metacharacters in it (\`;\`, \`|\`, \`$(…)\`) run further commands.`,
    solution: SHELL_FIX,
    ...(built.trace ? { trace: built.trace } : {}),
  });
}

/** Where the command text was put together before the sink, for the message and the trace. */
function describeBuild(context: RuleContext, facts: CFacts, command: SyntaxNode, sink: SyntaxNode): { text: string; inputs: SyntaxNode[]; trace?: Trace } {
  const v = textVariable(facts, command);
  if (!v) return { text: '', inputs: [] };
  const steps = [
    ...(v.initializer ? [{ node: v.initializer, inputs: nonConstantParts(facts, v.initializer) }] : []),
    ...v.writes.filter((w) => isBefore(w.node, sink)).map((w) => ({ node: w.node, inputs: writeInputs(facts, w.node, v) })),
  ].filter((s) => s.inputs.length > 0);
  const last = steps[steps.length - 1];
  if (!last) return { text: '', inputs: [] };
  const how = last.node.type === 'call_expression' ? ` by ${libcName(last.node) ?? 'a call'}()` : '';
  const from = last.inputs.map((i) => code(i)).join(', ');
  return {
    text: `, and \`${v.name}\` is built${how} from ${from} at line ${line(last.node)}`,
    inputs: steps.flatMap((s) => s.inputs),
    trace: [
      traceStep(context.file.path, last.node, `\`${v.name}\` built from ${from}`),
      traceStep(context.file.path, sink, `\`${v.name}\` run as a command by ${libcName(sink)}()`),
    ],
  };
}

function writeInputs(facts: CFacts, write: SyntaxNode, v: Variable): SyntaxNode[] {
  if (write.type === 'assignment_expression') {
    const right = write.childForFieldName('right');
    return right ? nonConstantParts(facts, right) : [];
  }
  if (write.type !== 'call_expression') return [];
  const args = callArguments(write);
  const target = args[0] && unwrap(args[0]);
  const rest = target?.type === 'identifier' && target.text === v.name ? args.slice(1) : args;
  return rest.filter((a) => !facts.isConstant(a) && compactText(a) !== `sizeof${v.name}` && compactText(a) !== `sizeof(${v.name})`);
}

/** The largest sub-expressions of `expr` that are not constants (`"ls " + dir` gives `dir`). */
function nonConstantParts(facts: CFacts, expr: SyntaxNode): SyntaxNode[] {
  const n = unwrap(expr);
  if (facts.isConstant(n)) return [];
  if (n.type === 'binary_expression' || n.type === 'conditional_expression' || n.type === 'argument_list') {
    const parts = n.namedChildren.flatMap((c) => nonConstantParts(facts, c));
    return parts.length > 0 ? parts : [n];
  }
  if (n.type === 'call_expression' && !n.childForFieldName('function')?.text.includes('.')) {
    const args = n.childForFieldName('arguments');
    const inner = args ? nonConstantParts(facts, args) : [];
    return inner.length > 0 && /string$/.test(n.childForFieldName('function')?.text ?? '') ? inner : [n];
  }
  return [n];
}

/** The elements of a local argv array: `{ "/bin/sh", "-c", cmd, NULL }` plus later `args[2] = x` writes. */
function vectorElements(facts: CFacts, argv: SyntaxNode): SyntaxNode[] | undefined {
  const n = unwrap(argv);
  if (n.type !== 'identifier') return undefined;
  const v = facts.variable(n);
  if (!v || v.dims.length !== 1) return undefined;
  const elements = v.initializer?.type === 'initializer_list' ? v.initializer.namedChildren.filter((c) => c.type !== 'comment') : [];
  for (const w of v.writes) {
    const index = w.index && facts.constant(w.index);
    if (w.value && index?.kind === 'int') elements[index.value] = w.value;
  }
  return elements;
}
