import { pythonFacts } from '../../languages/python/facts.js';
import { code, shortText } from '../../languages/python/describe.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { unwrapParens } from '../../languages/python/syntax.js';
import { enclosingScope } from '../run.js';
import type { Rule } from '../types.js';

/** Handlers for these catch everything that can go wrong, not one anticipated condition. */
const BROAD = new Set(['Exception', 'BaseException', 'builtins.Exception', 'builtins.BaseException']);
/** Statements that do nothing. */
const INERT = new Set(['pass_statement', 'continue_statement']);
const MAX_CALLS_NAMED = 3;

export const swallowedException: Rule = {
  meta: {
    id: 'py/swallowed-exception',
    title: 'Exception swallowed without handling',
    cwe: 390,
    defectType: 'other',
    severity: 'low',
    confidence: 'medium',
    languages: ['python'],
    description:
      'A bare `except:` or `except Exception:` handler does nothing (`pass`, `...`, `continue`): every error raised in the try block, including ones nobody anticipated, disappears without a trace. The program carries on in an unknown state, failures of clean-up or security checks go unnoticed, and debugging has nothing to go on. Handlers for specific exceptions, handlers around optional imports and handlers in __del__ are not reported.',
    solution:
      'Catch only the exceptions you expect and can handle, and at least log the rest (logger.exception(…) keeps the traceback). If ignoring a specific error is intended, say so with contextlib.suppress(SpecificError) or a comment naming the reason.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      except_clause(node) {
        const body = node.namedChildren.find((c) => c.type === 'block');
        if (!body || !doesNothing(body)) return;
        const caught = node.namedChildren.find((c) => c.type !== 'block' && c.type !== 'comment');
        const types = caught ? exceptionTypes(caught) : [];
        const bare = types.length === 0;
        if (!bare && !types.some((t) => BROAD.has(facts.qualifiedName(t) ?? t.text))) return;
        const tryStatement = node.parent;
        const tryBody = tryStatement?.childForFieldName('body');
        if (!tryStatement || !tryBody || onlyImports(tryBody)) return;
        const scope = enclosingScope(node);
        if (scope.split('.').pop() === '__del__') return;

        // The header ends at the colon after the types caught (`except (A, B) as e:`); the tree has no node for it.
        const colon = node.text.indexOf(':', caught ? caught.endIndex - node.startIndex : 0);
        const header = shortText(node.text.slice(0, colon >= 0 ? colon : body.startIndex - node.startIndex).trimEnd());
        const handler = `\`${header}: ${body.namedChildren.filter((c) => c.type !== 'comment').map((c) => c.text).join('; ')}\``;
        const where = scope ? ` in ${scope}()` : '';
        const calls = guardedCalls(tryBody);
        const guarded =
          calls.length > 0 ? `raised by ${calls.slice(0, MAX_CALLS_NAMED).map(code).join(calls.length === 2 ? ' and ' : ', ')}${calls.length > MAX_CALLS_NAMED ? ' and the rest of the try block' : ''}`
          : `raised in the try block (line ${tryBody.startPosition.row + 1}${tryBody.endPosition.row > tryBody.startPosition.row ? `-${tryBody.endPosition.row + 1}` : ''})`;
        const what = bare ? 'every exception, including KeyboardInterrupt and SystemExit,' : 'every exception';
        context.report({
          node,
          severity: bare ? 'medium' : 'low',
          message: `${handler}${where} discards ${what} ${guarded} without logging or handling it: a failure there goes unnoticed and the program carries on in an unknown state.`,
        });
      },
    };
  },
};

/** Only `pass`, `...`, `continue` or a string (a comment in disguise). */
function doesNothing(block: SyntaxNode): boolean {
  const statements = block.namedChildren.filter((c) => c.type !== 'comment');
  return statements.length > 0 && statements.every((s) => {
    if (INERT.has(s.type)) return true;
    if (s.type !== 'expression_statement' || s.namedChildCount !== 1) return false;
    const e = s.namedChildren[0];
    return e.type === 'ellipsis' || e.type === 'string' || e.type === 'concatenated_string';
  });
}

function exceptionTypes(caught: SyntaxNode): readonly SyntaxNode[] {
  let n = unwrapParens(caught);
  if (n.type === 'as_pattern') n = unwrapParens(n.namedChildren[0] ?? n);
  return n.type === 'tuple' || n.type === 'expression_list' ? n.namedChildren : [n];
}

/** `try: import ujson as json / except Exception: pass`: the optional dependency is simply absent. */
function onlyImports(block: SyntaxNode): boolean {
  const statements = block.namedChildren.filter((c) => c.type !== 'comment');
  return statements.length > 0 && statements.every((s) => s.type === 'import_statement' || s.type === 'import_from_statement');
}

/** The calls the try block makes as statements, in order: what the handler silences. */
function guardedCalls(block: SyntaxNode): SyntaxNode[] {
  const calls: SyntaxNode[] = [];
  for (const statement of block.namedChildren) {
    if (statement.type !== 'expression_statement') continue;
    let e = statement.namedChildren[0];
    if (e?.type === 'assignment') e = e.childForFieldName('right') ?? e;
    if (e?.type === 'await') e = e.namedChildren[0] ?? e;
    if (e?.type === 'call') calls.push(e);
  }
  return calls;
}
