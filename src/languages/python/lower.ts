/**
 * Lowers a Python syntax tree to the language-neutral IR (src/analysis/ir.ts).
 *
 * Python's scoping is decided here, once: every function lists the names bound in its own scope,
 * so the analysis can tell a local from a closure variable or a global without re-reading syntax.
 * Imports become absolute dotted names (relative imports are resolved against this module's
 * package); which of them are modules of the reviewed project is the project pass's business.
 */
import type { SourceFile } from '../../core/source-file.js';
import type {
  ClassIR,
  Expr,
  FunctionIR,
  Generator,
  Handler,
  ImportIR,
  KeywordArg,
  ModuleIR,
  Param,
  Spanned,
  Stmt,
  Target,
} from '../../analysis/ir.js';
import { MODULE_BODY } from '../../analysis/ir.js';
import { field, fields, namedChildren, type Node as LNode } from '../tree.js';
import type { Tree } from '../parse.js';

/** `pkg/sub/mod.py` -> `pkg.sub.mod`; `pkg/__init__.py` -> `pkg`. */
export function pythonModuleName(path: string): string {
  const noExt = path.replace(/\.pyw?$|\.pyi$/, '');
  const parts = noExt.split('/').filter((p) => p !== '' && p !== '.');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  return parts.join('.');
}

export function lowerPython(file: Pick<SourceFile, 'path' | 'text'>, tree: Tree): ModuleIR {
  return new PythonLowering(file.path, file.text).module(tree.rootNode);
}

interface Scope {
  fn: FunctionIR;
  locals: Set<string>;
  globals: Set<string>;
  /** Set while lowering a class body: methods go to this class. */
  cls?: ClassIR;
}

const AUGMENTED = /^(.*)=$/;

class PythonLowering {
  private readonly functions: FunctionIR[] = [];
  private readonly classes: ClassIR[] = [];
  private readonly imports: ImportIR[] = [];
  private readonly usedIds = new Set<string>();
  private readonly name: string;
  private readonly isPackage: boolean;
  private scope!: Scope;
  private temp = 0;

  constructor(
    private readonly path: string,
    private readonly text: string,
  ) {
    this.name = pythonModuleName(path);
    this.isPackage = /(^|\/)__init__\.pyi?$/.test(path);
  }

  module(root: LNode): ModuleIR {
    const body = this.newFunction(MODULE_BODY, MODULE_BODY, root, undefined, undefined);
    this.scope = { fn: body, locals: new Set(), globals: new Set() };
    body.body = this.block(root);
    body.locals = [...this.scope.locals];
    return {
      language: 'python',
      path: this.path,
      name: this.name,
      package: this.isPackage ? this.name : this.name.split('.').slice(0, -1).join('.'),
      text: this.text,
      imports: this.imports,
      functions: this.functions,
      classes: this.classes,
    };
  }

  private newFunction(id: string, name: string, node: LNode, parent: string | undefined, cls: string | undefined): FunctionIR {
    let unique = id;
    if (this.usedIds.has(unique)) unique = `${id}@${node.s}`;
    this.usedIds.add(unique);
    const fn: FunctionIR = {
      id: unique,
      name,
      params: [],
      body: [],
      decorators: [],
      locals: [],
      globals: [],
      s: node.s,
      e: node.e,
      nameSpan: { s: node.s, e: node.s },
      ...(parent ? { parent } : {}),
      ...(cls ? { cls } : {}),
    };
    this.functions.push(fn);
    return fn;
  }

  private txt(n: LNode): string {
    return this.text.slice(n.s, n.e);
  }

  private sp(n: LNode): Spanned {
    return { s: n.s, e: n.e };
  }

  // ---- statements -------------------------------------------------------------------------

  private block(node: LNode | undefined): Stmt[] {
    const out: Stmt[] = [];
    if (!node) return out;
    for (const child of node.children) if (child.named) this.statement(child, out);
    return out;
  }

  private statement(n: LNode, out: Stmt[]): void {
    switch (n.type) {
      case 'expression_statement':
        for (const c of namedChildren(n)) this.expressionStatement(c, out);
        return;
      case 'return_statement': {
        const value = namedChildren(n)[0];
        out.push({ k: 'return', ...(value ? { x: this.expr(value) } : {}), ...this.sp(n) });
        return;
      }
      case 'if_statement':
        out.push(this.ifStatement(n));
        return;
      case 'for_statement':
        out.push(...this.forStatement(n));
        return;
      case 'while_statement': {
        const alternative = field(n, 'alternative');
        out.push({
          k: 'loop',
          head: [],
          c: this.expr(field(n, 'condition')),
          body: this.block(field(n, 'body')),
          orelse: alternative ? this.block(field(alternative, 'body')) : [],
          ...this.sp(n),
        });
        return;
      }
      case 'try_statement':
        out.push(this.tryStatement(n));
        return;
      case 'with_statement':
        this.withStatement(n, out);
        return;
      case 'raise_statement': {
        const value = namedChildren(n).find((c) => c.field !== 'cause');
        out.push({ k: 'raise', ...(value ? { x: this.expr(value) } : {}), ...this.sp(n) });
        return;
      }
      case 'assert_statement': {
        const [cond] = namedChildren(n);
        if (cond) out.push({ k: 'if', c: this.expr(cond), t: [], f: [{ k: 'raise', ...this.sp(n) }], ...this.sp(n) });
        return;
      }
      case 'delete_statement':
        for (const c of namedChildren(n)) {
          const targets = c.type === 'expression_list' ? namedChildren(c) : [c];
          for (const t of targets) out.push({ k: 'del', t: this.target(t), ...this.sp(t) });
        }
        return;
      case 'break_statement':
        out.push({ k: 'break', ...this.sp(n) });
        return;
      case 'continue_statement':
        out.push({ k: 'continue', ...this.sp(n) });
        return;
      case 'function_definition':
        this.functionDefinition(n, [], out);
        return;
      case 'class_definition':
        this.classDefinition(n, [], out);
        return;
      case 'decorated_definition': {
        const decorators = n.children.filter((c) => c.type === 'decorator').map((d) => this.expr(namedChildren(d)[0]));
        const def = field(n, 'definition');
        if (def?.type === 'function_definition') this.functionDefinition(def, decorators, out);
        else if (def?.type === 'class_definition') this.classDefinition(def, decorators, out);
        return;
      }
      case 'global_statement':
      case 'nonlocal_statement':
        for (const c of namedChildren(n)) if (c.type === 'identifier') this.scope.globals.add(this.txt(c));
        return;
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        this.importStatement(n);
        return;
      case 'match_statement':
        this.matchStatement(n, out);
        return;
      case 'print_statement':
      case 'exec_statement': {
        const args = namedChildren(n).filter((c) => c.type !== 'chevron').map((c) => this.expr(c));
        const callee = n.type === 'print_statement' ? 'print' : 'exec';
        out.push({ k: 'expr', x: { k: 'call', f: { k: 'name', n: callee, ...this.sp(n) }, a: args, kw: [], ...this.sp(n) }, ...this.sp(n) });
        return;
      }
      default:
        return;
    }
  }

  private expressionStatement(n: LNode, out: Stmt[]): void {
    if (n.type === 'assignment') {
      this.assignment(n, out);
      return;
    }
    if (n.type === 'augmented_assignment') {
      const op = n.children.find((c) => !c.named)?.type ?? '=';
      const left = field(n, 'left');
      const right = field(n, 'right');
      if (!left || !right) return;
      out.push({ k: 'aug', t: this.target(left), op: AUGMENTED.exec(op)?.[1] ?? op, x: this.expr(right), ...this.sp(n) });
      return;
    }
    out.push({ k: 'expr', x: this.expr(n), ...this.sp(n) });
  }

  private assignment(n: LNode, out: Stmt[]): Target | undefined {
    const left = field(n, 'left');
    const right = field(n, 'right');
    if (!left) return undefined;
    if (!right) return undefined; // `x: int` declares, it binds nothing
    const target = this.target(left);
    let value: Expr;
    if (right.type === 'assignment') {
      // `a = b = v`: v is evaluated once, bound to b, then a reads it back.
      const inner = this.assignment(right, out);
      value = inner ? this.targetAsExpr(inner) : { k: 'unknown', ...this.sp(right) };
    } else {
      value = this.expr(right);
    }
    out.push({ k: 'assign', t: target, x: value, ...this.sp(n) });
    return target;
  }

  private targetAsExpr(t: Target): Expr {
    switch (t.k) {
      case 'name':
        return { k: 'name', n: t.n, s: t.s, e: t.e };
      case 'attr':
        return { k: 'attr', o: t.o, n: t.n, s: t.s, e: t.e };
      case 'index':
        return { k: 'index', o: t.o, i: t.i, s: t.s, e: t.e };
      case 'unpack':
        return { k: 'seq', kind: 'tuple', xs: t.xs.map((x) => this.targetAsExpr(x)), s: t.s, e: t.e };
      case 'star':
        return this.targetAsExpr(t.t);
      default:
        return { k: 'unknown', s: t.s, e: t.e };
    }
  }

  private ifStatement(n: LNode): Stmt {
    const alternative = n.children.filter((c) => c.field === 'alternative');
    return this.ifChain(field(n, 'condition'), field(n, 'consequence'), alternative, n);
  }

  private ifChain(cond: LNode | undefined, consequence: LNode | undefined, rest: LNode[], n: LNode): Stmt {
    const [next, ...more] = rest;
    let f: Stmt[] = [];
    if (next?.type === 'elif_clause') f = [this.ifChain(field(next, 'condition'), field(next, 'consequence'), more, next)];
    else if (next?.type === 'else_clause') f = this.block(field(next, 'body'));
    return { k: 'if', c: this.expr(cond), t: this.block(consequence), f, ...this.sp(n) };
  }

  private forStatement(n: LNode): Stmt[] {
    const left = field(n, 'left');
    const right = field(n, 'right');
    const iter = this.freshTemp();
    const sp = this.sp(n);
    const pre: Stmt = { k: 'assign', t: { k: 'name', n: iter, ...this.sp(right ?? n) }, x: this.expr(right), ...this.sp(right ?? n) };
    const element: Expr = { k: 'index', o: { k: 'name', n: iter, ...this.sp(right ?? n) }, i: { k: 'unknown', ...sp }, ...this.sp(right ?? n) };
    const head: Stmt[] = left ? [{ k: 'assign', t: this.target(left), x: element, ...this.sp(left) }] : [];
    const alternative = field(n, 'alternative');
    return [pre, { k: 'loop', head, body: this.block(field(n, 'body')), orelse: alternative ? this.block(field(alternative, 'body')) : [], ...sp }];
  }

  private freshTemp(): string {
    const name = `$${this.temp++}`;
    this.scope.locals.add(name);
    return name;
  }

  private tryStatement(n: LNode): Stmt {
    const handlers: Handler[] = [];
    let orelse: Stmt[] = [];
    let fin: Stmt[] = [];
    for (const c of n.children) {
      if (c.type === 'except_clause' || c.type === 'except_group_clause') {
        const value = field(c, 'value') ?? namedChildren(c).find((x) => x.type !== 'block');
        let bind: string | undefined;
        let types: Expr[] = [];
        if (value?.type === 'as_pattern') {
          const alias = field(value, 'alias');
          const name = alias && namedChildren(alias)[0];
          if (name?.type === 'identifier') {
            bind = this.txt(name);
            this.scope.locals.add(bind);
          }
          const typeNode = namedChildren(value)[0];
          if (typeNode) types = [this.expr(typeNode)];
        } else if (value && value.type !== 'block') {
          types = [this.expr(value)];
        }
        handlers.push({ types, ...(bind ? { bind } : {}), body: this.block(c.children.find((x) => x.type === 'block')) });
      } else if (c.type === 'else_clause') {
        orelse = this.block(field(c, 'body'));
      } else if (c.type === 'finally_clause') {
        fin = this.block(c.children.find((x) => x.type === 'block'));
      }
    }
    return { k: 'try', body: this.block(field(n, 'body')), handlers, orelse, fin, ...this.sp(n) };
  }

  private withStatement(n: LNode, out: Stmt[]): void {
    const clause = n.children.find((c) => c.type === 'with_clause');
    for (const item of clause ? namedChildren(clause) : []) {
      const value = field(item, 'value') ?? namedChildren(item)[0];
      if (!value) continue;
      if (value.type === 'as_pattern') {
        const alias = field(value, 'alias');
        const target = alias && namedChildren(alias)[0];
        const source = namedChildren(value)[0];
        if (target && source) out.push({ k: 'assign', t: this.target(target), x: this.expr(source), ...this.sp(item) });
      } else {
        out.push({ k: 'expr', x: this.expr(value), ...this.sp(item) });
      }
    }
    out.push(...this.block(field(n, 'body')));
  }

  /**
   * `match` as a chain of ifs. Literal patterns on a plain name compare it (`case 'B' | 'C'` is
   * `x == 'B' or x == 'C'`), so a constant subject takes its one case; `case _` is the else;
   * other patterns and guarded cases are conditions the analysis does not know.
   */
  private matchStatement(n: LNode, out: Stmt[]): void {
    const subjectNode = field(n, 'subject');
    const subject = subjectNode ? this.expr(subjectNode) : undefined;
    if (subjectNode && subject) out.push({ k: 'expr', x: subject, ...this.sp(subjectNode) });
    const body = field(n, 'body');
    const cases = body ? body.children.filter((c) => c.type === 'case_clause') : [];
    let chain: Stmt[] = [];
    for (const c of cases.reverse()) {
      const consequence = field(c, 'consequence') ?? c.children.find((x) => x.type === 'block');
      const test = subject?.k === 'name' ? this.casePattern(c, subject) : undefined;
      if (test === 'always') chain = this.block(consequence);
      else chain = [{ k: 'if', c: test ?? { k: 'unknown', ...this.sp(c) }, t: this.block(consequence), f: chain, ...this.sp(c) }];
    }
    out.push(...chain);
  }

  private casePattern(c: LNode, subject: Expr): Expr | 'always' | undefined {
    const patterns = c.children.filter((x) => x.type === 'case_pattern');
    if (patterns.length !== 1 || field(c, 'guard')) return undefined;
    const [pattern] = namedChildren(patterns[0]);
    if (!pattern) return 'always';
    const literals = pattern.type === 'union_pattern' ? namedChildren(pattern) : [pattern];
    if (!literals.every((l) => ['string', 'integer', 'float', 'true', 'false', 'none'].includes(l.type))) return undefined;
    const tests: Expr[] = literals.map((l) => ({ k: 'cmp', ops: ['=='], xs: [subject, this.expr(l)], ...this.sp(l) }));
    return tests.length === 1 ? tests[0] : { k: 'bool', op: 'or', xs: tests, ...this.sp(pattern) };
  }

  private importStatement(n: LNode): void {
    if (n.type === 'future_import_statement') return;
    if (n.type === 'import_statement') {
      for (const item of fields(n, 'name')) {
        if (item.type === 'dotted_name') {
          const dotted = this.txt(item).replace(/\s+/g, '');
          const head = dotted.split('.')[0];
          // `import a.b` binds `a`; `a.b.f` then names a.b.f through ordinary attribute reads.
          this.imports.push({ local: head, target: head });
        } else if (item.type === 'aliased_import') {
          const name = field(item, 'name');
          const alias = field(item, 'alias');
          if (name && alias) this.imports.push({ local: this.txt(alias), target: this.txt(name).replace(/\s+/g, '') });
        }
      }
      return;
    }
    const moduleNode = field(n, 'module_name');
    const base = moduleNode ? this.absoluteModule(moduleNode) : undefined;
    if (base === undefined) return;
    if (n.children.some((c) => c.type === 'wildcard_import')) {
      this.imports.push({ local: '*', target: base });
      return;
    }
    for (const item of fields(n, 'name')) {
      const nameNode = item.type === 'aliased_import' ? field(item, 'name') : item;
      const aliasNode = item.type === 'aliased_import' ? field(item, 'alias') : item;
      if (!nameNode || !aliasNode) continue;
      const name = this.txt(nameNode).replace(/\s+/g, '');
      this.imports.push({ local: this.txt(aliasNode), target: base ? `${base}.${name}` : name });
    }
  }

  /** The absolute dotted name of `from X import …`'s X, resolving leading dots against this module. */
  private absoluteModule(node: LNode): string | undefined {
    if (node.type === 'dotted_name') return this.txt(node).replace(/\s+/g, '');
    if (node.type !== 'relative_import') return undefined;
    const prefix = node.children.find((c) => c.type === 'import_prefix');
    const level = prefix ? this.txt(prefix).replace(/\s+/g, '').length : 0;
    const rest = node.children.find((c) => c.type === 'dotted_name');
    const parts = this.name === '' ? [] : this.name.split('.');
    // A package's own __init__ is its level-1 base; a plain module's base is its package.
    const drop = this.isPackage ? level - 1 : level;
    if (drop > parts.length) return undefined;
    const base = parts.slice(0, parts.length - drop);
    if (rest) base.push(...this.txt(rest).replace(/\s+/g, '').split('.'));
    return base.join('.');
  }

  private functionDefinition(n: LNode, decorators: Expr[], out: Stmt[]): void {
    const nameNode = field(n, 'name');
    const name = nameNode ? this.txt(nameNode) : '<anonymous>';
    const outer = this.scope;
    const cls = outer.cls;
    const prefix = cls ? cls.id : outer.fn.id === MODULE_BODY ? '' : outer.fn.id;
    const parent = cls ? this.enclosingFunctionOf(outer) : outer.fn.id === MODULE_BODY ? undefined : outer.fn.id;
    const fn = this.newFunction(prefix ? `${prefix}.${name}` : name, name, n, parent, cls?.id);
    fn.decorators = decorators;
    if (nameNode) fn.nameSpan = this.sp(nameNode);
    this.lowerFunctionBody(fn, field(n, 'parameters'), field(n, 'body'), false);
    if (cls) cls.methods[name] = fn.id;
    else if (outer.fn.id !== MODULE_BODY) {
      outer.locals.add(name);
      out.push({ k: 'assign', t: { k: 'name', n: name, ...this.sp(nameNode ?? n) }, x: { k: 'func', id: fn.id, ...this.sp(n) }, ...this.sp(n) });
    }
  }

  /** The function a class body sits in (its methods' closures see that function's variables). */
  private enclosingFunctionOf(scope: Scope): string | undefined {
    return scope.fn.id === MODULE_BODY ? undefined : scope.fn.id;
  }

  private lowerFunctionBody(fn: FunctionIR, parameters: LNode | undefined, body: LNode | undefined, isLambda: boolean): void {
    const outer = this.scope;
    const outerTemp = this.temp;
    // Parameter defaults are evaluated in the enclosing scope.
    fn.params = this.parameters(parameters);
    this.scope = { fn, locals: new Set(fn.params.map((p) => p.n)), globals: new Set() };
    this.temp = 0;
    if (isLambda) {
      const value = body ? this.expr(body) : undefined;
      fn.body = [{ k: 'return', ...(value ? { x: value } : {}), ...this.sp(body ?? parameters ?? { s: fn.s, e: fn.e } as LNode) }];
    } else {
      fn.body = this.block(body);
    }
    for (const g of this.scope.globals) this.scope.locals.delete(g);
    fn.locals = [...this.scope.locals];
    fn.globals = [...this.scope.globals];
    this.scope = outer;
    this.temp = outerTemp;
  }

  private parameters(node: LNode | undefined): Param[] {
    const out: Param[] = [];
    let keywordOnly = false;
    for (const p of node ? namedChildren(node) : []) {
      switch (p.type) {
        case 'identifier':
          out.push({ n: this.txt(p), kind: keywordOnly ? 'keyword' : 'positional', ...this.sp(p) });
          break;
        case 'default_parameter':
        case 'typed_default_parameter':
        case 'typed_parameter': {
          const name = field(p, 'name') ?? namedChildren(p).find((c) => c.type === 'identifier');
          const splat = namedChildren(p).find((c) => c.type === 'list_splat_pattern' || c.type === 'dictionary_splat_pattern');
          const type = field(p, 'type');
          const value = field(p, 'value');
          if (splat) {
            const inner = namedChildren(splat)[0];
            if (inner) out.push({ n: this.txt(inner), kind: splat.type === 'list_splat_pattern' ? 'varargs' : 'kwargs', ...(type ? { ann: this.txt(type) } : {}), ...this.sp(p) });
            if (splat.type === 'list_splat_pattern') keywordOnly = true;
            break;
          }
          if (!name) break;
          out.push({
            n: this.txt(name),
            kind: keywordOnly ? 'keyword' : 'positional',
            ...this.sp(p),
            ...(value ? { def: this.expr(value) } : {}),
            ...(type ? { ann: this.txt(type) } : {}),
          });
          break;
        }
        case 'list_splat_pattern': {
          const inner = namedChildren(p)[0];
          if (inner) out.push({ n: this.txt(inner), kind: 'varargs', ...this.sp(p) });
          keywordOnly = true;
          break;
        }
        case 'dictionary_splat_pattern': {
          const inner = namedChildren(p)[0];
          if (inner) out.push({ n: this.txt(inner), kind: 'kwargs', ...this.sp(p) });
          break;
        }
        case 'keyword_separator':
          keywordOnly = true;
          break;
        default:
          break;
      }
    }
    return out;
  }

  private classDefinition(n: LNode, decorators: Expr[], out: Stmt[]): void {
    const nameNode = field(n, 'name');
    const name = nameNode ? this.txt(nameNode) : '<anonymous>';
    const outer = this.scope;
    const prefix = outer.cls ? outer.cls.id : outer.fn.id === MODULE_BODY ? '' : outer.fn.id;
    const superclasses = field(n, 'superclasses');
    const cls: ClassIR = {
      id: prefix ? `${prefix}.${name}` : name,
      name,
      bases: superclasses ? namedChildren(superclasses).filter((c) => c.type !== 'keyword_argument').map((c) => this.expr(c)) : [],
      methods: {},
      attrs: {},
      s: n.s,
      e: n.e,
    };
    void decorators;
    this.classes.push(cls);
    this.scope = { ...outer, cls };
    const body = field(n, 'body');
    for (const stmt of body ? namedChildren(body) : []) {
      if (stmt.type === 'expression_statement') {
        const assignment = namedChildren(stmt)[0];
        const left = assignment && field(assignment, 'left');
        const right = assignment && field(assignment, 'right');
        if (assignment?.type === 'assignment' && left?.type === 'identifier' && right && right.type !== 'assignment') {
          cls.attrs[this.txt(left)] = this.expr(right);
        }
      } else {
        this.statement(stmt, []);
      }
    }
    this.scope = outer;
    if (outer.fn.id !== MODULE_BODY && !outer.cls) {
      outer.locals.add(name);
      out.push({ k: 'assign', t: { k: 'name', n: name, ...this.sp(nameNode ?? n) }, x: { k: 'class', id: cls.id, ...this.sp(n) }, ...this.sp(n) });
    }
  }

  // ---- targets ----------------------------------------------------------------------------

  private target(n: LNode): Target {
    const sp = this.sp(n);
    switch (n.type) {
      case 'identifier': {
        const name = this.txt(n);
        if (!this.scope.globals.has(name)) this.scope.locals.add(name);
        return { k: 'name', n: name, ...sp };
      }
      case 'attribute': {
        const object = field(n, 'object');
        const attribute = field(n, 'attribute');
        return { k: 'attr', o: this.expr(object), n: attribute ? this.txt(attribute) : '', ...sp };
      }
      case 'subscript': {
        const value = field(n, 'value');
        const subs = fields(n, 'subscript');
        if (subs.length === 1 && subs[0].type === 'slice') return { k: 'slice', o: this.expr(value), ...sp };
        return { k: 'index', o: this.expr(value), i: this.subscriptKey(subs, n), ...sp };
      }
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list':
        return { k: 'unpack', xs: namedChildren(n).map((c) => this.target(c)), ...sp };
      case 'parenthesized_expression': {
        const inner = namedChildren(n)[0];
        return inner ? this.target(inner) : { k: 'none', ...sp };
      }
      case 'list_splat_pattern':
      case 'list_splat': {
        const inner = namedChildren(n)[0];
        return inner ? { k: 'star', t: this.target(inner), ...sp } : { k: 'none', ...sp };
      }
      default:
        return { k: 'none', ...sp };
    }
  }

  private subscriptKey(subs: LNode[], n: LNode): Expr {
    if (subs.length === 1) return this.expr(subs[0]);
    return { k: 'seq', kind: 'tuple', xs: subs.map((s) => this.expr(s)), ...this.sp(n) };
  }

  // ---- expressions ------------------------------------------------------------------------

  private expr(n: LNode | undefined): Expr {
    if (!n) return { k: 'unknown', s: 0, e: 0 };
    const sp = this.sp(n);
    switch (n.type) {
      case 'identifier':
        return { k: 'name', n: this.txt(n), ...sp };
      case 'integer':
        return integerLiteral(this.txt(n), sp);
      case 'float': {
        const t = this.txt(n).replace(/_/g, '');
        return /[jJ]$/.test(t) ? { k: 'opaque', ...sp } : { k: 'const', v: Number(t), ...sp };
      }
      case 'true':
        return { k: 'const', v: true, ...sp };
      case 'false':
        return { k: 'const', v: false, ...sp };
      case 'none':
        return { k: 'const', v: null, ...sp };
      case 'ellipsis':
        return { k: 'opaque', ...sp };
      case 'string':
        return this.stringLiteral(n);
      case 'concatenated_string': {
        const parts = namedChildren(n).map((c) => this.stringLiteral(c));
        if (parts.every((p) => p.k === 'const')) {
          return { k: 'const', v: parts.map((p) => (p as { v: string }).v).join(''), ...sp };
        }
        return { k: 'fmt', parts: parts.flatMap((p) => (p.k === 'fmt' ? p.parts : [p])), ...sp };
      }
      case 'parenthesized_expression': {
        const inner = namedChildren(n)[0];
        return inner ? this.expr(inner) : { k: 'unknown', ...sp };
      }
      case 'attribute': {
        const attribute = field(n, 'attribute');
        return { k: 'attr', o: this.expr(field(n, 'object')), n: attribute ? this.txt(attribute) : '', ...sp };
      }
      case 'subscript': {
        const subs = fields(n, 'subscript');
        const value = this.expr(field(n, 'value'));
        if (subs.length === 1 && subs[0].type === 'slice') {
          return { k: 'slice', o: value, parts: namedChildren(subs[0]).map((c) => this.expr(c)), ...sp };
        }
        return { k: 'index', o: value, i: this.subscriptKey(subs, n), ...sp };
      }
      case 'call':
        return this.call(n);
      case 'binary_operator': {
        const op = n.children.find((c) => !c.named);
        return { k: 'bin', op: op ? op.type : '?', l: this.expr(field(n, 'left')), r: this.expr(field(n, 'right')), ...sp };
      }
      case 'unary_operator': {
        const op = n.children.find((c) => !c.named);
        return { k: 'un', op: op ? op.type : '?', x: this.expr(field(n, 'argument')), ...sp };
      }
      case 'not_operator':
        return { k: 'un', op: 'not', x: this.expr(field(n, 'argument')), ...sp };
      case 'boolean_operator': {
        const op = n.children.some((c) => c.type === 'and') ? 'and' : 'or';
        const xs: Expr[] = [];
        for (const side of [field(n, 'left'), field(n, 'right')]) {
          const x = this.expr(side);
          if (x.k === 'bool' && x.op === op && side?.type === 'boolean_operator') xs.push(...x.xs);
          else xs.push(x);
        }
        return { k: 'bool', op, xs, ...sp };
      }
      case 'comparison_operator': {
        const ops: string[] = [];
        const xs: Expr[] = [];
        for (const c of n.children) {
          if (!c.named) ops.push(c.type.replace(/\s+/g, ' '));
          else if (c.type !== 'comment') xs.push(this.expr(c));
        }
        return { k: 'cmp', ops, xs, ...sp };
      }
      case 'conditional_expression': {
        const [t, c, f] = namedChildren(n);
        return { k: 'cond', c: this.expr(c), t: this.expr(t), f: this.expr(f), ...sp };
      }
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
      case 'pattern_list':
        return { k: 'seq', kind: n.type === 'list' ? 'list' : n.type === 'set' ? 'set' : 'tuple', xs: namedChildren(n).map((c) => this.expr(c)), ...sp };
      case 'dictionary': {
        const entries: Array<[Expr | null, Expr]> = [];
        for (const c of namedChildren(n)) {
          if (c.type === 'pair') entries.push([this.expr(field(c, 'key')), this.expr(field(c, 'value'))]);
          else if (c.type === 'dictionary_splat') entries.push([null, this.expr(namedChildren(c)[0])]);
        }
        return { k: 'dict', entries, ...sp };
      }
      case 'list_splat':
      case 'dictionary_splat':
        return { k: 'star', x: this.expr(namedChildren(n)[0]), ...sp };
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return this.comprehension(n);
      case 'lambda': {
        const parent = this.scope.fn.id === MODULE_BODY ? undefined : this.scope.fn.id;
        const fn = this.newFunction(`${parent ?? ''}${parent ? '.' : ''}<lambda>@${n.s}`, '<lambda>', n, parent, undefined);
        fn.nameSpan = { s: n.s, e: n.s + 6 };
        this.lowerFunctionBody(fn, field(n, 'parameters'), field(n, 'body'), true);
        return { k: 'func', id: fn.id, ...sp };
      }
      case 'named_expression': {
        const name = field(n, 'name');
        const nameText = name ? this.txt(name) : '';
        if (nameText) this.scope.locals.add(nameText);
        return { k: 'walrus', n: nameText, x: this.expr(field(n, 'value')), ...sp };
      }
      case 'await':
        return this.expr(namedChildren(n)[0]);
      case 'yield': {
        const inner = namedChildren(n)[0];
        return { k: 'yield', ...(inner ? { x: this.expr(inner) } : {}), ...sp };
      }
      case 'keyword_argument':
        return this.expr(field(n, 'value'));
      case 'as_pattern':
        return this.expr(namedChildren(n)[0]);
      default:
        return { k: 'unknown', ...sp };
    }
  }

  private call(n: LNode): Expr {
    const args = field(n, 'arguments');
    const a: Expr[] = [];
    const kw: KeywordArg[] = [];
    const star: Expr[] = [];
    if (args?.type === 'generator_expression') {
      a.push(this.expr(args));
    } else if (args) {
      for (const c of namedChildren(args)) {
        if (c.type === 'keyword_argument') {
          const name = field(c, 'name');
          kw.push({ n: name ? this.txt(name) : '', x: this.expr(field(c, 'value')) });
        } else if (c.type === 'list_splat' || c.type === 'dictionary_splat') {
          star.push(this.expr(namedChildren(c)[0]));
        } else {
          a.push(this.expr(c));
        }
      }
    }
    return { k: 'call', f: this.expr(field(n, 'function')), a, kw, ...(star.length ? { star } : {}), ...this.sp(n) };
  }

  private comprehension(n: LNode): Expr {
    const gens: Generator[] = [];
    for (const c of namedChildren(n)) {
      if (c.type === 'for_in_clause') {
        const left = field(c, 'left');
        const rights = fields(c, 'right');
        const it: Expr = rights.length === 1 ? this.expr(rights[0]) : { k: 'seq', kind: 'tuple', xs: rights.map((r) => this.expr(r)), ...this.sp(c) };
        gens.push({ t: left ? this.target(left) : { k: 'none', ...this.sp(c) }, it, conds: [] });
      } else if (c.type === 'if_clause' && gens.length > 0) {
        gens[gens.length - 1].conds.push(this.expr(namedChildren(c)[0]));
      }
    }
    const body = field(n, 'body');
    const kind = n.type === 'list_comprehension' ? 'list' : n.type === 'set_comprehension' ? 'set' : n.type === 'dictionary_comprehension' ? 'dict' : 'gen';
    if (kind === 'dict' && body?.type === 'pair') {
      return { k: 'comp', kind, gens, x: this.expr(field(body, 'key')), v: this.expr(field(body, 'value')), ...this.sp(n) };
    }
    return { k: 'comp', kind, gens, x: this.expr(body), ...this.sp(n) };
  }

  private stringLiteral(n: LNode): Expr {
    const sp = this.sp(n);
    if (n.type !== 'string') return this.expr(n);
    const raw = this.txt(n);
    const prefixMatch = /^[a-zA-Z]*/.exec(raw)![0];
    const isRaw = /[rR]/.test(prefixMatch);
    if (!/[fF]/.test(prefixMatch)) return { k: 'const', v: decodeBody(raw.slice(prefixMatch.length), isRaw), ...sp };
    const parts: Expr[] = [];
    for (const c of n.children) {
      if (c.type === 'string_content' || c.type === 'escape_sequence') {
        const text = isRaw ? this.txt(c) : unescape(this.txt(c));
        const last = parts[parts.length - 1];
        if (last?.k === 'const' && typeof last.v === 'string') {
          parts[parts.length - 1] = { k: 'const', v: last.v + text, s: last.s, e: c.e };
        } else {
          parts.push({ k: 'const', v: text, ...this.sp(c) });
        }
      } else if (c.type === 'interpolation') {
        parts.push(this.expr(field(c, 'expression') ?? namedChildren(c)[0]));
      }
    }
    return { k: 'fmt', parts, ...sp };
  }
}

function integerLiteral(text: string, sp: Spanned): Expr {
  const t = text.replace(/_/g, '').toLowerCase();
  if (/[jl]$/.test(t)) return { k: 'opaque', ...sp };
  const value = /^0[0-7]+$/.test(t) ? parseInt(t, 8) : Number(t.replace(/^0o/, '0o'));
  return Number.isSafeInteger(value) ? { k: 'const', v: value, ...sp } : { k: 'opaque', ...sp };
}

/** The value of a quoted string body (quotes included, prefix removed). */
function decodeBody(quoted: string, isRaw: boolean): string {
  const quote = quoted.startsWith('"""') || quoted.startsWith("'''") ? 3 : 1;
  const body = quoted.slice(quote, Math.max(quote, quoted.length - quote));
  return isRaw ? body : unescape(body);
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

function unescape(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])/g, (m, esc: string) => {
    if (esc.length > 1) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return SIMPLE_ESCAPES[esc] ?? m;
  });
}
