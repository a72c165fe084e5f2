/**
 * The language-neutral IR that data-flow, constant folding and lifetime checks run on.
 *
 * Modelled on Semgrep's generic IL: a few statement kinds (assign, call-as-statement, if, loop,
 * try, return) over side-effect-free-looking expressions, with every node carrying its source
 * span. Memory is described by access paths: a `name` root, then attribute (`attr`) and element
 * (`index`) steps, so a C lowering maps `p->f` to attr, `*p`/`p[i]` to index, and Python maps
 * `o.f` and `d['k']` the same way.
 *
 * Everything here is plain JSON-able data: workers lower files in parallel and hand the modules to
 * the project pass by structured clone. Spans are string offsets into the module's text; lines and
 * columns are computed only for what is reported.
 */

/** `[start, end)` offsets into the module text (UTF-16 code units). */
export interface Spanned {
  s: number;
  e: number;
  /** Lowered from a macro's body (C): the span is the macro's use. */
  macro?: true;
}

export type ConstValue = string | number | boolean | null;

export type Expr =
  /** `ty`: the constant's C type when it matters, e.g. `size_t` for a folded `sizeof`. */
  | ({ k: 'const'; v: ConstValue; ty?: string } & Spanned)
  /** A constant whose value the lowering could not compute (e.g. a huge integer); still untainted. */
  | ({ k: 'opaque' } & Spanned)
  | ({ k: 'name'; n: string } & Spanned)
  /** `arrow`: C's `p->f`, which reads through the pointer `p` (plain `s.f` does not). */
  | ({ k: 'attr'; o: Expr; n: string; arrow?: boolean } & Spanned)
  | ({ k: 'index'; o: Expr; i: Expr } & Spanned)
  /** A slice or any element range: keeps the contents, forgets positions. */
  | ({ k: 'slice'; o: Expr; parts: Expr[] } & Spanned)
  | ({ k: 'call'; f: Expr; a: Expr[]; kw: KeywordArg[]; star?: Expr[] } & Spanned)
  | ({ k: 'bin'; op: string; l: Expr; r: Expr } & Spanned)
  /** C/C++ also use `&` (address of) and `cast` (with the target type's text in `ty`). */
  | ({ k: 'un'; op: string; x: Expr; ty?: string } & Spanned)
  /** Chained comparison `xs[0] ops[0] xs[1] ops[1] xs[2] …`. */
  | ({ k: 'cmp'; ops: string[]; xs: Expr[] } & Spanned)
  | ({ k: 'bool'; op: 'and' | 'or'; xs: Expr[] } & Spanned)
  | ({ k: 'cond'; c: Expr; t: Expr; f: Expr } & Spanned)
  | ({ k: 'seq'; kind: 'list' | 'tuple' | 'set'; xs: Expr[] } & Spanned)
  /** Entries with `key: null` spread another mapping into this one. */
  | ({ k: 'dict'; entries: Array<[Expr | null, Expr]> } & Spanned)
  /** An interpolated string; parts are constants and interpolated values. */
  | ({ k: 'fmt'; parts: Expr[] } & Spanned)
  | ({ k: 'star'; x: Expr } & Spanned)
  /** A function value: a lambda or a nested definition, by its id in the module. */
  | ({ k: 'func'; id: string } & Spanned)
  /** A class of this module, by its id (a class defined inside a function). */
  | ({ k: 'class'; id: string } & Spanned)
  /** Something known by its absolute dotted name, e.g. a module imported inside a function. */
  | ({ k: 'ext'; q: string } & Spanned)
  | ({ k: 'comp'; kind: 'list' | 'set' | 'dict' | 'gen'; gens: Generator[]; x: Expr; v?: Expr } & Spanned)
  | ({ k: 'walrus'; n: string; x: Expr } & Spanned)
  | ({ k: 'yield'; x?: Expr } & Spanned)
  | ({ k: 'unknown' } & Spanned);

export interface KeywordArg {
  n: string;
  x: Expr;
}

export interface Generator {
  t: Target;
  it: Expr;
  conds: Expr[];
}

export type Target =
  | ({ k: 'name'; n: string } & Spanned)
  | ({ k: 'attr'; o: Expr; n: string; arrow?: boolean } & Spanned)
  | ({ k: 'index'; o: Expr; i: Expr } & Spanned)
  | ({ k: 'slice'; o: Expr } & Spanned)
  | ({ k: 'unpack'; xs: Target[] } & Spanned)
  | ({ k: 'star'; t: Target } & Spanned)
  | ({ k: 'none' } & Spanned);

export type Stmt =
  /**
   * `via: 'out'`: the store a C call makes through a pointer argument (`fgets(buf, …)` writes
   * `buf`), made explicit by the lowering right after the call, whose value it stores.
   */
  | ({ k: 'assign'; t: Target; x: Expr; via?: 'out' } & Spanned)
  | ({ k: 'aug'; t: Target; op: string; x: Expr } & Spanned)
  | ({ k: 'expr'; x: Expr } & Spanned)
  | ({ k: 'if'; c: Expr; t: Stmt[]; f: Stmt[] } & Spanned)
  /**
   * A loop. `head` runs before each iteration (binding the loop variable); `c` is the `while`
   * condition; `orelse` runs when the loop ends without `break`.
   */
  | ({ k: 'loop'; head: Stmt[]; c?: Expr; body: Stmt[]; orelse: Stmt[] } & Spanned)
  | ({ k: 'return'; x?: Expr } & Spanned)
  | ({ k: 'raise'; x?: Expr } & Spanned)
  | ({ k: 'try'; body: Stmt[]; handlers: Handler[]; orelse: Stmt[]; fin: Stmt[] } & Spanned)
  | ({ k: 'del'; t: Target } & Spanned)
  | ({ k: 'break' } & Spanned)
  | ({ k: 'continue' } & Spanned)
  /** C/C++ `goto` and its label (switch statements lower to these too); `decl`: a block-scoped local comes to life, with a run-time array size for C VLAs. */
  | ({ k: 'goto'; label: string } & Spanned)
  | ({ k: 'label'; n: string } & Spanned)
  | ({ k: 'decl'; n: string; size?: Expr } & Spanned);

export interface Handler {
  /** The exception types matched (unused by taint, kept for lifetime checks). */
  types: Expr[];
  /** The name the caught exception is bound to. */
  bind?: string;
  body: Stmt[];
}

export interface Param extends Spanned {
  n: string;
  kind: 'positional' | 'keyword' | 'varargs' | 'kwargs';
  def?: Expr;
  /** The annotation's source text, when there is one. */
  ann?: string;
}

export interface FunctionIR extends Spanned {
  /** Unique in the module: `f`, `C.m`, `f.g`, `f.<lambda>@123`; the module body is `<module>`. */
  id: string;
  name: string;
  params: Param[];
  body: Stmt[];
  /** Id of the lexically enclosing function (closures read its variables). */
  parent?: string;
  /** The class whose body defines this function, when it is a method. */
  cls?: string;
  decorators: Expr[];
  /** Names bound in this function's own scope (parameters included). */
  locals: string[];
  /** Names declared `global`: reads and writes go to the module. */
  globals: string[];
  /** Span of the name, for reports about the function itself. */
  nameSpan: Spanned;
  /** Declared types of parameters and locals, for statically typed languages (C, C++). */
  vars?: Record<string, VarDecl>;
  /** C++: a constructor's body followed by the destructor's, as an object's whole life (languages/c/lifetimes.ts). */
  lifetime?: boolean;
  /** C/C++: call temporaries set on one branch of `?:`, `&&` or `||` and read after the branches join. */
  branchTemps?: string[];
}

/** A C/C++ declaration, as far as the checks need it. */
export interface VarDecl extends Spanned {
  /** The type as written, without the declarator (`unsigned int`, `struct node`, `std::string`). */
  type: string;
  /** Levels of pointer (`char **argv` is 2). */
  ptr: number;
  /** Array dimensions; -1 where the size is not a constant. */
  dims?: number[];
  storage: 'auto' | 'static' | 'param' | 'global' | 'extern' | 'field';
  isConst?: boolean;
}

export interface ClassIR extends Spanned {
  /** Dotted path within the module, e.g. `Outer.Inner`. */
  id: string;
  name: string;
  bases: Expr[];
  /** Method name -> function id. */
  methods: Record<string, string>;
  /** Class-level attributes with constant values, e.g. `ALLOWED = {'a', 'b'}`. */
  attrs: Record<string, Expr>;
}

export interface ImportIR {
  /** The name bound in the importing module. */
  local: string;
  /** Absolute dotted name the local refers to (`pkg.mod`, `pkg.mod.f`); relative imports are resolved. */
  target: string;
}

export interface ModuleIR {
  language: string;
  path: string;
  /** Dotted module name derived from the path (`pkg/mod.py` -> `pkg.mod`). */
  name: string;
  /** The package its plain imports may also name siblings in (`pkg` for `pkg/mod.py`). */
  package: string;
  text: string;
  imports: ImportIR[];
  /** The module body is the function with id `<module>`. */
  functions: FunctionIR[];
  classes: ClassIR[];
  /** C/C++: file-scope variables and the fields of the structs and classes the file defines. */
  vars?: Record<string, VarDecl>;
  structs?: Record<string, Record<string, VarDecl>>;
  /** C/C++: `typedef` names and the type they stand for. */
  typedefs?: Record<string, VarDecl>;
  /** C/C++: file-scope variables the file's functions assign or take the address of. */
  reassigned?: string[];
}

export const MODULE_BODY = '<module>';
