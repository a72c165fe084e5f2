/**
 * Constant folding for C and C++ expressions: literals, object-like macros (each body parsed on
 * its own, on demand), enumerators, sizeof, arithmetic, and variables that are only ever given
 * constant values. Strings carry every value they may take, so a rule can ask for the longest.
 */
import type { Language } from '../language.js';
import { parse, type SyntaxNode, type Tree } from '../parse.js';
import { normaliseType } from './declarators.js';
import { TRANSLATION_CALLS } from './libc.js';
import { charLiteralValue, decodeStringLiteral, parseIntegerLiteral } from './literals.js';
import type { Scopes, Variable } from './scopes.js';
import { callArguments, calleeName, operatorOf, unwrap } from './syntax.js';

/** A value fixed in the source. Strings list every value the expression may take. */
export type ConstValue =
  | { kind: 'int'; value: number }
  | { kind: 'string'; values: string[]; wide: boolean }
  /** Constant, but its value is not worked out (floats, sizeof of an unknown type, a macro from a header). */
  | { kind: 'other' };

/** The function whose locals are in view; undefined at file scope. */
export type Scope = SyntaxNode | undefined;

const TYPE_SIZES: Record<string, number> = {
  char: 1, 'signed char': 1, 'unsigned char': 1, bool: 1, _Bool: 1, int8_t: 1, uint8_t: 1, char8_t: 1,
  short: 2, 'unsigned short': 2, int16_t: 2, uint16_t: 2, char16_t: 2,
  int: 4, unsigned: 4, 'unsigned int': 4, int32_t: 4, uint32_t: 4, float: 4, wchar_t: 4, char32_t: 4,
  long: 8, 'unsigned long': 8, 'long long': 8, 'unsigned long long': 8, int64_t: 8, uint64_t: 8,
  size_t: 8, ssize_t: 8, double: 8, intptr_t: 8, uintptr_t: 8, off_t: 8,
};

const MAX_VALUES = 64;

export class Constants {
  private readonly macroValues = new Map<string, ConstValue | undefined | 'pending'>();
  /** Macro bodies parse into trees of their own; keeping them alive keeps their nodes valid. */
  private readonly macroTrees: Tree[] = [];

  constructor(
    private readonly language: Language,
    private readonly scopes: Scopes,
  ) {}

  /** Elements of an array variable: its declared size, or what its initialiser holds. */
  arrayLength(v: Variable, scope: Scope, depth = 0): number | undefined {
    const size = v.dims[depth];
    if (size) {
      const value = this.evaluate(size, scope);
      return value?.kind === 'int' ? value.value : undefined;
    }
    if (depth !== 0 || !v.initializer) return undefined;
    if (v.initializer.type === 'initializer_list') return v.initializer.namedChildren.filter((c) => c.type !== 'comment').length;
    const init = this.evaluate(v.initializer, v.fn);
    return init?.kind === 'string' && init.values.length === 1 ? init.values[0].length + 1 : undefined;
  }

  evaluate(expr: SyntaxNode, scope: Scope, visiting: Set<unknown> = new Set()): ConstValue | undefined {
    const n = expr;
    switch (n.type) {
      case 'number_literal': {
        const value = parseIntegerLiteral(n.text);
        return value === undefined ? { kind: 'other' } : { kind: 'int', value };
      }
      case 'char_literal': {
        const value = charLiteralValue(n);
        return value === undefined ? { kind: 'other' } : { kind: 'int', value };
      }
      case 'string_literal':
      case 'raw_string_literal': {
        const { text, wide } = decodeStringLiteral(n);
        return { kind: 'string', values: [text], wide };
      }
      case 'user_defined_literal': {
        const literal = n.namedChildren.find((c) => c.type === 'string_literal' || c.type === 'raw_string_literal' || c.type === 'number_literal');
        return literal ? this.evaluate(literal, scope, visiting) : { kind: 'other' };
      }
      case 'concatenated_string':
        return this.concatenation(n, scope, visiting);
      case 'true':
        return { kind: 'int', value: 1 };
      case 'false':
      case 'null':
      case 'nullptr':
        return { kind: 'int', value: 0 };
      case 'parenthesized_expression': {
        const inner = n.namedChildren.filter((c) => c.type !== 'comment');
        return inner.length === 1 ? this.evaluate(inner[0], scope, visiting) : undefined;
      }
      case 'cast_expression': {
        const value = n.childForFieldName('value');
        return value ? this.evaluate(value, scope, visiting) : undefined;
      }
      case 'comma_expression': {
        const right = n.childForFieldName('right');
        return right ? this.evaluate(right, scope, visiting) : undefined;
      }
      case 'unary_expression':
        return this.unary(n, scope, visiting);
      case 'binary_expression':
        return this.binary(n, scope, visiting);
      case 'conditional_expression': {
        const a = n.childForFieldName('consequence');
        const b = n.childForFieldName('alternative');
        if (!a || !b) return undefined;
        return union(this.evaluate(a, scope, visiting), this.evaluate(b, scope, visiting));
      }
      case 'sizeof_expression':
        return this.sizeOf(n, scope);
      case 'alignof_expression':
      case 'offsetof_expression':
        return { kind: 'other' };
      case 'identifier':
        return this.identifier(n, scope, visiting);
      case 'qualified_identifier': {
        // Config::kFormat, ns::kCommand: a named constant of a class or namespace in this file.
        const v = this.scopes.globals.get(n.text.slice(n.text.lastIndexOf(':') + 1));
        return v?.isConst ? this.variableValue(v, visiting) : undefined;
      }
      case 'subscript_expression':
        return this.subscript(n, scope, visiting);
      case 'call_expression':
        return this.call(n, scope, visiting);
      default:
        return undefined;
    }
  }

  private concatenation(n: SyntaxNode, scope: Scope, visiting: Set<unknown>): ConstValue | undefined {
    let values = [''];
    let wide = false;
    for (const part of n.namedChildren) {
      if (part.type === 'comment') continue;
      let piece: ConstValue | undefined;
      if (part.type === 'identifier' && /^(?:PRI|SCN)[diouxXcs]/.test(part.text) && !this.scopes.macros.has(part.text)) {
        piece = { kind: 'string', values: [inttypesMacro(part.text)], wide: false };
      } else {
        piece = this.evaluate(part, scope, visiting);
      }
      if (!piece) return undefined;
      if (piece.kind !== 'string') return { kind: 'other' };
      wide ||= piece.wide;
      const next: string[] = [];
      for (const a of values) for (const b of piece.values) next.push(a + b);
      if (next.length > MAX_VALUES) return { kind: 'other' };
      values = next;
    }
    return { kind: 'string', values, wide };
  }

  private unary(n: SyntaxNode, scope: Scope, visiting: Set<unknown>): ConstValue | undefined {
    const arg = n.childForFieldName('argument');
    const value = arg && this.evaluate(arg, scope, visiting);
    if (!value) return undefined;
    if (value.kind !== 'int') return { kind: 'other' };
    switch (operatorOf(n)) {
      case '-':
        return { kind: 'int', value: -value.value };
      case '+':
        return value;
      case '!':
        return { kind: 'int', value: value.value ? 0 : 1 };
      case '~':
        return { kind: 'int', value: ~value.value };
      default:
        return { kind: 'other' };
    }
  }

  private binary(n: SyntaxNode, scope: Scope, visiting: Set<unknown>): ConstValue | undefined {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right) return undefined;
    const a = this.evaluate(left, scope, visiting);
    if (!a) return undefined;
    const b = this.evaluate(right, scope, visiting);
    if (!b) return undefined;
    const op = operatorOf(n);
    if (a.kind === 'string' && b.kind === 'string' && op === '+') {
      // Only valid C++ when one side is a std::string: concatenation.
      const values = a.values.flatMap((x) => b.values.map((y) => x + y));
      return values.length > MAX_VALUES ? { kind: 'other' } : { kind: 'string', values, wide: a.wide || b.wide };
    }
    if (a.kind === 'string' && b.kind === 'int' && op === '+') {
      return { kind: 'string', values: a.values.map((s) => s.slice(Math.max(0, b.value))), wide: a.wide };
    }
    if (a.kind !== 'int' || b.kind !== 'int') return { kind: 'other' };
    const x = a.value;
    const y = b.value;
    let value: number | undefined;
    switch (op) {
      case '+': value = x + y; break;
      case '-': value = x - y; break;
      case '*': value = x * y; break;
      case '/': value = y === 0 ? undefined : Math.trunc(x / y); break;
      case '%': value = y === 0 ? undefined : x % y; break;
      case '<<': value = y >= 0 && y < 53 ? x * 2 ** y : undefined; break;
      case '>>': value = y >= 0 && y < 53 ? Math.floor(x / 2 ** y) : undefined; break;
      case '&': value = x & y; break;
      case '|': value = x | y; break;
      case '^': value = x ^ y; break;
      case '&&': value = x && y ? 1 : 0; break;
      case '||': value = x || y ? 1 : 0; break;
      case '==': value = x === y ? 1 : 0; break;
      case '!=': value = x !== y ? 1 : 0; break;
      case '<': value = x < y ? 1 : 0; break;
      case '<=': value = x <= y ? 1 : 0; break;
      case '>': value = x > y ? 1 : 0; break;
      case '>=': value = x >= y ? 1 : 0; break;
      default: value = undefined;
    }
    return value !== undefined && Number.isSafeInteger(value) ? { kind: 'int', value } : { kind: 'other' };
  }

  private sizeOf(n: SyntaxNode, scope: Scope): ConstValue {
    const type = n.childForFieldName('type');
    if (type) {
      const hasPointer = type.descendantsOfType('abstract_pointer_declarator').length > 0;
      const size = hasPointer ? 8 : TYPE_SIZES[normaliseType(type.childForFieldName('type')?.text ?? '')];
      return size === undefined ? { kind: 'other' } : { kind: 'int', value: size };
    }
    const value = n.childForFieldName('value');
    const operand = value && unwrap(value);
    if (operand?.type === 'string_literal') return { kind: 'int', value: decodeStringLiteral(operand).text.length + 1 };
    if (operand?.type === 'identifier') {
      const v = this.scopes.lookup(operand.text, scope);
      if (v && v.dims.length > 0) {
        const elements = this.arrayLength(v, scope);
        const each = v.dims.length === 1 ? (v.elementIsPointer ? 8 : TYPE_SIZES[normaliseType(v.baseType)]) : undefined;
        if (elements !== undefined && each !== undefined) return { kind: 'int', value: elements * each };
      } else if (v?.isPointer) {
        return { kind: 'int', value: 8 };
      }
    }
    return { kind: 'other' };
  }

  private identifier(n: SyntaxNode, scope: Scope, visiting: Set<unknown>): ConstValue | undefined {
    const name = n.text;
    if (this.scopes.macros.has(name)) return this.macro(name, visiting);
    if (this.scopes.functionMacros.has(name)) return undefined;
    const v = this.scopes.lookup(name, scope);
    if (v) return this.variableValue(v, visiting);
    const enumerator = this.scopes.enumerators.get(name);
    if (enumerator) return this.enumeratorValue(enumerator, visiting);
    switch (name) {
      case 'NULL':
        return { kind: 'int', value: 0 };
      case '__func__':
      case '__FUNCTION__':
      case '__PRETTY_FUNCTION__':
      case '__FILE__':
      case '__DATE__':
      case '__TIME__':
        return { kind: 'other' };
      default:
        // Declared nowhere in this file and spelled in capitals: a macro or enumerator from a header.
        return /^[A-Z][A-Z0-9_]+$/.test(name) && !this.scopes.definedNames.has(name) ? { kind: 'other' } : undefined;
    }
  }

  /** A local pointer of the same function is given the array's address (its name as a value). */
  private pointedToByLocal(array: Variable): boolean {
    const info = array.fn ? this.scopes.functionInfo(array.fn) : undefined;
    if (!info) return false;
    const names = (x: SyntaxNode | undefined): boolean => x !== undefined && unwrap(x).text === array.name;
    for (const p of info.locals.values()) {
      if (!p.isPointer || p.dims.length > 0) continue;
      if (names(p.initializer) || p.writes.some((w) => names(w.value))) return true;
    }
    return false;
  }

  variableValue(v: Variable, visiting: Set<unknown>): ConstValue | undefined {
    if (v.kind === 'parameter' || v.redeclared || visiting.has(v)) return undefined;
    const scope: Scope = v.fn;
    if (v.dims.length > 0) {
      // An array used as a value is its contents: constant while nothing writes into it, under its
      // own name or through a local pointer set to it (`data = buffer; strcat(data, extra)`).
      if (!v.initializer || (!v.isConst && (v.writes.length > 0 || v.addressTaken || this.pointedToByLocal(v)))) return undefined;
      visiting.add(v);
      const value = v.initializer.type === 'initializer_list' ? { kind: 'other' as const } : this.evaluate(v.initializer, scope, visiting);
      visiting.delete(v);
      return value;
    }
    const direct = v.writes.filter((w) => !w.element || !v.isPointer);
    if (!v.isConst && (v.addressTaken || direct.some((w) => w.value === undefined))) return undefined;
    const sources = v.isConst ? [v.initializer] : [v.initializer, ...direct.map((w) => w.value)];
    let result: ConstValue | undefined;
    visiting.add(v);
    try {
      for (const source of sources) {
        // A declaration without initialiser adds no value: a global starts as zero (added below
        // when nothing else is assigned), and reading a local before any assignment is another defect.
        if (!source) continue;
        const value = this.evaluate(source, scope, visiting);
        if (!value) return undefined;
        result = result ? union(result, value) : value;
      }
    } finally {
      visiting.delete(v);
    }
    return result ?? (v.kind === 'global' ? { kind: 'int', value: 0 } : undefined);
  }

  private enumeratorValue(node: SyntaxNode, visiting: Set<unknown>): ConstValue {
    if (visiting.has(node.id)) return { kind: 'other' };
    visiting.add(node.id);
    try {
      const explicit = node.childForFieldName('value');
      if (explicit) return this.evaluate(explicit, undefined, visiting) ?? { kind: 'other' };
      let prev = node.previousNamedSibling;
      while (prev && prev.type !== 'enumerator') prev = prev.previousNamedSibling;
      if (!prev) return { kind: 'int', value: 0 };
      const before = this.enumeratorValue(prev, visiting);
      return before.kind === 'int' ? { kind: 'int', value: before.value + 1 } : { kind: 'other' };
    } finally {
      visiting.delete(node.id);
    }
  }

  private subscript(n: SyntaxNode, scope: Scope, visiting: Set<unknown>): ConstValue | undefined {
    const arg = n.childForFieldName('argument');
    const base = arg && unwrap(arg);
    if (!base) return undefined;
    if (base.type === 'identifier' && !this.scopes.macros.has(base.text)) {
      const v = this.scopes.lookup(base.text, scope);
      // A table of literals (`static const char *const names[] = {…}`): any element is one of them.
      if (v && v.dims.length === 1 && v.initializer?.type === 'initializer_list' && !v.redeclared && v.kind !== 'parameter') {
        const vscope: Scope = v.fn;
        const elements = v.initializer.namedChildren.filter((c) => c.type !== 'comment');
        if (!v.isConst && (v.writes.length > 0 || v.addressTaken)) {
          // `args[1] = file;` leaves `args[0]` as initialised: only writes to the same constant index count.
          const index = n.childForFieldName('index');
          const at = index ? this.evaluate(index, scope, visiting) : undefined;
          if (v.addressTaken || at?.kind !== 'int') return undefined;
          const indexes = v.writes.map((w) => (w.value && w.index ? this.evaluate(w.index, vscope, visiting) : undefined));
          if (indexes.some((i) => i?.kind !== 'int')) return undefined;
          const last = v.writes.filter((_, i) => (indexes[i] as { value: number }).value === at.value).pop();
          const source = last ? last.value : elements[at.value];
          return source ? this.evaluate(source, vscope, visiting) : undefined;
        }
        let result: ConstValue | undefined;
        for (const element of elements) {
          const value = this.evaluate(element, vscope, visiting);
          if (!value) return undefined;
          result = result ? union(result, value) : value;
        }
        return result;
      }
    }
    const value = this.evaluate(base, scope, visiting);
    return value ? { kind: 'other' } : undefined;
  }

  private call(n: SyntaxNode, scope: Scope, visiting: Set<unknown>): ConstValue | undefined {
    const args = callArguments(n);
    const func = n.childForFieldName('function');
    if (func?.type === 'field_expression') {
      // s.c_str() of a constant std::string.
      const method = func.childForFieldName('field')?.text;
      const object = func.childForFieldName('argument');
      if ((method === 'c_str' || method === 'data') && object && args.length === 0) return this.evaluate(object, scope, visiting);
      return undefined;
    }
    const callee = calleeName(n);
    if (!callee) return undefined;
    const translated = TRANSLATION_CALLS[callee];
    if (translated) {
      let result: ConstValue | undefined;
      for (const i of translated) {
        const value = args[i] && this.evaluate(args[i], scope, visiting);
        if (!value) return undefined;
        result = result ? union(result, value) : value;
      }
      return result;
    }
    if ((callee === 'std::string' || callee === 'std::wstring' || callee === 'string') && args.length === 1) return this.evaluate(args[0], scope, visiting);
    if ((callee === 'strlen' || callee === 'std::strlen') && args.length === 1) {
      const value = this.evaluate(args[0], scope, visiting);
      if (!value) return undefined;
      return value.kind === 'string' && value.values.length === 1 ? { kind: 'int', value: value.values[0].length } : { kind: 'other' };
    }
    return undefined;
  }

  private macro(name: string, visiting: Set<unknown>): ConstValue | undefined {
    const cached = this.macroValues.get(name);
    if (cached === 'pending') return undefined;
    if (this.macroValues.has(name)) return cached;
    this.macroValues.set(name, 'pending');
    let result: ConstValue | undefined;
    for (const body of this.scopes.macros.get(name) ?? []) {
      const value = this.macroBodyValue(body, visiting);
      if (!value) {
        result = undefined;
        break;
      }
      result = result ? union(result, value) : value;
    }
    this.macroValues.set(name, result);
    return result;
  }

  /** Parses a macro body on its own as an expression; bodies that are not expressions are not constants. */
  private macroBodyValue(body: SyntaxNode, visiting: Set<unknown>): ConstValue | undefined {
    if (body.type !== 'preproc_arg') return { kind: 'int', value: 1 };
    const text = body.text.replace(/\\\r?\n/g, ' ').trim();
    if (text === '') return { kind: 'int', value: 1 };
    const tree = parse(this.language, `void __secreview_macro__(void) {\n(${text}\n);\n}\n`);
    this.macroTrees.push(tree);
    if (tree.rootNode.hasError) return undefined;
    const statement = tree.rootNode.descendantsOfType('expression_statement')[0];
    const expr = statement?.namedChildren[0];
    return expr ? this.evaluate(expr, undefined, visiting) : undefined;
  }
}

export function union(a: ConstValue | undefined, b: ConstValue | undefined): ConstValue | undefined {
  if (!a || !b) return undefined;
  // A null pointer next to strings (a global that starts out NULL) adds no text.
  if (a.kind === 'int' && a.value === 0 && b.kind === 'string') return b;
  if (b.kind === 'int' && b.value === 0 && a.kind === 'string') return a;
  if (a.kind === 'string' && b.kind === 'string') {
    const values = [...new Set([...a.values, ...b.values])];
    return values.length > MAX_VALUES ? { kind: 'other' } : { kind: 'string', values, wide: a.wide || b.wide };
  }
  if (a.kind === 'int' && b.kind === 'int' && a.value === b.value) return a;
  return { kind: 'other' };
}

/** `PRIu64` and friends expand to a length modifier and the conversion letter. */
function inttypesMacro(name: string): string {
  const letter = name[3];
  const bits = name.slice(4);
  const length = /64|MAX|PTR/.test(bits) ? 'll' : '';
  return `${length}${letter}`;
}

