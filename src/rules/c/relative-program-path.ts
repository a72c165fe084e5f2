import type { Rule } from '../types.js';
import { cModule, forEachCall, literalString, nodeAt } from './ir-calls.js';

/** Calls that find their program by searching PATH when the name has no directory part. */
const SHELL = new Set(['system', 'popen', '_popen', '_wsystem']);
const SEARCHING_EXEC = new Set(['execlp', 'execvp', 'execvpe', 'posix_spawnp']);
/** Calls that load a library; a name with a directory part but no root is relative to the working directory. */
const LOADERS = new Set(['dlopen', 'LoadLibrary', 'LoadLibraryA', 'LoadLibraryW', 'LoadLibraryEx', 'LoadLibraryExA', 'LoadLibraryExW']);

function firstWord(command: string): string {
  return command.trim().split(/\s+/)[0] ?? '';
}

export const relativeProgramPath: Rule = {
  meta: {
    id: 'c/relative-program-path',
    title: 'Program or library found through a search path',
    cwe: 426,
    defectType: 'improper-access',
    severity: 'medium',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description:
      'A program is started by a bare name, so the shell or exec*p() looks it up in PATH, or a library is loaded by a path relative to the working directory. Whoever controls PATH or the working directory (the user of a setuid program, a service started from a writable directory) substitutes their own program or library.',
    solution: 'Run programs and load libraries by absolute path (`/usr/bin/logrotate`, `/usr/lib/app/plugin.so`), and reset PATH to trusted directories before starting others.',
  },
  create(context) {
    return {
      translation_unit() {
        for (const fn of context.memo(cModule).functions) {
          forEachCall(fn, (call, name) => {
            if (!name) return;
            const pos = name === 'posix_spawnp' ? 1 : 0;
            const text = literalString(call.a[pos]);
            if (text === undefined) return;
            if (SHELL.has(name) || SEARCHING_EXEC.has(name)) {
              const program = SHELL.has(name) ? firstWord(text) : text;
              if (program === '' || program.includes('/') || /[$`;|&<>]/.test(program)) return;
              context.report({ node: nodeAt(context.tree, call), message: `\`${name}()\` starts \`${program}\` by name, so whichever \`${program}\` comes first in PATH runs.` });
            } else if (LOADERS.has(name) && /[/\\]/.test(text) && !/^(?:\/|[A-Za-z]:\\|\\\\)/.test(text)) {
              context.report({ node: nodeAt(context.tree, call), message: `\`${name}()\` loads \`${text}\` relative to the current working directory.` });
            }
          });
        }
      },
    };
  },
};
