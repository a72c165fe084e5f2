import { pythonFacts } from '../../languages/python/facts.js';
import { shortText } from '../../languages/python/describe.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { calleeTail, enclosingFunction, isTestPath, receiver } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

/** Lock types of the standard library, by the call that makes them. */
const LOCK_TYPES = /^(threading\.(Lock|RLock|Semaphore|BoundedSemaphore|Condition)|multiprocessing\.(Lock|RLock|Semaphore)|asyncio\.(Lock|Semaphore))\(\)$/;
const LOCK_NAME = /(^|[._])(lock|mutex|mtx|sem|semaphore)$/i;

export const lockNotReleased: Rule = {
  meta: {
    id: 'py/lock-not-released',
    title: 'Lock acquired without a release that runs on every path',
    cwe: 667,
    defectType: 'deadlock',
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    description:
      'A lock is taken with acquire() and released by a plain release() call (or not at all) in this function, not in a `finally:` block. Any exception, return or break in between leaves it held, and every other thread that needs it waits forever. Test modules, which hold locks on purpose, are not checked.',
    solution:
      'Hold locks with a `with` statement (`with self._lock: …`), which releases them however the block ends, or release in `finally:` right after a successful acquire().',
  },
  create(context) {
    // Tests take and hold locks on purpose, to see what the code under test does then.
    if (isTestPath(context.file.path)) return {};
    const facts = context.memo(pythonFacts);
    const isLock = (object: SyntaxNode): boolean => LOCK_TYPES.test(facts.qualifiedName(object) ?? '') || LOCK_NAME.test(object.text);
    return {
      call(node) {
        if (calleeTail(node) !== 'acquire') return;
        const object = receiver(node);
        // A conditional acquire (`if lock.acquire(blocking=False):`) is paired by its branch.
        if (!object || !isLock(object) || node.parent?.type !== 'expression_statement') return;
        const fn = enclosingFunction(node) ?? context.tree.rootNode;
        if (privateLock(fn, object)) return;
        const releases = fn.descendantsOfType('call').filter((c) => c.startIndex > node.endIndex && calleeTail(c) === 'release' && receiver(c)?.text === object.text);
        // A function that only acquires hands the lock to one that releases it (`__enter__`, `_acquireLock`).
        if (releases.length === 0 && (fn.type === 'module' || /enter|acquire|lock/i.test(fn.childForFieldName('name')?.text ?? ''))) return;
        if (releases.some((r) => insideFinally(r, fn))) return;
        // Released before anything could raise or leave: nothing runs in between.
        if (releases.length > 0 && !mayLeaveBetween(fn, node, releases[0])) return;
        const how = releases.length === 0 ? 'nothing in this function releases it' : `its release() at line ${releases[0].startPosition.row + 1} is skipped when anything in between raises or returns`;
        context.report({ node, message: `${shortText(object)}.acquire() takes the lock, but ${how}: other threads then wait for it forever.` });
      },
    };
  },
};

/**
 * A lock this function makes and keeps to itself (a local no inner function, call or return sees):
 * no other thread can wait for it.
 */
function privateLock(fn: SyntaxNode, object: SyntaxNode): boolean {
  if (object.type !== 'identifier' || fn.type !== 'function_definition') return false;
  const body = fn.childForFieldName('body');
  if (!body) return false;
  const uses = body.descendantsOfType('identifier').filter((id) => id.text === object.text);
  const bound = uses.some((id) => id.parent?.type === 'assignment' && id.parent.childForFieldName('left') === id);
  const shared = uses.some((id) => {
    if (id.parent?.type === 'argument_list' || id.parent?.type === 'return_statement' || id.parent?.type === 'keyword_argument') return true;
    for (let n = id.parent; n && n !== body; n = n.parent) if (n.type === 'function_definition' || n.type === 'lambda') return true;
    return false;
  });
  return bound && !shared;
}

/** Whether a call, raise, return, break, yield or await lies between the two calls. */
function mayLeaveBetween(fn: SyntaxNode, from: SyntaxNode, to: SyntaxNode): boolean {
  const between = (n: SyntaxNode) => n.startIndex >= from.endIndex && n.endIndex <= to.startIndex;
  return ['call', 'raise_statement', 'return_statement', 'break_statement', 'continue_statement', 'yield', 'await'].some((type) => fn.descendantsOfType(type).some(between));
}

function insideFinally(node: SyntaxNode, fn: SyntaxNode): boolean {
  for (let n: SyntaxNode | null | undefined = node.parent; n && n !== fn; n = n.parent) if (n.type === 'finally_clause') return true;
  return false;
}
