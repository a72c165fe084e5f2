import { isRequestData, pythonFacts, type Origin, type PythonFacts } from '../../languages/python/facts.js';
import { code, originsPhrase, shortText } from '../../languages/python/describe.js';
import { argument, calleeTail, receiver, unwrapParens } from '../../languages/python/syntax.js';
import type { SyntaxNode } from '../../languages/parse.js';
import type { Rule } from '../types.js';

/** Methods that run their first argument as SQL on DB-API cursors/connections, SQLAlchemy and Django managers. */
const SQL_METHODS = new Set(['execute', 'executemany', 'executescript', 'raw']);
/** Functions whose first argument is SQL whatever they are called on. */
const SQL_FUNCTIONS = new Set([
  'sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text', 'pandas.read_sql', 'pandas.read_sql_query',
  'django.db.models.expressions.RawSQL', 'django.db.models.RawSQL',
]);
/** Fragments that make a string an SQL statement rather than a shell command or a log line. */
const SQL_SHAPE =
  /\b(select\b[\s\S]*\bfrom|insert\s+(or\s+\w+\s+)?into|update\b[\s\S]*\bset|delete\s+from|replace\s+into|create\s+(temp\w*\s+)?(table|index|view|database|schema)|drop\s+(table|index|view|database|schema)|alter\s+table|truncate\s+(table\s+)?\w|merge\s+into|pragma\s+\w|where\b[\s\S]*[=<>]|order\s+by|group\s+by|values\s*\()/i;
/** Calls whose result cannot carry SQL syntax. */
const NUMERIC_CALLS = new Set(['int', 'float', 'len', 'bool', 'abs', 'round', 'uuid.UUID', 'uuid.uuid4']);
const MAX_DEPTH = 6;

interface Construction {
  node: SyntaxNode;
  how: string;
  origins: Origin[];
}

export const sqlInjection: Rule = {
  meta: {
    id: 'py/sql-injection',
    title: 'SQL built by string formatting',
    cwe: 89,
    defectType: 'sql-injection',
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    description:
      'An SQL statement is assembled with %-formatting, concatenation, str.format() or an f-string from values that are not constants, and then executed. A quote or SQL keyword in any of those values changes the statement: data can be read, altered or deleted beyond what the code intends.',
    solution:
      'Keep the SQL text constant and pass values as parameters of the driver: cursor.execute("SELECT … WHERE id = %s", (user_id,)) (or `?`/`:name`, as the driver expects), text("… :id").bindparams(id=…) in SQLAlchemy, raw(query, params) in Django. Table or column names cannot be parameters: pick them from an allow-list or quote them with the driver (psycopg2.sql.Identifier).',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        const isFunction = !!callee && SQL_FUNCTIONS.has(callee);
        const tail = calleeTail(node);
        const object = receiver(node);
        if (!isFunction && !(object && tail && SQL_METHODS.has(tail))) return;
        const query = argument(node, 0, 'sql') ?? argument(node, 0, 'query');
        if (!query) return;
        const built = construction(facts, query, 0);
        // Request data alone is py/taint-sql-injection's to judge, path by path (see py/command-injection).
        if (!built || built.origins.every(isRequestData)) return;
        if (!isFunction && !SQL_SHAPE.test(sqlText(facts, query, 0))) return;
        const sink = isFunction ? `${callee}()` : `${shortText(object!)}.${tail}()`;
        const verb = isFunction && /(text|RawSQL)$/.test(callee!) ? 'receives' : 'runs';
        const where =
          built.node === unwrapParens(query) ? `the SQL string ${code(query)}, built by ${built.how}`
          : `${code(query)}, an SQL string built on line ${built.node.startPosition.row + 1} by ${built.how}`;
        context.report({
          node,
          message: `${sink} ${verb} ${where} from ${originsPhrase(built.origins)}: quotes or SQL syntax in that data change the statement (SQL injection).`,
        });
      },
    };
  },
};

/** Non-numeric, non-constant data reaching `expr`. */
function unsafeOrigins(facts: PythonFacts, expr: SyntaxNode): Origin[] {
  return facts.origins(expr, (n) => sqlInert(facts, n));
}

/** Values that cannot carry SQL syntax: numbers, and placeholder lists like `",".join("?" * len(ids))`. */
function sqlInert(facts: PythonFacts, n: SyntaxNode): boolean {
  if (n.type === 'call') {
    if (NUMERIC_CALLS.has(facts.calleeName(n) ?? '')) return true;
    const fn = n.childForFieldName('function');
    const args = n.childForFieldName('arguments');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'join' && facts.isConstant(fn.childForFieldName('object') ?? fn)) {
      const items = args?.type === 'generator_expression' ? args : args?.namedChildren[0];
      return !!items && placeholderList(facts, items);
    }
    return false;
  }
  return n.type === 'binary_operator' && placeholderList(facts, n);
}

function placeholderList(facts: PythonFacts, n: SyntaxNode): boolean {
  const u = unwrapParens(n);
  if (u.type === 'binary_operator' && u.childForFieldName('operator')?.text === '*') {
    const left = u.childForFieldName('left');
    const right = u.childForFieldName('right');
    return (!!left && facts.isConstant(left)) || (!!right && facts.isConstant(right));
  }
  if (u.type === 'generator_expression' || u.type === 'list_comprehension') {
    const body = u.childForFieldName('body');
    return !!body && facts.isConstant(body);
  }
  return facts.isConstant(u);
}

/** How `expr` was assembled from non-constant data, following local variables. */
function construction(facts: PythonFacts, expr: SyntaxNode, depth: number): Construction | undefined {
  const n = unwrapParens(expr);
  if (depth > MAX_DEPTH) return undefined;
  switch (n.type) {
    case 'identifier': {
      for (const b of facts.lookup(n.text, n) ?? []) {
        const found = b.kind === 'value' ? construction(facts, b.node, depth + 1) : undefined;
        if (found) return found;
      }
      return undefined;
    }
    case 'string': {
      const parts = n.namedChildren.filter((c) => c.type === 'interpolation');
      const origins = parts.flatMap((p) => unsafeOrigins(facts, p));
      return origins.length > 0 ? { node: n, how: 'f-string interpolation', origins } : undefined;
    }
    case 'augmented_assignment': {
      const right = n.childForFieldName('right');
      if (!right) return undefined;
      const inner = construction(facts, right, depth + 1);
      if (inner) return { ...inner, node: n };
      const origins = unsafeOrigins(facts, right);
      return origins.length > 0 ? { node: n, how: 'concatenation (+=)', origins } : undefined;
    }
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.text;
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (!left || !right) return undefined;
      if (op === '%' && typeof facts.constantValue(left) === 'string') {
        const origins = unsafeOrigins(facts, right);
        return origins.length > 0 ? { node: n, how: '%-formatting', origins } : undefined;
      }
      if (op === '+') {
        const operands = flattenPlus(n);
        const unsafe = operands.flatMap((o) => (typeof facts.constantValue(o) === 'string' ? [] : unsafeOrigins(facts, o)));
        if (unsafe.length > 0 && operands.some((o) => typeof facts.constantValue(o) === 'string')) {
          return { node: n, how: 'concatenation', origins: unsafe };
        }
        for (const o of operands) {
          const inner = construction(facts, o, depth + 1);
          if (inner) return inner;
        }
      }
      return undefined;
    }
    case 'call': {
      const fn = n.childForFieldName('function');
      const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
      if (!object || fn?.childForFieldName('attribute')?.text !== 'format' || typeof facts.constantValue(object) !== 'string') return undefined;
      const origins = unsafeOrigins(facts, n.childForFieldName('arguments') ?? n);
      return origins.length > 0 ? { node: n, how: 'str.format()', origins } : undefined;
    }
    default:
      return undefined;
  }
}

function flattenPlus(n: SyntaxNode): SyntaxNode[] {
  const u = unwrapParens(n);
  if (u.type !== 'binary_operator' || u.childForFieldName('operator')?.text !== '+') return [u];
  return [...flattenPlus(u.childForFieldName('left') ?? u), ...flattenPlus(u.childForFieldName('right') ?? u)];
}

/** The literal text of a query, gathered from every string it is assembled from. */
function sqlText(facts: PythonFacts, expr: SyntaxNode, depth: number): string {
  const n = unwrapParens(expr);
  if (depth > MAX_DEPTH) return '';
  if (n.type === 'string_content') return n.text;
  if (n.type === 'identifier') {
    return (facts.lookup(n.text, n) ?? []).map((b) => (b.kind === 'value' ? sqlText(facts, b.node, depth + 1) : '')).join(' ');
  }
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    return fn?.type === 'attribute' ? sqlText(facts, fn.childForFieldName('object') ?? fn, depth + 1) : '';
  }
  if (n.type === 'interpolation') return ' ';
  return n.namedChildren.map((c) => sqlText(facts, c, depth + 1)).join(n.type === 'string' ? '' : ' ');
}
