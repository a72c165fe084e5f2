import { cFacts } from '../../languages/c/facts.js';
import type { Variable } from '../../languages/c/scopes.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';
import { liveContext } from './live-context.js';

export const returnStackAddress: Rule = {
  meta: {
    id: 'c/return-stack-address',
    title: 'Address of a local variable returned',
    cwe: 562,
    defectType: 'use-after-free',
    severity: 'high',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'The function returns a pointer to one of its own local (automatic) variables. That storage is released when the function returns and reused by the next calls, so the caller reads whatever later calls wrote there, and writes through the pointer corrupt the stack.',
    solution:
      'Return the data by value, let the caller pass in the buffer (and its size), allocate it with malloc() and document that the caller frees it, or make it static if one shared copy is acceptable.',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    /** The automatic local whose storage `e` points into: `buf`, `&x`, `&buf[i]`, `buf + n`, through casts. */
    const stackStorage = (e: SyntaxNode | null | undefined, depth = 0): Variable | undefined => {
      if (!e) return undefined;
      if (e.type === 'parenthesized_expression') return stackStorage(e.namedChildren[0], depth);
      if (e.type === 'cast_expression') return stackStorage(e.childForFieldName('value'), depth);
      if (e.type === 'binary_expression' && /^[+-]$/.test(e.childForFieldName('operator')?.text ?? '')) return stackStorage(e.childForFieldName('left'), depth);
      const addressOf = e.type === 'pointer_expression' && e.childForFieldName('operator')?.text === '&';
      let base = addressOf ? e.childForFieldName('argument') : e;
      // `&buf[i]`, `&s.field`: still the local's storage; `&p->field` and `&p[i]` are wherever p points.
      let element = false;
      while (addressOf && (base?.type === 'subscript_expression' || base?.type === 'field_expression')) {
        if (base.type === 'field_expression' && base.childForFieldName('operator')?.text === '->') return undefined;
        element ||= base.type === 'subscript_expression';
        base = base.childForFieldName('argument');
      }
      if (base?.type !== 'identifier') return undefined;
      const v = facts.variable(base);
      if (!v || v.kind !== 'local' || v.isStatic || v.fn !== facts.functionOf(e)) return undefined;
      if (element && v.dims.length === 0) return undefined;
      // An array is its storage; any other local only through `&`.
      if (v.dims.length > 0 || addressOf) return v;
      // A local pointer set once, to such storage (`char *p = buf; … return p;`), points there still.
      if (v.isPointer && v.initializer && v.writes.length === 0 && !v.addressTaken && depth < 2) return stackStorage(v.initializer, depth + 1);
      return undefined;
    };
    return {
      return_statement(node) {
        // A function that returns an object (`std::string f() { char buf[8]; …; return buf; }`) copies it.
        if (facts.functionOf(node)?.childForFieldName('declarator')?.type !== 'pointer_declarator') return;
        const value = node.namedChildren[0];
        const v = stackStorage(value);
        if (!v || !value) return;
        context.report({ node, message: `\`return ${value.text}\` hands the caller the address of the local \`${v.name}\`, whose storage ends with this call.` });
      },
    };
  },
};
