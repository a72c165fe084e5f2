import { pythonFacts } from '../../languages/python/facts.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';

/** Calls whose result is the traceback being handled. */
const TRACEBACKS = new Set(['traceback.format_exc', 'traceback.format_exception', 'traceback.format_tb', 'traceback.format_stack']);
const ROUTE_DECORATORS = /\.(route|get|post|put|patch|delete|api_route)$/;

export const exceptionExposure: Rule = {
  meta: {
    id: 'py/exception-exposure',
    title: 'Exception details returned to the client',
    cwe: 209,
    defectType: 'improper-access',
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    description:
      'A web handler returns the text of the exception it caught, or the traceback, in its response. Error messages carry file paths, SQL fragments, configuration values and library versions, which help an attacker map the application and aim the next request.',
    solution:
      'Log the exception (logger.exception(...)) and return a generic message with an error id the operator can look up; show details only when a debug setting that is off in production is on.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      return_statement(node) {
        const value = node.namedChildren[0];
        const handler = enclosing(node, 'except_clause');
        const fn = enclosing(node, 'function_definition');
        if (!value || !fn || !isRouteHandler(fn)) return;
        const caught = handler?.descendantsOfType('as_pattern_target')[0]?.text;
        const leak = [value, ...value.descendantsOfType('call'), ...value.descendantsOfType('identifier')].find((n) => {
          if (n.type === 'call') return TRACEBACKS.has(facts.calleeName(n) ?? '');
          return caught !== undefined && n.type === 'identifier' && n.text === caught && enclosing(n, 'except_clause') === handler;
        });
        if (!leak) return;
        const what = leak.type === 'call' ? 'the traceback' : `the caught exception \`${caught}\``;
        context.report({ node, message: `The handler returns ${what} to the client: its text can reveal paths, queries and configuration.` });
      },
    };
  },
};

function enclosing(node: SyntaxNode, type: string): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === type) return n;
    if (n.type === 'function_definition' && type !== 'function_definition') return undefined;
  }
  return undefined;
}

function isRouteHandler(fn: SyntaxNode): boolean {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  return !!decorated?.namedChildren.some((d) => {
    if (d.type !== 'decorator') return false;
    const e = d.namedChildren[0];
    const target = e?.type === 'call' ? e.childForFieldName('function') : e;
    return !!target && ROUTE_DECORATORS.test(target.text);
  });
}
