import { aliasedArray } from '../../languages/c/constant-text.js';
import { code, describeOrigin } from '../../languages/c/describe.js';
import { cFacts, describeCapacity, type CFacts, type FixedBuffer } from '../../languages/c/facts.js';
import { maxNumericWidth, parsePrintfFormat, parseScanfFormat, type Conversion } from '../../languages/c/format.js';
import { isCheckedBefore, isMeasuredBefore } from '../../languages/c/guards.js';
import { PRINTF_FAMILY, SCANF_FAMILY, type FormatSpec } from '../../languages/c/libc.js';
import { callArguments, enclosingFunction, isBefore, libcName, line, unwrap } from '../../languages/c/syntax.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Report, Rule, RuleContext } from '../types.js';
import { liveContext } from './live-context.js';

const COPY = new Set(['strcpy', 'wcscpy', '_tcscpy', '_mbscpy', '_fstrcpy', 'lstrcpy', 'lstrcpyA', 'lstrcpyW', 'StrCpy', 'StrCpyW', 'stpcpy', 'wcpcpy']);
const CONCAT = new Set(['strcat', 'wcscat', '_tcscat', '_mbscat', '_fstrcat', 'lstrcat', 'lstrcatA', 'lstrcatW', 'StrCat', 'StrCatW']);

/** memcpy-style copies whose length is the third argument. */
const MEMCOPY = new Set(['memcpy', 'memmove', 'wmemcpy', 'wmemmove', 'CopyMemory', 'RtlCopyMemory', 'MoveMemory']);
const LENGTH_OF = new Set(['strlen', 'wcslen', '_tcslen', 'lstrlen', 'lstrlenA', 'lstrlenW']);

const COPY_FIX = (dst: string) =>
  `Copy with a bound and handle truncation: \`snprintf(${dst}, sizeof ${dst}, "%s", src)\` or \`strlcpy(${dst}, src, sizeof ${dst})\` and compare the result with \`sizeof ${dst}\`; or reject input whose strlen() does not fit.`;
const CONCAT_FIX = (dst: string) =>
  `Track the space left: \`strlcat(${dst}, src, sizeof ${dst})\` (check the result against \`sizeof ${dst}\`) or \`snprintf(${dst} + len, sizeof ${dst} - len, "%s", src)\`.`;
const SPRINTF_FIX = (dst: string) =>
  `Use \`snprintf(${dst}, sizeof ${dst}, …)\` and treat a return value >= \`sizeof ${dst}\` as truncation; bound each \`%s\` with a precision (\`%.*s\`) where a shortened value is acceptable.`;
const SCANF_FIX = (dst: string) =>
  `Give the conversion a maximum field width one less than the buffer (e.g. \`%31s\` for a 32-byte \`${dst}\`), or use \`%ms\` and free the string the library allocates.`;
const LITERAL_FIX = (dst: string) => `Declare \`${dst}\` large enough for the string and its terminator, or copy with a bound (snprintf/strlcpy) and handle truncation.`;

/** CWE for an overflow that certainly happens, by where the buffer lives. */
function definiteCwe(buffer: FixedBuffer): number {
  return buffer.storage === 'stack' ? 121 : buffer.storage === 'heap' ? 122 : 120;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export const unboundedCopy: Rule = {
  meta: {
    id: 'c/unbounded-copy',
    title: 'Unbounded copy into a fixed-size buffer',
    cwe: 120,
    defectType: 'buffer-overflow',
    severity: 'high',
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'strcpy(), strcat(), sprintf(), vsprintf() and scanf-style %s conversions write as many bytes as the source holds, whatever the size of the destination. When the destination is a fixed-size buffer and the source is not a constant that fits, a longer input writes past the end of the buffer, corrupting adjacent memory and often allowing code execution.',
    solution:
      'Use the bounded forms and handle truncation: snprintf(buf, sizeof buf, …), strlcpy/strlcat, or check strlen() of the source against the buffer before copying; give scanf %s and %[ conversions a maximum field width.',
  },
  create(ruleContext) {
    const facts = ruleContext.memo(cFacts);
    const context = liveContext(ruleContext, facts);
    return {
      call_expression(node) {
        const name = facts.libraryCallee(node);
        if (!name) return;
        if (COPY.has(name) || CONCAT.has(name)) checkCopy(context, facts, node, name, CONCAT.has(name));
        else if (MEMCOPY.has(name)) checkMemcpy(context, facts, node, name);
        else if (PRINTF_FAMILY[name]?.unboundedOutput) checkSprintf(context, facts, node, name, PRINTF_FAMILY[name]);
        else if (SCANF_FAMILY[name] && SCANF_FAMILY[name].args !== 'va') checkScanf(context, facts, node, name, SCANF_FAMILY[name]);
      },
    };
  },
};

function checkCopy(context: RuleContext, facts: CFacts, call: SyntaxNode, name: string, append: boolean): void {
  const [dst, src] = callArguments(call);
  if (!dst || !src) return;
  const buffer = facts.buffer(dst);
  if (!buffer) return;
  const dstText = unwrap(dst).text;
  const fn = enclosingFunction(call);
  // A string built in a local array of this function: the path checks (c/out-of-bounds) follow
  // what was written there and judge the copy by its real length.
  if (localArraySource(facts, src)) return;
  const added = stringBound(facts, src, fn, call);
  if (added === 'unknown') return;
  if (added === 'unbounded') {
    context.report({
      node: call,
      message: append
        ? `${name}() appends ${describeOrigin(facts, src)}, whose length is not bounded, to ${code(dstText)} (${describeCapacity(buffer)}) without checking the space left; a long enough value overflows the buffer.`
        : `${name}() copies ${describeOrigin(facts, src)}, whose length is not bounded, into ${code(dstText)} (${describeCapacity(buffer)}); a longer string overflows the buffer.`,
      solution: append ? CONCAT_FIX(dstText) : COPY_FIX(dstText),
    });
    return;
  }
  if (buffer.elements === undefined) return;
  const before = append ? contentBefore(facts, dst, call, fn) : { max: 0, constant: true, since: undefined };
  if (!before) {
    // What the buffer already holds is unknown: only a source too long for an empty buffer is certain.
    if (added.max + 1 <= buffer.elements) {
      if (added.constant) return;
      context.report({
        node: call,
        confidence: 'medium',
        message: `${name}() appends ${code(src)}, up to ${plural(added.max, 'character')}, to ${code(dstText)} (${describeCapacity(buffer)}) without checking the space left in it.`,
        solution: CONCAT_FIX(dstText),
      });
      return;
    }
  }
  const needed = (before?.max ?? 0) + added.max + 1;
  if (needed <= buffer.elements) return;
  const definite = added.constant && (before?.constant ?? true);
  const what = added.constant ? code(src) : `${code(src)}, which can hold a string of up to ${plural(added.max, 'character')},`;
  const existing = before && before.max > 0 ? ` after ${plural(before.max, 'character')} already written${before.since ? ` since line ${line(before.since)}` : ''}` : '';
  const verb = append ? 'appends' : 'copies';
  context.report({
    node: call,
    ...(definite ? { cwe: definiteCwe(buffer) } : {}),
    message: definite
      ? `${name}() ${verb} ${what}${existing}, needing ${plural(needed, 'byte')} with the terminator, ${append ? 'to' : 'into'} ${code(dstText)} (${describeCapacity(buffer)}); it overflows the ${storageName(buffer)} by ${plural(needed - buffer.elements, 'byte')}.`
      : `${name}() ${verb} ${what}${existing} ${append ? 'to' : 'into'} ${code(dstText)} (${describeCapacity(buffer)}); up to ${plural(needed, 'byte')} with the terminator can be written, so a long value overflows the buffer.`,
    solution: definite ? LITERAL_FIX(dstText) : append ? CONCAT_FIX(dstText) : COPY_FIX(dstText),
  });
}

type Bound = { max: number; constant: boolean };

/** A local array of the function, named directly or through a pointer only ever set to it. */
function localArraySource(facts: CFacts, src: SyntaxNode): boolean {
  const id = unwrap(src);
  const v = id.type === 'identifier' ? facts.variable(id) : undefined;
  if (!v || v.kind !== 'local' || v.isStatic || v.redeclared) return false;
  if (v.dims.length > 0) return !v.addressTaken;
  return v.isPointer && !!aliasedArray(facts, v);
}

/** The longest string `src` can hold: a constant's length, an array's capacity - 1, or why not known. */
function stringBound(facts: CFacts, src: SyntaxNode, fn: SyntaxNode | undefined, at: SyntaxNode): Bound | 'unbounded' | 'unknown' {
  const value = facts.constant(src);
  if (value) return value.kind === 'string' ? { max: Math.max(...value.values.map((v) => v.length)), constant: true } : 'unknown';
  const source = facts.buffer(src);
  if (source) return source.elements === undefined ? 'unknown' : { max: source.elements - 1, constant: false };
  if (fn && isMeasuredBefore(fn, at, src)) return 'unknown';
  return 'unbounded';
}

const COPIES_INTO_FIRST = new Set([...COPY, 'strncpy', 'strlcpy']);
const LOOPS = new Set(['for_statement', 'while_statement', 'do_statement', 'for_range_loop']);
const BRANCHES = new Set(['if_statement', 'else_clause', 'switch_statement', 'case_statement', 'conditional_expression', 'binary_expression', ...LOOPS]);

/**
 * An upper bound on the string already in a local array when `call` appends to it, from the
 * strcpy/strcat calls that filled it earlier in the function; undefined when anything else (a
 * loop, sprintf, an unknown call) may have written to it.
 */
function contentBefore(facts: CFacts, dst: SyntaxNode, call: SyntaxNode, fn: SyntaxNode | undefined): (Bound & { since?: SyntaxNode }) | undefined {
  const id = unwrap(dst);
  const v = id.type === 'identifier' ? facts.variable(id) : undefined;
  if (!fn || !v || v.kind !== 'local' || v.dims.length !== 1 || v.addressTaken || insideLoop(call, fn)) return undefined;
  let current: (Bound & { since?: SyntaxNode }) | undefined;
  const init = v.initializer && facts.constant(v.initializer);
  if (init?.kind === 'string') current = { max: Math.max(...init.values.map((x) => x.length)), constant: true };
  else if (v.initializer?.type === 'initializer_list') current = { max: 0, constant: true };
  const writes = v.writes.filter((w) => isBefore(w.node, call)).sort((a, b) => a.node.startIndex - b.node.startIndex);
  for (const w of writes) {
    if (insideLoop(w.node, fn) || w.node.type !== 'call_expression') return undefined;
    const callee = libcName(w.node) ?? '';
    const [target, source] = callArguments(w.node);
    if (!target || unwrap(target).text !== v.name) return undefined;
    if (callee === 'memset') {
      current = dominates(w.node, call) ? { max: 0, constant: true, since: w.node } : current;
      continue;
    }
    const bound = source ? stringBound(facts, source, fn, w.node) : 'unknown';
    if (typeof bound === 'string') return undefined;
    if (COPIES_INTO_FIRST.has(callee)) {
      current = dominates(w.node, call) || !current ? { ...bound, since: w.node } : { max: Math.max(current.max, bound.max), constant: false, since: current.since };
    } else if (CONCAT.has(callee) && current) {
      current = { max: current.max + bound.max, constant: current.constant && bound.constant, since: current.since };
    } else {
      return undefined;
    }
  }
  return current;
}

function insideLoop(node: SyntaxNode, fn: SyntaxNode): boolean {
  for (let n = node.parent; n && n.id !== fn.id; n = n.parent) if (LOOPS.has(n.type)) return true;
  return false;
}

/** True when `write` runs on every path to `use`: nothing conditional between it and their common block. */
function dominates(write: SyntaxNode, use: SyntaxNode): boolean {
  for (let n = write.parent; n; n = n.parent) {
    if (n.startIndex <= use.startIndex && use.endIndex <= n.endIndex) return true;
    if (BRANCHES.has(n.type)) return false;
  }
  return false;
}

/**
 * memcpy(token, src, strlen(src) + 1): the length copied is the source's own, so nothing relates
 * it to the destination unless the function compares it with a bound first.
 */
function checkMemcpy(context: RuleContext, facts: CFacts, call: SyntaxNode, name: string): void {
  const [dst, , size] = callArguments(call);
  if (!dst || !size) return;
  const buffer = facts.buffer(dst);
  if (!buffer) return;
  const fn = enclosingFunction(call);
  const sizeExpr = unwrap(size);
  const checked: SyntaxNode[] = [sizeExpr];
  // size_t n = strlen(src); … memcpy(dst, src, n + 1);
  const local = (e: SyntaxNode): SyntaxNode | undefined => {
    const v = e.type === 'identifier' ? facts.variable(e) : undefined;
    const values = v && v.kind === 'local' && !v.addressTaken ? [v.initializer, ...v.writes.filter((w) => !w.element).map((w) => w.value)].filter((x) => x !== undefined) : [];
    return values.length === 1 && values[0] ? unwrap(values[0]) : undefined;
  };
  const lengths = (e: SyntaxNode): SyntaxNode[] => {
    if (e.type === 'call_expression' && LENGTH_OF.has(libcName(e) ?? '')) return [e];
    if (e.type === 'identifier') {
      const value = local(e);
      if (!value) return [];
      const found = lengths(value);
      if (found.length > 0) checked.push(e);
      return found;
    }
    if (e.type === 'binary_expression' && ['+', '*'].includes(e.childForFieldName('operator')?.type ?? '')) return e.namedChildren.flatMap((c) => lengths(unwrap(c)));
    if (e.type === 'parenthesized_expression' || e.type === 'cast_expression') return lengths(unwrap(e));
    return [];
  };
  const measured = lengths(sizeExpr);
  if (measured.length === 0) return;
  if (fn && [...checked, ...measured].some((e) => isCheckedBefore(facts, fn, call, e))) return;
  const source = callArguments(measured[0])[0];
  const dstText = unwrap(dst).text;
  context.report({
    node: call,
    message: `${name}() copies ${code(sizeExpr)} bytes, the full length of ${source ? code(source) : 'the source'}, into ${code(dstText)} (${describeCapacity(buffer)}) without checking that it fits; a longer string overflows the buffer.`,
    solution: `Compare the length with \`sizeof ${dstText}\` before copying and reject or truncate longer input, or copy with \`snprintf(${dstText}, sizeof ${dstText}, "%s", src)\`.`,
  });
}

function storageName(buffer: FixedBuffer): string {
  return buffer.storage === 'stack' ? 'stack buffer' : buffer.storage === 'heap' ? 'heap buffer' : 'buffer';
}

/** How long the output of one printf conversion can get: a number, or why it cannot be bounded. */
type Extent = { max: number; constant: boolean } | { unbounded: SyntaxNode | 'va' } | { unknown: true };

function checkSprintf(context: RuleContext, facts: CFacts, call: SyntaxNode, name: string, spec: FormatSpec): void {
  const args = callArguments(call);
  const dst = args[0];
  const formatNode = args[spec.format];
  if (!dst || !formatNode) return;
  const buffer = facts.buffer(dst);
  if (!buffer) return;
  const dstText = unwrap(dst).text;
  const format = facts.constant(formatNode);
  if (!format) {
    // A format handed in from a caller with a va_list: nothing bounds what it expands to.
    if (spec.args === 'va') {
      context.report({
        node: call,
        message: `${name}() expands the caller-supplied format ${code(formatNode)} and its variable arguments into ${code(dstText)} (${describeCapacity(buffer)}) with no limit on the length written.`,
        solution: `Use \`vsnprintf(${dstText}, sizeof ${dstText}, ${formatNode.text}, …)\` and treat a return value >= \`sizeof ${dstText}\` as truncation.`,
      });
    }
    return;
  }
  if (format.kind !== 'string') return;
  const fn = enclosingFunction(call);
  let worst: { total: number; constant: boolean; format: string } | undefined;
  for (const text of format.values) {
    const parsed = parsePrintfFormat(text);
    if (!parsed) return;
    let total = parsed.literalLength + 1;
    let constant = true;
    for (const conv of parsed.conversions) {
      const extent = conversionExtent(facts, conv, spec, args, fn, call);
      if ('unbounded' in extent) {
        const arg = extent.unbounded;
        const what = arg === 'va' ? `a string from its variable arguments` : describeOrigin(facts, arg);
        context.report({
          node: call,
          message: `${name}() formats ${what} with \`${conv.text}\`, whose length is not bounded, into ${code(dstText)} (${describeCapacity(buffer)}); a longer value overflows the buffer.`,
          solution: SPRINTF_FIX(dstText),
        });
        return;
      }
      if ('unknown' in extent) return;
      total += extent.max;
      constant &&= extent.constant;
    }
    if (!worst || total > worst.total) worst = { total, constant, format: text };
  }
  if (!worst || buffer.elements === undefined || worst.total <= buffer.elements) return;
  const report: Report = worst.constant
    ? {
        node: call,
        cwe: definiteCwe(buffer),
        message: `${name}() writes ${plural(worst.total, 'byte')} (terminator included) into ${code(dstText)} (${describeCapacity(buffer)}); it overflows the ${storageName(buffer)} by ${plural(worst.total - buffer.elements, 'byte')}.`,
        solution: LITERAL_FIX(dstText),
      }
    : {
        node: call,
        confidence: 'medium',
        message: `${name}() can write up to ${plural(worst.total, 'byte')} (terminator included) for the format ${code(JSON.stringify(worst.format))} into ${code(dstText)} (${describeCapacity(buffer)}); large values overflow the buffer.`,
        solution: SPRINTF_FIX(dstText),
      };
  context.report(report);
}

function conversionExtent(
  facts: CFacts,
  conv: Conversion,
  spec: FormatSpec,
  args: SyntaxNode[],
  fn: SyntaxNode | undefined,
  call: SyntaxNode,
): Extent {
  const argAt = (i: number | undefined): SyntaxNode | 'va' | undefined => (spec.args === 'va' ? 'va' : i === undefined ? undefined : args[spec.args + i]);
  const intArg = (i: number | undefined): number | undefined => {
    const a = argAt(i);
    if (!a || a === 'va') return undefined;
    const v = facts.constant(a);
    return v?.kind === 'int' ? v.value : undefined;
  };
  const width = conv.width === 'arg' ? intArg(conv.widthArg) : conv.width;
  if (conv.width === 'arg' && width === undefined) return { unknown: true };
  const precision = conv.precision === 'arg' ? intArg(conv.precisionArg) : conv.precision;
  const arg = argAt(conv.arg);
  if (conv.conversion === 's' || conv.conversion === 'S') {
    const pad = (n: number) => Math.max(n, width ?? 0);
    if (precision !== undefined && precision >= 0) return { max: pad(precision), constant: false };
    if (conv.precision === 'arg') return { unknown: true };
    if (!arg || arg === 'va') return { unbounded: 'va' };
    const value = facts.constant(arg);
    if (value?.kind === 'string') return { max: pad(Math.max(...value.values.map((v) => v.length))), constant: true };
    if (value) return { unknown: true };
    const source = facts.buffer(arg);
    if (source?.elements !== undefined) return { max: pad(source.elements - 1), constant: false };
    if (fn && isMeasuredBefore(fn, call, arg)) return { unknown: true };
    return { unbounded: arg };
  }
  const widened: Conversion = { ...conv, width, precision };
  const max = maxNumericWidth(widened);
  if (max === undefined) return { unknown: true };
  const value = arg && arg !== 'va' ? facts.constant(arg) : undefined;
  if (value?.kind === 'int' && 'diu'.includes(conv.conversion)) {
    return { max: Math.max(String(value.value).length, width ?? 0, precision ?? 0), constant: true };
  }
  return { max, constant: conv.conversion === 'c' || (!!value && value.kind !== 'other') };
}

function checkScanf(context: RuleContext, facts: CFacts, call: SyntaxNode, name: string, spec: FormatSpec): void {
  const args = callArguments(call);
  const formatNode = args[spec.format];
  const format = formatNode && facts.constant(formatNode);
  if (!format || format.kind !== 'string' || spec.args === 'va') return;
  for (const text of format.values) {
    const conversions = parseScanfFormat(text);
    if (!conversions) return;
    for (const conv of conversions) {
      if (conv.suppressed || conv.allocates || conv.arg === undefined) continue;
      if (conv.conversion !== 's' && conv.conversion !== '[' && !(conv.conversion === 'c' && typeof conv.width === 'number')) continue;
      const target = args[spec.args + conv.arg];
      if (!target) continue;
      const dst = unwrap(target).text;
      const buffer = facts.buffer(target);
      const capacity = buffer ? ` (${describeCapacity(buffer)})` : '';
      if (conv.width === undefined) {
        context.report({
          node: call,
          message: `${name}() reads a \`${conv.text}\` field of any length into ${code(dst)}${capacity}; input longer than the buffer overflows it.`,
          solution: SCANF_FIX(dst),
        });
        return;
      }
      const needed = typeof conv.width === 'number' ? conv.width + (conv.conversion === 'c' ? 0 : 1) : undefined;
      if (needed !== undefined && buffer?.elements !== undefined && needed > buffer.elements) {
        context.report({
          node: call,
          message: `${name}() reads up to ${plural(needed, 'byte')} for \`${conv.text}\`${conv.conversion === 'c' ? '' : ' (terminator included)'} into ${code(dst)}${capacity}; the field width is larger than the buffer.`,
          solution: SCANF_FIX(dst),
        });
        return;
      }
    }
  }
}
