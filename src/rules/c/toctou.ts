import { code, traceStep } from '../../languages/c/describe.js';
import { cFacts, type CFacts } from '../../languages/c/facts.js';
import { callArguments, compactText, enclosingFunction, isBefore, line, unwrap } from '../../languages/c/syntax.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule, RuleContext } from '../types.js';
import { liveContext } from './live-context.js';

/** Calls that inspect a path (argument index of the path). */
const CHECKS: Record<string, number> = {
  access: 0, _access: 0, _waccess: 0, euidaccess: 0, eaccess: 0, faccessat: 1,
  stat: 0, lstat: 0, stat64: 0, lstat64: 0, _stat: 0, _wstat: 0, fstatat: 1,
};
/** std::filesystem queries (`fs::exists(p)`), matched on the last name component. */
const FILESYSTEM_CHECKS = new Set(['exists', 'is_regular_file', 'is_directory', 'is_symlink', 'status', 'symlink_status', 'file_size', 'is_empty']);

interface Use {
  paths: number[];
  verb: string;
}

/** Calls that act on a path: argument indexes that are paths, and what they do, for the message. */
const USES: Record<string, Use> = {
  open: { paths: [0], verb: 'opens' },
  open64: { paths: [0], verb: 'opens' },
  openat: { paths: [1], verb: 'opens' },
  fopen: { paths: [0], verb: 'opens' },
  fopen64: { paths: [0], verb: 'opens' },
  freopen: { paths: [0], verb: 'opens' },
  _wfopen: { paths: [0], verb: 'opens' },
  creat: { paths: [0], verb: 'creates' },
  chmod: { paths: [0], verb: 'changes the mode of' },
  chown: { paths: [0], verb: 'changes the owner of' },
  lchown: { paths: [0], verb: 'changes the owner of' },
  unlink: { paths: [0], verb: 'deletes' },
  remove: { paths: [0], verb: 'deletes' },
  rename: { paths: [0, 1], verb: 'renames' },
  truncate: { paths: [0], verb: 'truncates' },
  link: { paths: [0, 1], verb: 'links' },
  execl: { paths: [0], verb: 'executes' },
  execle: { paths: [0], verb: 'executes' },
  execv: { paths: [0], verb: 'executes' },
  execve: { paths: [0], verb: 'executes' },
};
const FILESYSTEM_USES: Record<string, Use> = {
  remove: { paths: [0], verb: 'deletes' },
  remove_all: { paths: [0], verb: 'deletes' },
  rename: { paths: [0, 1], verb: 'renames' },
  permissions: { paths: [0], verb: 'changes the permissions of' },
  copy_file: { paths: [1], verb: 'writes' },
  resize_file: { paths: [0], verb: 'truncates' },
};
const FILE_STREAM = /(?:^|::)(?:basic_)?[io]?fstream$/;

export const toctou: Rule = {
  meta: {
    id: 'c/toctou',
    title: 'File checked, then used by name (TOCTOU race)',
    cwe: 367,
    defectType: 'race-condition',
    severity: 'medium',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'Checking a path with access(), stat() or std::filesystem::exists() and then opening, changing or deleting it by the same name leaves a window in which another process can replace the file, typically with a symlink to a file the program must not touch. The use then acts on a file the check never saw; in a privileged program this lets a local user read, overwrite or chmod arbitrary files.',
    solution:
      'Act first and check the result: open() the path (with O_NOFOLLOW, and O_CREAT|O_EXCL when creating), then fstat() the descriptor and use fchmod()/fchown() on it. To honour the real user\'s permissions in a setuid program, drop privileges around the open instead of calling access().',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    // One report per check: the first use after it is the race; later uses repeat it.
    const reportedChecks = new Set<number>();
    const check = (node: SyntaxNode, name: string, verb: string, paths: SyntaxNode[]): void => {
      const fn = enclosingFunction(node);
      if (!fn) return;
      for (const path of paths) {
        if (unwrap(path).type === 'string_literal') continue;
        const found = lastCheck(facts, fn, node, compactText(path));
        if (!found || reportedChecks.has(found.call.id) || reassignedBetween(facts, path, found.call, node)) continue;
        reportedChecks.add(found.call.id);
        report(context, node, name, verb, path, found);
        return;
      }
    };
    return {
      call_expression(node) {
        const callee = facts.callee(node);
        if (!callee) return fileStreamOpen(facts, node, check);
        const name = facts.libcCallee(node)!;
        const component = callee.slice(callee.lastIndexOf(':') + 1);
        const use = isFilesystem(callee) ? FILESYSTEM_USES[component] : name.includes('::') ? undefined : USES[name];
        if (!use || facts.definesFunction(name)) return;
        const args = callArguments(node);
        // O_CREAT|O_EXCL fails if anything already exists at the path, so nothing can be slipped in.
        if (/^open(?:64|at)?$/.test(name) && args.some((a) => /\bO_EXCL\b/.test(a.text))) return;
        check(node, `${isFilesystem(callee) ? callee : name}()`, use.verb, use.paths.map((i) => args[i]).filter((a) => a !== undefined));
      },
      declaration(node) {
        // std::ofstream out(path); (parsed as a function declarator) or std::ofstream out{path};
        const type = node.childForFieldName('type')?.text ?? '';
        if (!FILE_STREAM.test(type)) return;
        const d = node.childForFieldName('declarator');
        const first =
          d?.type === 'function_declarator'
            ? d.childForFieldName('parameters')?.namedChildren[0]
            : d?.type === 'init_declarator'
              ? d.childForFieldName('value')?.namedChildren[0]
              : undefined;
        if (first) check(node, type, 'opens', [first]);
      },
    };
  },
};

function isFilesystem(callee: string): boolean {
  return /(?:^|::)(?:fs|filesystem)::/.test(callee);
}

/** out.open(path) on a file stream. */
function fileStreamOpen(facts: CFacts, call: SyntaxNode, check: (node: SyntaxNode, name: string, verb: string, paths: SyntaxNode[]) => void): void {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'field_expression' || fn.childForFieldName('field')?.text !== 'open') return;
  const object = fn.childForFieldName('argument');
  const v = object?.type === 'identifier' ? facts.variable(object) : undefined;
  const path = callArguments(call)[0];
  if (v && FILE_STREAM.test(v.baseType) && path) check(call, `${object!.text}.open()`, 'opens', [path]);
}

interface Check {
  call: SyntaxNode;
  name: string;
}

/** The last call before `use` in `fn` that inspects the path spelled `text`. */
function lastCheck(facts: CFacts, fn: SyntaxNode, use: SyntaxNode, text: string): Check | undefined {
  let found: Check | undefined;
  for (const c of facts.callsIn(fn)) {
    if (!isBefore(c, use)) continue;
    const callee = facts.callee(c);
    if (!callee) continue;
    const component = callee.slice(callee.lastIndexOf(':') + 1);
    const plain = facts.libcCallee(c) ?? '';
    const at = isFilesystem(callee) ? (FILESYSTEM_CHECKS.has(component) ? 0 : undefined) : plain.includes('::') ? undefined : CHECKS[plain];
    const checked = at === undefined ? undefined : callArguments(c)[at];
    if (checked && compactText(checked) === text && !facts.isDead(c)) found = { call: c, name: callee };
  }
  return found;
}

function report(context: RuleContext, use: SyntaxNode, shown: string, verb: string, path: SyntaxNode, check: Check): void {
  context.report({
    node: use,
    message: `${shown} ${verb} ${code(path)} by name after ${check.name}() checked it at line ${line(check.call)}; in between, another process can replace the file (for example with a symlink), so the program acts on a file the check never saw.`,
    trace: [
      traceStep(context.file.path, check.call, `${code(path)} checked by ${check.name}()`),
      traceStep(context.file.path, use, `${code(path)} used by ${shown}`),
    ],
  });
}

/** `path = next_path();` between check and use: the two calls name different files. */
function reassignedBetween(facts: CFacts, path: SyntaxNode, check: SyntaxNode, use: SyntaxNode): boolean {
  const root = unwrap(path);
  if (root.type !== 'identifier') return false;
  const v = facts.variable(root);
  return !!v && v.writes.some((w) => !w.element && isBefore(check, w.node) && isBefore(w.node, use));
}
