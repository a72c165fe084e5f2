/**
 * Per-file facts about a Python module that syntactic rules need to stay precise:
 * what each imported name really is, and which expressions can only ever hold constants.
 * Computed once per file (RuleContext.memo) in one walk of the tree.
 */
import type { SourceFile } from '../../core/source-file.js';
import type { SyntaxNode, Tree } from '../parse.js';
import { dottedName, unwrapParens } from './syntax.js';

type Binding = SyntaxNode | 'unknown';

interface Scope {
  node: SyntaxNode;
  parent: Scope | undefined;
  bindings: Map<string, Binding[]>;
  globals: Set<string>;
}

export interface PythonFacts {
  /** Fully qualified dotted name of an identifier/attribute chain, through import aliases. */
  qualifiedName(expr: SyntaxNode): string | undefined;
  /** The callee of a `call` node, qualified (`subprocess.run`, `os.system`, `eval`). */
  calleeName(call: SyntaxNode): string | undefined;
  /** True when the expression can only evaluate to a value fixed in the source. */
  isConstant(expr: SyntaxNode): boolean;
  /** The values a local name may be bound to in the scope around `at` (undefined: unknown binding). */
  bindingsOf(name: string, at: SyntaxNode): SyntaxNode[] | undefined;
}

const SCOPE_NODES = new Set(['module', 'function_definition', 'lambda', 'class_definition']);
const STRING_METHODS_KEEPING_CONSTANCY = new Set([
  'format', 'join', 'replace', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'encode', 'decode', 'split', 'title',
]);
const PURE_BUILTINS = new Set(['str', 'int', 'float', 'bool', 'bytes', 'len', 'tuple', 'list', 'frozenset']);

export function pythonFacts(_file: SourceFile, tree: Tree): PythonFacts {
  const imports = new Map<string, string>();
  const scopes = new Map<number, Scope>();
  collect(tree.rootNode, undefined, imports, scopes);

  const scopeAt = (node: SyntaxNode): Scope => {
    for (let n: SyntaxNode | null = node; n; n = n.parent) {
      const s = scopes.get(n.id);
      // A function's name and defaults belong to the outer scope, its body to its own.
      if (s && !(n === node && n.type !== 'module')) return s;
    }
    return scopes.get(tree.rootNode.id)!;
  };

  const lookup = (name: string, at: SyntaxNode): Binding[] | undefined => {
    let scope: Scope | undefined = scopeAt(at);
    while (scope) {
      if (scope.globals.has(name)) scope = scopes.get(tree.rootNode.id);
      const found = scope?.bindings.get(name);
      if (found) return found;
      // Class bodies are not visible from the methods inside them.
      do scope = scope?.parent;
      while (scope && scope.node.type === 'class_definition');
    }
    return undefined;
  };

  const qualifiedName = (expr: SyntaxNode): string | undefined => {
    const dotted = dottedName(unwrapParens(expr));
    if (!dotted) return undefined;
    const [head, ...rest] = dotted.split('.');
    const target = imports.get(head);
    // A local rebinding shadows the import only when the name is bound in a function scope.
    return target ? [target, ...rest].join('.') : dotted;
  };

  const constant = (expr: SyntaxNode, visiting: Set<number>): boolean => {
    const n = unwrapParens(expr);
    switch (n.type) {
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'ellipsis':
        return true;
      case 'string':
        return n.namedChildren.every((c) => c.type !== 'interpolation' || constantChildren(c, visiting));
      case 'concatenated_string':
      case 'binary_operator':
      case 'unary_operator':
      case 'not_operator':
      case 'boolean_operator':
      case 'comparison_operator':
      case 'conditional_expression':
      case 'tuple':
      case 'list':
      case 'set':
      case 'dictionary':
      case 'pair':
      case 'expression_list':
      case 'subscript':
      case 'interpolation':
      case 'format_specifier':
      case 'augmented_assignment':
        return constantChildren(n, visiting);
      case 'identifier': {
        if (visiting.has(n.id)) return true; // a cycle adds no new values
        const bindings = lookup(n.text, n);
        if (!bindings || bindings.length === 0) return false;
        visiting.add(n.id);
        const ok = bindings.every((b) => b !== 'unknown' && constant(b, visiting));
        visiting.delete(n.id);
        return ok;
      }
      case 'call': {
        const fn = n.childForFieldName('function');
        const args = n.childForFieldName('arguments');
        if (!fn || !args || !constantChildren(args, visiting)) return false;
        if (fn.type === 'identifier') return PURE_BUILTINS.has(fn.text) && !lookup(fn.text, fn);
        if (fn.type === 'attribute') {
          const object = fn.childForFieldName('object');
          const method = fn.childForFieldName('attribute')?.text ?? '';
          if (qualifiedName(fn) === 'os.path.join') return true;
          return !!object && STRING_METHODS_KEEPING_CONSTANCY.has(method) && constant(object, visiting);
        }
        return false;
      }
      default:
        return false;
    }
  };

  const constantChildren = (n: SyntaxNode, visiting: Set<number>): boolean =>
    n.namedChildren.every((c) => c.type === 'comment' || c.type === 'keyword_argument' ? constantKeyword(c, visiting) : constant(c, visiting));

  const constantKeyword = (c: SyntaxNode, visiting: Set<number>): boolean => {
    if (c.type === 'comment') return true;
    const value = c.childForFieldName('value');
    return !!value && constant(value, visiting);
  };

  return {
    qualifiedName,
    calleeName(call) {
      const fn = call.childForFieldName('function');
      return fn ? qualifiedName(fn) : undefined;
    },
    isConstant: (expr) => constant(expr, new Set()),
    bindingsOf(name, at) {
      const b = lookup(name, at);
      return b && b.every((x) => x !== 'unknown') ? (b as SyntaxNode[]) : undefined;
    },
  };
}

function collect(root: SyntaxNode, _parent: Scope | undefined, imports: Map<string, string>, scopes: Map<number, Scope>): void {
  const stack: Array<{ node: SyntaxNode; scope: Scope | undefined }> = [{ node: root, scope: undefined }];
  while (stack.length > 0) {
    const { node, scope: outer } = stack.pop()!;
    let scope = outer;
    if (SCOPE_NODES.has(node.type)) {
      if (outer) {
        const name = node.childForFieldName('name');
        if (name) bind(outer, name.text, 'unknown');
      }
      scope = { node, parent: outer, bindings: new Map(), globals: new Set() };
      scopes.set(node.id, scope);
      bindParameters(node, scope);
    }
    if (scope) record(node, scope, imports);
    for (let i = node.namedChildCount - 1; i >= 0; i--) stack.push({ node: node.namedChild(i)!, scope });
  }
}

function bind(scope: Scope, name: string, value: Binding): void {
  const list = scope.bindings.get(name);
  if (list) list.push(value);
  else scope.bindings.set(name, [value]);
}

function bindTargets(target: SyntaxNode, scope: Scope, value: Binding): void {
  if (target.type === 'identifier') return bind(scope, target.text, value);
  for (const child of target.namedChildren) bindTargets(child, scope, 'unknown');
}

function bindParameters(fn: SyntaxNode, scope: Scope): void {
  const params = fn.childForFieldName('parameters');
  for (const p of params?.namedChildren ?? []) {
    const name = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier');
    if (name) bind(scope, name.text, 'unknown');
  }
}

function record(node: SyntaxNode, scope: Scope, imports: Map<string, string>): void {
  switch (node.type) {
    case 'assignment': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return;
      if (left.type === 'identifier') return bind(scope, left.text, right.type === 'assignment' ? 'unknown' : right);
      const targets = left.namedChildren;
      const values = right.type === 'expression_list' || right.type === 'tuple' ? right.namedChildren : undefined;
      if ((left.type === 'pattern_list' || left.type === 'tuple_pattern') && values && values.length === targets.length) {
        targets.forEach((t, i) => bindTargets(t, scope, values[i]));
      } else {
        bindTargets(left, scope, 'unknown');
      }
      return;
    }
    case 'augmented_assignment': {
      const left = node.childForFieldName('left');
      if (left?.type === 'identifier') bind(scope, left.text, node);
      return;
    }
    case 'named_expression': {
      const name = node.childForFieldName('name');
      const value = node.childForFieldName('value');
      if (name && value) bind(scope, name.text, value);
      return;
    }
    case 'for_statement':
    case 'for_in_clause': {
      const left = node.childForFieldName('left');
      if (left) bindTargets(left, scope, 'unknown');
      return;
    }
    case 'as_pattern_target':
      for (const c of node.namedChildren) bindTargets(c, scope, 'unknown');
      return;
    case 'global_statement':
    case 'nonlocal_statement':
      for (const c of node.namedChildren) if (c.type === 'identifier') scope.globals.add(c.text);
      return;
    case 'import_statement':
      for (const item of node.namedChildren) {
        if (item.type === 'dotted_name') {
          // `import os.path` binds `os`, and `os.path.x` then names os.path.x.
          const head = item.text.split('.')[0];
          imports.set(head, head);
          bind(scope, head, 'unknown');
        } else if (item.type === 'aliased_import') {
          const name = item.childForFieldName('name')?.text;
          const alias = item.childForFieldName('alias')?.text;
          if (name && alias) {
            imports.set(alias, name);
            bind(scope, alias, 'unknown');
          }
        }
      }
      return;
    case 'import_from_statement': {
      const moduleNode = node.childForFieldName('module_name');
      const module = moduleNode?.type === 'dotted_name' ? moduleNode.text : undefined;
      for (const item of node.childrenForFieldName('name')) {
        const name = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : item.text;
        const alias = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : item.text;
        if (!name || !alias) continue;
        // Relative imports name project modules; keep them unqualified-but-marked.
        imports.set(alias, module ? `${module}.${name}` : `.${name}`);
        bind(scope, alias, 'unknown');
      }
      return;
    }
    default:
      return;
  }
}
