import { pythonFacts } from '../../languages/python/facts.js';
import { code, shortText } from '../../languages/python/describe.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { argument, calleeTail, receiver } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

const OTHERS_WRITE = 0o002;
const STICKY = 0o1000;
/** Where the mode sits: os.chmod(path, mode), os.fchmod(fd, mode), os.lchmod(path, mode). */
const OS_CHMOD = new Set(['os.chmod', 'os.fchmod', 'os.lchmod']);

export const worldWritablePermissions: Rule = {
  meta: {
    id: 'py/world-writable-permissions',
    title: 'World-writable file permissions',
    cwe: 732,
    defectType: 'improper-access',
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    description:
      "A file or directory is given permissions that let every local user write to it, or the process umask is set so that new files are world-writable. Any other account on the machine (including a compromised service) can then alter data, configuration or code that this program trusts. Modes passed to os.mkdir/os.makedirs/os.open are not reported: the umask filters them (0o777 is their default), and sticky directories such as a shared /tmp are intended to be world-writable.",
    solution:
      'Grant write access to the owner only (0o644 for files, 0o755 for directories, 0o600/0o700 for anything private) and share through a group (0o664/0o775 with a dedicated group) when others need access. Keep the umask at 0o022 or stricter.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (callee === 'os.umask') {
          const mask = argument(node, 0, 'mask');
          const value = mask ? facts.constantValue(mask) : undefined;
          if (typeof value !== 'number' || value & OTHERS_WRITE) return;
          context.report({
            node,
            message: `os.umask(${shortText(mask!)}) no longer masks the others-write bit: every file and directory created afterwards with a default mode (0o666/0o777) is writable by every local user.`,
          });
          return;
        }
        let target: SyntaxNode | undefined;
        let mode: SyntaxNode | undefined;
        if (callee && OS_CHMOD.has(callee)) {
          target = argument(node, 0);
          mode = argument(node, 1, 'mode');
        } else if (calleeTail(node) === 'chmod' && receiver(node) && !callee?.startsWith('os.')) {
          target = receiver(node);
          mode = argument(node, 0, 'mode');
        }
        if (!target || !mode) return;
        const value = facts.constantValue(mode);
        if (typeof value !== 'number' || !(value & OTHERS_WRITE) || value & STICKY) return;
        const octal = `0o${(value & 0o7777).toString(8).padStart(3, '0')}`;
        const shown = mode.text === octal ? octal : `${shortText(mode)} = ${octal}`;
        context.report({
          node,
          message: `${callee ?? `${shortText(target)}.chmod`}() gives ${code(target)} mode ${shown} (${symbolic(value)}): every local user can modify it.`,
        });
      },
    };
  },
};

/** 0o777 -> "rwxrwxrwx" */
function symbolic(mode: number): string {
  return [0o400, 0o200, 0o100, 0o040, 0o020, 0o010, 0o004, 0o002, 0o001].map((bit, i) => (mode & bit ? 'rwx'[i % 3] : '-')).join('');
}
