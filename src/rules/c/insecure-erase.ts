import { cFacts } from '../../languages/c/facts.js';
import { sensitiveKind } from '../../languages/sensitive-names.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';
import { liveContext } from './live-context.js';

/** Calls that clear memory and that an optimiser may drop when nothing reads the memory again. */
const CLEARERS: Record<string, { fill?: number }> = { memset: { fill: 1 }, bzero: {}, ZeroMemory: {}, RtlZeroMemory: {} };
/** What may still happen to a buffer after it is cleared without making the clearing observable. */
const RELEASERS = new Set(['free', 'g_free', 'OPENSSL_free', 'HeapFree', 'LocalFree', 'GlobalFree']);

export const insecureErase: Rule = {
  meta: {
    id: 'c/insecure-erase',
    title: 'Secret cleared with a call the compiler may remove',
    cwe: 14,
    defectType: 'encryption',
    severity: 'medium',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description:
      'A buffer that held a secret is cleared with memset() (or bzero(), ZeroMemory()) and never read again. Because nothing observes the zeros, optimising compilers remove the call as a dead store, and the password or key stays in memory, where a crash dump, swap or a later memory disclosure can expose it.',
    solution:
      'Clear secrets with a function the compiler must keep: explicit_bzero() (glibc, BSD), memset_s() (C11 Annex K), SecureZeroMemory() (Windows) or OPENSSL_cleanse(); or write through a volatile pointer.',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    return {
      call_expression(node) {
        const name = facts.libraryCallee(node);
        const clearer = name ? CLEARERS[name] : undefined;
        if (!name || !clearer) return;
        const args = node.childForFieldName('arguments')?.namedChildren ?? [];
        const fill = clearer.fill === undefined ? undefined : args[clearer.fill] && facts.constant(args[clearer.fill]);
        if (clearer.fill !== undefined && !(fill?.kind === 'int' && fill.value === 0)) return;
        let target: SyntaxNode | undefined = args[0];
        if (target?.type === 'pointer_expression' && target.childForFieldName('operator')?.text === '&') target = target.childForFieldName('argument') ?? undefined;
        if (target?.type !== 'identifier') return;
        const v = facts.variable(target);
        // A static or global can be read by other code later: the store is not dead.
        // Passwords and keys; salts, nonces and IVs are not secret.
        const kind = v ? sensitiveKind(v.name) : undefined;
        if (!v || v.kind !== 'local' || v.isStatic || v.addressTaken || !v.fn || (kind !== 'password' && kind !== 'credential')) return;
        if (readAfter(v.fn, node, (id) => facts.variable(id) === v)) return;
        context.report({ node, message: `${name}() clears the secret \`${v.name}\`, which is not read afterwards: the compiler may drop the call as a dead store and leave the secret in memory.` });
      },
    };
  },
};

/**
 * Whether anything may read the buffer after `call`: a use of the variable other than freeing or
 * forgetting it, or any other call, which could read it through a pointer stored earlier.
 */
function readAfter(fn: SyntaxNode, call: SyntaxNode, isTarget: (id: SyntaxNode) => boolean): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return true;
  for (const id of body.descendantsOfType('identifier')) {
    if (id.startIndex < call.endIndex || !isTarget(id)) continue;
    const parent = id.parent;
    const released = parent?.type === 'argument_list' && parent.parent?.type === 'call_expression' && RELEASERS.has(parent.parent.childForFieldName('function')?.text ?? '');
    const overwritten = parent?.type === 'assignment_expression' && parent.childForFieldName('left') === id;
    if (!released && !overwritten) return true;
  }
  for (const later of body.descendantsOfType('call_expression')) {
    if (later.startIndex >= call.endIndex && !RELEASERS.has(later.childForFieldName('function')?.text ?? '')) return true;
  }
  // Inside a loop the clearing is followed by the loop's next round, which may read it.
  for (let n = call.parent; n && n !== body; n = n.parent) if (/^(for|while|do)_statement$/.test(n.type)) return true;
  return false;
}
