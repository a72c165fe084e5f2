import { pythonFacts } from '../../languages/python/facts.js';
import { shortText } from '../../languages/python/describe.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { argument, enclosingFunction } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** Calls that act on a path, with the verb for the message. */
const USES: Record<string, string> = {
  open: 'opens', 'builtins.open': 'opens', 'io.open': 'opens', 'os.open': 'opens', 'codecs.open': 'opens',
  'os.remove': 'removes', 'os.unlink': 'removes', 'os.rename': 'renames', 'os.replace': 'replaces', 'os.chmod': 'changes the mode of',
  'os.chown': 'changes the owner of', 'shutil.copy': 'copies', 'shutil.copyfile': 'copies', 'shutil.move': 'moves', 'os.execv': 'runs', 'os.execve': 'runs',
};

export const toctou: Rule = {
  meta: {
    id: 'py/toctou',
    title: 'Permission check on a path, then use of the path (TOCTOU)',
    cwe: 367,
    defectType: 'race-condition',
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    description:
      'os.access() checks a path with the real user\'s permissions, and a later call acts on the same path name. Between the two, another user can replace what the name points to (typically with a symlink to a file only the program may touch), so a privileged program acts on a file the check never saw.',
    solution:
      'Do not check first: drop privileges (os.seteuid) and just open the file, handling the error, or open once and check the opened file (os.fstat on the descriptor, O_NOFOLLOW).',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        if (facts.calleeName(node) !== 'os.access') return;
        const path = argument(node, 0, 'path');
        // os.F_OK only asks whether the name exists: no permission is decided there.
        const mode = argument(node, 1, 'mode');
        if (!path || facts.isConstant(path) || !mode || /\bF_OK$/.test(facts.qualifiedName(mode) ?? mode.text)) return;
        const fn = enclosingFunction(node) ?? context.tree.rootNode;
        // The statement the check is part of (usually an `if` testing it): the use must be inside it
        // or in a statement after it in the same block, not in another branch.
        let statement: SyntaxNode = node;
        while (statement.parent && statement.parent.type !== 'block' && statement.parent !== fn) statement = statement.parent;
        const block = statement.parent;
        const reached = (c: SyntaxNode): boolean => {
          if (c.startIndex >= statement.startIndex && c.endIndex <= statement.endIndex) return true;
          for (let n: SyntaxNode | null | undefined = c; n; n = n.parent) if (n.parent === block) return n.startIndex > statement.endIndex;
          return false;
        };
        const text = path.text.replace(/\s+/g, '');
        const use = fn.descendantsOfType('call').find((c) => {
          const verb = c.startIndex > node.endIndex ? USES[facts.calleeName(c) ?? ''] : undefined;
          return verb !== undefined && argument(c, 0)?.text.replace(/\s+/g, '') === text && reached(c);
        });
        if (!use) return;
        const name = facts.calleeName(use)!;
        context.report({
          node: use,
          message: `${name}() ${USES[name]} ${shortText(path)} after os.access() checked it at line ${node.startPosition.row + 1}: the path can be swapped (a symlink) in between, so the check says nothing about the file used.`,
        });
      },
    };
  },
};
