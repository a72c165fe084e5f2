/**
 * Per-file facts about a C or C++ translation unit that syntactic rules need to stay precise:
 * which expressions are constants, which name fixed-size buffers (and how big, and where they
 * live), and which code a constant condition rules out. Built once per file (RuleContext.memo);
 * everything past the file-level declarations is worked out when a rule first asks.
 */
import type { SourceFile } from '../../core/source-file.js';
import type { Language } from '../language.js';
import type { SyntaxNode, Tree } from '../parse.js';
import { Constants, type ConstValue, type Scope } from './constants.js';
import { normaliseType } from './declarators.js';
import { ALLOCATORS } from './libc.js';
import { functionAlias } from './macros.js';
import { parseIntegerLiteral } from './literals.js';
import { Scopes, type FieldInfo, type FormatAttribute, type FunctionInfo, type Variable } from './scopes.js';
import { callArguments, calleeName, operatorOf, unwrap } from './syntax.js';

export type { ConstValue } from './constants.js';
export type { FieldInfo, FunctionInfo, Variable, Write } from './scopes.js';

export type Storage = 'stack' | 'static' | 'heap' | 'unknown';

/** A buffer whose capacity is fixed where it is declared or allocated. */
export interface FixedBuffer {
  /** Capacity in elements, when the size expression evaluates. */
  elements?: number;
  /** The declared size as written (`64`, `NAME_LEN`, `sizeof(struct hdr)`). */
  sizeText: string;
  storage: Storage;
  /** Element type; one byte per element for char types. */
  elementType: string;
  declaredAt: SyntaxNode;
}

export interface CFacts {
  language: Language;
  constant(expr: SyntaxNode): ConstValue | undefined;
  isConstant(expr: SyntaxNode): boolean;
  /** The variable an identifier names at its position, unless a macro of that name hides it. */
  variable(id: SyntaxNode): Variable | undefined;
  /** The variable a macro that stands for one name (`#define COMMAND_ARG3 data`) names where it is used. */
  macroVariable(id: SyntaxNode): Variable | undefined;
  /** The fixed-size buffer an expression designates (array, array field, constant-size allocation). */
  buffer(expr: SyntaxNode): FixedBuffer | undefined;
  /** A function with its locals and the writes to them. */
  functionInfo(fn: SyntaxNode): FunctionInfo | undefined;
  /** Every function defined in the file. */
  definitions(): FunctionInfo[];
  /** The function definition around `node`. */
  functionOf(node: SyntaxNode): SyntaxNode | undefined;
  /** The called function's name as written (`strcpy`, `std::system`, `fs::exists`), cached per call. */
  callee(call: SyntaxNode): string | undefined;
  /** The same without `std::`, as the C library tables name it. */
  libcCallee(call: SyntaxNode): string | undefined;
  /** The library function a call reaches: its libcCallee() name, unless this file defines a function of that name. */
  libraryCallee(call: SyntaxNode): string | undefined;
  /** Functions defined in this file, by name. */
  definesFunction(name: string): boolean;
  /** Functions defined in this file or another source file of the review. */
  projectDefines(name: string): boolean;
  /** Whether another source file of the review calls `name` (project-functions.ts). */
  calledElsewhere(name: string): boolean;
  /** Calls inside a function, in source order. */
  callsIn(fn: SyntaxNode): SyntaxNode[];
  /**
   * True inside code that a constant condition rules out: `if (0) …`, `DEBUG && …` with DEBUG
   * defined as 0, `#if 0`. Such code never runs, so nothing in it is a finding or a check.
   */
  isDead(node: SyntaxNode): boolean;
  /** Prototypes and definitions carrying `__attribute__((format(printf, m, n)))`: name -> 0-based format index. */
  declaredFormatFunctions: ReadonlyMap<string, FormatAttribute>;
}

const CHAR_TYPES = new Set([
  'char', 'signed char', 'unsigned char', 'char8_t', 'uint8_t', 'int8_t', 'u_char', 'u8', 'gchar', 'guchar',
  'CHAR', 'UCHAR', 'BYTE', 'TCHAR', 'wchar_t', 'WCHAR', 'char16_t', 'char32_t',
]);
const NARROW_CHAR_TYPES = new Set(['char', 'signed char', 'unsigned char', 'char8_t', 'uint8_t', 'int8_t', 'u_char', 'u8', 'gchar', 'guchar', 'CHAR', 'UCHAR', 'BYTE']);

export function cFacts(file: SourceFile, tree: Tree): CFacts {
  return new Facts(file.language, tree);
}

class Facts implements CFacts {
  private readonly scopes: Scopes;
  private readonly constants: Constants;
  private readonly calls = new Map<number, SyntaxNode[]>();
  private readonly callees = new WeakMap<SyntaxNode, string | undefined>();

  constructor(
    readonly language: Language,
    private readonly tree: Tree,
  ) {
    this.scopes = new Scopes(language, tree);
    this.constants = new Constants(language, this.scopes);
  }

  get declaredFormatFunctions(): ReadonlyMap<string, FormatAttribute> {
    return this.scopes.formatAttributes;
  }

  constant(expr: SyntaxNode): ConstValue | undefined {
    return this.constants.evaluate(expr, this.functionOf(expr));
  }

  isConstant(expr: SyntaxNode): boolean {
    return this.constant(expr) !== undefined;
  }

  variable(id: SyntaxNode): Variable | undefined {
    if (this.scopes.macros.has(id.text) || this.scopes.functionMacros.has(id.text)) return undefined;
    return this.scopes.lookup(id.text, this.functionOf(id), id.startIndex);
  }

  macroVariable(id: SyntaxNode): Variable | undefined {
    const bodies = this.scopes.macros.get(id.text)?.map((b) => b.text.trim());
    const name = bodies?.[0];
    if (!name || !/^[A-Za-z_]\w*$/.test(name) || bodies.some((b) => b !== name) || this.scopes.macros.has(name)) return undefined;
    return this.scopes.lookup(name, this.functionOf(id));
  }

  functionInfo(fn: SyntaxNode): FunctionInfo | undefined {
    return this.scopes.functionInfo(fn);
  }

  definitions(): FunctionInfo[] {
    return this.scopes.definitions();
  }

  functionOf(node: SyntaxNode): SyntaxNode | undefined {
    return this.scopes.functionAt(node.startIndex);
  }

  callee(call: SyntaxNode): string | undefined {
    // The rule runner hands the same node object to every rule's visitor, so the object is the key.
    if (this.callees.has(call)) return this.callees.get(call);
    const written = calleeName(call);
    const name = written === undefined ? undefined : this.alias(written) ?? written;
    this.callees.set(call, name);
    return name;
  }

  /** The function a macro of the file, or else of the project's headers, names (`#define MKTEMP mktemp`). */
  private alias(name: string): string | undefined {
    const bodies = this.scopes.macros.get(name);
    return bodies ? functionAlias(name, bodies.map((b) => b.text.trim())) : this.tree.aliases?.get(name);
  }

  libcCallee(call: SyntaxNode): string | undefined {
    return this.callee(call)?.replace(/^std::/, '');
  }

  libraryCallee(call: SyntaxNode): string | undefined {
    const name = this.libcCallee(call);
    return name !== undefined && !this.definesFunction(name) ? name : undefined;
  }

  definesFunction(name: string): boolean {
    return this.scopes.definedNames.has(name);
  }

  projectDefines(name: string): boolean {
    return this.definesFunction(name) || !!this.tree.linkage?.defined.has(name);
  }

  calledElsewhere(name: string): boolean {
    const mentions = this.tree.linkage?.mentions;
    // A C++ method (`Cls::action`) is called where another file makes a `Cls` and calls `.action(`
    // on it, which the data flow follows (Project.cppMethod).
    const parts = name.split('::');
    if (parts.length >= 2) return this.calledElsewhere(parts[parts.length - 1]) && (mentions?.get(parts[parts.length - 2]) ?? 0) > 0;
    // This file's own mention (its definition) is one of the files counted.
    return (mentions?.get(name) ?? 0) > (this.tree.text.includes(name) ? 1 : 0);
  }

  callsIn(fn: SyntaxNode): SyntaxNode[] {
    let calls = this.calls.get(fn.id);
    if (!calls) {
      calls = fn.descendantsOfType('call_expression');
      this.calls.set(fn.id, calls);
    }
    return calls;
  }

  isDead(node: SyntaxNode): boolean {
    let child = node;
    for (let n = node.parent; n; child = n, n = n.parent) {
      const truth = this.deadBranchTest(n, child);
      if (truth) return true;
      if (n.type === 'function_definition') return false;
    }
    return false;
  }

  /** Whether `child` sits in the branch of `parent` that a constant condition never takes. */
  private deadBranchTest(parent: SyntaxNode, child: SyntaxNode): boolean {
    const truthOf = (cond: SyntaxNode | null): boolean | undefined => {
      const value = cond ? this.constant(cond) : undefined;
      return value?.kind === 'int' ? value.value !== 0 : undefined;
    };
    switch (parent.type) {
      case 'if_statement':
      case 'conditional_expression': {
        const cond = parent.childForFieldName('condition');
        if (!cond || child.id === cond.id) return false;
        const truth = truthOf(cond);
        if (truth === undefined) return false;
        const taken = truth ? parent.childForFieldName('consequence') : parent.childForFieldName('alternative');
        return taken?.id !== child.id;
      }
      case 'binary_expression': {
        const op = operatorOf(parent);
        if ((op !== '&&' && op !== '||') || parent.childForFieldName('right')?.id !== child.id) return false;
        const left = truthOf(parent.childForFieldName('left'));
        return op === '&&' ? left === false : left === true;
      }
      case 'preproc_if':
      case 'preproc_elif': {
        const cond = parent.childForFieldName('condition');
        if (!cond || child.id === cond.id || parent.childForFieldName('alternative')?.id === child.id) return false;
        return cond.type === 'number_literal' && parseIntegerLiteral(cond.text) === 0;
      }
      default:
        return false;
    }
  }

  buffer(expr: SyntaxNode): FixedBuffer | undefined {
    const n = unwrap(expr);
    const scope = this.functionOf(n);
    switch (n.type) {
      case 'identifier': {
        const v = this.variable(n);
        if (!v && this.language === 'cpp') return this.memberBuffer(n, scope);
        if (!v || v.redeclared || v.kind === 'parameter') return undefined;
        if (v.dims.length > 0) return this.arrayBuffer(v.dims, 0, v.baseType, v.elementIsPointer, v.id, v.kind === 'local' && !v.isStatic ? 'stack' : 'static', v.initializer, scope);
        if (v.isPointer) return this.allocatedBuffer(v, scope);
        return undefined;
      }
      case 'subscript_expression': {
        // `lines[i]` of `char lines[16][80]` is an 80-byte buffer.
        let depth = 0;
        let base: SyntaxNode = n;
        while (base.type === 'subscript_expression') {
          depth++;
          base = unwrap(base.childForFieldName('argument') ?? base);
        }
        if (base.type === 'identifier') {
          const v = this.variable(base);
          if (!v || v.redeclared || v.kind === 'parameter' || v.dims.length <= depth) return undefined;
          return this.arrayBuffer(v.dims, depth, v.baseType, v.elementIsPointer, v.id, v.kind === 'local' && !v.isStatic ? 'stack' : 'static', undefined, scope);
        }
        if (base.type === 'field_expression') {
          const field = this.fieldOf(base);
          if (!field || field.dims.length <= depth) return undefined;
          return this.arrayBuffer(field.dims, depth, field.baseType, false, field.id, 'unknown', undefined, scope);
        }
        return undefined;
      }
      case 'field_expression': {
        const field = this.fieldOf(n);
        if (!field || field.dims.length === 0) return undefined;
        const buffer = this.arrayBuffer(field.dims, 0, field.baseType, false, field.id, this.objectStorage(n), undefined, scope);
        // `char name[1]` (or `[FLEXARRAY]`) last in a struct is allocated with room for the whole string.
        return field.last && buffer?.elements !== undefined && buffer.elements <= 1 ? undefined : buffer;
      }
      default:
        return undefined;
    }
  }

  private arrayBuffer(
    dims: Array<SyntaxNode | undefined>,
    depth: number,
    baseType: string,
    elementIsPointer: boolean,
    declaredAt: SyntaxNode,
    storage: Storage,
    initializer: SyntaxNode | undefined,
    scope: Scope,
  ): FixedBuffer | undefined {
    if (elementIsPointer && depth === dims.length - 1) return undefined;
    const size = dims[depth];
    const elementType = normaliseType(baseType);
    if (size) {
      const value = this.constants.evaluate(size, scope);
      return { elements: value?.kind === 'int' ? value.value : undefined, sizeText: size.text, storage, elementType, declaredAt };
    }
    // `char greeting[] = "hello";` is as long as its initialiser.
    if (initializer && depth === 0) {
      const init = this.constants.evaluate(initializer, scope);
      if (init?.kind === 'string' && init.values.length === 1) {
        const elements = init.values[0].length + 1;
        return { elements, sizeText: String(elements), storage, elementType, declaredAt };
      }
      if (initializer.type === 'initializer_list') {
        const elements = initializer.namedChildren.filter((c) => c.type !== 'comment').length;
        return { elements, sizeText: String(elements), storage, elementType, declaredAt };
      }
    }
    return undefined;
  }

  /** A bare member name inside a C++ method: `strcpy(name_, s)` writes the field `name_`. */
  private memberBuffer(id: SyntaxNode, scope: Scope): FixedBuffer | undefined {
    const candidates = this.scopes.fields.get(id.text);
    if (!candidates || !scope) return undefined;
    const [first] = candidates;
    const sameShape = candidates.every((c) => c.dims.length === first.dims.length && c.dims.every((d, i) => d?.text === first.dims[i]?.text));
    if (!sameShape || first.dims.length === 0) return undefined;
    return this.arrayBuffer(first.dims, 0, first.baseType, false, first.id, 'unknown', undefined, scope);
  }

  /** `char *p = malloc(64)` (and never reassigned) is a 64-byte heap buffer. */
  private allocatedBuffer(v: Variable, scope: Scope): FixedBuffer | undefined {
    const values = [v.initializer, ...v.writes.filter((w) => !w.element).map((w) => w.value ?? null)];
    if (v.addressTaken || values.some((x) => x === null)) return undefined;
    const sources = values.filter((x): x is SyntaxNode => x !== undefined);
    if (sources.length !== 1) return undefined;
    const source = unwrap(sources[0]);
    let size: SyntaxNode | undefined;
    let storage: Storage = 'heap';
    let elementType = normaliseType(v.baseType);
    if (source.type === 'call_expression') {
      const callee = calleeName(source)?.replace(/^std::/, '');
      const args = callArguments(source);
      if (callee === 'calloc' && args.length === 2) {
        const count = this.constants.evaluate(args[0], scope);
        const each = this.constants.evaluate(args[1], scope);
        if (count?.kind !== 'int' || each?.kind !== 'int') return undefined;
        return { elements: count.value * each.value, sizeText: `${args[0].text} * ${args[1].text}`, storage, elementType: 'char', declaredAt: source };
      }
      if (callee === undefined || ALLOCATORS[callee] === undefined || callee === 'realloc' || callee === 'xrealloc') return undefined;
      size = args[ALLOCATORS[callee]];
      if (callee === 'alloca' || callee === '_alloca') storage = 'stack';
      elementType = 'char';
    } else if (source.type === 'new_expression') {
      size = source.childForFieldName('declarator')?.childForFieldName('length') ?? undefined;
      elementType = normaliseType(source.childForFieldName('type')?.text ?? v.baseType);
    }
    if (!size) return undefined;
    const value = this.constants.evaluate(size, scope);
    if (value?.kind !== 'int') return undefined;
    return { elements: value.value, sizeText: size.text, storage, elementType, declaredAt: source };
  }

  private objectStorage(field: SyntaxNode): Storage {
    const object = field.childForFieldName('argument');
    const isArrow = field.children.some((c) => c.type === '->');
    if (!object || isArrow) return 'unknown';
    const base = unwrap(object);
    if (base.type !== 'identifier') return 'unknown';
    const v = this.variable(base);
    if (!v || v.isPointer || v.kind === 'parameter') return 'unknown';
    return v.kind === 'local' && !v.isStatic ? 'stack' : 'static';
  }

  /** The declaration of a struct field, by the object's declared type when known, else by a unique name. */
  private fieldOf(expr: SyntaxNode): FieldInfo | undefined {
    const name = expr.childForFieldName('field')?.text;
    const candidates = name ? this.scopes.fields.get(name) : undefined;
    if (!candidates) return undefined;
    const object = expr.childForFieldName('argument');
    const base = object && unwrap(object);
    if (base?.type === 'identifier') {
      const v = this.variable(base);
      const owner = v && normaliseType(v.baseType).replace(/^(?:struct|class|union)\s+/, '');
      const match = owner ? candidates.filter((c) => c.owner === owner) : [];
      if (match.length === 1) return match[0];
    }
    const [first] = candidates;
    const sameShape = candidates.every((c) => c.dims.length === first.dims.length && c.dims.every((d, i) => d?.text === first.dims[i]?.text) && c.isPointer === first.isPointer);
    return sameShape ? first : undefined;
  }

}

function isCharType(type: string): boolean {
  return CHAR_TYPES.has(normaliseType(type));
}

function isNarrowCharType(type: string): boolean {
  return NARROW_CHAR_TYPES.has(normaliseType(type));
}

/** `64 bytes` for char buffers, `64 elements` otherwise, `NAME_LEN bytes` when the size is a name. */
export function describeCapacity(buffer: FixedBuffer): string {
  const unit = isNarrowCharType(buffer.elementType) ? 'bytes' : isCharType(buffer.elementType) ? 'characters' : 'elements';
  if (buffer.elements === undefined) return `\`${buffer.sizeText.trim()}\` ${unit}`;
  const size = buffer.sizeText.trim();
  return /^\d+$/.test(size) ? `${buffer.elements} ${unit}` : `\`${size}\`, ${buffer.elements} ${unit}`;
}
