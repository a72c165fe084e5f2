import { code } from '../../languages/c/describe.js';
import { cFacts, type CFacts } from '../../languages/c/facts.js';
import { isCheckedBefore } from '../../languages/c/guards.js';
import { inputOrigin } from '../../languages/c/origins.js';
import { ALLOCATORS, CHECKED_ARRAY_ALLOCATORS } from '../../languages/c/libc.js';
import { callArguments, enclosingFunction, libcName, line, operatorOf, unwrap } from '../../languages/c/syntax.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule, RuleContext } from '../types.js';
import { liveContext } from './live-context.js';

const WRAPPING_OPERATORS = new Set(['*', '+', '<<']);
/** Calls measuring an object that already exists in memory: adding a little to them cannot wrap. */
const OBJECT_LENGTHS = new Set(['strlen', 'wcslen', 'strnlen', 'wcsnlen', '_tcslen', 'lstrlen', 'lstrlenA', 'lstrlenW']);
const LENGTH_METHODS = new Set(['size', 'length']);

export const allocSizeOverflow: Rule = {
  meta: {
    id: 'c/alloc-size-overflow',
    title: 'Allocation size computed without an overflow check',
    cwe: 680,
    defectType: 'integer-overflow',
    severity: 'high',
    confidence: 'medium',
    languages: ['c', 'cpp'],
    description:
      'When the size passed to malloc(), realloc() or new[] is a product or sum of values that are not checked first, the arithmetic can wrap around: a large count yields a small allocation, and the code that then fills `count` elements writes past its end (an integer overflow that becomes a heap buffer overflow).',
    solution:
      'Check the operands before computing the size (`if (n > SIZE_MAX / sizeof *p) fail;`), use calloc(n, size) or reallocarray(p, n, size), which detect the overflow, or compute the size with __builtin_mul_overflow().',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    return {
      call_expression(node) {
        const name = facts.libraryCallee(node);
        if (!name || (ALLOCATORS[name] === undefined && !CHECKED_ARRAY_ALLOCATORS[name])) return;
        const args = callArguments(node);
        if (ALLOCATORS[name] !== undefined) {
          const size = args[ALLOCATORS[name]];
          if (size) check(context, facts, node, `${name}()`, size, 'size');
        } else if (CHECKED_ARRAY_ALLOCATORS[name]) {
          // calloc multiplies its own arguments safely; arithmetic inside one argument is not covered.
          for (const i of new Set(CHECKED_ARRAY_ALLOCATORS[name])) {
            if (args[i]) check(context, facts, node, `${name}()`, args[i], i === CHECKED_ARRAY_ALLOCATORS[name][0] ? 'count' : 'element size');
          }
        }
      },
      new_expression(node) {
        // new T[n] checks n * sizeof(T) itself; only arithmetic written inside the brackets can wrap.
        const length = node.childForFieldName('declarator')?.childForFieldName('length');
        if (length) check(context, facts, node, 'new[]', length, 'element count');
      },
    };
  },
};

interface Computation {
  expr: SyntaxNode;
  /** The local the size was first stored in, when the allocation uses a variable. */
  via?: SyntaxNode;
}

function check(context: RuleContext, facts: CFacts, at: SyntaxNode, what: string, size: SyntaxNode, role: string): void {
  const computation = sizeComputation(facts, size);
  if (!computation) return;
  const { operators, operands } = flatten(computation.expr);
  if (operators.size === 0) return;
  const risky = operands.filter((o) => !facts.isConstant(o) && !isObjectLength(facts, o));
  if (risky.length === 0 || timesOne(facts, operators, operands, risky)) return;
  const fn = enclosingFunction(at);
  const unchecked = fn ? risky.filter((o) => !isCheckedBefore(facts, fn, at, o)) : risky;
  if (unchecked.length === 0 || (fn && computation.via && isCheckedBefore(facts, fn, at, computation.via))) return;
  const operation = operators.has('*') || operators.has('<<') ? 'product' : 'sum';
  // Without a sign that an operand comes from input, only a product of two unknowns is worth a report.
  const origins = unchecked.map((o) => ({ operand: o, origin: inputOrigin(facts, o) })).filter((x) => x.origin);
  if (origins.length === 0 && !(operation === 'product' && risky.length >= 2)) return;
  const shown = computation.via
    ? `${code(computation.via)} (computed at line ${line(computation.expr)} as ${code(computation.expr)})`
    : code(computation.expr);
  const names = unchecked
    .map((o) => {
      const origin = origins.find((x) => x.operand.id === o.id)?.origin;
      return origin ? `${code(o)} (from ${callOrName(origin)} at line ${line(origin)})` : code(o);
    })
    .join(' and ');
  context.report({
    node: at,
    confidence: origins.length > 0 ? 'high' : 'medium',
    message: `The ${role} passed to ${what} is ${shown}; ${names} ${unchecked.length === 1 ? 'is' : 'are'} not checked against an upper bound first, so the ${operation} can wrap around and allocate a buffer smaller than the code then fills.`,
  });
}

function callOrName(origin: SyntaxNode): string {
  return origin.type === 'call_expression' ? `${origin.childForFieldName('function')?.text ?? 'a call'}()` : origin.text;
}

/** The size expression, following one local it was stored in (`size_t len = n * sizeof *p; malloc(len)`). */
function sizeComputation(facts: CFacts, size: SyntaxNode): Computation | undefined {
  const n = unwrap(size);
  if (n.type === 'binary_expression') return { expr: n };
  if (n.type !== 'identifier') return undefined;
  const v = facts.variable(n);
  if (!v || v.kind !== 'local' || v.addressTaken) return undefined;
  const values = [v.initializer, ...v.writes.filter((w) => !w.element).map((w) => w.value ?? null)].filter((x) => x !== undefined);
  if (values.length !== 1 || !values[0]) return undefined;
  const value = unwrap(values[0]);
  return value.type === 'binary_expression' ? { expr: value, via: n } : undefined;
}

/** `n * sizeof(char)`: one unknown multiplied by constants whose product is 1 cannot wrap. */
function timesOne(facts: CFacts, operators: Set<string>, operands: SyntaxNode[], risky: SyntaxNode[]): boolean {
  if (risky.length !== 1 || operators.size !== 1 || !operators.has('*')) return false;
  return operands.every((o) => {
    const c = o === risky[0] ? undefined : facts.constant(o);
    return o === risky[0] || (c?.kind === 'int' && c.value === 1);
  });
}

/** The leaves of a chain of `*`, `+` and `<<` (other operators end the chain and count as a leaf). */
function flatten(expr: SyntaxNode): { operators: Set<string>; operands: SyntaxNode[] } {
  const operators = new Set<string>();
  const operands: SyntaxNode[] = [];
  const visit = (e: SyntaxNode): void => {
    const n = unwrap(e);
    const op = n.type === 'binary_expression' ? operatorOf(n) : undefined;
    if (op && WRAPPING_OPERATORS.has(op)) {
      operators.add(op);
      const [l, r] = [n.childForFieldName('left'), n.childForFieldName('right')];
      if (l) visit(l);
      if (r) visit(r);
    } else {
      operands.push(n);
    }
  };
  visit(expr);
  return { operators, operands };
}

/** strlen(s), s.size(), or a local holding one of them: the length of something already in memory. */
function isObjectLength(facts: CFacts, operand: SyntaxNode): boolean {
  const n = unwrap(operand);
  if (n.type === 'call_expression') {
    const fn = n.childForFieldName('function');
    if (fn?.type === 'field_expression') return LENGTH_METHODS.has(fn.childForFieldName('field')?.text ?? '');
    return OBJECT_LENGTHS.has(libcName(n) ?? '');
  }
  if (n.type !== 'identifier') return false;
  const v = facts.variable(n);
  if (!v || v.kind !== 'local' || v.addressTaken) return false;
  const values = [v.initializer, ...v.writes.filter((w) => !w.element).map((w) => w.value ?? null)].filter((x) => x !== undefined);
  return values.length > 0 && values.every((x) => x !== null && unwrap(x).type === 'call_expression' && isObjectLength(facts, x));
}
