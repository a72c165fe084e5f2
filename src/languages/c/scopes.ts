/**
 * The names a C or C++ file declares: object-like macros, enumerators, struct fields, file-scope
 * variables and functions (one cheap walk that skips function bodies), and, only when a rule asks
 * about a function, its locals and every write to them. Writes to file-scope variables from any
 * function are gathered the first time one of them is looked up.
 */
import type { Language } from '../language.js';
import type { SyntaxNode, Tree } from '../parse.js';
import { hasQualifier, lvalueRoot, ownerName, readDeclarator, type Declared, type LvalueRoot } from './declarators.js';
import { mayWriteArgument } from './libc.js';
import { parseIntegerLiteral } from './literals.js';
import { callArguments, calleeName, functionDeclarator, functionName, operatorOf, unwrap } from './syntax.js';

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
  /**
   * Names declared more than once in the function, in separate blocks (`char *data` in a block
   * inside a function with its own `data`): every declaration, for lookups by position (`at`).
   */
  shadowed?: Map<string, Variable[]>;
}

export interface FieldInfo {
  owner: string | undefined;
  id: SyntaxNode;
  baseType: string;
  dims: Array<SyntaxNode | undefined>;
  isPointer: boolean;
  /** The struct's last member: an array there of at most one element is the classic flexible array (`char name[1]`). */
  last: boolean;
}

export interface FormatAttribute {
  format: number;
  args: number | 'va';
}

/** Methods of std::string and containers that do not change the object. */
const READ_ONLY_METHODS = new Set([
  'c_str', 'data', 'size', 'length', 'empty', 'find', 'rfind', 'substr', 'compare', 'begin', 'end', 'cbegin', 'cend',
  'at', 'front', 'back', 'capacity', 'starts_with', 'ends_with', 'find_first_of', 'find_last_of', 'count', 'contains',
]);

/** Nodes the file-level walk descends into; everything else (function bodies, initialisers) is skipped. */
const CONTAINERS = new Set([
  'translation_unit', 'preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif', 'preproc_elifdef', 'linkage_specification',
  'declaration_list', 'namespace_definition', 'template_declaration', 'struct_specifier', 'union_specifier', 'class_specifier',
  'enum_specifier', 'field_declaration_list', 'enumerator_list', 'type_definition', 'declaration', 'field_declaration', 'ERROR',
]);

/** The node types inside a function that declare or write variables. */
const FUNCTION_EVENTS = ['declaration', 'for_range_loop', 'assignment_expression', 'update_expression', 'pointer_expression', 'call_expression'];
const GLOBAL_WRITES = ['assignment_expression', 'update_expression', 'pointer_expression'];

export class Scopes {
  readonly macros = new Map<string, SyntaxNode[]>();
  readonly functionMacros = new Set<string>();
  readonly enumerators = new Map<string, SyntaxNode>();
  readonly globals = new Map<string, Variable>();
  readonly fields = new Map<string, FieldInfo[]>();
  readonly definedNames = new Set<string>();
  readonly formatAttributes = new Map<string, FormatAttribute>();
  private readonly functions = new Map<number, FunctionInfo>();
  private readonly scanned = new Set<number>();
  private globalWritesScanned = false;
  private globalCallsScanned = false;
  private ranges: Array<{ start: number; end: number; node: SyntaxNode }> | undefined;

  constructor(
    private readonly language: Language,
    private readonly tree: Tree,
  ) {
    this.scanFile();
  }

  functionInfo(fn: SyntaxNode): FunctionInfo | undefined {
    const info = this.functions.get(fn.id);
    if (info && !this.scanned.has(fn.id)) this.scanFunction(info);
    return info;
  }

  /** Every function definition the file-level walk found, in source order. */
  definitions(): FunctionInfo[] {
    return [...this.functions.values()];
  }

  /** The function whose body holds the byte offset `index`, found among the definitions by position. */
  functionAt(index: number): SyntaxNode | undefined {
    this.ranges ??= [...this.functions.values()].map((f) => ({ start: f.node.startIndex, end: f.node.endIndex, node: f.node })).sort((a, b) => a.start - b.start);
    let lo = 0;
    let hi = this.ranges.length - 1;
    let found: { start: number; end: number; node: SyntaxNode } | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.ranges[mid].start <= index) {
        found = this.ranges[mid];
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found && index < found.end ? found.node : undefined;
  }

  /**
   * The variable `name` means inside `fn` (or at file scope), at offset `at` where the function
   * declares the name in more than one block; a global's writes are gathered when first read.
   */
  lookup(name: string, fn: SyntaxNode | undefined, at?: number): Variable | undefined {
    const info = fn ? this.functionInfo(fn) : undefined;
    return (info && localAt(info, name, at)) ?? this.globals.get(name);
  }

  private scanFile(): void {
    const stack: SyntaxNode[] = [this.tree.rootNode];
    while (stack.length > 0) {
      const node = stack.pop()!;
      switch (node.type) {
        case 'preproc_def': {
          const name = node.childForFieldName('name')?.text;
          if (name) push(this.macros, name, node.childForFieldName('value') ?? node);
          break;
        }
        case 'preproc_function_def': {
          const name = node.childForFieldName('name')?.text;
          if (name) this.functionMacros.add(name);
          break;
        }
        case 'enumerator': {
          const name = node.childForFieldName('name')?.text;
          if (name) this.enumerators.set(name, node);
          break;
        }
        case 'function_definition':
          this.addFunction(node);
          break;
        case 'declaration':
          this.addDeclaration(node, undefined);
          break;
        case 'field_declaration':
          this.addField(node);
          break;
        default:
          break;
      }
      // Children in reverse so that they come off the stack in source order.
      if (CONTAINERS.has(node.type)) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }

  private scanFunction(info: FunctionInfo): void {
    this.scanned.add(info.node.id);
    const fn = info.node;
    const events = fn.descendantsOfType(FUNCTION_EVENTS);
    const uses: Array<{ id: SyntaxNode; apply: (v: Variable) => void }> = [];
    for (const node of events) {
      switch (node.type) {
        case 'declaration':
          this.addDeclaration(node, info);
          break;
        case 'for_range_loop': {
          const d = node.childForFieldName('declarator');
          const declared = d && readDeclarator(d);
          if (!declared) break;
          const v = this.variable(declared, node, node.childForFieldName('type')?.text ?? '', false, false, 'local', fn);
          v.writes.push({ node, element: false });
          addLocal(info, v);
          break;
        }
        case 'call_expression':
          uses.push(...this.callUses(node));
          break;
        default: {
          const use = writeUse(node);
          if (use) uses.push(use);
        }
      }
    }
    for (const use of uses) {
      const v = localAt(info, use.id.text, use.id.startIndex);
      if (v) use.apply(v);
    }
  }

  /** Writes to `global` from every function, except where a local of the same name hides it. */
  private scanGlobalWrites(global: Variable): void {
    if (!this.globalWritesScanned) {
      this.globalWritesScanned = true;
      for (const node of this.tree.rootNode.descendantsOfType(GLOBAL_WRITES)) {
        const use = writeUse(node);
        if (use) this.applyToGlobal(use.id, use.apply);
      }
    }
    // An array's contents also change through calls that receive it; scanning every call is only
    // worth it for an initialised array whose contents a rule may read.
    if (!this.globalCallsScanned && global.dims.length > 0 && global.initializer && !global.isConst) {
      this.globalCallsScanned = true;
      for (const call of this.tree.rootNode.descendantsOfType('call_expression')) {
        for (const use of this.callUses(call)) this.applyToGlobal(use.id, use.apply);
      }
    }
  }

  private applyToGlobal(id: SyntaxNode, apply: (v: Variable) => void): void {
    const v = this.globals.get(id.text);
    if (!v) return;
    const fn = this.functionAt(id.startIndex);
    const info = fn && this.functions.get(fn.id);
    if (info && !this.scanned.has(fn.id)) this.scanFunction(info);
    if (info && localAt(info, id.text, id.startIndex)) return;
    apply(v);
  }

  /** Arguments a call may write through, and the object of a mutating method call. */
  private callUses(node: SyntaxNode): Array<{ id: SyntaxNode; apply: (v: Variable) => void }> {
    const uses: Array<{ id: SyntaxNode; apply: (v: Variable) => void }> = [];
    const func = node.childForFieldName('function');
    if (func?.type === 'field_expression') {
      // obj.append(x), obj.clear(): a method call may change the object it is called on.
      const object = func.childForFieldName('argument');
      const method = func.childForFieldName('field')?.text ?? '';
      const root = object && lvalueRoot(object);
      if (root && !READ_ONLY_METHODS.has(method)) {
        uses.push({ id: root.id, apply: (v) => { if (!v.isPointer) v.writes.push({ node, element: true }); } });
      }
    }
    const callee = calleeName(node);
    callArguments(node).forEach((arg, index) => {
      const inner = unwrap(arg);
      if (inner.type !== 'identifier' || !mayWriteArgument(callee, index)) return;
      uses.push({
        id: inner,
        apply: (v) => {
          // Arrays decay to pointers to their contents; C++ may also bind an object to a reference.
          if (v.dims.length > 0 || (this.language === 'cpp' && !v.isPointer)) v.writes.push({ node, element: true });
        },
      });
    });
    return uses;
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

  private addDeclaration(node: SyntaxNode, info: FunctionInfo | undefined): void {
    const baseType = node.childForFieldName('type')?.text ?? '';
    const isConst = hasQualifier(node, 'const') || hasQualifier(node, 'constexpr');
    const storage = node.namedChildren.filter((c) => c.type === 'storage_class_specifier').map((c) => c.text);
    for (const d of node.childrenForFieldName('declarator')) {
      const declared = readDeclarator(d);
      if (!declared) {
        this.noteFormatAttribute(node);
        continue;
      }
      const v = this.variable(declared, node, baseType, isConst, storage.includes('static'), info ? 'local' : 'global', info?.node);
      if (info) {
        addLocal(info, v);
        continue;
      }
      const prior = this.globals.get(v.name);
      // `extern char buf[];` and then the definition: the definition is the one that counts.
      if (storage.includes('extern') && prior) continue;
      if (prior && prior.initializer && v.initializer) prior.redeclared = true;
      else this.globals.set(v.name, v);
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
    const v: Variable = {
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
      addressTaken: false,
      redeclared: false,
    };
    if (kind === 'global') this.gatherWritesOnRead(v);
    return v;
  }

  /** A global's writes can be anywhere in the file: look for them only when someone reads them. */
  private gatherWritesOnRead(v: Variable): void {
    let writes = v.writes;
    let addressTaken = v.addressTaken;
    Object.defineProperty(v, 'writes', {
      get: () => (this.scanGlobalWrites(v), writes),
      set: (value: Write[]) => (writes = value),
      enumerable: true,
    });
    Object.defineProperty(v, 'addressTaken', {
      get: () => (this.scanGlobalWrites(v), addressTaken),
      set: (value: boolean) => (addressTaken = value),
      enumerable: true,
    });
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
      push(this.fields, declared.id.text, { owner, id: declared.id, baseType, dims: declared.dims, isPointer: declared.pointer !== undefined && declared.dims.length === 0, last: isLastMember(node) });
    }
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
        this.formatAttributes.set(name.slice(name.lastIndexOf(':') + 1), { format: format - 1, args: first === 0 ? 'va' : first - 1 });
      }
    }
  }
}

/** The variable an assignment, `++`/`--` or `&x` writes to (or lets escape), and how. */
function writeUse(node: SyntaxNode): { id: SyntaxNode; apply: (v: Variable) => void } | undefined {
  switch (node.type) {
    case 'assignment_expression': {
      const left = node.childForFieldName('left');
      const root = left && lvalueRoot(left);
      if (!root) return undefined;
      const value = operatorOf(node) === '=' ? node.childForFieldName('right') ?? undefined : undefined;
      return { id: root.id, apply: (v) => v.writes.push({ node, value, element: root.element, index: root.index }) };
    }
    case 'update_expression': {
      const arg = node.childForFieldName('argument');
      const root = arg && lvalueRoot(arg);
      return root ? { id: root.id, apply: (v) => v.writes.push({ node, element: root.element }) } : undefined;
    }
    case 'pointer_expression': {
      const arg = node.childForFieldName('argument');
      if (!arg || operatorOf(node) !== '&') return undefined;
      const root: LvalueRoot | undefined = lvalueRoot(arg);
      if (!root) return undefined;
      return { id: root.id, apply: (v) => { if (!root.element || !v.isPointer) v.addressTaken = true; } };
    }
    default:
      return undefined;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addLocal(info: FunctionInfo, v: Variable): void {
  const prior = info.locals.get(v.name);
  if (!prior) {
    info.locals.set(v.name, v);
    return;
  }
  const all = info.shadowed?.get(v.name) ?? [prior];
  // Twice in one block (the branches of an `#if`, both parsed): which one holds is not known.
  const same = all.find((d) => scopeOf(d) === scopeOf(v));
  if (same) {
    same.redeclared = true;
    return;
  }
  all.push(v);
  (info.shadowed ??= new Map()).set(v.name, all);
}

/** The block a local's declaration is in scope for: its compound statement, or the `for` it starts. */
function scopeOf(v: Variable): SyntaxNode | undefined {
  for (let n = v.declaration.parent; n; n = n.parent) {
    if (BLOCKS.has(n.type)) return n;
  }
  return undefined;
}

const BLOCKS = new Set(['compound_statement', 'for_statement', 'for_range_loop', 'catch_clause', 'function_definition']);

/**
 * The local or parameter `name` at offset `at`: of several declarations in separate blocks, the
 * innermost whose block holds `at` and that comes before it (without `at`, the first).
 */
function localAt(info: FunctionInfo, name: string, at: number | undefined): Variable | undefined {
  const local = info.locals.get(name);
  const param = info.params.find((p) => p.name === name);
  if (at === undefined || !local || (!param && !info.shadowed?.has(name))) return local ?? param;
  let best: { v: Variable; start: number } | undefined;
  for (const v of info.shadowed?.get(name) ?? [local]) {
    const block = scopeOf(v);
    if (!block || at < v.declaration.startIndex || at >= block.endIndex) continue;
    if (!best || block.startIndex > best.start) best = { v, start: block.startIndex };
  }
  // Outside every block that declares it, a name is the parameter's (or, past them all, the first local's).
  return best?.v ?? param ?? local;
}

/** Whether no other member follows this field declaration in its struct (comments and directives aside). */
function isLastMember(node: SyntaxNode): boolean {
  for (let next = node.nextNamedSibling; next; next = next.nextNamedSibling) if (next.type === 'field_declaration') return false;
  return node.parent?.type === 'field_declaration_list';
}
