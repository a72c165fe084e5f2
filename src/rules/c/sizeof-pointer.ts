import { cFacts } from '../../languages/c/facts.js';
import type { Variable } from '../../languages/c/scopes.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';
import { liveContext } from './live-context.js';

/** Calls that take a buffer and its size, by the positions of the buffers and of the size. */
const SIZED: Record<string, { buffers: number[]; size: number }> = {
  memset: { buffers: [0], size: 2 },
  memcpy: { buffers: [0, 1], size: 2 },
  memmove: { buffers: [0, 1], size: 2 },
  memcmp: { buffers: [0, 1], size: 2 },
  bzero: { buffers: [0], size: 1 },
  explicit_bzero: { buffers: [0], size: 1 },
  strncpy: { buffers: [0], size: 2 },
  strncat: { buffers: [0], size: 2 },
  strlcpy: { buffers: [0], size: 2 },
  strlcat: { buffers: [0], size: 2 },
  snprintf: { buffers: [0], size: 1 },
  vsnprintf: { buffers: [0], size: 1 },
  fgets: { buffers: [0], size: 1 },
  getcwd: { buffers: [0], size: 1 },
  gethostname: { buffers: [0], size: 1 },
  readlink: { buffers: [1], size: 2 },
  read: { buffers: [1], size: 2 },
  write: { buffers: [1], size: 2 },
  recv: { buffers: [1], size: 2 },
  send: { buffers: [1], size: 2 },
  fread: { buffers: [0], size: 1 },
  fwrite: { buffers: [0], size: 1 },
};
const ALLOCATORS = new Set(['malloc', 'calloc', 'realloc', 'alloca']);

export const sizeofPointer: Rule = {
  meta: {
    id: 'c/sizeof-pointer',
    title: 'Size of a pointer used as the size of the buffer it points to',
    cwe: 467,
    defectType: 'buffer-overflow',
    severity: 'medium',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      '`sizeof p` of a pointer is the size of the pointer (4 or 8 bytes), not of what it points to. Used as the length of the buffer `p` points to, it copies, clears or reads only the first bytes, or allocates too little for the object and every later write overflows it. An array parameter (`char buf[64]`) is a pointer too.',
    solution:
      'Pass the real size: keep it in a variable next to the pointer (or pass it as a parameter), use sizeof *p for one object, or declare a local array whose sizeof is its size.',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    /** The variable `sizeof x` measures when x is a pointer to a non-pointer: what sizeof gets wrong. */
    const measuredPointer = (size: SyntaxNode): Variable | undefined => {
      let operand = size.childForFieldName('value');
      while (operand?.type === 'parenthesized_expression') operand = operand.namedChildren[0];
      if (operand?.type !== 'identifier') return undefined;
      const v = facts.variable(operand);
      if (!v) return undefined;
      const arrayParameter = v.kind === 'parameter' && v.dims.length > 0;
      if (!(v.isPointer || arrayParameter) || pointerDepth(v) + (arrayParameter ? 1 : 0) !== 1 || v.baseType === 'void') return undefined;
      return v;
    };
    const sameVariable = (arg: SyntaxNode | undefined, v: Variable): boolean => {
      let n = arg;
      while (n?.type === 'parenthesized_expression' || n?.type === 'cast_expression') n = n.type === 'cast_expression' ? n.childForFieldName('value') ?? undefined : n.namedChildren[0];
      return n?.type === 'identifier' && facts.variable(n) === v;
    };
    return {
      sizeof_expression(node) {
        const v = measuredPointer(node);
        if (!v) return;
        // The sizeof is the size argument itself, or a term of it (`sizeof(buf) - 1`).
        let arg: SyntaxNode = node;
        while (arg.parent && (arg.parent.type === 'binary_expression' || arg.parent.type === 'parenthesized_expression')) arg = arg.parent;
        const args = arg.parent?.type === 'argument_list' ? arg.parent : undefined;
        const call = args?.parent?.type === 'call_expression' ? args.parent : undefined;
        const name = call ? facts.libraryCallee(call) : undefined;
        if (!call || !args || !name) return;
        const list = args.namedChildren;
        const spec = SIZED[name];
        if (spec && list[spec.size] === arg && spec.buffers.some((i) => sameVariable(list[i], v))) {
          context.report({ node, message: `${name}() is given \`${node.text}\`, the size of the pointer ${v.name} (4 or 8 bytes), as the size of the buffer it points to: only that many bytes of it are written or read, however large it is.` });
          return;
        }
        if (ALLOCATORS.has(name) && allocatedInto(call) === v) {
          context.report({ node, message: `${name}() allocates \`${node.text}\` bytes, the size of the pointer ${v.name}, not of the ${v.baseType} it will point to: for anything larger than a pointer, writes to it overflow the allocation.` });
        }
      },
    };

    /** The variable an allocation is stored in: `p = malloc(…)`, `T *p = malloc(…)`, through casts. */
    function allocatedInto(call: SyntaxNode): Variable | undefined {
      let n: SyntaxNode = call;
      while (n.parent?.type === 'cast_expression' || n.parent?.type === 'parenthesized_expression') n = n.parent;
      const parent = n.parent;
      if (parent?.type === 'assignment_expression' && parent.childForFieldName('right') === n) {
        const left = parent.childForFieldName('left');
        return left?.type === 'identifier' ? facts.variable(left) : undefined;
      }
      if (parent?.type === 'init_declarator') {
        let d = parent.childForFieldName('declarator');
        while (d && d.type !== 'identifier') d = d.childForFieldName('declarator');
        return d ? facts.variable(d) : undefined;
      }
      return undefined;
    }
  },
};

/** How many `*` the declaration puts between the variable and its base type. */
function pointerDepth(v: Variable): number {
  let depth = 0;
  for (let n: SyntaxNode | null | undefined = v.id.parent; n && n !== v.declaration; n = n.parent) if (n.type === 'pointer_declarator') depth++;
  return depth;
}
