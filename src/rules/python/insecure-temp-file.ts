import { pythonFacts, type PythonFacts } from '../../languages/python/facts.js';
import { code } from '../../languages/python/describe.js';
import type { SyntaxNode } from '../../languages/parse.js';
import { argument, calleeTail, receiver, stringValue, unwrapParens } from '../../languages/python/syntax.js';
import type { Rule } from '../types.js';

const SHARED_TEMP_DIRS = ['/tmp', '/var/tmp', '/dev/shm'];
const TEMP_DIR_CALLS = new Set(['tempfile.gettempdir', 'tempfile.gettempdirb']);
const OPENERS = new Set(['open', 'io.open', 'codecs.open', 'builtins.open']);
const COPIERS = new Set(['shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.move']);
const PATH_WRITERS = new Set(['write_text', 'write_bytes', 'touch']);
/** Name parts an attacker cannot guess, which make a path in /tmp safe to create. */
const UNGUESSABLE = /^(uuid\.uuid4\(\)|secrets\.|os\.urandom\(\)|tempfile\.mkdtemp\(\)|tempfile\.mkstemp\(\))/;
const MAX_DEPTH = 5;

const RACE = 'another local user can create that file, or a symbolic link with that name, before this process does, and so redirect the write or read the data';

export const insecureTempFile: Rule = {
  meta: {
    id: 'py/insecure-temp-file',
    title: 'Insecure temporary file',
    cwe: 377,
    defectType: 'race-condition',
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    description:
      'A file is created under a name in a shared temporary directory that other users can predict: tempfile.mktemp() returns a name without creating the file, and fixed paths under /tmp are known in advance. Between choosing the name and opening it, another local user can plant a file or a symbolic link there and make this process overwrite a file of their choice or write data where they can read it.',
    solution:
      'Let the tempfile module create the file atomically with a random name and private permissions: tempfile.NamedTemporaryFile(), tempfile.mkstemp(), or a private directory from tempfile.mkdtemp()/TemporaryDirectory() for several files.',
  },
  create(context) {
    const facts = context.memo(pythonFacts);
    return {
      call(node) {
        const callee = facts.calleeName(node);
        if (callee === 'tempfile.mktemp') {
          context.report({
            node,
            message: `tempfile.mktemp() only returns a file name, it does not create the file: ${RACE}.`,
          });
          return;
        }
        let path: SyntaxNode | undefined;
        let action = 'writes to';
        if (callee && OPENERS.has(callee)) {
          const mode = facts.constantValue(argument(node, 1, 'mode') ?? node);
          if (typeof mode !== 'string' || !/[wa+]/.test(mode) || mode.includes('x')) return;
          path = argument(node, 0, 'file') ?? argument(node, 0, 'filename');
        } else if (callee === 'os.open') {
          const flags = argument(node, 1, 'flags');
          const names = flags ? flagNames(facts, flags) : [];
          if (!names.includes('O_CREAT') || names.includes('O_EXCL')) return;
          path = argument(node, 0, 'path');
          action = 'creates';
        } else if (callee && COPIERS.has(callee)) {
          path = argument(node, 1, 'dst');
          action = callee === 'shutil.move' ? 'moves a file to' : 'copies a file to';
        } else {
          const tail = calleeTail(node);
          const object = receiver(node);
          if (!object || !tail) return;
          if (PATH_WRITERS.has(tail)) path = object;
          else if (tail === 'open') {
            const mode = facts.constantValue(argument(node, 0, 'mode') ?? node);
            if (typeof mode === 'string' && /[wa+]/.test(mode) && !mode.includes('x')) path = object;
          }
          if (!path || !isPathObject(facts, path, 0)) return;
        }
        if (!path || !predictableTempPath(facts, path, 0)) return;
        const fn = callee ?? `${calleeTail(node)}`;
        const value = facts.constantValue(path);
        const shown = typeof value === 'string' && value !== stringValue(path) ? `${code(path)} (${value})` : code(path);
        context.report({
          node,
          message: `${fn}() ${action} ${shown}, a predictable name in a shared temporary directory: ${RACE}.`,
        });
      },
    };
  },
};

/** `os.O_WRONLY | os.O_CREAT` -> ['O_WRONLY', 'O_CREAT'] */
function flagNames(facts: PythonFacts, flags: SyntaxNode): string[] {
  const n = unwrapParens(flags);
  if (n.type === 'binary_operator') return n.namedChildren.flatMap((c) => flagNames(facts, c));
  if (n.type === 'identifier') {
    const values = facts.bindingsOf(n.text, n);
    if (values) return values.flatMap((v) => flagNames(facts, v));
  }
  const name = facts.qualifiedName(n) ?? '';
  return name.startsWith('os.') ? [name.slice(3)] : [];
}

function isPathObject(facts: PythonFacts, expr: SyntaxNode, depth: number): boolean {
  const n = unwrapParens(expr);
  if (depth > MAX_DEPTH) return false;
  if (n.type === 'call') return /^pathlib\.(Pure)?(Posix)?Path$/.test(facts.calleeName(n) ?? '');
  if (n.type === 'binary_operator') return isPathObject(facts, n.childForFieldName('left') ?? n, depth + 1);
  if (n.type === 'identifier') return (facts.bindingsOf(n.text, n) ?? []).some((v) => isPathObject(facts, v, depth + 1));
  return false;
}

function isTempDir(facts: PythonFacts, expr: SyntaxNode): boolean {
  const n = unwrapParens(expr);
  const value = facts.constantValue(n);
  if (typeof value === 'string') return SHARED_TEMP_DIRS.includes(value.replace(/\/+$/, ''));
  if (n.type === 'call') {
    const callee = facts.calleeName(n) ?? '';
    if (TEMP_DIR_CALLS.has(callee)) return true;
    if (/^pathlib\.(Pure)?(Posix)?Path$/.test(callee)) {
      const args = n.childForFieldName('arguments')?.namedChildren ?? [];
      return args.length === 1 && isTempDir(facts, args[0]);
    }
  }
  return facts.qualifiedName(n) === 'tempfile.tempdir';
}

/** `/tmp/x`; with `more`, the text continues (an f-string's first part), so `/tmp/` alone counts. */
function startsInTempDir(text: string, more = false): boolean {
  return SHARED_TEMP_DIRS.some((dir) => text.startsWith(`${dir}/`) && (more || text.length > dir.length + 1));
}

/** A path in /tmp (or the like) whose name holds nothing an attacker could not guess. */
function predictableTempPath(facts: PythonFacts, expr: SyntaxNode, depth: number): boolean {
  if (!inTempDir(facts, expr, depth)) return false;
  return !facts.origins(expr).some((o) => UNGUESSABLE.test(facts.qualifiedName(o.node) ?? ''));
}

function inTempDir(facts: PythonFacts, expr: SyntaxNode, depth: number): boolean {
  const n = unwrapParens(expr);
  if (depth > MAX_DEPTH) return false;
  const value = facts.constantValue(n);
  if (typeof value === 'string') return startsInTempDir(value);
  switch (n.type) {
    case 'string': {
      const first = n.namedChildren.find((c) => c.type !== 'string_start');
      return first?.type === 'string_content' && startsInTempDir(first.text, first.nextNamedSibling?.type === 'interpolation');
    }
    case 'binary_operator': {
      const left = n.childForFieldName('left');
      const op = n.childForFieldName('operator')?.text;
      if (!left) return false;
      if (op === '/') return isTempDir(facts, left) || inTempDir(facts, left, depth + 1);
      if (op === '+' || op === '%') {
        const prefix = facts.constantValue(left);
        return typeof prefix === 'string' ? startsInTempDir(prefix) : inTempDir(facts, left, depth + 1);
      }
      return false;
    }
    case 'call': {
      const callee = facts.calleeName(n) ?? '';
      const args = n.childForFieldName('arguments')?.namedChildren ?? [];
      if (callee === 'os.path.join' || /^pathlib\.(Pure)?(Posix)?Path$/.test(callee)) {
        return args.length > 0 && ((args.length >= 2 && isTempDir(facts, args[0])) || inTempDir(facts, args[0], depth + 1));
      }
      const fn = n.childForFieldName('function');
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
        return inTempDir(facts, fn.childForFieldName('object') ?? fn, depth + 1);
      }
      return false;
    }
    case 'identifier':
      return (facts.bindingsOf(n.text, n) ?? []).some((v) => inTempDir(facts, v, depth + 1));
    default:
      return false;
  }
}
