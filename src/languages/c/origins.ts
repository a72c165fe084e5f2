/**
 * Local evidence that a value was read from outside the program: parsed from text with atoi(),
 * converted from network byte order, or read into a variable by read(), recv() or scanf().
 * A syntactic stand-in for taint tracking, confined to one function.
 */
import type { SyntaxNode } from '../parse.js';
import type { CFacts } from './facts.js';
import { SCANF_FAMILY } from './libc.js';
import { callArguments, compactText, libcName, unwrap } from './syntax.js';

const CONVERTERS = new Set([
  'atoi', 'atol', 'atoll', 'strtol', 'strtoul', 'strtoll', 'strtoull', 'strtoimax', 'strtoumax',
  'ntohl', 'ntohs', 'be16toh', 'be32toh', 'be64toh', 'le16toh', 'le32toh', 'le64toh', 'getenv',
]);
/** Calls that store external data through a pointer argument: which argument. */
const READS_INTO: Record<string, number> = { read: 1, pread: 1, recv: 1, recvfrom: 1, fread: 0, memcpy: 0, fgets: 0 };

/** The call that brought `expr`'s value into the program, if the function shows one. */
export function inputOrigin(facts: CFacts, expr: SyntaxNode, depth = 0): SyntaxNode | undefined {
  if (depth > 3) return undefined;
  const n = unwrap(expr);
  switch (n.type) {
    case 'call_expression': {
      const name = libcName(n) ?? '';
      if (CONVERTERS.has(name)) return n;
      return undefined;
    }
    case 'binary_expression':
    case 'unary_expression':
      return n.namedChildren.map((c) => inputOrigin(facts, c, depth + 1)).find((o) => o !== undefined);
    case 'field_expression':
    case 'subscript_expression': {
      const base = n.childForFieldName('argument');
      return base ? inputOrigin(facts, base, depth + 1) : undefined;
    }
    case 'identifier': {
      const v = facts.variable(n);
      if (!v) return undefined;
      if (v.kind === 'parameter') return /^(?:argv|av|envp)$/.test(v.name) ? n : undefined;
      // What other functions store in a global is beyond one function's evidence.
      if (v.kind === 'global') return undefined;
      const values = [v.initializer, ...v.writes.filter((w) => !w.element).map((w) => w.value)];
      for (const value of values) {
        const origin = value && inputOrigin(facts, value, depth + 1);
        if (origin) return origin;
      }
      if (!v.fn) return undefined;
      return facts.callsIn(v.fn).find((call) => readsInto(call, v.name));
    }
    default:
      return undefined;
  }
}

/** read(fd, &len, 4), fscanf(in, "%u", &n), read(fd, buf, n): the call stores into `name`. */
function readsInto(call: SyntaxNode, name: string): boolean {
  const args = callArguments(call);
  const fn = call.childForFieldName('function');
  // in.read(reinterpret_cast<char *>(&len), sizeof len) on a C++ stream.
  if (fn?.type === 'field_expression' && /^(?:read|readsome|recv)$/.test(fn.childForFieldName('field')?.text ?? '')) {
    return !!args[0] && new RegExp(`&${name}\\b`).test(compactText(args[0]));
  }
  const callee = libcName(call) ?? '';
  const targets =
    READS_INTO[callee] !== undefined
      ? [args[READS_INTO[callee]]]
      : SCANF_FAMILY[callee] && SCANF_FAMILY[callee].args !== 'va'
        ? args.slice(SCANF_FAMILY[callee].args as number)
        : [];
  return targets.some((t) => t !== undefined && (compactText(t) === `&${name}` || compactText(t) === name));
}
