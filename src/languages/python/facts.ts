/**
 * Per-file facts about a Python module that syntactic rules need to stay precise:
 * what each name is bound to (an import, a parameter, a value), which expressions can only ever
 * hold constants, what those constants are, and which non-constant values feed an expression.
 * Computed once per file (RuleContext.memo) in one walk of the tree; the analysis is
 * flow-insensitive: a name stands for every value bound to it anywhere in its scope.
 */
import type { SourceFile } from '../../core/source-file.js';
import type { SyntaxNode, Tree } from '../parse.js';
import { KNOWN_CONSTANTS } from './constants.js';
import { unwrapParens } from './syntax.js';

export type Binding =
  | { kind: 'value'; node: SyntaxNode }
  | { kind: 'import'; target: string }
  /** A loop or comprehension variable: one of the items of `node`. */
  | { kind: 'element'; node: SyntaxNode }
  | { kind: 'parameter'; node: SyntaxNode }
  | { kind: 'definition'; node: SyntaxNode }
  | { kind: 'unknown' };

/** A Python value fixed in the source. */
export type PyConstant = string | number | boolean | null;

/** A non-constant value an expression is built from. */
export interface Origin {
  node: SyntaxNode;
  /** Set when the value is a parameter of the enclosing function. */
  parameterOf?: string;
}

// The request attributes the data-flow rules take as sources (languages/python/specs/sources.ts).
const REQUEST_DATA = /\brequest\.(?:args|form|values|json|data|cookies|headers|files|GET|POST|COOKIES|FILES|META|body|query_params|path_params)\b/;

/** Data read from the web request being handled (`request.args.get('q')`, `request.GET['id']`). */
export function isRequestData(origin: Origin): boolean {
  return REQUEST_DATA.test(origin.node.text);
}

interface Scope {
  node: SyntaxNode;
  parent: Scope | undefined;
  /** The source range the scope's names are visible in: a function's body, not its name or defaults. */
  start: number;
  end: number;
  bindings: Map<string, Binding[]>;
  globals: Set<string>;
}

export interface PythonFacts {
  /**
   * Fully qualified dotted name of a name, attribute chain or call, through imports and local
   * bindings: `sp.run` -> `subprocess.run`; `s.get` after `s = requests.Session()` ->
   * `requests.Session().get`. Names bound to parameters, local definitions or anything
   * ambiguous give undefined; names bound nowhere (builtins, star imports) stay as written.
   */
  qualifiedName(expr: SyntaxNode): string | undefined;
  /** The callee of a `call` node, qualified (`subprocess.run`, `os.system`, `eval`). */
  calleeName(call: SyntaxNode): string | undefined;
  /** True when the expression can only evaluate to a value fixed in the source. */
  isConstant(expr: SyntaxNode): boolean;
  /** The value of a constant expression, when it can be folded (strings, numbers, booleans, None). */
  constantValue(expr: SyntaxNode): PyConstant | undefined;
  /** Python truthiness of a constant expression; undefined when not constant. */
  truthOf(expr: SyntaxNode): boolean | undefined;
  /** The values a local name may be bound to in the scope around `at` (undefined: some binding is not a plain value). */
  bindingsOf(name: string, at: SyntaxNode): SyntaxNode[] | undefined;
  /** Every binding of `name` visible at `at`, or undefined when the name is bound nowhere. */
  lookup(name: string, at: SyntaxNode): Binding[] | undefined;
  /**
   * The non-constant values `expr` is built from, following local variables and the string
   * operations that carry data through (formatting, concatenation, join …), in source order.
   * `isSafe` stops the search at sub-expressions a rule considers neutralised (e.g. shlex.quote()).
   */
  origins(expr: SyntaxNode, isSafe?: (n: SyntaxNode) => boolean): Origin[];
}

const SCOPE_NODES = new Set(['module', 'function_definition', 'lambda', 'class_definition']);
const STRING_METHODS_KEEPING_CONSTANCY = new Set([
  'format', 'join', 'replace', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'encode', 'decode', 'split', 'title',
]);
const PURE_BUILTINS = new Set(['str', 'int', 'float', 'bool', 'bytes', 'len', 'tuple', 'list', 'frozenset']);
/** Calls whose result carries the data of their arguments (and receiver) through unchanged in kind. */
const PROPAGATING_BUILTINS = new Set(['str', 'bytes', 'repr', 'format', 'tuple', 'list']);
const PROPAGATING_QUALIFIED = new Set(['os.path.join', 'posixpath.join', 'ntpath.join', 'pathlib.Path', 'pathlib.PurePath']);
const COMPOSITE_NODES = new Set([
  'concatenated_string', 'binary_operator', 'boolean_operator', 'conditional_expression', 'tuple', 'list', 'set',
  'dictionary', 'pair', 'expression_list', 'interpolation', 'parenthesized_expression', 'augmented_assignment',
  'keyword_argument', 'argument_list', 'list_splat', 'unary_operator',
]);
/** Values that name something qualify() can follow: `x = other`, `x = mod.attr`, `x = Cls()`. */
const NAMING_NODES = new Set(['identifier', 'attribute', 'call']);
const COMPREHENSIONS = new Set(['generator_expression', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension']);
/** How deep name-to-value resolution may go; real code rarely chains more than a few assignments. */
const MAX_DEPTH = 8;

export function pythonFacts(_file: SourceFile, tree: Tree): PythonFacts {
  const scopes = collect(tree);
  const root = scopes[0];
  const calleeCache = new WeakMap<SyntaxNode, string | null>();

  /** The innermost scope whose range holds `node`; scopes are in source order and nest. */
  const scopeAt = (node: SyntaxNode): Scope => {
    const at = node.startIndex;
    let lo = 0;
    let hi = scopes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (scopes[mid].start <= at) lo = mid;
      else hi = mid - 1;
    }
    let scope: Scope | undefined = scopes[lo];
    while (scope && !(scope.start <= at && at < scope.end)) scope = scope.parent;
    return scope ?? root;
  };

  const lookup = (name: string, at: SyntaxNode): Binding[] | undefined => {
    let scope: Scope | undefined = scopeAt(at);
    while (scope) {
      if (scope.globals.has(name)) scope = root;
      const found = scope.bindings.get(name);
      if (found) return found;
      // Class bodies are not visible from the methods inside them.
      do scope = scope.parent;
      while (scope && scope.node.type === 'class_definition');
    }
    return undefined;
  };

  const qualify = (expr: SyntaxNode, depth: number): string | undefined => {
    const n = unwrapParens(expr);
    if (depth > MAX_DEPTH) return undefined;
    switch (n.type) {
      case 'identifier': {
        const bindings = lookup(n.text, n);
        if (!bindings) return n.text;
        // Loops, not filters: this runs for most names of most calls.
        // `try: from secrets import randbits / except ImportError: from random import …`: the first is the one normally in effect.
        let imported: string | undefined;
        for (const b of bindings) if (b.kind === 'import' && imported === undefined) imported = b.target;
        if (imported !== undefined) {
          // `try: import yaml / except ImportError: yaml = None` still means the module.
          return bindings.every((b) => b.kind === 'import' || (b.kind === 'value' && b.node.type === 'none')) ? imported : undefined;
        }
        let result: string | undefined;
        for (const b of bindings) {
          if (b.kind !== 'value' || !NAMING_NODES.has(unwrapParens(b.node).type)) return undefined;
          const q = qualify(b.node, depth + 1);
          if (q === undefined || (result !== undefined && result !== q)) return undefined;
          result = q;
        }
        return result;
      }
      case 'attribute': {
        const object = n.childForFieldName('object');
        const attr = n.childForFieldName('attribute');
        const base = object && qualify(object, depth + 1);
        return base && attr ? `${base}.${attr.text}` : undefined;
      }
      case 'call': {
        const fn = n.childForFieldName('function');
        const base = fn && qualify(fn, depth + 1);
        return base ? `${base}()` : undefined;
      }
      default:
        return undefined;
    }
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
        const ok = bindings.every((b) => (b.kind === 'value' || b.kind === 'element') && constant(b.node, visiting));
        visiting.delete(n.id);
        return ok;
      }
      case 'attribute':
        return KNOWN_CONSTANTS.has(qualify(n, 0) ?? '');
      case 'call': {
        const fn = n.childForFieldName('function');
        const args = n.childForFieldName('arguments');
        if (!fn || !args || !constantChildren(args, visiting)) return false;
        if (fn.type === 'identifier') return PURE_BUILTINS.has(fn.text) && !lookup(fn.text, fn);
        if (fn.type === 'attribute') {
          const object = fn.childForFieldName('object');
          const method = fn.childForFieldName('attribute')?.text ?? '';
          if (qualify(fn, 0) === 'os.path.join') return true;
          return !!object && STRING_METHODS_KEEPING_CONSTANCY.has(method) && constant(object, visiting);
        }
        return false;
      }
      default:
        return false;
    }
  };

  const constantChildren = (n: SyntaxNode, visiting: Set<number>): boolean =>
    n.namedChildren.every((c) => (c.type === 'comment' || c.type === 'keyword_argument' ? constantKeyword(c, visiting) : constant(c, visiting)));

  const constantKeyword = (c: SyntaxNode, visiting: Set<number>): boolean => {
    if (c.type === 'comment') return true;
    const value = c.childForFieldName('value');
    return !!value && constant(value, visiting);
  };

  const fold = (expr: SyntaxNode, depth: number): PyConstant | undefined => {
    const n = unwrapParens(expr);
    if (depth > MAX_DEPTH) return undefined;
    switch (n.type) {
      case 'integer':
        return parseInteger(n.text);
      case 'float': {
        const v = Number(n.text.replace(/_/g, ''));
        return Number.isNaN(v) ? undefined : v;
      }
      case 'true':
        return true;
      case 'false':
        return false;
      case 'none':
        return null;
      case 'string': {
        let out = '';
        for (const child of n.namedChildren) {
          if (child.type === 'string_content' || child.type === 'escape_sequence') out += child.text;
          else if (child.type === 'interpolation') {
            const inner = child.childForFieldName('expression');
            if (!inner || child.childForFieldName('format_specifier') || child.childForFieldName('type_conversion')) return undefined;
            const v = fold(inner, depth + 1);
            if (v === undefined) return undefined;
            out += pyStr(v);
          }
        }
        return out;
      }
      case 'concatenated_string': {
        let out = '';
        for (const part of n.namedChildren) {
          const v = fold(part, depth + 1);
          if (typeof v !== 'string') return undefined;
          out += v;
        }
        return out;
      }
      case 'unary_operator': {
        const v = fold(n.childForFieldName('argument') ?? n, depth + 1);
        if (typeof v !== 'number') return undefined;
        const op = n.childForFieldName('operator')?.text;
        return op === '-' ? -v : op === '~' ? ~v : op === '+' ? v : undefined;
      }
      case 'binary_operator': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        const op = n.childForFieldName('operator')?.text;
        if (!left || !right || !op) return undefined;
        const a = fold(left, depth + 1);
        const b = fold(right, depth + 1);
        if (typeof a === 'string' && typeof b === 'string' && op === '+') return a + b;
        if (typeof a !== 'number' || typeof b !== 'number') return undefined;
        switch (op) {
          case '|': return a | b;
          case '&': return a & b;
          case '^': return a ^ b;
          case '+': return a + b;
          case '-': return a - b;
          case '*': return a * b;
          case '<<': return a << b;
          case '>>': return a >> b;
          default: return undefined;
        }
      }
      case 'identifier': {
        const bindings = lookup(n.text, n);
        if (!bindings || bindings.length === 0) return undefined;
        let result: PyConstant | undefined;
        for (const b of bindings) {
          if (b.kind !== 'value' || b.node.type === 'augmented_assignment') return undefined;
          const v = fold(b.node, depth + 1);
          if (v === undefined || (result !== undefined && result !== v)) return undefined;
          result = v;
        }
        return result;
      }
      case 'attribute':
        return KNOWN_CONSTANTS.get(qualify(n, 0) ?? '');
      case 'call': {
        if (qualify(n.childForFieldName('function') ?? n, 0) !== 'os.path.join') return undefined;
        const parts = (n.childForFieldName('arguments')?.namedChildren ?? []).map((a) => fold(a, depth + 1));
        if (parts.length === 0 || !parts.every((p): p is string => typeof p === 'string')) return undefined;
        return parts.reduce((acc, p) => (p.startsWith('/') ? p : acc === '' || acc.endsWith('/') ? acc + p : `${acc}/${p}`), '');
      }
      default:
        return undefined;
    }
  };

  const origins = (expr: SyntaxNode, isSafe?: (n: SyntaxNode) => boolean): Origin[] => {
    const found: Origin[] = [];
    const seen = new Set<number>();
    const followed = new Set<number>();
    const leaf = (node: SyntaxNode, parameterOf?: string) => {
      if (seen.has(node.id)) return;
      seen.add(node.id);
      found.push(parameterOf === undefined ? { node } : { node, parameterOf });
    };
    const visit = (expr: SyntaxNode, depth: number): void => {
      const n = unwrapParens(expr);
      if (depth > MAX_DEPTH || isSafe?.(n) || constant(n, new Set())) return;
      if (n.type === 'identifier') {
        const bindings = lookup(n.text, n);
        if (!bindings) return leaf(n);
        for (const b of bindings) {
          if (b.kind === 'value' || b.kind === 'element') {
            if (followed.has(b.node.id)) continue;
            followed.add(b.node.id);
            visit(b.node, depth + 1);
          } else if (b.kind === 'parameter') {
            leaf(b.node, functionName(b.node));
          } else {
            leaf(n);
          }
        }
        return;
      }
      if (n.type === 'string') {
        for (const c of n.namedChildren) if (c.type === 'interpolation') visit(c.childForFieldName('expression') ?? c, depth + 1);
        return;
      }
      // The loop variables in the body lead to the iterables through their bindings.
      if (COMPREHENSIONS.has(n.type)) return visit(n.childForFieldName('body') ?? n.namedChildren[0], depth + 1);
      if (COMPOSITE_NODES.has(n.type)) {
        for (const c of n.namedChildren) {
          if (c.type === 'comment') continue;
          visit(c.type === 'keyword_argument' ? c.childForFieldName('value') ?? c : c, depth + 1);
        }
        return;
      }
      if (n.type === 'subscript') {
        // `entries['keyA']` of a dict literal bound once: the value under that key, not the others.
        const entry = dictEntry(n);
        if (entry) return visit(entry, depth + 1);
      }
      if (n.type === 'call' && carriesData(n)) {
        const fn = n.childForFieldName('function');
        if (fn?.type === 'attribute') visit(fn.childForFieldName('object') ?? fn, depth + 1);
        visit(n.childForFieldName('arguments') ?? n, depth + 1);
        return;
      }
      leaf(n);
    };
    const dictEntry = (subscript: SyntaxNode): SyntaxNode | undefined => {
      const holder = unwrapParens(subscript.childForFieldName('value') ?? subscript);
      const keys = subscript.childrenForFieldName('subscript');
      const key = keys.length === 1 ? fold(keys[0], 0) : undefined;
      const bindings = holder.type === 'identifier' ? lookup(holder.text, holder) : undefined;
      const dict = bindings?.length === 1 && bindings[0].kind === 'value' ? unwrapParens(bindings[0].node) : undefined;
      if (typeof key !== 'string' || dict?.type !== 'dictionary') return undefined;
      for (const pair of dict.namedChildren) {
        if (pair.type === 'pair' && fold(pair.childForFieldName('key') ?? pair, 0) === key) return pair.childForFieldName('value') ?? undefined;
      }
      return undefined;
    };
    const carriesData = (call: SyntaxNode): boolean => {
      const fn = call.childForFieldName('function');
      if (!fn) return false;
      if (fn.type === 'identifier') return PROPAGATING_BUILTINS.has(fn.text) && !lookup(fn.text, fn);
      if (fn.type !== 'attribute') return false;
      const object = unwrapParens(fn.childForFieldName('object') ?? fn);
      const method = fn.childForFieldName('attribute')?.text ?? '';
      if (PROPAGATING_QUALIFIED.has(qualify(fn, 0) ?? '')) return true;
      return STRING_METHODS_KEEPING_CONSTANCY.has(method) && (object.type === 'string' || object.type === 'concatenated_string' || method !== 'join');
    };
    visit(expr, 0);
    return found.sort((a, b) => a.node.startIndex - b.node.startIndex);
  };

  return {
    qualifiedName: (expr) => qualify(expr, 0),
    calleeName(call) {
      const cached = calleeCache.get(call);
      if (cached !== undefined) return cached ?? undefined;
      const fn = call.childForFieldName('function');
      const name = fn ? qualify(fn, 0) : undefined;
      calleeCache.set(call, name ?? null);
      return name;
    },
    isConstant: (expr) => constant(expr, new Set()),
    constantValue: (expr) => fold(expr, 0),
    truthOf(expr) {
      const v = fold(expr, 0);
      return v === undefined ? undefined : v !== null && v !== false && v !== 0 && v !== '';
    },
    bindingsOf(name, at) {
      const b = lookup(name, at);
      return b && b.every((x) => x.kind === 'value') ? b.map((x) => (x as { node: SyntaxNode }).node) : undefined;
    },
    lookup,
    origins,
  };
}

/** The name of the function a parameter belongs to (`<lambda>` for lambdas). */
function functionName(param: SyntaxNode): string {
  for (let n = param.parent; n; n = n.parent) {
    if (n.type === 'function_definition') return n.childForFieldName('name')?.text ?? '';
    if (n.type === 'lambda') return '<lambda>';
  }
  return '';
}

function parseInteger(text: string): number | undefined {
  const t = text.replace(/_/g, '').toLowerCase().replace(/l$/, '');
  // Python 2 octal literals (0755) are still common in old code.
  const v = /^0[0-7]+$/.test(t) ? parseInt(t.slice(1), 8) : t.startsWith('0o') ? parseInt(t.slice(2), 8) : Number(t);
  return Number.isNaN(v) ? undefined : v;
}

/** str() of a folded constant, as Python would print it. */
function pyStr(v: PyConstant): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  return String(v);
}

/** Node types below the module that open a scope or bind a name. */
const BINDING_TYPES = [
  'function_definition', 'lambda', 'class_definition', 'assignment', 'augmented_assignment', 'named_expression', 'for_statement',
  'for_in_clause', 'as_pattern', 'global_statement', 'nonlocal_statement', 'import_statement', 'import_from_statement',
];

/** Every scope of the module in source order, with its bindings. */
function collect(tree: Tree): Scope[] {
  const rootNode = tree.rootNode;
  const root: Scope = { node: rootNode, parent: undefined, start: 0, end: Number.MAX_SAFE_INTEGER, bindings: new Map(), globals: new Set() };
  const scopes: Scope[] = [root];
  // The scopes whose nodes enclose the current node, with where each node ends.
  const open: Array<{ scope: Scope; nodeEnd: number }> = [{ scope: root, nodeEnd: Number.MAX_SAFE_INTEGER }];
  // The native search visits the whole tree far faster than a cursor walk from JavaScript, in document order.
  for (const node of rootNode.descendantsOfType(BINDING_TYPES)) {
    const at = node.startIndex;
    while (open.length > 1 && at >= open[open.length - 1].nodeEnd) open.pop();
    // A function's name, parameters and defaults belong to the scope around it, its body to its own.
    let i = open.length - 1;
    while (i > 0 && !(open[i].scope.start <= at && at < open[i].scope.end)) i--;
    const current = open[i].scope;
    if (SCOPE_NODES.has(node.type)) {
      const name = node.childForFieldName('name');
      if (name) bind(current, name.text, { kind: 'definition', node });
      const body = node.childForFieldName('body') ?? node;
      const scope: Scope = { node, parent: current, start: body.startIndex, end: body.endIndex, bindings: new Map(), globals: new Set() };
      bindParameters(node, scope);
      scopes.push(scope);
      open.push({ scope, nodeEnd: node.endIndex });
    } else {
      record(node, current);
    }
  }
  return scopes;
}

function bind(scope: Scope, name: string, value: Binding): void {
  const list = scope.bindings.get(name);
  if (list) list.push(value);
  else scope.bindings.set(name, [value]);
}

const UNKNOWN: Binding = { kind: 'unknown' };

function bindTargets(target: SyntaxNode, scope: Scope, value: Binding): void {
  if (target.type === 'identifier') return bind(scope, target.text, value);
  if (target.type === 'attribute' || target.type === 'subscript') return;
  for (const child of target.namedChildren) bindTargets(child, scope, UNKNOWN);
}

/** `for k, v in items`: every name in the target holds (part of) an item of `items`. */
function bindElements(target: SyntaxNode, scope: Scope, items: SyntaxNode): void {
  if (target.type === 'identifier') return bind(scope, target.text, { kind: 'element', node: items });
  if (target.type === 'attribute' || target.type === 'subscript') return;
  for (const child of target.namedChildren) bindElements(child, scope, items);
}

function bindParameters(fn: SyntaxNode, scope: Scope): void {
  const params = fn.childForFieldName('parameters');
  for (const p of params?.namedChildren ?? []) {
    const name = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier');
    if (name) bind(scope, name.text, { kind: 'parameter', node: name });
  }
}

function record(node: SyntaxNode, scope: Scope): void {
  switch (node.type) {
    case 'assignment': {
      const left = node.childForFieldName('left');
      let right = node.childForFieldName('right');
      // `a = b = value`: the inner assignment is recorded on its own; `a` takes the final value.
      while (right?.type === 'assignment') right = right.childForFieldName('right');
      if (!left || !right) return;
      if (left.type === 'identifier') return bind(scope, left.text, right.type === 'yield' ? UNKNOWN : { kind: 'value', node: right });
      const targets = left.namedChildren;
      const values = right.type === 'expression_list' || right.type === 'tuple' ? right.namedChildren : undefined;
      if ((left.type === 'pattern_list' || left.type === 'tuple_pattern') && values && values.length === targets.length) {
        targets.forEach((t, i) => bindTargets(t, scope, { kind: 'value', node: values[i] }));
      } else {
        bindTargets(left, scope, UNKNOWN);
      }
      return;
    }
    case 'augmented_assignment': {
      const left = node.childForFieldName('left');
      if (left?.type === 'identifier') bind(scope, left.text, { kind: 'value', node });
      return;
    }
    case 'named_expression': {
      const name = node.childForFieldName('name');
      const value = node.childForFieldName('value');
      if (name && value) bind(scope, name.text, { kind: 'value', node: value });
      return;
    }
    case 'for_statement':
    case 'for_in_clause': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left && right) bindElements(left, scope, right);
      else if (left) bindTargets(left, scope, UNKNOWN);
      return;
    }
    case 'as_pattern': {
      const alias = node.childForFieldName('alias');
      const value = node.namedChildren[0];
      const target = alias?.namedChildren[0];
      if (!target) return;
      // `with requests.Session() as s`: context managers of interest return themselves from __enter__.
      if (node.parent?.type === 'with_item' && target.type === 'identifier' && value) bind(scope, target.text, { kind: 'value', node: value });
      else bindTargets(target, scope, UNKNOWN);
      return;
    }
    case 'global_statement':
    case 'nonlocal_statement':
      for (const c of node.namedChildren) if (c.type === 'identifier') scope.globals.add(c.text);
      return;
    case 'import_statement':
      for (const item of node.namedChildren) {
        if (item.type === 'dotted_name') {
          // `import os.path` binds `os`, and `os.path.x` then names os.path.x.
          const head = item.text.split('.')[0];
          bind(scope, head, { kind: 'import', target: head });
        } else if (item.type === 'aliased_import') {
          const name = item.childForFieldName('name')?.text;
          const alias = item.childForFieldName('alias')?.text;
          if (name && alias) bind(scope, alias, { kind: 'import', target: name });
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
        bind(scope, alias, { kind: 'import', target: module ? `${module}.${name}` : `.${name}` });
      }
      return;
    }
    default:
      return;
  }
}
