import { cFacts } from '../../languages/c/facts.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';
import { liveContext } from './live-context.js';

/** Calls that give up privileges, and fail (returning -1) rather than stop the program. */
const USER_DROPS = new Set(['setuid', 'seteuid', 'setreuid', 'setresuid']);
const GROUP_DROPS = new Set(['setgid', 'setegid', 'setregid', 'setresgid', 'setgroups', 'initgroups']);

export const privilegeDrop: Rule = {
  meta: {
    id: 'c/privilege-drop',
    title: 'Privilege drop not checked, or done in the wrong order',
    cwe: 273,
    defectType: 'improper-access',
    severity: 'high',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'setuid(), setgid() and their kin can fail (resource limits, a missing capability, a bad id) and then leave the process running with the privileges it meant to give up. A call whose result is ignored cannot tell, and one that changes the user before the groups has already lost the right to change the groups, so they stay privileged.',
    solution:
      'Check every call and stop on failure: if (setgid(gid) != 0 || setuid(uid) != 0) abort();. Drop supplementary groups and the group (setgroups/initgroups, then setgid) before the user, and confirm with getuid()/geteuid() that the drop took.',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    const dropOf = (call: SyntaxNode): string | undefined => {
      const name = facts.libraryCallee(call);
      return name && (USER_DROPS.has(name) || GROUP_DROPS.has(name)) ? name : undefined;
    };
    return {
      call_expression(node) {
        const name = dropOf(node);
        if (!name) return;
        let statement: SyntaxNode = node;
        while (statement.parent?.type === 'cast_expression' || statement.parent?.type === 'parenthesized_expression') statement = statement.parent;
        if (statement.parent?.type === 'expression_statement') {
          context.report({ node, message: `The result of ${name}() is ignored: if it fails, the process goes on with the privileges it meant to drop.` });
        }
        if (!USER_DROPS.has(name)) return;
        const fn = facts.functionOf(node);
        const laterGroup = fn ? facts.callsIn(fn).find((c) => c.startIndex > node.endIndex && GROUP_DROPS.has(dropOf(c) ?? '')) : undefined;
        if (laterGroup) {
          context.report({
            node,
            cwe: 696,
            message: `${name}() gives up the user before ${dropOf(laterGroup)}() (line ${laterGroup.startPosition.row + 1}) changes the groups, which then fails for lack of privilege: the process keeps its privileged groups.`,
          });
        }
      },
    };
  },
};
