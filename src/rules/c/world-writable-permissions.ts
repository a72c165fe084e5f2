import { cFacts } from '../../languages/c/facts.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';
import { liveContext } from './live-context.js';

const OTHERS_WRITE = 0o002;
const STICKY = 0o1000;
/** <sys/stat.h> permission bits, which reach us as names when the header is not under review. */
const MODE_BITS: Record<string, number> = {
  S_ISUID: 0o4000, S_ISGID: 0o2000, S_ISVTX: 0o1000,
  S_IRWXU: 0o700, S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100,
  S_IRWXG: 0o070, S_IRGRP: 0o040, S_IWGRP: 0o020, S_IXGRP: 0o010,
  S_IRWXO: 0o007, S_IROTH: 0o004, S_IWOTH: 0o002, S_IXOTH: 0o001,
  ACCESSPERMS: 0o777, ALLPERMS: 0o7777, DEFFILEMODE: 0o666,
};
/** Where the mode sits in each call that sets one outright (not filtered by the umask). */
const MODE_ARGUMENT: Record<string, number> = { chmod: 1, lchmod: 1, fchmod: 1, fchmodat: 2, _chmod: 1 };

export const worldWritablePermissions: Rule = {
  meta: {
    id: 'c/world-writable-permissions',
    title: 'World-writable file permissions',
    cwe: 732,
    defectType: 'improper-access',
    severity: 'medium',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'A file or directory is given permissions that let every local user write to it, or the umask is cleared so that new files are world-writable. Any other account on the machine can then alter data, configuration or programs this one trusts. Modes passed to open(), creat() and mkdir() are not reported: the umask filters them; sticky directories (a shared /tmp) are meant to be world-writable.',
    solution:
      'Grant write access to the owner only (0644 for files, 0755 for directories, 0600/0700 for anything private), share through a group (0664/0775) when others need access, and keep the umask at 022 or stricter.',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    const mode = (n: SyntaxNode | undefined): number | undefined => {
      if (!n) return undefined;
      if (n.type === 'parenthesized_expression') return mode(n.namedChildren[0]);
      if (n.type === 'identifier' && MODE_BITS[n.text] !== undefined) return MODE_BITS[n.text];

      if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '|') {
        const l = mode(n.childForFieldName('left') ?? undefined);
        const r = mode(n.childForFieldName('right') ?? undefined);
        return l === undefined || r === undefined ? undefined : l | r;
      }
      const c = facts.constant(n);
      return c?.kind === 'int' ? c.value : undefined;
    };
    return {
      call_expression(node) {
        const name = facts.libraryCallee(node);
        if (!name) return;
        const args = node.childForFieldName('arguments')?.namedChildren ?? [];
        if (name === 'umask') {
          const mask = mode(args[0]);
          if (mask === undefined || mask & OTHERS_WRITE) return;
          context.report({ node, message: `umask(${args[0].text}) no longer masks the others-write bit: every file and directory created afterwards with the usual modes (0666/0777) is writable by every local user.` });
          return;
        }
        const at = MODE_ARGUMENT[name];
        const value = at === undefined ? undefined : mode(args[at]);
        if (value === undefined || !(value & OTHERS_WRITE) || value & STICKY) return;
        const octal = `0${(value & 0o7777).toString(8)}`;
        context.report({ node, message: `${name}() gives ${args[0]?.text ?? 'the file'} mode ${args[at].text === octal ? octal : `${args[at].text} = ${octal}`}: every local user can modify it.` });
      },
    };
  },
};
