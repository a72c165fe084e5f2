import { code, traceStep } from '../../languages/c/describe.js';
import { cFacts, type CFacts } from '../../languages/c/facts.js';
import { callArguments, compactText, enclosingFunction, isBefore, libcName, line, unwrap } from '../../languages/c/syntax.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';
import { liveContext } from './live-context.js';

/** Calls that inspect a path (argument index of the path). */
const CHECKS: Record<string, number> = {
  access: 0, _access: 0, _waccess: 0, euidaccess: 0, eaccess: 0, faccessat: 1,
  stat: 0, lstat: 0, stat64: 0, lstat64: 0, _stat: 0, _wstat: 0, fstatat: 1,
};
/** Calls that act on a path: argument indexes that are paths, and what they do, for the message. */
const USES: Record<string, { paths: number[]; verb: string }> = {
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
      'Checking a path with access() or stat() and then opening, changing or deleting it by the same name leaves a window in which another process can replace the file, typically with a symlink to a file the program must not touch. The use then acts on a file the check never saw; in a privileged program this lets a local user read, overwrite or chmod arbitrary files.',
    solution:
      'Act first and check the result: open() the path (with O_NOFOLLOW, and O_CREAT|O_EXCL when creating), then fstat() the descriptor and use fchmod()/fchown() on it. To honour the real user\'s permissions in a setuid program, drop privileges around the open instead of calling access().',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    return {
      call_expression(node) {
        const name = libcName(node);
        const use = name ? USES[name] : undefined;
        if (!name || !use || facts.definesFunction(name)) return;
        const args = callArguments(node);
        // O_CREAT|O_EXCL fails if anything already exists at the path, so nothing can be slipped in.
        if ((name === 'open' || name === 'open64' || name === 'openat') && args.some((a) => /\bO_EXCL\b/.test(a.text))) return;
        const fn = enclosingFunction(node);
        if (!fn) return;
        for (const index of use.paths) {
          const path = args[index];
          if (!path || unwrap(path).type === 'string_literal') continue;
          const text = compactText(path);
          const check = facts
            .callsIn(fn)
            .filter((c) => isBefore(c, node) && !isBefore(node, c))
            .filter((c) => {
              const checkName = libcName(c);
              const at = checkName === undefined ? undefined : CHECKS[checkName];
              const checked = at === undefined ? undefined : callArguments(c)[at];
              return checked !== undefined && compactText(checked) === text;
            })
            .pop();
          if (!check || reassignedBetween(facts, path, check, node)) continue;
          const checkName = libcName(check)!;
          context.report({
            node,
            message: `${name}() ${use.verb} ${code(path)} by name after ${checkName}() checked it at line ${line(check)}; in between, another process can replace the file (for example with a symlink), so ${name}() acts on a file the check never saw.`,
            trace: [
              traceStep(context.file.path, check, `${code(path)} checked by ${checkName}()`),
              traceStep(context.file.path, node, `${code(path)} used by ${name}()`),
            ],
          });
          return;
        }
      },
    };
  },
};

/** `path = next_path();` between check and use: the two calls name different files. */
function reassignedBetween(facts: CFacts, path: SyntaxNode, check: SyntaxNode, use: SyntaxNode): boolean {
  const root = unwrap(path);
  if (root.type !== 'identifier') return false;
  const v = facts.variable(root);
  return !!v && v.writes.some((w) => !w.element && isBefore(check, w.node) && isBefore(w.node, use));
}
