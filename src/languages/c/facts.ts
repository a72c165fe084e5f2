/**
 * Per-file facts about a C or C++ translation unit that syntactic rules need to stay precise:
 * object-like macros, enum constants, the variables of each function and of the file (their
 * declared array sizes, initialisers and every write to them), struct fields, and from those,
 * which expressions are constants and which name fixed-size buffers. Computed once per file
 * (RuleContext.memo) in one cursor walk; values are worked out lazily when a rule asks.
 */
import type { SourceFile } from '../../core/source-file.js';
import type { Language } from '../language.js';
import { parse, type SyntaxNode, type Tree } from '../parse.js';
import { mayWriteArgument, TRANSLATION_CALLS, ALLOCATORS } from './libc.js';
import { charLiteralValue, decodeStringLiteral, parseIntegerLiteral } from './literals.js';
import { callArguments, calleeName, enclosingFunction, functionDeclarator, functionName, operatorOf, unwrap } from './syntax.js';

/** A value fixed in the source. Strings list every value the expression may take. */
export type ConstValue =
  | { kind: 'int'; value: number }
  | { kind: 'string'; values: string[]; wide: boolean }
  /** Constant, but its value is not worked out (floats, sizeof of an unknown type, a macro from a header). */
  | { kind: 'other' };

export type Storage = 'stack' | 'static' | 'heap' | 'unknown';

export interface Write {
  node: SyntaxNode;
  /** The value written; undefined when it is not a plain `=` (`+=`, `++`, a call writing through a pointer). */
  value?: SyntaxNode;
  /** An element, member or pointee was written rather than the variable itself. */
  element: boolean;
  /** For `a[i] = v`: `i`. */
  index?: SyntaxNode;
}

export interface Variable {
  name: string;
  kind: 'local' | 'parameter' | 'global';
  /** The function_definition of a local or parameter. */
  fn?: SyntaxNode;
  /** The declared identifier. */
  id: SyntaxNode;
  declaration: SyntaxNode;
  /** The declared base type, e.g. `char`, `struct user`, `std::string`. */
  baseType: string;
  isStatic: boolean;
  /** The variable (for arrays: each element) cannot be assigned. */
  isConst: boolean;
  /** Not an array, but a pointer. */
  isPointer: boolean;
  /** Array dimensions from the name outwards (`char g[4][8]`: [4, 8]); a missing size is undefined. */
  dims: Array<SyntaxNode | undefined>;
  elementIsPointer: boolean;
  initializer?: SyntaxNode;
  writes: Write[];
  /** Calls receiving the variable itself, and at which argument. */
  passedTo: Array<{ call: SyntaxNode; index: number }>;
  addressTaken: boolean;
  /** Declared more than once in the same scope (separate blocks); values are then not trusted. */
  redeclared: boolean;
}

export interface FunctionInfo {
  node: SyntaxNode;
  name: string | undefined;
  params: Variable[];
  variadic: boolean;
  locals: Map<string, Variable>;
}

export interface FieldInfo {
  owner: string | undefined;
  id: SyntaxNode;
  baseType: string;
  dims: Array<SyntaxNode | undefined>;
  isPointer: boolean;
}

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
  /** The fixed-size buffer an expression designates (array, array field, constant-size allocation). */
  buffer(expr: SyntaxNode): FixedBuffer | undefined;
  functionInfo(fn: SyntaxNode): FunctionInfo | undefined;
  /** Functions defined in this file, by name. */
  definesFunction(name: string): boolean;
  /** Calls inside a function, in source order. */
  callsIn(fn: SyntaxNode): SyntaxNode[];
  /** Object-like macro definitions (their `preproc_arg` bodies). */
  macroBody(name: string): string | undefined;
  /**
   * True inside code that a constant condition rules out: `if (0) …`, `DEBUG && …` with DEBUG
   * defined as 0, `#if 0`. Such code never runs, so nothing in it is a finding or a check.
   */
  isDead(node: SyntaxNode): boolean;
  /** Prototypes and definitions carrying `__attribute__((format(printf, m, n)))`: name -> 0-based format index. */
  declaredFormatFunctions: Map<string, { format: number; args: number | 'va' }>;
}

const CHAR_TYPES = new Set([
  'char', 'signed char', 'unsigned char', 'char8_t', 'uint8_t', 'int8_t', 'u_char', 'u8', 'gchar', 'guchar',
  'CHAR', 'UCHAR', 'BYTE', 'TCHAR', 'wchar_t', 'WCHAR', 'char16_t', 'char32_t',
]);
const NARROW_CHAR_TYPES = new Set(['char', 'signed char', 'unsigned char', 'char8_t', 'uint8_t', 'int8_t', 'u_char', 'u8', 'gchar', 'guchar', 'CHAR', 'UCHAR', 'BYTE']);

const TYPE_SIZES: Record<string, number> = {
  char: 1, 'signed char': 1, 'unsigned char': 1, bool: 1, _Bool: 1, int8_t: 1, uint8_t: 1, char8_t: 1,
  short: 2, 'unsigned short': 2, int16_t: 2, uint16_t: 2, char16_t: 2,
  int: 4, unsigned: 4, 'unsigned int': 4, int32_t: 4, uint32_t: 4, float: 4, wchar_t: 4, char32_t: 4,
  long: 8, 'unsigned long': 8, 'long long': 8, 'unsigned long long': 8, int64_t: 8, uint64_t: 8,
  size_t: 8, ssize_t: 8, double: 8, intptr_t: 8, uintptr_t: 8, off_t: 8,
};

/** Methods of std::string and containers that do not change the object. */
const READ_ONLY_METHODS = new Set([
  'c_str', 'data', 'size', 'length', 'empty', 'find', 'rfind', 'substr', 'compare', 'begin', 'end', 'cbegin', 'cend',
  'at', 'front', 'back', 'capacity', 'starts_with', 'ends_with', 'find_first_of', 'find_last_of', 'count', 'contains',
]);

const MAX_VALUES = 64;

export function cFacts(file: SourceFile, tree: Tree): CFacts {
  return new FactsBuilder(file.language, tree).build();
}

interface RawUse {
  id: SyntaxNode;
  fn: SyntaxNode | undefined;
  apply(v: Variable): void;
}

class FactsBuilder {
  private readonly macros = new Map<string, SyntaxNode[]>();
  private readonly functionMacros = new Set<string>();
  private readonly enumerators = new Map<string, SyntaxNode>();
  private readonly globals = new Map<string, Variable>();
  private readonly functions = new Map<number, FunctionInfo>();
  private readonly definedNames = new Set<string>();
  private readonly fields = new Map<string, FieldInfo[]>();
  private readonly formatFunctions = new Map<string, { format: number; args: number | 'va' }>();
  private readonly uses: RawUse[] = [];

  constructor(
    private readonly language: Language,
    private readonly tree: Tree,
  ) {}

  build(): CFacts {
    this.collect();
    for (const use of this.uses) {
      const v = this.lookupVariable(use.id.text, use.fn);
      if (v) use.apply(v);
    }
    return new Evaluator(this.language, this.macros, this.functionMacros, this.enumerators, this.globals, this.functions, this.definedNames, this.fields, this.formatFunctions);
  }

  lookupVariable(name: string, fn: SyntaxNode | undefined): Variable | undefined {
    if (fn) {
      const info = this.functions.get(fn.id);
      const local = info?.locals.get(name) ?? info?.params.find((p) => p.name === name);
      if (local) return local;
    }
    return this.globals.get(name);
  }

  private collect(): void {
    const cursor = this.tree.walk();
    const fnStack: SyntaxNode[] = [];
    for (;;) {
      const type = cursor.nodeType;
      while (fnStack.length > 0 && cursor.startIndex >= fnStack[fnStack.length - 1].endIndex) fnStack.pop();
      const fn = fnStack[fnStack.length - 1];
      switch (type) {
        case 'preproc_def': {
          const node = cursor.currentNode;
          const name = node.childForFieldName('name')?.text;
          const value = node.childForFieldName('value');
          if (name) push(this.macros, name, value ?? node);
          break;
        }
        case 'preproc_function_def': {
          const name = cursor.currentNode.childForFieldName('name')?.text;
          if (name) this.functionMacros.add(name);
          break;
        }
        case 'enumerator': {
          const node = cursor.currentNode;
          const name = node.childForFieldName('name')?.text;
          if (name) this.enumerators.set(name, node);
          break;
        }
        case 'function_definition': {
          const node = cursor.currentNode;
          this.addFunction(node);
          fnStack.push(node);
          break;
        }
        case 'declaration':
          this.addDeclaration(cursor.currentNode, fn);
          break;
        case 'field_declaration':
          this.addField(cursor.currentNode);
          break;
        case 'for_range_loop': {
          const node = cursor.currentNode;
          const d = node.childForFieldName('declarator');
          const info = fn && this.functions.get(fn.id);
          const declared = d && readDeclarator(d);
          if (info && declared) {
            const v = this.variable(declared, node, node.childForFieldName('type')?.text ?? '', false, false, 'local', fn);
            v.writes.push({ node, element: false });
            addLocal(info, v);
          }
          break;
        }
        case 'assignment_expression':
          this.addAssignment(cursor.currentNode, fn);
          break;
        case 'update_expression': {
          const node = cursor.currentNode;
          const arg = node.childForFieldName('argument');
          if (arg) this.addWrite(arg, fn, (root) => ({ node, element: root.element }));
          break;
        }
        case 'pointer_expression': {
          const node = cursor.currentNode;
          const arg = node.childForFieldName('argument');
          if (arg && operatorOf(node) === '&') {
            const root = lvalueRoot(arg);
            if (root) this.uses.push({ id: root.id, fn, apply: (v) => { if (!root.element || !v.isPointer) v.addressTaken = true; } });
          }
          break;
        }
        case 'call_expression':
          this.addCall(cursor.currentNode, fn);
          break;
        default:
          break;
      }
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
  }

  private addFunction(node: SyntaxNode): void {
    const name = functionName(node);
    if (name) this.definedNames.add(name.slice(name.lastIndexOf(':') + 1));
    const info: FunctionInfo = { node, name, params: [], variadic: false, locals: new Map() };
    const params = functionDeclarator(node)?.childForFieldName('parameters');
    for (const p of params?.namedChildren ?? []) {
      if (p.type === 'variadic_parameter' || p.text === '...') {
        info.variadic = true;
        continue;
      }
      if (p.type !== 'parameter_declaration' && p.type !== 'optional_parameter_declaration') continue;
      const d = p.childForFieldName('declarator');
      const declared = d && readDeclarator(d);
      if (!declared) continue;
      info.params.push(this.variable(declared, p, p.childForFieldName('type')?.text ?? '', hasQualifier(p, 'const'), false, 'parameter', node));
    }
    this.functions.set(node.id, info);
    this.noteFormatAttribute(node);
  }

  private addDeclaration(node: SyntaxNode, fn: SyntaxNode | undefined): void {
    const baseType = node.childForFieldName('type')?.text ?? '';
    const isConst = hasQualifier(node, 'const') || hasQualifier(node, 'constexpr');
    const isStatic = node.namedChildren.some((c) => c.type === 'storage_class_specifier' && c.text === 'static');
    const isExtern = node.namedChildren.some((c) => c.type === 'storage_class_specifier' && c.text === 'extern');
    for (const d of node.childrenForFieldName('declarator')) {
      const declared = readDeclarator(d);
      if (!declared) {
        this.noteFormatAttribute(node);
        continue;
      }
      const info = fn && this.functions.get(fn.id);
      const v = this.variable(declared, node, baseType, isConst, isStatic, info ? 'local' : 'global', fn);
      if (info) addLocal(info, v);
      else if (!isExtern || !this.globals.has(v.name)) {
        const prior = this.globals.get(v.name);
        // `extern char buf[];` followed by the definition: the definition is the one that counts.
        if (prior && prior.initializer && v.initializer) prior.redeclared = true;
        else this.globals.set(v.name, v);
      }
    }
  }

  private variable(
    declared: Declared,
    declaration: SyntaxNode,
    baseType: string,
    declConst: boolean,
    isStatic: boolean,
    kind: Variable['kind'],
    fn: SyntaxNode | undefined,
  ): Variable {
    const isArray = declared.dims.length > 0;
    const isPointer = !isArray && declared.pointer !== undefined;
    const isConst = isArray
      ? declared.elementIsPointer ? declared.elementPointerConst : declConst
      : isPointer ? declared.pointer === 'const' || hasQualifier(declaration, 'constexpr') : declConst;
    return {
      name: declared.id.text,
      kind,
      fn,
      id: declared.id,
      declaration,
      baseType,
      isStatic,
      isConst,
      isPointer,
      dims: declared.dims,
      elementIsPointer: declared.elementIsPointer,
      initializer: declared.initializer,
      writes: [],
      passedTo: [],
      addressTaken: false,
      redeclared: false,
    };
  }

  private addField(node: SyntaxNode): void {
    const owner = ownerName(node);
    const baseType = node.childForFieldName('type')?.text ?? '';
    const isStatic = node.namedChildren.some((c) => c.type === 'storage_class_specifier' && c.text === 'static');
    const isConst = hasQualifier(node, 'const') || hasQualifier(node, 'constexpr');
    const value = node.childForFieldName('default_value') ?? undefined;
    for (const d of node.childrenForFieldName('declarator')) {
      const declared = readDeclarator(d);
      if (!declared) continue;
      // `static constexpr const char *kHelp = "…";` in a class is a named constant like a global one.
      if (isStatic && value && !this.globals.has(declared.id.text)) {
        const v = this.variable({ ...declared, initializer: value }, node, baseType, isConst, true, 'global', undefined);
        if (v.isConst) this.globals.set(v.name, v);
      }
      push(this.fields, declared.id.text, { owner, id: declared.id, baseType, dims: declared.dims, isPointer: declared.pointer !== undefined && declared.dims.length === 0 });
    }
  }

  private addAssignment(node: SyntaxNode, fn: SyntaxNode | undefined): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left) return;
    const plain = operatorOf(node) === '=';
    this.addWrite(left, fn, (root) => ({ node, value: plain ? right ?? undefined : undefined, element: root.element, index: root.index }));
  }

  private addWrite(target: SyntaxNode, fn: SyntaxNode | undefined, write: (root: LvalueRoot) => Write): void {
    const root = lvalueRoot(target);
    if (!root) return;
    this.uses.push({ id: root.id, fn, apply: (v) => v.writes.push(write(root)) });
  }

  private addCall(node: SyntaxNode, fn: SyntaxNode | undefined): void {
    const callee = calleeName(node);
    const func = node.childForFieldName('function');
    // obj.append(x), obj.clear(): a method call may change the object it is called on.
    if (func?.type === 'field_expression') {
      const object = func.childForFieldName('argument');
      const method = func.childForFieldName('field')?.text ?? '';
      const root = object && lvalueRoot(object);
      if (root && !READ_ONLY_METHODS.has(method)) {
        this.uses.push({ id: root.id, fn, apply: (v) => { if (!v.isPointer) v.writes.push({ node, element: true }); } });
      }
    }
    callArguments(node).forEach((arg, index) => {
      const inner = unwrap(arg);
      if (inner.type !== 'identifier') return;
      const mayWrite = mayWriteArgument(callee, index);
      this.uses.push({
        id: inner,
        fn,
        apply: (v) => {
          v.passedTo.push({ call: node, index });
          // Arrays decay to pointers to their contents; C++ may also bind an object to a reference.
          const contentsReachable = v.dims.length > 0 || (this.language === 'cpp' && !v.isPointer);
          if (mayWrite && contentsReachable) v.writes.push({ node, element: true });
        },
      });
    });
  }

  private noteFormatAttribute(decl: SyntaxNode): void {
    const declarator = functionDeclarator(decl);
    const name = functionName(decl);
    if (!declarator || !name) return;
    for (const attr of declarator.namedChildren.filter((c) => c.type === 'attribute_specifier')) {
      for (const call of attr.descendantsOfType('call_expression')) {
        const fname = call.childForFieldName('function')?.text.replace(/^__|__$/g, '');
        const args = callArguments(call);
        if (fname !== 'format' || args.length < 3 || !/printf/.test(args[0].text)) continue;
        const format = parseIntegerLiteral(args[1].text);
        const first = parseIntegerLiteral(args[2].text);
        if (format === undefined || first === undefined) continue;
        this.formatFunctions.set(name.slice(name.lastIndexOf(':') + 1), { format: format - 1, args: first === 0 ? 'va' : first - 1 });
      }
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addLocal(info: FunctionInfo, v: Variable): void {
  const prior = info.locals.get(v.name);
  if (prior) prior.redeclared = true;
  else info.locals.set(v.name, v);
}

function hasQualifier(node: SyntaxNode, qualifier: string): boolean {
  return node.namedChildren.some((c) => c.type === 'type_qualifier' && c.text === qualifier);
}

/** The struct/class/union a field belongs to: its tag, or the typedef name of an anonymous one. */
function ownerName(field: SyntaxNode): string | undefined {
  const spec = field.parent?.parent;
  if (!spec) return undefined;
  const tag = spec.childForFieldName('name')?.text;
  if (tag) return tag;
  if (spec.parent?.type === 'type_definition') return spec.parent.childForFieldName('declarator')?.text;
  return undefined;
}

interface Declared {
  id: SyntaxNode;
  dims: Array<SyntaxNode | undefined>;
  elementIsPointer: boolean;
  elementPointerConst: boolean;
  /** The pointer level closest to the name, when the variable is a pointer: 'const' for `* const`. */
  pointer?: 'const' | 'mutable';
  initializer?: SyntaxNode;
}

/** Reads a declarator from the outside in; undefined for function declarators and unnamed ones. */
function readDeclarator(d: SyntaxNode): Declared | undefined {
  let initializer: SyntaxNode | undefined;
  let n: SyntaxNode | null = d;
  if (n.type === 'init_declarator') {
    initializer = n.childForFieldName('value') ?? undefined;
    n = n.childForFieldName('declarator');
  }
  const wrappers: Array<{ kind: 'pointer'; isConst: boolean } | { kind: 'array'; size?: SyntaxNode } | { kind: 'ref' }> = [];
  while (n && n.type !== 'identifier' && n.type !== 'field_identifier') {
    switch (n.type) {
      case 'pointer_declarator':
        wrappers.push({ kind: 'pointer', isConst: hasQualifier(n, 'const') });
        n = n.childForFieldName('declarator');
        break;
      case 'array_declarator':
        wrappers.push({ kind: 'array', size: n.childForFieldName('size') ?? undefined });
        n = n.childForFieldName('declarator');
        break;
      case 'reference_declarator':
        wrappers.push({ kind: 'ref' });
        n = n.namedChildren.find((c) => c.type !== 'type_qualifier') ?? null;
        break;
      case 'parenthesized_declarator':
      case 'attributed_declarator':
        n = n.namedChildren.find((c) => c.type !== 'attribute_declaration') ?? null;
        break;
      default:
        return undefined;
    }
  }
  if (!n) return undefined;
  // The wrapper nearest the name is the outermost type: `*names[4]` is an array of pointers.
  const inner = wrappers.reverse();
  const dims: Array<SyntaxNode | undefined> = [];
  let i = 0;
  for (; i < inner.length && inner[i].kind === 'array'; i++) dims.push((inner[i] as { size?: SyntaxNode }).size);
  const next = inner[i];
  const pointerLevel = next?.kind === 'pointer' ? next : undefined;
  return {
    id: n,
    dims,
    elementIsPointer: dims.length > 0 && pointerLevel !== undefined,
    elementPointerConst: pointerLevel?.isConst ?? false,
    pointer: dims.length === 0 && pointerLevel ? (pointerLevel.isConst ? 'const' : 'mutable') : undefined,
    initializer,
  };
}

interface LvalueRoot {
  id: SyntaxNode;
  element: boolean;
  index?: SyntaxNode;
}

/** The variable an lvalue writes to: `a[i].f = …` writes an element of `a`. */
function lvalueRoot(target: SyntaxNode): LvalueRoot | undefined {
  let n = target;
  let element = false;
  let index: SyntaxNode | undefined;
  for (;;) {
    switch (n.type) {
      case 'identifier':
        return { id: n, element, index };
      case 'parenthesized_expression':
      case 'cast_expression':
        n = unwrap(n);
        if (n.type === 'parenthesized_expression' || n.type === 'cast_expression') return undefined;
        break;
      case 'subscript_expression': {
        element = true;
        index = n.childForFieldName('index') ?? n.childForFieldName('indices') ?? undefined;
        const arg = n.childForFieldName('argument');
        if (!arg) return undefined;
        n = arg;
        break;
      }
      case 'field_expression':
      case 'pointer_expression': {
        element = true;
        const arg = n.childForFieldName('argument');
        if (!arg) return undefined;
        n = arg;
        break;
      }
      default:
        return undefined;
    }
  }
}

type Scope = { fn: FunctionInfo | undefined };

class Evaluator implements CFacts {
  private readonly macroValues = new Map<string, ConstValue | undefined | 'pending'>();
  private readonly macroTrees: Tree[] = [];

  constructor(
    readonly language: Language,
    private readonly macros: Map<string, SyntaxNode[]>,
    private readonly functionMacros: Set<string>,
    private readonly enumerators: Map<string, SyntaxNode>,
    private readonly globals: Map<string, Variable>,
    private readonly functions: Map<number, FunctionInfo>,
    private readonly definedNames: Set<string>,
    private readonly fields: Map<string, FieldInfo[]>,
    readonly declaredFormatFunctions: Map<string, { format: number; args: number | 'va' }>,
  ) {}

  constant(expr: SyntaxNode): ConstValue | undefined {
    return this.evaluate(expr, this.scopeOf(expr), new Set());
  }

  isConstant(expr: SyntaxNode): boolean {
    return this.constant(expr) !== undefined;
  }

  variable(id: SyntaxNode): Variable | undefined {
    if (this.macros.has(id.text) || this.functionMacros.has(id.text)) return undefined;
    return this.lookup(id.text, this.scopeOf(id));
  }

  functionInfo(fn: SyntaxNode): FunctionInfo | undefined {
    return this.functions.get(fn.id);
  }

  definesFunction(name: string): boolean {
    return this.definedNames.has(name);
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

  callsIn(fn: SyntaxNode): SyntaxNode[] {
    return fn.descendantsOfType('call_expression');
  }

  macroBody(name: string): string | undefined {
    const defs = this.macros.get(name);
    return defs?.[defs.length - 1]?.text.trim();
  }

  buffer(expr: SyntaxNode): FixedBuffer | undefined {
    const n = unwrap(expr);
    const scope = this.scopeOf(n);
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
        return this.arrayBuffer(field.dims, 0, field.baseType, false, field.id, this.objectStorage(n), undefined, scope);
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
      const value = this.evaluate(size, scope, new Set());
      return { elements: value?.kind === 'int' ? value.value : undefined, sizeText: size.text, storage, elementType, declaredAt };
    }
    // `char greeting[] = "hello";` is as long as its initialiser.
    if (initializer && depth === 0) {
      const init = this.evaluate(initializer, scope, new Set());
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
    const candidates = this.fields.get(id.text);
    if (!candidates || !scope.fn) return undefined;
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
        const count = this.evaluate(args[0], scope, new Set());
        const each = this.evaluate(args[1], scope, new Set());
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
    const value = this.evaluate(size, scope, new Set());
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
    const candidates = name ? this.fields.get(name) : undefined;
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

  private scopeOf(node: SyntaxNode): Scope {
    const fn = enclosingFunction(node);
    return { fn: fn ? this.functions.get(fn.id) : undefined };
  }

  private lookup(name: string, scope: Scope): Variable | undefined {
    const local = scope.fn?.locals.get(name) ?? scope.fn?.params.find((p) => p.name === name);
    return local ?? this.globals.get(name);
  }

  private evaluate(expr: SyntaxNode, scope: Scope, visiting: Set<unknown>): ConstValue | undefined {
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
        const v = this.globals.get(n.text.slice(n.text.lastIndexOf(':') + 1));
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
      if (part.type === 'identifier' && /^(?:PRI|SCN)[diouxXcs]/.test(part.text) && !this.macros.has(part.text)) {
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
      const v = this.lookup(operand.text, scope);
      if (v && v.dims.length > 0) {
        const buffer = this.arrayBuffer(v.dims, 0, v.baseType, v.elementIsPointer, v.id, 'unknown', v.initializer, scope);
        const each = v.dims.length === 1 ? (v.elementIsPointer ? 8 : TYPE_SIZES[normaliseType(v.baseType)]) : undefined;
        if (buffer?.elements !== undefined && each !== undefined) return { kind: 'int', value: buffer.elements * each };
      } else if (v?.isPointer) {
        return { kind: 'int', value: 8 };
      }
    }
    return { kind: 'other' };
  }

  private identifier(n: SyntaxNode, scope: Scope, visiting: Set<unknown>): ConstValue | undefined {
    const name = n.text;
    if (this.macros.has(name)) return this.macro(name, visiting);
    if (this.functionMacros.has(name)) return undefined;
    const v = this.lookup(name, scope);
    if (v) return this.variableValue(v, visiting);
    const enumerator = this.enumerators.get(name);
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
        return /^[A-Z][A-Z0-9_]+$/.test(name) && !this.definedNames.has(name) ? { kind: 'other' } : undefined;
    }
  }

  private variableValue(v: Variable, visiting: Set<unknown>): ConstValue | undefined {
    if (v.kind === 'parameter' || v.redeclared || visiting.has(v)) return undefined;
    const scope: Scope = { fn: v.fn ? this.functions.get(v.fn.id) : undefined };
    if (v.dims.length > 0) {
      // An array used as a value is its contents: constant while nothing writes into it.
      if (!v.initializer || (!v.isConst && (v.writes.length > 0 || v.addressTaken))) return undefined;
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
      if (explicit) return this.evaluate(explicit, { fn: undefined }, visiting) ?? { kind: 'other' };
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
    if (base.type === 'identifier' && !this.macros.has(base.text)) {
      const v = this.lookup(base.text, scope);
      // A table of literals (`static const char *const names[] = {…}`): any element is one of them.
      if (v && v.dims.length === 1 && v.initializer?.type === 'initializer_list' && !v.redeclared && v.kind !== 'parameter') {
        const vscope: Scope = { fn: v.fn ? this.functions.get(v.fn.id) : undefined };
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
    for (const body of this.macros.get(name) ?? []) {
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
    return expr ? this.evaluate(expr, { fn: undefined }, visiting) : undefined;
  }
}

function union(a: ConstValue | undefined, b: ConstValue | undefined): ConstValue | undefined {
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

function normaliseType(type: string): string {
  return type.replace(/\b(?:const|volatile|static|register|constexpr)\b/g, '').replace(/\s+/g, ' ').trim();
}

/** `PRIu64` and friends expand to a length modifier and the conversion letter. */
function inttypesMacro(name: string): string {
  const letter = name[3];
  const bits = name.slice(4);
  const length = /64|MAX|PTR/.test(bits) ? 'll' : '';
  return `${length}${letter}`;
}

export function isCharType(type: string): boolean {
  return CHAR_TYPES.has(normaliseType(type));
}

export function isNarrowCharType(type: string): boolean {
  return NARROW_CHAR_TYPES.has(normaliseType(type));
}

/** `64 bytes` for char buffers, `64 elements` otherwise, `NAME_LEN bytes` when the size is a name. */
export function describeCapacity(buffer: FixedBuffer): string {
  const unit = isNarrowCharType(buffer.elementType) ? 'bytes' : isCharType(buffer.elementType) ? 'characters' : 'elements';
  if (buffer.elements === undefined) return `\`${buffer.sizeText.trim()}\` ${unit}`;
  const size = buffer.sizeText.trim();
  return /^\d+$/.test(size) ? `${buffer.elements} ${unit}` : `\`${size}\`, ${buffer.elements} ${unit}`;
}
