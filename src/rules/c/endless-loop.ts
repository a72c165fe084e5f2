import { cFacts, type CFacts } from '../../languages/c/facts.js';
import { calleeName } from '../../languages/c/syntax.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule, RuleMeta } from '../types.js';
import { pathEventRule } from './path-event-rule.js';

const meta: RuleMeta = {
  id: 'c/endless-loop',
  title: 'Loop whose exit condition is never met',
  cwe: 835,
  defectType: 'denial-of-service',
  severity: 'medium',
  confidence: 'high',
  languages: ['c', 'cpp'],
  description:
    'A loop can never end. Either it is written to end on a condition the values the loop gives its variables never meet (`for (i = 0; i >= 0; i = (i + 1) % 256)`), or it is written to run forever (`while (1)`, `for (;;)`) and has no way out at all: no `break`, `return` or `goto`, no call that can end the program, and nothing that waits for work, only computation and printing. The thread spins forever. A server loop that waits for work (`accept`, `poll`, `read` …) or calls code that may leave it is not reported.',
  solution: 'Fix the condition or the update so that the loop reaches its end (compare against the bound the update can reach, use a wider or signed type), or add the `break` the loop is missing.',
};

const pathEvents = pathEventRule(meta, ['endless-loop']);

/** Calls a busy loop may make without any chance of ending or waiting: output. */
const OUTPUT = /^(?:printf|wprintf|puts|putchar|putwchar|fputs|fputc|putc|fprintf|fwprintf|print\w*|Print\w*)$/;
const LOOPS = new Set(['while_statement', 'for_statement', 'do_statement', 'for_range_loop']);

/** The loop's condition is absent (`for (;;)`) or a constant that is not 0. */
function runsForever(facts: CFacts, loop: SyntaxNode): boolean {
  if (loop.type === 'for_range_loop') return false;
  const condition = loop.childForFieldName('condition');
  if (!condition) return loop.type === 'for_statement';
  const inner = condition.type === 'parenthesized_expression' || condition.type === 'condition_clause' ? condition.namedChildren[0] : condition;
  if (!inner) return false;
  const value = facts.constant(inner);
  return (value?.kind === 'int' && value.value !== 0) || inner.text === 'true';
}

/**
 * Nothing in the loop's body leaves it or waits: no `break` of this loop, no `return`, `goto`,
 * `throw` or `co_return`, and no call but output.
 */
function noWayOut(loop: SyntaxNode): boolean {
  const body = loop.childForFieldName('body');
  if (!body) return false;
  const exits = body.descendantsOfType(['break_statement', 'return_statement', 'goto_statement', 'throw_expression', 'co_return_statement', 'call_expression', 'asm_statement']);
  return exits.every((n) => {
    if (n.type === 'call_expression') return OUTPUT.test(calleeName(n) ?? '');
    // A `break` inside an inner loop or a `switch` leaves only that.
    if (n.type === 'break_statement') {
      for (let p = n.parent; p && p.id !== loop.id; p = p.parent) if (LOOPS.has(p.type) || p.type === 'switch_statement') return true;
    }
    return false;
  });
}

export const endlessLoop: Rule = {
  meta,
  create(context) {
    const facts = context.memo(cFacts);
    const visit = (loop: SyntaxNode): void => {
      if (!runsForever(facts, loop) || !noWayOut(loop) || facts.isDead(loop)) return;
      context.report({
        node: loop,
        endNode: loop.childForFieldName('body')?.previousSibling ?? loop,
        message: 'This loop runs forever: its condition is always true and nothing in it leaves the loop, ends the program or waits for anything, so the thread spins at full speed for good.',
      });
    };
    return { ...pathEvents.create(context), while_statement: visit, for_statement: visit, do_statement: visit };
  },
};
