import { constantTexts } from '../../languages/c/constant-text.js';
import { cFacts } from '../../languages/c/facts.js';
import { callArguments } from '../../languages/c/syntax.js';
import type { Rule } from '../types.js';
import { cModule, forEachCall, literalString, nodeAt, type Call } from './ir-calls.js';

/** Calls that find their program by searching PATH when the name has no directory part. */
const SHELL = new Set(['system', 'popen', '_popen', '_wsystem']);
const SEARCHING_EXEC = new Set(['execlp', 'execvp', 'execvpe', 'posix_spawnp']);
/** Calls that load a library; a name with a directory part but no root is relative to the working directory. */
const LOADERS = new Set(['dlopen', 'LoadLibrary', 'LoadLibraryA', 'LoadLibraryW', 'LoadLibraryEx', 'LoadLibraryExA', 'LoadLibraryExW']);

/** A program named without any directory part, which the shell or exec*p() looks up in PATH. */
function isBareName(program: string): boolean {
  return program !== '' && !/[/\\]/.test(program) && !/[$`;|&<>]/.test(program);
}

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
    const facts = context.memo(cFacts);
    // A command built in a local buffer from constants (`strcpy(data, "ls -la"); system(data);`) is read there.
    const builtTexts = (call: Call, pos: number): string[] | undefined => {
      const node = nodeAt(context.tree, call);
      const sink = node.type === 'call_expression' ? node : node.parent?.type === 'call_expression' ? node.parent : undefined;
      const arg = sink && callArguments(sink)[pos];
      return arg ? constantTexts(facts, arg, sink) : undefined;
    };
    return {
      translation_unit() {
        for (const fn of context.memo(cModule).functions) {
          forEachCall(fn, (call, name) => {
            if (!name) return;
            const pos = name === 'posix_spawnp' ? 1 : 0;
            const literal = literalString(call.a[pos]);
            if (SHELL.has(name) || SEARCHING_EXEC.has(name)) {
              const texts = literal !== undefined ? [literal] : SHELL.has(name) && call.a[pos]?.k === 'name' ? builtTexts(call, pos) : undefined;
              // One per platform where a constant is defined per platform (`cmd.exe` or `ls`).
              const programs = [...new Set(texts?.map((t) => (SHELL.has(name) ? firstWord(t) : t)).filter(isBareName))];
              if (programs.length === 0) return;
              const program = programs.map((p) => `\`${p}\``).join(' or ');
              context.report({ node: nodeAt(context.tree, call), message: `\`${name}()\` starts ${program} by name, so whichever ${program} comes first in PATH runs.` });
            } else if (literal !== undefined && LOADERS.has(name) && /[/\\]/.test(literal) && !/^(?:\/|[A-Za-z]:\\|\\\\)/.test(literal)) {
              context.report({ node: nodeAt(context.tree, call), message: `\`${name}()\` loads \`${literal}\` relative to the current working directory.` });
            }
          });
        }
      },
    };
  },
};
