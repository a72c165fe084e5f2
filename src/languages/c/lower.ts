/**
 * Lowers a C or C++ syntax tree to the language-neutral IR (src/analysis/ir.ts).
 *
 * The preprocessor is handled here, on the tree: object-like `#define`s and enum constants are
 * folded into constants, function-like macros whose body is an expression are expanded at their
 * call sites, and every branch of `#if`/`#ifdef` is lowered (as a branch the analysis cannot
 * decide, unless its condition folds). Reads of `static const` globals, of file-local globals only
 * ever given one constant, and calls of functions of the file that always return one constant are
 * folded too, so that conditions on them take only the live branch.
 *
 * C semantics the IR has no construct for are spelled with its plain statements: a call that
 * writes through a pointer argument (`fgets(buf, …)`, `strcpy(dst, src)`) is followed by an
 * `assign … via: 'out'` storing the call's value into that argument's memory; `switch` becomes
 * dispatch on `goto`s to labels; `for` becomes a loop whose `continue`s run the update first;
 * assignments and increments nested in expressions are hoisted into statements of their own. The
 * program's arguments (`argv`, `argc` of a main-like function) are given the value of the pseudo
 * calls `<argv>` and `<argc>`, so specs can name them as sources.
 */
import type { Expr, FunctionIR, ModuleIR, Param, Spanned, Stmt, Target, VarDecl } from '../../analysis/ir.js';
import { MODULE_BODY } from '../../analysis/ir.js';
import { order } from '../../analysis/constants.js';
import { field, namedChildren, type Node as LNode } from '../tree.js';
import type { Language } from '../language.js';
import { parse, type Tree } from '../parse.js';
import { isCLibraryName, writtenArguments } from './calls.js';
import { lifetimes } from './lifetimes.js';
import { parseIntegerLiteral } from './literals.js';
import { POINTER_SIZE, scalarSize } from './types.js';

export function lowerC(file: { path: string; text: string; language: Language }, tree: Tree): ModuleIR {
  const lowering = new ModuleLowering(file.path, file.text, file.language);
  // The file's own definitions, collected next, replace these.
  for (const [name, body] of [...(tree.constants ?? []), ...(tree.aliases ?? [])]) lowering.macros.set(name, { body });
  for (const [name, body] of tree.values ?? []) lowering.macros.set(name, { params: [], body });
  return lowering.module(tree.rootNode);
}

// The per-file rules and the project data-flow pass both want a file's IR: lower each tree once.
const lowered = new WeakMap<Tree, ModuleIR>();

export function lowerCCached(file: { path: string; text: string; language: Language }, tree: Tree): ModuleIR {
  let m = lowered.get(tree);
  if (!m) lowered.set(tree, (m = lowerC(file, tree)));
  return m;
}

/** Values the common headers define, so conditions on them fold. */
const HEADER_CONSTANTS: Record<string, number> = {
  EOF: -1, EXIT_SUCCESS: 0, EXIT_FAILURE: 1, STDIN_FILENO: 0, STDOUT_FILENO: 1, STDERR_FILENO: 2,
  CHAR_BIT: 8, SCHAR_MAX: 127, SCHAR_MIN: -128, CHAR_MAX: 127, CHAR_MIN: -128, UCHAR_MAX: 255, SHRT_MAX: 32767, SHRT_MIN: -32768, USHRT_MAX: 65535,
  INT_MAX: 2 ** 31 - 1, INT_MIN: -(2 ** 31), UINT_MAX: 2 ** 32 - 1, LONG_MAX: 2 ** 63, LONG_MIN: -(2 ** 63),
  ULONG_MAX: 2 ** 64, LLONG_MAX: 2 ** 63, LLONG_MIN: -(2 ** 63), ULLONG_MAX: 2 ** 64, SIZE_MAX: 2 ** 64,
  SSIZE_MAX: 2 ** 63, INT8_MAX: 127, UINT8_MAX: 255, INT16_MAX: 32767, UINT16_MAX: 65535,
  INT8_MIN: -128, INT16_MIN: -32768, INT32_MAX: 2 ** 31 - 1, INT32_MIN: -(2 ** 31), UINT32_MAX: 2 ** 32 - 1, INT64_MAX: 2 ** 63, INT64_MIN: -(2 ** 63),
  UINT64_MAX: 2 ** 64, PATH_MAX: 4096, NAME_MAX: 255, BUFSIZ: 8192, RAND_MAX: 2147483647,
  thrd_success: 0, thrd_busy: 1, thrd_error: 2, thrd_nomem: 3, thrd_timedout: 4, FILENAME_MAX: 4096,
};

/** Macro bodies that are statements, not expressions: `{ … }`, `do { … } while (0)`, `if (…) …`. */
const STATEMENT_MACRO = /^(?:\{|do\b|if\s*\(|for\s*\(|while\s*\(|return\b)/;
const PROGRAM_ARGUMENTS = new Set(['argv', 'wargv', 'av', 'argv_']);
const MAX_MACRO_DEPTH = 8;
/** Statements larger than this are not duplicated to keep `&&`/`||` side effects conditional. */
const MAX_DUPLICATED_NODES = 200;

interface MacroDef {
  params?: string[];
  body: string;
}

interface LoopContext {
  kind: 'loop' | 'switch';
  /** Statements a `continue` runs before going back to the loop head (a `for` update). */
  update?: Stmt[];
  /** The label `continue` jumps to in a do-while, and `break` in a switch. */
  label?: string;
}

interface Hoisted {
  pre: Stmt[];
  post: Stmt[];
}

/** File-wide tables, shared by the lowering of every function and of macro bodies. */
class ModuleLowering {
  readonly macros = new Map<string, MacroDef>();
  readonly enums = new Map<string, number>();
  readonly structs: Record<string, Record<string, VarDecl>> = {};
  /** The names (tags and typedefs) of unions, whose members share one storage. */
  readonly unions = new Set<string>();
  readonly typedefs: Record<string, VarDecl> = {};
  readonly globals: Record<string, VarDecl> = {};
  readonly globalInit = new Map<string, LNode>();
  readonly folded = new Map<string, Expr | null>();
  readonly constantFunctions = new Map<string, number | string | boolean | null>();
  readonly definedFunctions = new Set<string>();
  private readonly functionNodes: Array<{ node: LNode; cls?: string }> = [];
  private readonly globalWrites = new Map<string, number>();
  private readonly addressTaken = new Set<string>();
  private readonly functions: FunctionIR[] = [];
  private readonly usedIds = new Set<string>();
  private readonly macroCache = new Map<string, LNode | null>();

  constructor(
    readonly path: string,
    readonly text: string,
    readonly language: Language,
  ) {}

  module(root: LNode): ModuleIR {
    this.collect(root, undefined, true);
    this.scanWrites(root);
    for (const { node } of this.functionNodes) this.noteConstantFunction(node);
    const body: FunctionIR = this.newFunction(MODULE_BODY, MODULE_BODY, root);
    const init = new FunctionLowering(this, this.text, body, undefined);
    for (const [name, value] of this.globalInit) {
      const decl = this.globals[name];
      const x = init.expr(value, body.body);
      // A global the file's functions assign (`badStatic = 1;`) does not keep its first value in
      // them: the data flow, which reads globals as the module body leaves them, must not fold it.
      const reassigned = x.k === 'const' && (this.globalWrites.has(name) || this.addressTaken.has(name));
      body.body.push({ k: 'assign', t: { k: 'name', n: name, s: decl.s, e: decl.e }, x: reassigned ? { k: 'unknown', s: x.s, e: x.e } : x, s: decl.s, e: decl.e });
    }
    for (const { node, cls } of this.functionNodes) this.lowerFunction(node, cls);
    // Constructor then destructor, as an object declared on the stack lives: both analyses follow it as a function.
    this.functions.push(...lifetimes(this.functions, this.globals));
    return {
      language: this.language,
      path: this.path,
      name: this.path.replace(/\.[^./]+$/, '').split('/').filter(Boolean).join('.'),
      package: '',
      text: this.text,
      imports: [],
      functions: this.functions,
      classes: [],
      vars: this.globals,
      structs: this.structs,
      typedefs: this.typedefs,
      reassigned: Object.keys(this.globals).filter((n) => this.globalWrites.has(n) || this.addressTaken.has(n)),
    };
  }

  txt(n: LNode): string {
    return this.text.slice(n.s, n.e);
  }

  newFunction(id: string, name: string, node: LNode): FunctionIR {
    let unique = id;
    if (this.usedIds.has(unique)) unique = `${id}@${node.s}`;
    this.usedIds.add(unique);
    const fn: FunctionIR = { id: unique, name, params: [], body: [], decorators: [], locals: [], globals: [], s: node.s, e: node.e, nameSpan: { s: node.s, e: node.s }, vars: {} };
    this.functions.push(fn);
    return fn;
  }

  // ---- file-wide collection ---------------------------------------------------------------

  private defineMacro(n: LNode): void {
    const name = field(n, 'name');
    const value = field(n, 'value');
    if (!name) return;
    const body = value ? this.txt(value).trim() : '';
    if (n.type === 'preproc_def') {
      this.macros.set(this.txt(name), { body });
      return;
    }
    const params = field(n, 'parameters');
    if (params) this.macros.set(this.txt(name), { params: namedChildren(params).map((p) => this.txt(p)), body });
  }

  private collect(n: LNode, cls: string | undefined, fileScope: boolean): void {
    for (const c of n.children) {
      switch (c.type) {
        case 'preproc_def':
        case 'preproc_function_def':
          this.defineMacro(c);
          break;
        case 'function_definition': {
          this.functionNodes.push({ node: c, cls });
          this.definedFunctions.add(shortName(this.functionName(c) ?? ''));
          // A macro defined inside a function (libxml2's WXS_GET_GLOBAL_HASH) is defined from there
          // on, like any other: unexpanded, a use that assigns a local would look like a call.
          const body = field(c, 'body');
          if (body && this.txt(body).includes('#')) for (const d of body.descendantsOfType(['preproc_def', 'preproc_function_def'])) this.defineMacro(d);
          break;
        }
        case 'declaration':
          if (fileScope) this.globalDeclaration(c);
          this.collectTypes(c);
          break;
        case 'type_definition':
        case 'struct_specifier':
        case 'union_specifier':
        case 'enum_specifier':
          this.collectTypes(c);
          break;
        case 'class_specifier': {
          this.collectTypes(c);
          const name = field(c, 'name');
          const body = field(c, 'body');
          if (body) this.collect(body, name ? this.txt(name) : cls, false);
          break;
        }
        case 'field_declaration_list':
          this.collect(c, cls, false);
          break;
        case 'namespace_definition':
        case 'linkage_specification':
        case 'declaration_list':
        case 'template_declaration':
        case 'preproc_if':
        case 'preproc_ifdef':
        case 'preproc_else':
        case 'preproc_elif':
        case 'preproc_elifdef':
        // A parse error around a block (an `#ifdef` whose branches split a brace) leaves the
        // definitions inside it whole: they are lowered like any other.
        case 'ERROR':
          this.collect(c, cls, fileScope);
          break;
        default:
          break;
      }
    }
  }

  /** Struct, union, class and enum definitions anywhere inside `n`. */
  private collectTypes(n: LNode): void {
    if (n.type === 'enum_specifier') this.enumerators(n);
    if ((n.type === 'struct_specifier' || n.type === 'union_specifier' || n.type === 'class_specifier') && field(n, 'body')) {
      const name = field(n, 'name');
      const fields: Record<string, VarDecl> = {};
      for (const f of field(n, 'body')!.children) {
        if (f.type !== 'field_declaration') continue;
        const type = this.typeText(f);
        for (const d of f.children.filter((x) => x.field === 'declarator')) {
          const decl = this.declarator(d, type, 'field');
          if (decl) fields[decl.name] = decl.decl;
        }
        for (const inner of f.children) this.collectTypes(inner);
      }
      if (name) this.structs[this.txt(name)] = fields;
      if (name && n.type === 'union_specifier') this.unions.add(this.txt(name));
    }
    if (n.type === 'type_definition') {
      const type = field(n, 'type');
      if (type) {
        this.collectTypes(type);
        const body = type.type === 'struct_specifier' || type.type === 'union_specifier' ? type : undefined;
        const declared = field(n, 'declarator');
        if (declared) {
          const alias = this.declarator(declared, this.typeText(n).replace(/^typedef\s+/, ''), 'global');
          if (alias) this.typedefs[alias.name] = { ...alias.decl, type: body ? `struct ${this.txt(field(body, 'name') ?? declared)}` : alias.decl.type };
        }
        if (body && declared && declared.type === 'type_identifier') {
          const tag = field(body, 'name');
          const alias = this.txt(declared);
          if (body.type === 'union_specifier') this.unions.add(alias);
          if (tag && this.structs[this.txt(tag)]) this.structs[alias] = this.structs[this.txt(tag)];
          else if (!tag && field(body, 'body')) this.anonymousStruct(body, alias);
        }
      }
      return;
    }
    for (const c of n.children) if (c.type !== 'compound_statement' && c.type !== 'field_declaration_list') this.collectTypes(c);
  }

  private anonymousStruct(body: LNode, alias: string): void {
    const fields: Record<string, VarDecl> = {};
    for (const f of field(body, 'body')!.children) {
      if (f.type !== 'field_declaration') continue;
      const type = this.typeText(f);
      for (const d of f.children.filter((x) => x.field === 'declarator')) {
        const decl = this.declarator(d, type, 'field');
        if (decl) fields[decl.name] = decl.decl;
      }
    }
    this.structs[alias] = fields;
  }

  private enumerators(n: LNode): void {
    const body = field(n, 'body');
    if (!body) return;
    let next = 0;
    const lowering = new FunctionLowering(this, this.text, undefined, undefined);
    for (const e of body.children) {
      if (e.type !== 'enumerator') continue;
      const name = field(e, 'name');
      const value = field(e, 'value');
      if (value) {
        const v = lowering.expr(value, []);
        if (v.k === 'const' && typeof v.v === 'number') next = v.v;
      }
      if (name) this.enums.set(this.txt(name), next);
      next++;
    }
  }

  private globalDeclaration(n: LNode): void {
    const type = this.typeText(n);
    const storage = /\bextern\b/.test(type) ? 'extern' : /\bstatic\b/.test(type) ? 'static' : 'global';
    for (const d of n.children.filter((x) => x.field === 'declarator')) {
      if (d.type === 'function_declarator') continue;
      const decl = this.declarator(d, type, storage);
      if (!decl) continue;
      this.globals[decl.name] = { ...decl.decl, storage };
      if (decl.init) this.globalInit.set(decl.name, decl.init);
    }
  }

  /** The declaration's type as written: everything before its first declarator. */
  typeText(n: LNode): string {
    const first = n.children.find((c) => c.field === 'declarator');
    const end = first ? first.s : n.e;
    return this.text.slice(n.s, end).replace(/\s+/g, ' ').replace(/[\s,]+$/, '').trim();
  }

  /** Name, VarDecl and initializer of one declarator. */
  declarator(d: LNode, type: string, storage: VarDecl['storage']): { name: string; decl: VarDecl; init?: LNode; nameNode: LNode } | undefined {
    let ptr = 0;
    const dims: number[] = [];
    let init: LNode | undefined;
    let cur: LNode | undefined = d;
    const sizeExprs: LNode[] = [];
    while (cur && cur.type !== 'identifier' && cur.type !== 'field_identifier' && cur.type !== 'type_identifier') {
      switch (cur.type) {
        case 'init_declarator':
          init = field(cur, 'value');
          cur = field(cur, 'declarator');
          break;
        case 'pointer_declarator':
          ptr++;
          cur = field(cur, 'declarator');
          break;
        case 'reference_declarator':
          cur = namedChildren(cur).find((c) => c.type.endsWith('declarator') || c.type === 'identifier');
          break;
        case 'array_declarator': {
          const size = field(cur, 'size');
          if (size) sizeExprs.unshift(size);
          else dims.unshift(-2);
          cur = field(cur, 'declarator');
          break;
        }
        case 'parenthesized_declarator':
        case 'attributed_declarator':
          cur = namedChildren(cur).find((c) => c.type.endsWith('declarator') || c.type === 'identifier' || c.type === 'field_identifier' || c.type === 'type_identifier');
          break;
        case 'function_declarator':
          ptr++;
          cur = field(cur, 'declarator');
          break;
        default:
          return undefined;
      }
    }
    if (!cur) return undefined;
    const lowering = new FunctionLowering(this, this.text, undefined, undefined);
    const allDims: number[] = [];
    for (const d of dims) {
      if (d !== -2) continue;
      // `int a[] = {1, 2}` and `char s[] = "ab"` take their size from the initializer.
      const count = init?.type === 'initializer_list' ? namedChildren(init).length : init?.type === 'string_literal' ? stringLiteralValue(this.txt(init)).length + 1 : -1;
      allDims.push(count);
    }
    for (const s of sizeExprs) {
      const v = lowering.expr(s, []);
      allDims.push(v.k === 'const' && typeof v.v === 'number' ? v.v : -1);
    }
    const decl: VarDecl = {
      type: type.replace(/\b(?:static|extern|register|inline)\b\s*/g, '').trim(),
      ptr,
      storage,
      s: d.s,
      e: d.e,
      ...(allDims.length > 0 ? { dims: allDims } : {}),
      ...(/\bconst\b/.test(type) && ptr === 0 ? { isConst: true } : {}),
    };
    return { name: this.txt(cur), decl, init, nameNode: cur };
  }

  functionName(n: LNode): string | undefined {
    let d = field(n, 'declarator');
    while (d && d.type !== 'function_declarator') d = field(d, 'declarator') ?? namedChildren(d).find((c) => c.type.endsWith('declarator'));
    const name = d ? field(d, 'declarator') : undefined;
    return name ? this.txt(name) : undefined;
  }

  /** Assignments to globals anywhere in the file, and globals whose address is taken. */
  private scanWrites(n: LNode): void {
    const stack = [n];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x.type === 'assignment_expression' || x.type === 'update_expression') {
        const target = field(x, x.type === 'assignment_expression' ? 'left' : 'argument');
        if (target?.type === 'identifier') this.globalWrites.set(this.txt(target), (this.globalWrites.get(this.txt(target)) ?? 0) + 1);
      } else if (x.type === 'pointer_expression' && this.txt(x).startsWith('&')) {
        const arg = field(x, 'argument');
        if (arg?.type === 'identifier') this.addressTaken.add(this.txt(arg));
      }
      stack.push(...x.children);
    }
  }

  /** The constant a global always holds, when it provably has one; null when it has none. */
  globalConstant(name: string): Expr | null {
    if (this.folded.has(name)) return this.folded.get(name)!;
    this.folded.set(name, null);
    const decl = this.globals[name];
    const init = this.globalInit.get(name);
    let out: Expr | null = null;
    if (decl && init && !decl.dims && decl.ptr === 0 && !this.addressTaken.has(name)) {
      const fixed = decl.isConst || (decl.storage === 'static' && !this.globalWrites.has(name));
      if (fixed) {
        const v = new FunctionLowering(this, this.text, undefined, undefined).expr(init, []);
        if (v.k === 'const') out = v;
      }
    }
    this.folded.set(name, out);
    return out;
  }

  private noteConstantFunction(n: LNode): void {
    const name = this.functionName(n);
    const body = field(n, 'body');
    if (!name || !body) return;
    const returns: LNode[] = [];
    const pure = (b: LNode): boolean =>
      b.children.every((s) => {
        if (!s.named || s.type === 'comment') return true;
        if (s.type === 'return_statement') {
          returns.push(s);
          return true;
        }
        if (s.type === 'compound_statement') return pure(s);
        return false;
      });
    if (!pure(body) || returns.length === 0) return;
    const lowering = new FunctionLowering(this, this.text, undefined, undefined);
    const values = returns.map((r) => {
      const x = namedChildren(r)[0];
      return x ? lowering.expr(x, []) : undefined;
    });
    const first = values[0];
    if (first?.k !== 'const' || !values.every((v) => v?.k === 'const' && v.v === first.v)) return;
    this.constantFunctions.set(shortName(name), first.v);
  }

  /** The parsed body of a macro, with the arguments spliced in; null when it is not an expression. */
  macroExpression(name: string, args: string[] | undefined): { node: LNode; text: string } | null {
    const def = this.macros.get(name);
    if (!def || def.body === '' || STATEMENT_MACRO.test(def.body)) return null;
    const body = this.macroBody(def, args);
    const text = `int __secreview_macro = (${body});`;
    if (!this.macroCache.has(text)) {
      const tree = parse(this.language, text);
      const decl = tree.rootNode.children.find((c) => c.type === 'declaration');
      const init = decl?.children.find((c) => c.type === 'init_declarator');
      const value = init ? field(init, 'value') : undefined;
      this.macroCache.set(text, tree.rootNode.hasError || !value ? null : value);
    }
    const node = this.macroCache.get(text);
    return node ? { node, text } : null;
  }

  /** The statements of a macro whose body is a block (`{ err(); return NULL; }`), arguments spliced in. */
  macroStatements(name: string, args: string[]): { nodes: LNode[]; text: string } | null {
    const def = this.macros.get(name);
    if (!def?.params || !STATEMENT_MACRO.test(def.body)) return null;
    const text = `void __secreview_macro(void) { ${this.macroBody(def, args).replace(/;?\s*$/, ';')} }`;
    if (!this.macroCache.has(text)) {
      const tree = parse(this.language, text);
      const body = tree.rootNode.children.find((c) => c.type === 'function_definition');
      const block = body ? field(body, 'body') : undefined;
      this.macroCache.set(text, tree.rootNode.hasError || !block ? null : block);
    }
    const block = this.macroCache.get(text);
    return block ? { nodes: block.children.filter((c) => c.named), text } : null;
  }

  private macroBody(def: MacroDef, args: string[] | undefined): string {
    if (!def.params || !args) return def.body;
    const params = def.params;
    return def.body.replace(/[A-Za-z_]\w*/g, (id) => {
      const i = params.indexOf(id);
      if (i < 0 || args[i] === undefined) return id;
      // A lone name or number needs no parentheses, and may stand where they cannot (`p->slot`).
      return /^(?:[A-Za-z_]\w*|\d\w*)$/.test(args[i].trim()) ? args[i].trim() : `(${args[i]})`;
    });
  }

  private lowerFunction(n: LNode, cls: string | undefined): void {
    const full = this.functionName(n);
    if (!full) return;
    const qualified = cls && !full.includes('::') ? `${cls}::${full}` : full;
    const owner = cls ?? (full.includes('::') ? full.slice(0, full.lastIndexOf('::')) : undefined);
    const fn = this.newFunction(qualified, shortName(full), n);
    const nameNode = findName(n);
    if (nameNode) fn.nameSpan = { s: nameNode.s, e: nameNode.e };
    const lowering = new FunctionLowering(this, this.text, fn, owner);
    lowering.function(n);
  }
}

/** Blocks that begin a scope of their own for the declarations in them. */
const SCOPES = new Set(['compound_statement', 'for_statement', 'for_range_loop']);
/** Statements a declaration can be found in (expressions hold none, and are not walked for them). */
const HOLDS_DECLARATIONS = new Set([
  ...SCOPES, 'if_statement', 'else_clause', 'while_statement', 'do_statement', 'switch_statement', 'case_statement',
  'labeled_statement', 'preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif', 'preproc_elifdef', 'try_statement', 'catch_clause',
]);

/** The identifier a declarator declares: `x`, `*x`, `x[4]`, `(*x)(int)`, `x = init`. */
function declaredName(d: LNode): LNode | undefined {
  let x: LNode | undefined = d;
  while (x && x.type !== 'identifier') x = field(x, 'declarator');
  return x;
}

function shortName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1);
}

function findName(fn: LNode): LNode | undefined {
  let d = field(fn, 'declarator');
  while (d && d.type !== 'function_declarator') d = field(d, 'declarator') ?? namedChildren(d).find((c) => c.type.endsWith('declarator'));
  return d ? field(d, 'declarator') : undefined;
}

function countNodes(n: LNode, limit: number): number {
  let count = 0;
  const stack = [n];
  while (stack.length > 0 && count <= limit) {
    const x = stack.pop()!;
    count++;
    stack.push(...x.children);
  }
  return count;
}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const ASSIGN_OPS = /^(.*)=$/;

/** Lowers one function body (or, without a function, expressions at file scope and in macros). */
class FunctionLowering {
  private readonly locals = new Map<string, VarDecl>();
  /** Local function pointers only ever set to one function of this file, by name: that function. */
  private readonly fnPointers = new Map<string, string>();
  /**
   * Declarations in an inner block of a name an outer one already declares (`int data = *p;`
   * inside a block of a function with its own `data`), by the declarator's offset: the distinct
   * name the IR gives that variable.
   */
  private readonly shadows = new Map<number, string>();
  /** While lowering: the names each enclosing block declared, innermost last, by their IR name. */
  private readonly scopes: Array<Map<string, string>> = [];
  private readonly loops: LoopContext[] = [];
  private temp = 0;
  private readonly branchTemps = new Set<string>();
  private hoist: Hoisted = { pre: [], post: [] };
  private macroDepth = 0;
  /** While lowering a macro expansion: the span every node gets (the macro's use site). */
  private spanOverride: Spanned | undefined;

  constructor(
    private readonly m: ModuleLowering,
    private text: string,
    private readonly fn: FunctionIR | undefined,
    private readonly cls: string | undefined,
  ) {}

  private txt(n: LNode): string {
    return this.text.slice(n.s, n.e);
  }

  private sp(n: LNode): Spanned {
    return this.spanOverride ?? { s: n.s, e: n.e };
  }

  // ---- functions --------------------------------------------------------------------------

  /** The parameter declarations of an old-style (K&R) definition, between its declarator and body. */
  private oldStyleParams(n: LNode): Map<string, VarDecl> {
    const out = new Map<string, VarDecl>();
    for (const d of namedChildren(n)) {
      if (d.type !== 'declaration') continue;
      const type = this.m.typeText(d);
      for (const c of d.children) {
        const parsed = c.field === 'declarator' ? this.m.declarator(c, type, 'param') : undefined;
        if (!parsed) continue;
        const decl = { ...parsed.decl, storage: 'param' as const };
        if (decl.dims) decl.ptr += decl.dims.length;
        delete decl.dims;
        out.set(parsed.name, decl);
      }
    }
    return out;
  }

  function(n: LNode): void {
    const fn = this.fn!;
    let d = field(n, 'declarator');
    while (d && d.type !== 'function_declarator') d = field(d, 'declarator') ?? namedChildren(d).find((c) => c.type.endsWith('declarator'));
    const params = d ? field(d, 'parameters') : undefined;
    const body: Stmt[] = [];
    const programArgs: Stmt[] = [];
    const paramDecls: Array<{ name: string; decl: VarDecl; node: LNode }> = [];
    const oldStyle = params && namedChildren(params).some((p) => p.type === 'identifier') ? this.oldStyleParams(n) : undefined;
    for (const p of params ? namedChildren(params) : []) {
      if (p.type === 'identifier') {
        // `int gzclose(gz) gzFile gz; {`: the types follow the list (an undeclared one is an int).
        const name = this.m.txt(p);
        paramDecls.push({ name, decl: oldStyle?.get(name) ?? { type: 'int', ptr: 0, storage: 'param', s: p.s, e: p.e }, node: p });
        continue;
      }
      if (p.type !== 'parameter_declaration' && p.type !== 'optional_parameter_declaration') continue;
      const type = this.m.typeText(p);
      const declNode = field(p, 'declarator');
      if (!declNode) continue;
      const parsed = this.m.declarator(declNode, type, 'param');
      if (!parsed) continue;
      const decl = { ...parsed.decl, storage: 'param' as const };
      if (decl.dims) decl.ptr += decl.dims.length;
      delete decl.dims;
      paramDecls.push({ name: parsed.name, decl, node: p });
    }
    paramDecls.forEach(({ name, decl, node }, i) => {
      const param: Param = { n: name, kind: 'positional', s: node.s, e: node.e, ann: decl.type };
      fn.params.push(param);
      this.locals.set(name, decl);
      // `(int argc, char **argv)`, wherever it sits in the parameter list, is the program's command line.
      const count = paramDecls[i - 1];
      if (count && PROGRAM_ARGUMENTS.has(name) && decl.ptr >= 2 && /\bint\b/.test(count.decl.type) && count.decl.ptr === 0) {
        programArgs.push(this.pseudoSource(count.name, '<argc>', count.node));
        programArgs.push(this.pseudoSource(name, '<argv>', node));
      }
    });
    body.push(...programArgs);
    const block = field(n, 'body');
    if (block) {
      this.declareLocals(block);
      body.push(...this.block(block));
    }
    // The IR names of the function's pointers (locals and parameters) and of the file's.
    const isPointer = (name: string): boolean => {
      const d = this.locals.get(name) ?? this.m.globals[name];
      return !!d && d.ptr > 0 && !d.dims;
    };
    fn.body = splitConditionalAssignments(body, (c) => nullnessTest(c, isPointer));
    fn.locals = [...this.locals.keys(), ...Array.from({ length: this.temp }, (_, i) => `__t${i + 1}`)];
    fn.vars = Object.fromEntries(this.locals);
    if (this.branchTemps.size > 0) fn.branchTemps = [...this.branchTemps];
  }

  private pseudoSource(name: string, callee: string, at: LNode): Stmt {
    const s = this.sp(at);
    return { k: 'assign', t: { k: 'name', n: name, ...s }, x: { k: 'call', f: { k: 'name', n: callee, ...s }, a: [], kw: [], ...s }, ...s };
  }

  /**
   * Every local of the function, so a name is known to be local before its declaration is reached;
   * and the local function pointers set once to a function of this file (`void (*sink)(FILE *) =
   * closeSink;`), whose calls are calls of that function.
   */
  private declareLocals(n: LNode): void {
    this.findShadows(n, new Set(this.locals.keys()));
    const stack = [n];
    const assigned = new Set<string>();
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x.type === 'assignment_expression') {
        const left = field(x, 'left');
        if (left?.type === 'identifier') assigned.add(this.txt(left));
      }
      if (x.type === 'declaration' || x.type === 'for_range_loop') {
        const type = this.m.typeText(x);
        const storage = /\bstatic\b/.test(type) ? 'static' : /\bextern\b/.test(type) ? 'extern' : 'auto';
        for (const d of x.children.filter((c) => c.field === 'declarator')) {
          const target = this.functionPointerTarget(d);
          if (target) {
            // Declared twice (in two blocks): which function it calls is not one thing.
            if (this.fnPointers.has(target.name)) assigned.add(target.name);
            this.fnPointers.set(target.name, target.fn);
          }
          const parsed = this.m.declarator(d, type, storage);
          const shadow = this.shadows.get(d.s);
          if (parsed && shadow) {
            this.locals.set(shadow, parsed.decl);
            continue;
          }
          const known = parsed ? this.locals.get(parsed.name) : undefined;
          if (parsed && !known) this.locals.set(parsed.name, parsed.decl);
          else if (parsed && known && (known.type !== parsed.decl.type || String(known.dims) !== String(parsed.decl.dims))) {
            // Blocks declare the name differently: its size is not one thing.
            this.locals.set(parsed.name, { ...known, ...(known.dims ? { dims: known.dims.map(() => -1) } : {}) });
          }
          else if (d.type === 'function_declarator') {
            const name = field(d, 'declarator');
            if (name && name.type === 'identifier') this.locals.set(this.txt(name), { type, ptr: 0, storage, s: d.s, e: d.e });
          }
        }
      } else if (x.type === 'catch_clause') {
        const params = field(x, 'parameters');
        for (const p of params ? namedChildren(params) : []) {
          const dn = field(p, 'declarator');
          const parsed = dn ? this.m.declarator(dn, this.m.typeText(p), 'auto') : undefined;
          if (parsed) this.locals.set(parsed.name, parsed.decl);
        }
      }
      if (x.type === 'lambda_expression') continue;
      stack.push(...x.children);
    }
    for (const name of assigned) this.fnPointers.delete(name);
  }

  /**
   * Finds the declarations that shadow a name of an enclosing block (see `shadows`): `outer` holds
   * the names the enclosing blocks (and the parameters) declare, `here` those of this block so far.
   * A name an earlier, separate block declared as something else (`char buf[100];` in one branch,
   * `char *buf = malloc(…)` in the other) is another variable too: `first` holds, by name, how
   * the function first declared it.
   */
  private findShadows(n: LNode, outer: ReadonlySet<string>, here = new Set<string>(), first = new Map<string, string>()): void {
    for (const c of n.children) {
      if (!HOLDS_DECLARATIONS.has(c.type) && c.type !== 'declaration') continue;
      if (SCOPES.has(c.type)) {
        this.findShadows(c, here.size > 0 ? new Set([...outer, ...here]) : outer, new Set(), first);
        continue;
      }
      if (c.type === 'declaration') {
        for (const d of c.children.filter((x) => x.field === 'declarator')) {
          const name = declaredName(d);
          if (!name) continue;
          const text = this.txt(name);
          // The type and the declarator's shape around the name (`*`, `[100]`), without its initializer.
          const declarator = d.type === 'init_declarator' ? (field(d, 'declarator') ?? d) : d;
          const shape = `${this.m.typeText(c)}|${this.text.slice(declarator.s, name.s)}|${this.text.slice(name.e, declarator.e)}`;
          const earlier = first.get(text);
          if (!here.has(text) && (outer.has(text) || (earlier !== undefined && earlier !== shape))) this.shadows.set(d.s, `${text}'${this.shadows.size + 1}`);
          if (earlier === undefined) first.set(text, shape);
          here.add(text);
        }
      }
      this.findShadows(c, outer, here, first);
    }
  }

  /** The IR name of `name` where it is read now: a shadowing declaration's own, or itself. */
  private scoped(name: string): string {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const ir = this.scopes[i].get(name);
      if (ir !== undefined) return ir;
    }
    return name;
  }

  /** `(*name)(…) = fn` where fn is a function this file defines: the pointer's name and fn. */
  private functionPointerTarget(d: LNode): { name: string; fn: string } | undefined {
    if (d.type !== 'init_declarator') return undefined;
    const value = field(d, 'value');
    const declarator = field(d, 'declarator');
    if (value?.type !== 'identifier' || declarator?.type !== 'function_declarator' || !this.m.definedFunctions.has(this.txt(value))) return undefined;
    const name = declarator.descendantsOfType('identifier')[0];
    return name ? { name: this.txt(name), fn: this.txt(value) } : undefined;
  }

  // ---- statements -------------------------------------------------------------------------

  private block(n: LNode): Stmt[] {
    const out: Stmt[] = [];
    this.scopes.push(new Map());
    try {
      for (const c of n.children) if (c.named) this.statement(c, out);
    } finally {
      this.scopes.pop();
    }
    return out;
  }

  private body(n: LNode | undefined): Stmt[] {
    if (!n) return [];
    if (n.type === 'compound_statement') return this.block(n);
    const out: Stmt[] = [];
    this.statement(n, out);
    return out;
  }

  /** Lowers `n` with hoisting: assignments and calls nested in it become statements before (and after) it. */
  private withHoist<T>(lower: () => T): { value: T; pre: Stmt[]; post: Stmt[] } {
    const saved = this.hoist;
    this.hoist = { pre: [], post: [] };
    const value = lower();
    const { pre, post } = this.hoist;
    this.hoist = saved;
    return { value, pre, post };
  }

  private statement(n: LNode, out: Stmt[]): void {
    switch (n.type) {
      case 'compound_statement':
        out.push(...this.block(n));
        return;
      case 'expression_statement':
        for (const c of namedChildren(n)) this.expressionStatement(c, out);
        return;
      case 'declaration':
        this.declaration(n, out);
        return;
      case 'if_statement':
        this.ifStatement(n, out);
        return;
      case 'while_statement':
        this.whileStatement(n, out);
        return;
      case 'do_statement':
        this.doStatement(n, out);
        return;
      case 'for_statement':
      case 'for_range_loop':
        // The loop's own declarations are its scope's.
        this.scopes.push(new Map());
        try {
          if (n.type === 'for_statement') this.forStatement(n, out);
          else this.rangeFor(n, out);
        } finally {
          this.scopes.pop();
        }
        return;
      case 'switch_statement':
        this.switchStatement(n, out);
        return;
      case 'return_statement': {
        const value = namedChildren(n)[0];
        if (!value) {
          out.push({ k: 'return', ...this.sp(n) });
          return;
        }
        const h = this.withHoist(() => this.expr(value, out));
        out.push(...h.pre);
        if (h.post.length > 0) {
          const t = this.tempName();
          out.push({ k: 'assign', t: { k: 'name', n: t, ...this.sp(value) }, x: h.value, ...this.sp(value) }, ...h.post);
          out.push({ k: 'return', x: { k: 'name', n: t, ...this.sp(value) }, ...this.sp(n) });
        } else {
          out.push({ k: 'return', x: h.value, ...this.sp(n) });
        }
        return;
      }
      case 'break_statement': {
        const ctx = this.loops[this.loops.length - 1];
        if (ctx?.kind === 'switch') out.push({ k: 'goto', label: ctx.label!, ...this.sp(n) });
        else out.push({ k: 'break', ...this.sp(n) });
        return;
      }
      case 'continue_statement': {
        const ctx = [...this.loops].reverse().find((l) => l.kind === 'loop');
        if (ctx?.label) {
          out.push({ k: 'goto', label: ctx.label, ...this.sp(n) });
          return;
        }
        if (ctx?.update) out.push(...ctx.update);
        out.push({ k: 'continue', ...this.sp(n) });
        return;
      }
      case 'goto_statement': {
        const label = field(n, 'label');
        if (label) out.push({ k: 'goto', label: this.txt(label), ...this.sp(n) });
        return;
      }
      case 'labeled_statement': {
        const label = field(n, 'label');
        if (label) out.push({ k: 'label', n: this.txt(label), ...this.sp(label) });
        for (const c of namedChildren(n)) if (c.field !== 'label') this.statement(c, out);
        return;
      }
      case 'throw_statement': {
        const value = namedChildren(n)[0];
        const h = this.withHoist(() => (value ? this.expr(value, out) : undefined));
        out.push(...h.pre, ...h.post, { k: 'raise', ...(h.value ? { x: h.value } : {}), ...this.sp(n) });
        return;
      }
      case 'try_statement': {
        const body = field(n, 'body');
        const handlers = n.children
          .filter((c) => c.type === 'catch_clause')
          .map((c) => ({ types: [], body: this.body(field(c, 'body')) }));
        out.push({ k: 'try', body: this.body(body), handlers, orelse: [], fin: [], ...this.sp(n) });
        return;
      }
      case 'preproc_if':
      case 'preproc_ifdef':
      case 'preproc_elif':
      case 'preproc_elifdef':
        this.preprocBranch(n, out);
        return;
      case 'preproc_else':
        for (const c of n.children) if (c.named) this.statement(c, out);
        return;
      case 'case_statement':
        for (const c of namedChildren(n)) if (c.field !== 'value') this.statement(c, out);
        return;
      default:
        return;
    }
  }

  private preprocBranch(n: LNode, out: Stmt[]): void {
    const alternative = field(n, 'alternative');
    const then: Stmt[] = [];
    for (const c of n.children) {
      if (!c.named || c === alternative || c.field === 'condition' || c.field === 'name') continue;
      this.statement(c, then);
    }
    const otherwise: Stmt[] = [];
    if (alternative) this.statement(alternative, otherwise);
    const c = this.preprocCondition(n);
    if (c.k === 'const') out.push(...(c.v ? then : otherwise));
    else out.push({ k: 'if', c, t: then, f: otherwise, ...this.sp(n) });
  }

  /** `#ifdef X` is true when this file defines X; anything the file cannot decide stays unknown. */
  private preprocCondition(n: LNode): Expr {
    const sp = this.sp(n);
    const name = field(n, 'name');
    if (name) {
      const defined = this.m.macros.has(this.txt(name));
      const negated = /^#\s*(?:ifndef|elifndef)/.test(this.txt(n));
      return defined ? { k: 'const', v: !negated, ...sp } : { k: 'unknown', ...sp };
    }
    const cond = field(n, 'condition');
    if (!cond) return { k: 'unknown', ...sp };
    const text = this.txt(cond).trim();
    if (/^\d+$/.test(text)) return { k: 'const', v: Number(text) !== 0, ...sp };
    if (/^[A-Za-z_]\w*$/.test(text) && this.m.macros.has(text)) {
      const v = this.expr(cond, []);
      if (v.k === 'const') return { k: 'const', v: Boolean(v.v), ...sp };
    }
    return { k: 'unknown', ...sp };
  }

  private expressionStatement(n: LNode, out: Stmt[]): void {
    if (this.statementMacro(n, out)) return;
    const h = this.withHoist(() => this.sideEffect(n, out));
    out.push(...h.pre, ...h.value, ...h.post);
  }

  /** A call of a macro of this file whose body is statements: lowered as those statements, returns included. */
  private statementMacro(n: LNode, out: Stmt[]): boolean {
    if (n.type !== 'call_expression' || this.macroDepth >= MAX_MACRO_DEPTH) return false;
    const f = field(n, 'function');
    if (f?.type !== 'identifier' || this.locals.has(this.txt(f))) return false;
    const argsNode = field(n, 'arguments');
    const expanded = this.m.macroStatements(this.txt(f), argsNode ? namedChildren(argsNode).map((a) => this.txt(a)) : []);
    if (!expanded) return false;
    const savedText = this.text;
    const savedSpan = this.spanOverride;
    this.text = expanded.text;
    this.spanOverride = { ...this.sp(n), macro: true };
    this.macroDepth++;
    try {
      for (const s of expanded.nodes) this.statement(s, out);
    } finally {
      this.macroDepth--;
      this.text = savedText;
      this.spanOverride = savedSpan;
    }
    return true;
  }

  /** An expression evaluated for its effect: assignments, increments and calls become statements. */
  private sideEffect(n: LNode, out: Stmt[]): Stmt[] {
    switch (n.type) {
      case 'parenthesized_expression': {
        const inner = namedChildren(n)[0];
        return inner ? this.sideEffect(inner, out) : [];
      }
      case 'comma_expression':
        return namedChildren(n).flatMap((c) => this.sideEffect(c, out));
      case 'cast_expression': {
        const value = field(n, 'value');
        return value ? this.sideEffect(value, out) : [];
      }
      case 'assignment_expression':
        return [this.assignment(n, out)];
      case 'update_expression': {
        const arg = field(n, 'argument');
        if (!arg) return [];
        const op = this.txt(n).includes('++') ? '+' : '-';
        return [{ k: 'aug', t: this.target(arg, out), op, x: { k: 'const', v: 1, ...this.sp(n) }, ...this.sp(n) }];
      }
      default: {
        const x = this.expr(n, out);
        if (x.k === 'name' && x.n.startsWith('__t')) return [];
        return [{ k: 'expr', x, ...this.sp(n) }];
      }
    }
  }

  private assignment(n: LNode, out: Stmt[]): Extract<Stmt, { k: 'assign' | 'aug' }> {
    const left = field(n, 'left')!;
    const right = field(n, 'right');
    const opText = operatorOf(n) ?? '=';
    const value: Expr = right ? this.expr(right, out) : { k: 'unknown', ...this.sp(n) };
    const target = this.target(left, out);
    if (opText === '=') return { k: 'assign', t: target, x: left.type === 'identifier' ? nullPointer(this.declOf(this.txt(left)), value) : value, ...this.sp(n) };
    const m = ASSIGN_OPS.exec(opText);
    return { k: 'aug', t: target, op: m ? m[1] : opText, x: value, ...this.sp(n) };
  }

  private declaration(n: LNode, out: Stmt[]): void {
    const type = this.m.typeText(n);
    const isStatic = /\bstatic\b/.test(type);
    for (const d of n.children.filter((c) => c.field === 'declarator')) {
      if (d.type === 'function_declarator') {
        this.constructorDeclaration(d, type, out);
        continue;
      }
      const parsed = this.m.declarator(d, type, isStatic ? 'static' : 'auto');
      if (!parsed) continue;
      const sp = this.sp(parsed.nameNode);
      const vla = this.vlaSize(d, out);
      // The initializer still reads the outer variable of the name (`int data = *ptr;` or `= data`).
      const h = parsed.init && !(isStatic && parsed.init.type !== 'initializer_list') ? this.withHoist(() => this.initializer(parsed.init!, type, out)) : undefined;
      const name = this.shadows.get(d.s) ?? parsed.name;
      this.scopes[this.scopes.length - 1]?.set(parsed.name, name);
      out.push({ k: 'decl', n: name, ...(vla ? { size: vla } : {}), ...this.sp(d) });
      // A static local is initialised once, before the function first runs.
      if (!h) continue;
      out.push(...h.pre);
      out.push({ k: 'assign', t: { k: 'name', n: name, ...sp }, x: nullPointer(parsed.decl, h.value), ...this.sp(d) });
      out.push(...h.post);
    }
  }

  /** `T x(args)`: C++ direct initialisation, which tree-sitter reads as a function declaration. */
  private constructorDeclaration(d: LNode, type: string, out: Stmt[]): void {
    const name = field(d, 'declarator');
    const params = field(d, 'parameters');
    if (!name || name.type !== 'identifier' || !params) return;
    const args: Expr[] = namedChildren(params).map((p) => {
      const t = field(p, 'type');
      const text = t ? this.txt(t) : this.txt(p);
      return /^[A-Za-z_]\w*$/.test(text) ? this.identifier(text, this.sp(p)) : { k: 'unknown', ...this.sp(p) };
    });
    out.push({ k: 'decl', n: this.txt(name), ...this.sp(d) });
    const call: Expr = { k: 'call', f: { k: 'name', n: type.replace(/\b(?:const|static)\b\s*/g, '').trim(), ...this.sp(d) }, a: args, kw: [], ...this.sp(d) };
    out.push({ k: 'assign', t: { k: 'name', n: this.txt(name), ...this.sp(name) }, x: call, ...this.sp(d) });
  }

  private vlaSize(d: LNode, out: Stmt[]): Expr | undefined {
    let cur: LNode | undefined = d.type === 'init_declarator' ? field(d, 'declarator') : d;
    while (cur && cur.type === 'array_declarator') {
      const size = field(cur, 'size');
      if (size) {
        const v = this.expr(size, out);
        if (v.k !== 'const') return v;
      }
      cur = field(cur, 'declarator');
    }
    return undefined;
  }

  private initializer(init: LNode, type: string, out: Stmt[]): Expr {
    if (init.type === 'argument_list') {
      const args = namedChildren(init).map((a) => this.expr(a, out));
      return { k: 'call', f: { k: 'name', n: type.replace(/\b(?:const|static)\b\s*/g, '').trim(), ...this.sp(init) }, a: args, kw: [], ...this.sp(init) };
    }
    return this.expr(init, out);
  }

  private ifStatement(n: LNode, out: Stmt[]): void {
    const condNode = field(n, 'condition');
    const consequence = field(n, 'consequence');
    const alternative = field(n, 'alternative');
    const elseNode = alternative?.type === 'else_clause' ? namedChildren(alternative)[0] : alternative;
    const cond = condNode ? this.conditionNode(condNode) : undefined;
    if (!cond) {
      out.push(...this.body(consequence), ...this.body(elseNode));
      return;
    }
    out.push(...this.conditional(cond, () => this.body(consequence), () => this.body(elseNode), n));
  }

  /**
   * `if (c) t else f`, keeping the side effects of the right operand of `&&`/`||` conditional:
   * `if (a && g(x))` becomes `if (a) { <g's effects>; if (g) t else f } else f` (small `f` only).
   */
  private conditional(cond: LNode, then: () => Stmt[], otherwise: () => Stmt[], at: LNode): Stmt[] {
    const c = unparen(cond);
    if (c.type === 'binary_expression') {
      const op = operatorOf(c) ?? '';
      const left = field(c, 'left');
      const right = field(c, 'right');
      if ((op === '&&' || op === '||') && left && right && this.hasSideEffects(right)) {
        const small = (f: () => Stmt[]): boolean => f().length === 0 || countNodes(at, MAX_DUPLICATED_NODES) <= MAX_DUPLICATED_NODES;
        if (op === '&&' && small(otherwise)) {
          return this.conditional(left, () => this.conditional(right, then, otherwise, at), otherwise, at);
        }
        if (op === '||' && small(then)) {
          return this.conditional(left, then, () => this.conditional(right, then, otherwise, at), at);
        }
      }
    }
    const h = this.withHoist(() => this.expr(cond, []));
    const folded = h.value.k === 'const';
    const t = then();
    const f = otherwise();
    const stmt: Stmt = { k: 'if', c: h.value, t: [...h.post, ...t], f: [...h.post, ...f], ...this.sp(at) };
    if (folded && h.pre.length === 0 && h.post.length === 0) return [stmt];
    return [...h.pre, stmt];
  }

  private hasSideEffects(n: LNode): boolean {
    const stack = [n];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x.type === 'assignment_expression' || x.type === 'update_expression') return true;
      if (x.type === 'call_expression') {
        const f = field(x, 'function');
        const args = field(x, 'arguments');
        if (f && writtenArguments(this.calleeText(f), args ? namedChildren(args).length : 0).length > 0) return true;
      }
      stack.push(...x.children);
    }
    return false;
  }

  private conditionNode(n: LNode): LNode | undefined {
    if (n.type === 'condition_clause') return field(n, 'value') ?? namedChildren(n).find((c) => c.field !== 'initializer');
    return n;
  }

  /** A loop condition with effects runs them at the top of every iteration, and its post-effects on both exits. */
  private loopWith(condNode: LNode | undefined, body: () => Stmt[], at: LNode, update: Stmt[], label?: string): Stmt {
    const sp = this.sp(at);
    if (!condNode) {
      return { k: 'loop', head: [], body: this.inLoop({ kind: 'loop', update, label }, body), orelse: [], ...sp };
    }
    const h = this.withHoist(() => this.expr(condNode, []));
    if (h.post.length === 0) {
      const b = this.inLoop({ kind: 'loop', update, label }, body);
      return { k: 'loop', head: h.pre, c: h.value, body: b, orelse: [], ...sp };
    }
    const exit: Stmt = { k: 'if', c: { k: 'un', op: '!', x: h.value, ...sp }, t: [...h.post, { k: 'break', ...sp }], f: [], ...sp };
    const b = this.inLoop({ kind: 'loop', update, label }, body);
    return { k: 'loop', head: [], body: [...h.pre, exit, ...h.post, ...b], orelse: [], ...sp };
  }

  private inLoop(ctx: LoopContext, body: () => Stmt[]): Stmt[] {
    this.loops.push(ctx);
    try {
      return body();
    } finally {
      this.loops.pop();
    }
  }

  private whileStatement(n: LNode, out: Stmt[]): void {
    const cond = field(n, 'condition');
    out.push(this.loopWith(cond ? this.conditionNode(cond) : undefined, () => this.body(field(n, 'body')), n, []));
  }

  private doStatement(n: LNode, out: Stmt[]): void {
    const sp = this.sp(n);
    const label = `do@${n.s}`;
    const cond = field(n, 'condition');
    const body = this.inLoop({ kind: 'loop', label }, () => this.body(field(n, 'body')));
    const tail: Stmt[] = [{ k: 'label', n: label, ...sp }];
    if (cond) {
      const h = this.withHoist(() => this.expr(cond, []));
      tail.push(...h.pre);
      if (h.value.k === 'const' && !h.value.v) tail.push(...h.post, { k: 'break', ...sp });
      else tail.push({ k: 'if', c: { k: 'un', op: '!', x: h.value, ...sp }, t: [...h.post, { k: 'break', ...sp }], f: [...h.post], ...sp });
    }
    out.push({ k: 'loop', head: [], body: [...body, ...tail], orelse: [], ...sp });
  }

  private forStatement(n: LNode, out: Stmt[]): void {
    const init = field(n, 'initializer');
    if (init) {
      if (init.type === 'declaration') this.declaration(init, out);
      else this.expressionStatement(init, out);
    }
    const update: Stmt[] = [];
    for (const u of n.children.filter((c) => c.field === 'update')) this.expressionStatement(u, update);
    const cond = field(n, 'condition');
    const loop = this.loopWith(cond, () => [...this.body(field(n, 'body')), ...update], n, update);
    out.push(loop);
  }

  private rangeFor(n: LNode, out: Stmt[]): void {
    const sp = this.sp(n);
    const right = field(n, 'right');
    const decl = field(n, 'declarator');
    const seq = right ? this.expr(right, out) : ({ k: 'unknown', ...sp } as Expr);
    const parsed = decl ? this.m.declarator(decl, this.m.typeText(n), 'auto') : undefined;
    const head: Stmt[] = parsed
      ? [{ k: 'assign', t: { k: 'name', n: parsed.name, ...sp }, x: { k: 'index', o: seq, i: { k: 'unknown', ...sp }, ...sp }, ...sp }]
      : [];
    out.push({ k: 'loop', head, body: this.inLoop({ kind: 'loop' }, () => this.body(field(n, 'body'))), orelse: [], ...sp });
  }

  /** `switch` as dispatch on gotos: each case body follows the next as in C, `break` jumps to the end. */
  private switchStatement(n: LNode, out: Stmt[]): void {
    const sp = this.sp(n);
    const cond = field(n, 'condition');
    const body = field(n, 'body');
    const id = `switch@${n.s}`;
    const end = `${id}:end`;
    const h = this.withHoist(() => (cond ? this.expr(cond, []) : ({ k: 'unknown', ...sp } as Expr)));
    out.push(...h.pre, ...h.post);
    let subject = h.value;
    if (subject.k !== 'name' && subject.k !== 'const') {
      const t = this.tempName();
      out.push({ k: 'assign', t: { k: 'name', n: t, ...sp }, x: subject, ...sp });
      subject = { k: 'name', n: t, ...sp };
    }
    const cases = body ? body.children.filter((c) => c.type === 'case_statement') : [];
    let dispatch: Stmt[] = [{ k: 'goto', label: end, ...sp }];
    const labels = cases.map((_, i) => `${id}:${i}`);
    const defaultIndex = cases.findIndex((c) => !field(c, 'value'));
    if (defaultIndex >= 0) dispatch = [{ k: 'goto', label: labels[defaultIndex], ...sp }];
    for (let i = cases.length - 1; i >= 0; i--) {
      const value = field(cases[i], 'value');
      if (!value) continue;
      const v = this.expr(value, []);
      const test: Expr = { k: 'cmp', ops: ['=='], xs: [subject, v], ...this.sp(value) };
      dispatch = [{ k: 'if', c: test, t: [{ k: 'goto', label: labels[i], ...sp }], f: dispatch, ...this.sp(cases[i]) }];
    }
    out.push(...dispatch);
    this.loops.push({ kind: 'switch', label: end });
    try {
      cases.forEach((c, i) => {
        out.push({ k: 'label', n: labels[i], ...this.sp(c) });
        this.statement(c, out);
      });
    } finally {
      this.loops.pop();
    }
    out.push({ k: 'label', n: end, ...sp });
  }

  // ---- targets ----------------------------------------------------------------------------

  private target(n: LNode, out: Stmt[]): Target {
    const x = this.expr(n, out);
    return toTarget(x);
  }

  // ---- expressions ------------------------------------------------------------------------

  /**
   * The calls hoisted out of the branches of `c ? t : f`, `l && r` or `l || r` run only on their
   * branch: `p ? strcpy(p, s) : NULL` copies only when p is set. They go before the expression,
   * inside an `if` on the same condition (side-effect free once its own calls are hoisted); what
   * runs after the statement (`i++`) stays after it.
   */
  private hoistBranches(c: Expr, t: { pre: Stmt[]; post: Stmt[] }, f: { pre: Stmt[]; post: Stmt[] }, sp: Spanned): void {
    this.hoist.post.push(...t.post, ...f.post);
    if (t.pre.length === 0 && f.pre.length === 0) return;
    // The expression reads the call temporaries after the branches join: they must outlive it.
    for (const st of [...t.pre, ...f.pre]) if (st.k === 'assign' && !st.via && st.t.k === 'name' && st.t.n.startsWith('__t')) this.branchTemps.add(st.t.n);
    this.hoist.pre.push({ k: 'if', c, t: t.pre, f: f.pre, ...sp });
  }

  private tempName(): string {
    return `__t${++this.temp}`;
  }

  expr(n: LNode, out: Stmt[]): Expr {
    const sp = this.sp(n);
    switch (n.type) {
      case 'parenthesized_expression': {
        const inner = namedChildren(n)[0];
        return inner ? this.expr(inner, out) : { k: 'unknown', ...sp };
      }
      case 'number_literal': {
        const text = this.txt(n);
        const int = parseIntegerLiteral(text);
        if (int !== undefined) return { k: 'const', v: int, ...sp };
        const f = Number.parseFloat(text.replace(/[fFlL]+$/, ''));
        return Number.isFinite(f) ? { k: 'const', v: f, ...sp } : { k: 'opaque', ...sp };
      }
      case 'char_literal': {
        const body = this.txt(n).replace(/^[uUL]?'|'$/g, '');
        const simple: Record<string, number> = { '\\n': 10, '\\t': 9, '\\r': 13, '\\0': 0, "\\'": 39, '\\\\': 92 };
        const v = simple[body] ?? (body.length === 1 ? body.charCodeAt(0) : undefined);
        return v === undefined ? { k: 'opaque', ...sp } : { k: 'const', v, ...sp };
      }
      case 'string_literal':
      case 'raw_string_literal':
        // Read from the text being lowered, which is a macro's body inside an expansion.
        return { k: 'const', v: stringLiteralValue(this.txt(n)), ...sp };
      case 'concatenated_string': {
        let text = '';
        for (const part of namedChildren(n)) {
          const v = this.expr(part, out);
          if (v.k !== 'const' || typeof v.v !== 'string') return { k: 'opaque', ...sp };
          text += v.v;
        }
        return { k: 'const', v: text, ...sp };
      }
      case 'true':
        return { k: 'const', v: true, ...sp };
      case 'false':
        return { k: 'const', v: false, ...sp };
      case 'null':
      case 'nullptr':
        return { k: 'const', v: null, ...sp };
      case 'identifier':
        return this.identifier(this.txt(n), sp);
      case 'this':
        return { k: 'name', n: 'this', ...sp };
      case 'qualified_identifier': {
        const text = this.txt(n).replace(/^::/, '');
        return { k: 'name', n: text, ...sp };
      }
      case 'field_expression': {
        const o = field(n, 'argument');
        const f = field(n, 'field');
        const arrow = operatorOf(n) === '->';
        const base = o ? this.expr(o, out) : ({ k: 'unknown', ...sp } as Expr);
        return { k: 'attr', o: base, n: f ? this.unionMember(base, this.txt(f), arrow) : '?', ...(arrow ? { arrow: true } : {}), ...sp };
      }
      case 'subscript_expression': {
        const o = field(n, 'argument');
        const indices = field(n, 'indices') ?? field(n, 'index');
        const idxNode = indices ? (indices.type === 'subscript_argument_list' ? namedChildren(indices)[0] : indices) : undefined;
        const i = idxNode ? this.expr(idxNode, out) : ({ k: 'unknown', ...sp } as Expr);
        // `(uint)(p)[1]` casts the element: the parser, not knowing `uint` is a type, read a call.
        const cast = o ? this.typedefCast(o) : undefined;
        if (cast) return { k: 'un', op: 'cast', ty: cast.type, x: { k: 'index', o: this.expr(cast.arg, out), i, ...sp }, ...sp };
        return { k: 'index', o: o ? this.expr(o, out) : { k: 'unknown', ...sp }, i, ...sp };
      }
      case 'pointer_expression': {
        const arg = field(n, 'argument');
        const x = arg ? this.expr(arg, out) : ({ k: 'unknown', ...sp } as Expr);
        if (this.txt(n).trimStart().startsWith('&')) return { k: 'un', op: '&', x, ...sp };
        return { k: 'index', o: x, i: { k: 'const', v: 0, ...sp }, ...sp };
      }
      case 'unary_expression': {
        const arg = field(n, 'argument');
        const x = arg ? this.expr(arg, out) : ({ k: 'unknown', ...sp } as Expr);
        const o = operatorOf(n) ?? '?';
        if (x.k === 'const' && typeof x.v === 'number') {
          if (o === '-') return { k: 'const', v: -x.v, ...sp };
          if (o === '+') return x;
          if (o === '!') return { k: 'const', v: x.v === 0 ? 1 : 0, ...sp };
          if (o === '~' && Number.isInteger(x.v) && Math.abs(x.v) < 2 ** 31) return { k: 'const', v: ~x.v, ...sp };
        }
        if (x.k === 'const' && o === '!' && (typeof x.v === 'boolean' || x.v === null)) return { k: 'const', v: x.v ? 0 : 1, ...sp };
        return { k: 'un', op: o, x, ...sp };
      }
      case 'binary_expression':
        return this.binary(n, out);
      case 'conditional_expression': {
        const c = field(n, 'condition');
        const t = field(n, 'consequence');
        const f = field(n, 'alternative');
        const cx = c ? this.expr(c, out) : ({ k: 'unknown', ...sp } as Expr);
        const tb = this.withHoist(() => (t ? this.expr(t, out) : cx));
        const fb = this.withHoist(() => (f ? this.expr(f, out) : ({ k: 'unknown', ...sp } as Expr)));
        if (cx.k === 'const') {
          const live = cx.v ? tb : fb;
          this.hoist.pre.push(...live.pre);
          this.hoist.post.push(...live.post);
          return live.value;
        }
        this.hoistBranches(cx, tb, fb, sp);
        return { k: 'cond', c: cx, t: tb.value, f: fb.value, ...sp };
      }
      case 'cast_expression': {
        const value = field(n, 'value');
        const type = field(n, 'type');
        const x = value ? this.expr(value, out) : ({ k: 'unknown', ...sp } as Expr);
        if (x.k === 'const') return x;
        return { k: 'un', op: 'cast', x, ty: type ? this.txt(type).replace(/\s+/g, ' ') : '?', ...sp };
      }
      case 'sizeof_expression':
      case 'alignof_expression': {
        const size = this.sizeOf(n);
        return size === undefined ? { k: 'opaque', ...sp } : { k: 'const', v: size, ty: 'size_t', ...sp };
      }
      case 'call_expression':
        return this.call(n, out);
      case 'assignment_expression': {
        const stmt = this.assignment(n, out);
        this.hoist.pre.push(stmt);
        return targetToExpr(stmt.t, sp);
      }
      case 'update_expression': {
        const arg = field(n, 'argument');
        if (!arg) return { k: 'unknown', ...sp };
        const x = this.expr(arg, out);
        const text = this.txt(n);
        const op = text.includes('++') ? '+' : '-';
        const stmt: Stmt = { k: 'aug', t: toTarget(x), op, x: { k: 'const', v: 1, ...sp }, ...sp };
        const prefix = /^\s*(\+\+|--)/.test(text);
        if (prefix) this.hoist.pre.push(stmt);
        else this.hoist.post.push(stmt);
        return x;
      }
      case 'comma_expression': {
        const parts = namedChildren(n);
        for (const p of parts.slice(0, -1)) this.hoist.pre.push(...this.sideEffect(p, out));
        return parts.length ? this.expr(parts[parts.length - 1], out) : { k: 'unknown', ...sp };
      }
      case 'initializer_list':
        return { k: 'seq', kind: 'list', xs: namedChildren(n).map((c) => this.expr(c, out)), ...sp };
      case 'compound_literal_expression': {
        const value = field(n, 'value');
        return value ? this.expr(value, out) : { k: 'unknown', ...sp };
      }
      case 'new_expression':
        return this.newExpression(n, out);
      case 'delete_expression': {
        const arg = namedChildren(n).find((c) => c.type !== 'comment');
        const array = /delete\s*\[\s*\]/.test(this.txt(n));
        return { k: 'call', f: { k: 'name', n: array ? 'operator delete[]' : 'operator delete', ...sp }, a: arg ? [this.expr(arg, out)] : [], kw: [], ...sp };
      }
      case 'lambda_expression':
        return { k: 'unknown', ...sp };
      case 'template_function':
        return { k: 'name', n: this.txt(n), ...sp };
      default:
        return { k: 'unknown', ...sp };
    }
  }

  private binary(n: LNode, out: Stmt[]): Expr {
    const sp = this.sp(n);
    const op = operatorOf(n) ?? '?';
    const l = this.expr(field(n, 'left')!, out);
    if (op === '&&' || op === '||') {
      const right = this.withHoist(() => this.expr(field(n, 'right')!, out));
      const r = right.value;
      if (l.k === 'const') {
        const lt = truthyConst(l.v);
        if (op === '&&' && !lt) return { k: 'const', v: 0, ...sp };
        if (op === '||' && lt) return { k: 'const', v: 1, ...sp };
        this.hoist.pre.push(...right.pre);
        this.hoist.post.push(...right.post);
        if (r.k === 'const') return { k: 'const', v: truthyConst(r.v) ? 1 : 0, ...sp };
        return r;
      }
      const none = { pre: [], post: [] };
      if (op === '&&') this.hoistBranches(l, right, none, sp);
      else this.hoistBranches(l, none, right, sp);
      return { k: 'bool', op: op === '&&' ? 'and' : 'or', xs: [l, r], ...sp };
    }
    const r = this.expr(field(n, 'right')!, out);
    if (COMPARISONS.has(op)) {
      if (l.k === 'const' && r.k === 'const') {
        const v = compareConst(op, l.v, r.v);
        if (v !== undefined) return { k: 'const', v: v ? 1 : 0, ...sp };
      }
      return { k: 'cmp', ops: [op], xs: [l, r], ...sp };
    }
    if (l.k === 'const' && r.k === 'const' && typeof l.v === 'number' && typeof r.v === 'number') {
      const v = foldC(op, l.v, r.v);
      const ty = l.ty ?? r.ty;
      if (v !== undefined) return { k: 'const', v, ...(ty ? { ty } : {}), ...sp };
    }
    return { k: 'bin', op, l, r, ...sp };
  }

  /** A name as seen from this function: a local, a folded constant, a macro, or a global. */
  identifier(name: string, sp: Spanned): Expr {
    const local = this.scoped(name);
    if (this.locals.has(local)) return { k: 'name', n: local, ...sp };
    const e = this.m.enums.get(name);
    if (e !== undefined) return { k: 'const', v: e, ...sp };
    // A file that declares a variable of a macro's name defines the macro in another #if branch.
    // An `extern` declaration is of a variable defined elsewhere, whose value the project may know.
    if (this.m.macros.has(name) && (!this.m.globals[name] || this.m.globals[name].storage === 'extern') && this.macroDepth < MAX_MACRO_DEPTH) {
      const expanded = this.m.macroExpression(name, undefined);
      if (expanded) return this.expandMacro(expanded, sp);
    }
    if (this.m.globals[name]) {
      const folded = this.m.globalConstant(name);
      if (folded) return { ...folded, ...sp };
      return { k: 'name', n: name, ...sp };
    }
    if (this.cls) {
      const fields = this.m.structs[this.cls];
      if (fields?.[name]) return { k: 'attr', o: { k: 'name', n: 'this', ...sp }, n: name, arrow: true, ...sp };
    }
    // zlib's own name for it, in every program that uses zlib without its header under review.
    if (name === 'NULL' || name === 'Z_NULL') return { k: 'const', v: null, ...sp };
    const header = HEADER_CONSTANTS[name];
    if (header !== undefined) return { k: 'const', v: header, ...sp };
    return { k: 'name', n: name, ...sp };
  }

  private expandMacro(expanded: { node: LNode; text: string }, sp: Spanned): Expr {
    const savedText = this.text;
    const savedSpan = this.spanOverride;
    this.text = expanded.text;
    this.spanOverride = { ...sp, macro: true };
    this.macroDepth++;
    try {
      return this.expr(expanded.node, []);
    } finally {
      this.macroDepth--;
      this.text = savedText;
      this.spanOverride = savedSpan;
    }
  }

  calleeText(f: LNode): string {
    let text = this.txt(f).replace(/\s+/g, '').replace(/^::/, '');
    const pointed = f.type === 'identifier' ? this.fnPointers.get(text) : undefined;
    if (pointed) return pointed;
    // A name a macro gives another function (`#define GETENV getenv`, `#define SNPRINTF _snprintf`).
    const alias = f.type === 'identifier' && !this.locals.has(text) ? this.m.macros.get(text) : undefined;
    if (alias && !alias.params && /^[A-Za-z_]\w*$/.test(alias.body) && alias.body !== text) text = alias.body;
    const plain = text.startsWith('std::') ? text.slice(5) : text;
    return text.startsWith('std::') && isCLibraryName(plain) && writtenArguments(text, 9).length === 0 ? plain : text;
  }

  /**
   * `(uint)(x)`: a cast to a type name the parser cannot tell from a variable (a typedef of the
   * file, or a name ending in `_t`), which it reads as a call of the parenthesised name.
   */
  private typedefCast(n: LNode): { type: string; arg: LNode } | undefined {
    if (n.type !== 'call_expression') return undefined;
    const fn = field(n, 'function');
    const inner = fn?.type === 'parenthesized_expression' ? namedChildren(fn) : [];
    const argsNode = field(n, 'arguments');
    const args = argsNode ? namedChildren(argsNode) : [];
    if (inner.length !== 1 || inner[0].type !== 'identifier' || args.length !== 1) return undefined;
    const name = this.txt(inner[0]);
    if (this.locals.has(name) || this.m.globals[name] || !(this.m.typedefs[name] || /^[A-Za-z_]\w*_t$/.test(name))) return undefined;
    return { type: name, arg: args[0] };
  }

  private call(n: LNode, out: Stmt[]): Expr {
    const sp = this.sp(n);
    const cast = this.typedefCast(n);
    if (cast) return { k: 'un', op: 'cast', ty: cast.type, x: this.expr(cast.arg, out), ...sp };
    const fnNode = field(n, 'function');
    const argsNode = field(n, 'arguments');
    const argNodes = argsNode ? namedChildren(argsNode) : [];
    if (fnNode && fnNode.type === 'identifier') {
      const name = this.txt(fnNode);
      if (!this.locals.has(name) && this.m.macros.get(name)?.params && this.macroDepth < MAX_MACRO_DEPTH) {
        const expanded = this.m.macroExpression(name, argNodes.map((a) => this.txt(a)));
        if (expanded) return this.expandMacro(expanded, sp);
      }
      const constant = this.m.constantFunctions.get(name);
      if (constant !== undefined && !this.locals.has(name)) return { k: 'const', v: constant, ...sp };
    }
    if (fnNode?.type === 'template_function' && argNodes.length === 1 && /^(?:static|reinterpret|const|dynamic)_cast$/.test(this.txt(field(fnNode, 'name') ?? fnNode))) {
      const args = field(fnNode, 'arguments');
      const x = this.expr(argNodes[0], out);
      return { k: 'un', op: 'cast', x, ty: args ? this.txt(args).replace(/^<|>$/g, '').trim() : '?', ...sp };
    }
    let f: Expr;
    let callee = '';
    if (!fnNode) f = { k: 'unknown', ...sp };
    else if (fnNode.type === 'identifier' || fnNode.type === 'qualified_identifier' || fnNode.type === 'template_function') {
      callee = this.calleeText(fnNode);
      f = { k: 'name', n: callee, ...this.sp(fnNode) };
    } else {
      f = this.expr(fnNode, out);
    }
    const args = argNodes.map((a) => this.expr(a, out));
    const call: Expr = { k: 'call', f, a: args, kw: [], ...sp };
    const written = callee ? writtenArguments(callee, args.length) : [];
    if (written.length === 0) return call;
    // The call writes through some arguments: store its value there, right after it runs.
    const t = this.tempName();
    this.hoist.pre.push({ k: 'assign', t: { k: 'name', n: t, ...sp }, x: call, ...sp });
    for (const i of written) {
      const target = pointee(args[i]);
      if (target) this.hoist.pre.push({ k: 'assign', t: target, x: { k: 'name', n: t, ...sp }, via: 'out', ...sp });
    }
    return { k: 'name', n: t, ...sp };
  }

  private newExpression(n: LNode, out: Stmt[]): Expr {
    const sp = this.sp(n);
    const declarator = field(n, 'declarator');
    const placement = field(n, 'placement');
    const argsNode = field(n, 'arguments');
    const type = field(n, 'type');
    const args: Expr[] = [];
    let name = 'operator new';
    if (declarator?.type === 'new_declarator') {
      name = 'operator new[]';
      const length = field(declarator, 'length');
      if (length) args.push(this.expr(length, out));
    } else if (argsNode) {
      for (const a of namedChildren(argsNode)) args.push(this.expr(a, out));
    }
    if (placement && /nothrow/.test(this.txt(placement))) name += '(nothrow)';
    else if (placement) {
      // `new (buf) T(…)` builds in storage it is given and allocates nothing: its value is `buf`.
      const where = namedChildren(placement)[0];
      if (where) {
        for (const a of args) out.push({ k: 'expr', x: a, ...sp });
        return this.expr(where, out);
      }
    }
    return { k: 'call', f: { k: 'name', n: name, ...sp }, a: args, kw: [{ n: 'type', x: { k: 'const', v: type ? this.txt(type) : '?', ...sp } }], ...sp };
  }

  // ---- sizeof -----------------------------------------------------------------------------

  private sizeOf(n: LNode): number | undefined {
    const type = field(n, 'type');
    if (type) return this.typeDescriptorSize(type);
    const value = field(n, 'value') ?? namedChildren(n)[0];
    return value ? this.exprSize(value) : undefined;
  }

  private typeDescriptorSize(t: LNode): number | undefined {
    const text = this.txt(t).replace(/\s+/g, ' ').trim();
    if (/\*\s*$/.test(text) || /\(\s*\*/.test(text)) return POINTER_SIZE;
    const arr = /^(.*?)\s*\[\s*(\d+)\s*\]$/.exec(text);
    if (arr) {
      const inner = this.typeSize(arr[1], 0);
      return inner === undefined ? undefined : inner * Number(arr[2]);
    }
    return this.typeSize(text, 0);
  }

  typeSize(type: string, ptr: number, dims?: number[]): number | undefined {
    let elem: number | undefined;
    if (ptr > 0) elem = POINTER_SIZE;
    else {
      const base = type.replace(/\b(?:const|volatile|static|struct|union|class|enum)\b/g, '').replace(/\s+/g, ' ').trim();
      elem = scalarSize(base) ?? this.structSize(base) ?? (/\benum\b/.test(type) ? 4 : undefined);
    }
    if (elem === undefined) return undefined;
    for (const d of dims ?? []) {
      if (d < 0) return undefined;
      elem *= d;
    }
    return elem;
  }

  private structSize(name: string, depth = 0): number | undefined {
    const fields = this.m.structs[name];
    if (!fields || depth > 4) return undefined;
    let size = 0;
    let align = 1;
    for (const f of Object.values(fields)) {
      const s = this.typeSize(f.type, f.ptr, f.dims);
      if (s === undefined) return undefined;
      const a = Math.min(8, f.ptr > 0 ? POINTER_SIZE : scalarSize(f.type.replace(/\b(?:const|volatile)\b/g, '').trim()) ?? 8);
      size = Math.ceil(size / a) * a + s;
      align = Math.max(align, a);
    }
    return Math.ceil(size / align) * align;
  }

  /**
   * A member of a union variable is read and written as its first member: all of them are one
   * storage (`u.unionFirst = data; … u.unionSecond` reads `data`).
   */
  private unionMember(base: Expr, member: string, arrow: boolean): string {
    if (base.k !== 'name') return member;
    const d = this.declOf(base.n);
    if (!d || d.ptr !== (arrow ? 1 : 0) || d.dims) return member;
    const type = d.type.replace(/\b(?:const|volatile|union)\b/g, '').trim();
    const first = this.m.unions.has(type) ? Object.keys(this.m.structs[type] ?? {})[0] : undefined;
    return first ?? member;
  }

  private declOf(name: string): VarDecl | undefined {
    // The declaration in scope where it is read: a shadowing one has its own IR name.
    return this.locals.get(this.scoped(name)) ?? this.m.globals[name];
  }

  /** sizeof an expression: variables, their pointees, fields and elements, string literals. */
  private exprSize(n: LNode): number | undefined {
    const x = unparen(n);
    switch (x.type) {
      case 'identifier': {
        const d = this.declOf(this.txt(x));
        return d ? this.typeSize(d.type, d.ptr, d.dims) : undefined;
      }
      case 'string_literal':
        return stringLiteralValue(this.txt(x)).length + 1;
      case 'pointer_expression': {
        const arg = field(x, 'argument');
        if (!arg || this.txt(x).trimStart().startsWith('&')) return POINTER_SIZE;
        const d = this.exprDecl(arg);
        if (!d) return undefined;
        if (d.dims && d.dims.length > 0) return this.typeSize(d.type, d.ptr, d.dims.slice(1));
        return d.ptr > 1 ? POINTER_SIZE : this.typeSize(d.type, 0);
      }
      case 'subscript_expression': {
        const arg = field(x, 'argument');
        const d = arg ? this.exprDecl(arg) : undefined;
        if (!d) return undefined;
        if (d.dims && d.dims.length > 0) return this.typeSize(d.type, d.ptr, d.dims.slice(1));
        return d.ptr > 1 ? POINTER_SIZE : this.typeSize(d.type, 0);
      }
      case 'field_expression': {
        const d = this.exprDecl(x);
        return d ? this.typeSize(d.type, d.ptr, d.dims) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** The declaration behind a variable or a field access, for sizeof. */
  private exprDecl(n: LNode): VarDecl | undefined {
    const x = unparen(n);
    if (x.type === 'identifier') return this.declOf(this.txt(x));
    if (x.type === 'field_expression') {
      const base = field(x, 'argument');
      const f = field(x, 'field');
      const bd = base ? this.exprDecl(base) : undefined;
      if (!bd || !f) return undefined;
      const structName = bd.type.replace(/\b(?:const|volatile|struct|union|class)\b/g, '').trim();
      return this.m.structs[structName]?.[this.txt(f)];
    }
    if (x.type === 'subscript_expression' || x.type === 'pointer_expression') {
      const arg = field(x, 'argument');
      const d = arg ? this.exprDecl(arg) : undefined;
      if (!d) return undefined;
      if (d.dims && d.dims.length > 0) return { ...d, dims: d.dims.slice(1) };
      return { ...d, ptr: Math.max(0, d.ptr - 1) };
    }
    return undefined;
  }
}

/**
 * `x = p ? a : b;`, where `p` is a pointer tested for NULL, as `if (p) x = a; else x = b;`: the
 * paths through the two values stay apart, so what the test says about `p` still holds where `x`
 * is used (`f = name ? fopen(name, "r") : stdin; if (!f) … name …` reads `name` only where it is
 * set). Other conditions (`size = size ? 2 * size : 128`) keep one joined value, which loops need
 * to settle. Calls in the condition are already in temporaries, so testing it again changes nothing.
 */
function splitConditionalAssignments(list: Stmt[], split: (c: Expr) => boolean): Stmt[] {
  const each = (l: Stmt[]): Stmt[] => splitConditionalAssignments(l, split);
  return list.map((s): Stmt => {
    switch (s.k) {
      case 'assign':
        if (s.x.k !== 'cond' || s.via || !split(s.x.c)) return s;
        return { k: 'if', c: s.x.c, t: each([{ ...s, x: s.x.t }]), f: each([{ ...s, x: s.x.f }]), s: s.s, e: s.e };
      case 'if':
        return { ...s, t: each(s.t), f: each(s.f) };
      case 'loop':
        return { ...s, head: each(s.head), body: each(s.body), orelse: each(s.orelse) };
      case 'try':
        return { ...s, body: each(s.body), handlers: s.handlers.map((h) => ({ ...h, body: each(h.body) })), orelse: each(s.orelse), fin: each(s.fin) };
      default:
        return s;
    }
  });
}

/** `p`, `!p`, `p == NULL`, `p != 0` … for a pointer variable `p`. */
function nullnessTest(c: Expr, isPointer: (name: string) => boolean): boolean {
  if (c.k === 'un' && c.op === '!') return nullnessTest(c.x, isPointer);
  if (c.k === 'name') return isPointer(c.n);
  if (c.k !== 'cmp' || c.xs.length !== 2 || (c.ops[0] !== '==' && c.ops[0] !== '!=')) return false;
  const [l, r] = c.xs;
  const isNull = (x: Expr): boolean => x.k === 'const' && (x.v === null || x.v === 0);
  return (l.k === 'name' && isPointer(l.n) && isNull(r)) || (r.k === 'name' && isPointer(r.n) && isNull(l));
}

/** `p = 0`, `char *p = 0;`: the constant 0 given to a pointer is the null pointer, as NULL is. */
function nullPointer(decl: VarDecl | undefined, value: Expr): Expr {
  return decl && decl.ptr > 0 && !decl.dims && value.k === 'const' && value.v === 0 ? { ...value, v: null } : value;
}

/** The operator of an expression: its first anonymous child (copied without spans, only its type). */
function operatorOf(n: LNode): string | undefined {
  return n.children.find((c) => !c.named)?.type;
}

function unparen(n: LNode): LNode {
  let x = n;
  while (x.type === 'parenthesized_expression' || x.type === 'condition_clause') {
    const inner = namedChildren(x)[0];
    if (!inner) return x;
    x = inner;
  }
  return x;
}

function toTarget(x: Expr): Target {
  switch (x.k) {
    case 'name':
      return { k: 'name', n: x.n, s: x.s, e: x.e };
    case 'attr':
      return { k: 'attr', o: x.o, n: x.n, s: x.s, e: x.e, ...(x.arrow ? { arrow: true } : {}) };
    case 'index':
      return { k: 'index', o: x.o, i: x.i, s: x.s, e: x.e };
    case 'un':
      if (x.op === 'cast') return toTarget(x.x);
      return { k: 'none', s: x.s, e: x.e };
    default:
      return { k: 'none', s: x.s, e: x.e };
  }
}

function targetToExpr(t: Target, sp: Spanned): Expr {
  switch (t.k) {
    case 'name':
      return { k: 'name', n: t.n, ...sp };
    case 'attr':
      return { k: 'attr', o: t.o, n: t.n, ...(t.arrow ? { arrow: true } : {}), ...sp };
    case 'index':
      return { k: 'index', o: t.o, i: t.i, ...sp };
    default:
      return { k: 'unknown', ...sp };
  }
}

/** The memory a pointer argument designates: `&x` is `x`, `buf` or `buf + n` is `buf`'s elements. */
function pointee(arg: Expr): Target | undefined {
  let x = arg;
  while (x.k === 'un' && x.op === 'cast') x = x.x;
  if (x.k === 'un' && x.op === '&') return toTarget(x.x).k === 'none' ? undefined : toTarget(x.x);
  if (x.k === 'bin' && (x.op === '+' || x.op === '-')) x = x.l;
  if (x.k === 'name' || x.k === 'attr' || x.k === 'index') return { k: 'index', o: x, i: { k: 'unknown', s: x.s, e: x.e }, s: x.s, e: x.e };
  return undefined;
}

function truthyConst(v: unknown): boolean {
  return v !== null && v !== 0 && v !== false && v !== '';
}

function compareConst(op: string, a: unknown, b: unknown): boolean | undefined {
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v === null ? 0 : undefined);
  const x = num(a);
  const y = num(b);
  if (x === undefined || y === undefined) return undefined;
  if (op === '==') return x === y;
  if (op === '!=') return x !== y;
  return order(op, x, y);
}

/** C arithmetic on constants: integer division truncates, and nothing uncertain is guessed. */
function foldC(op: string, a: number, b: number): number | undefined {
  const int = Number.isInteger(a) && Number.isInteger(b);
  let v: number;
  switch (op) {
    case '+':
      v = a + b;
      break;
    case '-':
      v = a - b;
      break;
    case '*':
      v = a * b;
      break;
    case '/':
      if (b === 0) return undefined;
      v = int ? Math.trunc(a / b) : a / b;
      break;
    case '%':
      if (b === 0 || !int) return undefined;
      v = a % b;
      break;
    case '<<':
      if (!int || b < 0 || b > 62) return undefined;
      v = a * 2 ** b;
      break;
    case '>>':
      if (!int || b < 0) return undefined;
      v = Math.floor(a / 2 ** b);
      break;
    case '&':
    case '|':
    case '^':
      if (!int || Math.abs(a) >= 2 ** 31 || Math.abs(b) >= 2 ** 31) return undefined;
      v = op === '&' ? a & b : op === '|' ? a | b : a ^ b;
      break;
    default:
      return undefined;
  }
  return Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER ? v : undefined;
}

/** The characters of a string literal as written (`"ab\\n"`, `L"ab"`); escapes count one each. */
function stringLiteralValue(raw: string): string {
  // Escapes are rare in the literals the checks measure; their raw text is close enough.
  const m = /^(?:u8|u|U|L)?"([\s\S]*)"$/.exec(raw);
  if (!m) return '';
  return m[1].replace(/\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)/g, 'x');
}
