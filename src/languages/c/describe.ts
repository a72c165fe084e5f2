/** Short phrases naming where a C value comes from, for finding messages a reviewer reads. */
import type { TraceStep } from '../../core/finding.js';
import type { SyntaxNode } from '../parse.js';
import type { CFacts, Variable } from './facts.js';
import { calleeName, callArguments, line, shortName, unwrap } from './syntax.js';

/** Code in backticks, shortened so one long expression does not swallow the message. */
export function code(node: SyntaxNode | string): string {
  const text = (typeof node === 'string' ? node : node.text).replace(/\s+/g, ' ').trim();
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}

/**
 * What a reviewer should know about a non-constant expression: `argv[1]` is a command-line
 * argument, `name` is a parameter of `greet()`, `home` was read from getenv("HOME") at line 12.
 */
export function describeOrigin(facts: CFacts, expr: SyntaxNode): string {
  const n = unwrap(expr);
  const base = rootIdentifier(n);
  const v = base ? facts.variable(base) : undefined;
  if (v?.kind === 'parameter') {
    if (/^(?:argv|av)$/.test(v.name)) return `the command-line argument ${code(n)}`;
    const fn = v.fn && facts.functionInfo(v.fn)?.name;
    return n.text === v.name ? `${code(n)} (a parameter of \`${shortName(fn ?? '?')}()\`)` : `${code(n)} (from the parameter \`${v.name}\`)`;
  }
  if (n.type === 'call_expression') {
    const source = externalSource(n);
    if (source) return `${code(n)} (${source})`;
  }
  if (v && n.type === 'identifier' && v.dims.length > 0) {
    const filled = v.writes.find((w) => w.node.type === 'call_expression' && READERS[calleeName(w.node)?.replace(/^std::/, '') ?? '']);
    if (filled) return `${code(n)} (filled with ${READERS[calleeName(filled.node)!.replace(/^std::/, '')]} by ${calleeName(filled.node)}() at line ${line(filled.node)})`;
  }
  if (v && n.type === 'identifier') {
    const origin = singleSource(v);
    if (origin) {
      const source = origin.type === 'call_expression' ? externalSource(origin) : undefined;
      return `${code(n)} (${source ?? `set from ${code(origin)}`} at line ${line(origin)})`;
    }
  }
  return code(n);
}

function rootIdentifier(n: SyntaxNode): SyntaxNode | undefined {
  let cur: SyntaxNode | null = n;
  while (cur && cur.type !== 'identifier') {
    if (cur.type === 'subscript_expression' || cur.type === 'field_expression' || cur.type === 'pointer_expression') cur = cur.childForFieldName('argument');
    else if (cur.type === 'call_expression' && cur.childForFieldName('function')?.type === 'field_expression') cur = cur.childForFieldName('function')!.childForFieldName('argument');
    else if (cur.type === 'parenthesized_expression' || cur.type === 'cast_expression') cur = unwrap(cur) === cur ? null : unwrap(cur);
    else return undefined;
  }
  return cur ?? undefined;
}

/** The one expression a local was ever set from, if it was set exactly once. */
function singleSource(v: Variable): SyntaxNode | undefined {
  if (v.kind !== 'local' || v.addressTaken) return undefined;
  const values = [v.initializer, ...v.writes.filter((w) => !w.element).map((w) => w.value ?? null)].filter((x) => x !== undefined);
  return values.length === 1 && values[0] ? unwrap(values[0]) : undefined;
}

const READERS: Record<string, string> = {
  getenv: 'an environment variable', secure_getenv: 'an environment variable', fgets: 'a line read from a stream',
  readline: 'a line read from the terminal', recv: 'data received from a socket', recvfrom: 'data received from a socket',
  read: 'data read from a descriptor', fread: 'data read from a stream', getline: 'a line read from a stream',
};

function externalSource(call: SyntaxNode): string | undefined {
  const callee = calleeName(call)?.replace(/^std::/, '');
  if (!callee) return undefined;
  if (callee === 'getenv' || callee === 'secure_getenv') {
    const name = callArguments(call)[0];
    return name ? `the environment variable ${name.text}` : READERS[callee];
  }
  return READERS[callee];
}

/** A trace step at `node` in `path`. */
export function traceStep(path: string, node: SyntaxNode, label: string): TraceStep {
  return {
    location: {
      file: path,
      startLine: node.startPosition.row + 1,
      endLine: node.endPosition.row + 1,
      startColumn: node.startPosition.column + 1,
      endColumn: node.endPosition.column + 1,
    },
    label,
  };
}
