/**
 * Unified diffs -> changed lines per file. Hunks are read by `parse-diff`; the file headers of git
 * diffs (renames, copies, binary changes, quoted paths) are read here, because parse-diff keeps
 * neither rename nor binary information and leaves git's C-style path quoting in place.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import parseDiff from 'parse-diff';
import type { Diagnostic } from '../core/diagnostic.js';
import { splitLines } from '../core/source-file.js';
import { hasKnownExtension } from '../languages/language.js';
import { ChangeError, toRanges, type ChangeSet, type ChangeStatus, type ChangedFile, type OpenedChange } from './change.js';

export interface PatchFile {
  /** Undefined for an added file. Paths are as the diff names them, prefixes (`a/`, `b/`) removed. */
  oldPath?: string;
  /** Undefined for a deleted file. */
  newPath?: string;
  status: ChangeStatus;
  binary: boolean;
  /** Added lines of the new file with their text, in order. */
  added: Array<{ line: number; text: string }>;
  deletedAfter: number[];
  additions: number;
  deletions: number;
}

export function parsePatch(text: string): PatchFile[] {
  return sections(text.split(/\r?\n/)).flatMap((lines) =>
    lines[0].startsWith('diff --git ') ? [parseGitSection(lines)] : parsePlainSection(lines),
  );
}

/** Splits at each `diff …` header; hunk lines never start with `d`, so this cannot cut a hunk. */
function sections(lines: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.startsWith('diff ') && current.length > 0) {
      out.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.some((l) => l.length > 0)) out.push(current);
  return out;
}

function parseGitSection(lines: string[]): PatchFile {
  let oldPath: string | undefined;
  let newPath: string | undefined;
  let status: ChangeStatus = 'modified';
  let binary = false;
  for (const line of lines) {
    if (line.startsWith('@@')) break;
    if (line.startsWith('new file mode ')) status = 'added';
    else if (line.startsWith('deleted file mode ')) status = 'deleted';
    else if (line.startsWith('rename from ')) [status, oldPath] = ['renamed', unquote(line.slice(12))];
    else if (line.startsWith('rename to ')) newPath = unquote(line.slice(10));
    else if (line.startsWith('copy from ')) [status, oldPath] = ['copied', unquote(line.slice(10))];
    else if (line.startsWith('copy to ')) newPath = unquote(line.slice(8));
    else if (line.startsWith('--- ')) oldPath ??= headerPath(line.slice(4));
    else if (line.startsWith('+++ ')) newPath ??= headerPath(line.slice(4));
    else if (line.startsWith('Binary files ') || line === 'GIT binary patch') binary = true;
  }
  if (oldPath === undefined && newPath === undefined) [oldPath, newPath] = gitHeaderPaths(lines[0].slice('diff --git '.length));
  if (status === 'added') oldPath = undefined;
  if (status === 'deleted') newPath = undefined;
  const hunks = parseDiff(lines.join('\n')).flatMap((f) => f.chunks);
  return { oldPath, newPath, status, binary, ...readHunks(hunks) };
}

/** Diffs without git headers (`diff -u`, `diff -ruN`, other version control systems). */
function parsePlainSection(lines: string[]): PatchFile[] {
  const binaries: PatchFile[] = [];
  const rest: string[] = [];
  for (const line of lines) {
    const m = /^Binary files (.+) and (.+) differ$/.exec(line);
    if (m) {
      binaries.push({ oldPath: stripPrefix(m[1]), newPath: stripPrefix(m[2]), status: 'modified', binary: true, ...readHunks([]) });
    } else {
      rest.push(line);
    }
  }
  const files = parseDiff(rest.join('\n')).map((f): PatchFile => {
    const oldPath = f.from === '/dev/null' || f.from === undefined ? undefined : f.from;
    const newPath = f.to === '/dev/null' || f.to === undefined ? undefined : f.to;
    const status: ChangeStatus = oldPath === undefined ? 'added' : newPath === undefined ? 'deleted' : 'modified';
    return { oldPath, newPath, status, binary: false, ...readHunks(f.chunks) };
  });
  return [...files.filter((f) => f.oldPath !== undefined || f.newPath !== undefined), ...binaries];
}

function readHunks(chunks: parseDiff.Chunk[]): Pick<PatchFile, 'added' | 'deletedAfter' | 'additions' | 'deletions'> {
  const added: PatchFile['added'] = [];
  const deletedAfter: number[] = [];
  for (const chunk of chunks) {
    // A hunk that adds nothing is numbered by the line before it.
    let next = chunk.newLines === 0 ? chunk.newStart + 1 : chunk.newStart;
    for (const change of chunk.changes) {
      // parse-diff repeats the previous change for "\ No newline at end of file".
      if (change.content.startsWith('\\')) continue;
      if (change.type === 'normal') next = change.ln2 + 1;
      else if (change.type === 'add') {
        added.push({ line: change.ln, text: change.content.slice(1) });
        next = change.ln + 1;
      } else deletedAfter.push(next - 1);
    }
  }
  return {
    added,
    deletedAfter: [...new Set(deletedAfter)].sort((a, b) => a - b),
    additions: added.length,
    deletions: deletedAfter.length,
  };
}

/** `--- a/x.py\t2024-01-01 …` or `+++ "b/sp\303\244ce.py"` -> the path, or undefined for /dev/null. */
function headerPath(raw: string): string | undefined {
  const text = raw.startsWith('"') ? unquote(raw) : raw.replace(/\t.*$/, '');
  return text === '/dev/null' ? undefined : stripPrefix(text);
}

function gitHeaderPaths(rest: string): [string | undefined, string | undefined] {
  if (rest.startsWith('"')) {
    const end = quotedEnd(rest);
    return [stripPrefix(unquote(rest.slice(0, end))), stripPrefix(unquote(rest.slice(end + 1)))];
  }
  // Unquoted names may hold spaces; git writes the same name twice unless it is a rename.
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest[half] === ' ') {
    const [a, b] = [stripPrefix(rest.slice(0, half)), stripPrefix(rest.slice(half + 1))];
    if (a === b) return [a, b];
  }
  const cut = rest.lastIndexOf(' b/');
  return cut < 0 ? [undefined, undefined] : [stripPrefix(rest.slice(0, cut)), stripPrefix(rest.slice(cut + 1))];
}

function stripPrefix(path: string): string {
  return path.replace(/^(?:a|b|i|w|c|o|1|2)\//, '');
}

function quotedEnd(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git quotes unusual paths C-style, with non-ASCII bytes as octal escapes of their UTF-8. */
export function unquote(text: string): string {
  if (!text.startsWith('"')) return text;
  const bytes: number[] = [];
  const body = text.slice(1, quotedEnd(text) - 1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      const next = body[++i];
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Opens a patch file (or `-`, standard input) for review against the working tree at `root`.
 * The patch must already be applied: its added lines are checked against the files, since
 * findings on lines that do not match would point at the wrong code.
 */
export function openPatchChange(source: string, root: string): OpenedChange {
  let text: string;
  try {
    text = readFileSync(source === '-' ? 0 : resolve(root, source), 'utf8');
  } catch (err) {
    throw new ChangeError(`cannot read patch ${source}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const parsed = parsePatch(text);
  if (parsed.length === 0 && text.trim().length > 0) throw new ChangeError(`${source === '-' ? 'standard input' : source} is not a unified diff`);
  const bases = patchBases(root);
  const diagnostics: Diagnostic[] = [];
  const files = parsed.map((p) => placeFile(p, root, bases, diagnostics));
  const change: ChangeSet = {
    description: source === '-' ? 'patch from standard input' : `patch ${source}`,
    files,
    diagnostics,
  };
  return { change, root, mapPath: (p) => p, dispose: () => {} };
}

/** Git diffs name files from the repository's top; other patches from where they are applied. */
function patchBases(root: string): string[] {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir === resolve(root) ? [dir] : [dir, resolve(root)];
    if (dirname(dir) === dir) return [resolve(root)];
  }
}

function placeFile(p: PatchFile, root: string, bases: string[], diagnostics: Diagnostic[]): ChangedFile {
  const name = (p.newPath ?? p.oldPath)!;
  const located = locate(name, bases, p.status !== 'deleted');
  const path = located ? toRootPath(root, located) : name;
  const file: ChangedFile = {
    path,
    ...(p.status === 'renamed' || p.status === 'copied' ? { previousPath: p.oldPath } : {}),
    status: p.status,
    binary: p.binary,
    added: toRanges(p.added.map((a) => a.line)),
    deletedAfter: p.deletedAfter,
    additions: p.additions,
    deletions: p.deletions,
  };
  if (p.status === 'deleted') return file;
  if (!located) {
    diagnostics.push({ kind: 'skipped', file: name, message: 'changed by the patch but not found in the reviewed tree; not reviewed', error: false });
  } else if (path.startsWith('../') || isAbsolute(path)) {
    diagnostics.push({ kind: 'skipped', file: name, message: 'changed by the patch but outside the reviewed folder; not reviewed', error: false });
  } else if (!p.binary && hasKnownExtension(path)) {
    const mismatch = firstMismatch(located, p.added);
    if (mismatch !== undefined) {
      diagnostics.push({
        kind: 'config',
        file: path,
        line: mismatch,
        message: 'the patch does not match this file (apply the patch before reviewing it, or review the tree it was made from)',
        error: true,
      });
    }
  }
  return file;
}

/** The file a patch path names: as written, then without leading folders (as `patch -p1`, `-p2` …). */
function locate(name: string, bases: string[], mustExist: boolean): string | undefined {
  if (isAbsolute(name)) return existsSync(name) || !mustExist ? name : undefined;
  const parts = name.split('/');
  for (let strip = 0; strip < parts.length; strip++) {
    const candidate = parts.slice(strip).join('/');
    for (const base of bases) {
      const abs = resolve(base, candidate);
      if (!within(abs, base)) continue;
      if (isFile(abs)) return abs;
    }
  }
  return mustExist ? undefined : resolve(bases[0], name);
}

function within(abs: string, base: string): boolean {
  const rel = relative(base, abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

function toRootPath(root: string, abs: string): string {
  return relative(resolve(root), abs).split(sep).join('/');
}

function firstMismatch(abs: string, added: PatchFile['added']): number | undefined {
  let lines: string[];
  try {
    lines = splitLines(readFileSync(abs, 'utf8'));
  } catch {
    return undefined;
  }
  return added.find((a) => lines[a.line - 1] !== a.text)?.line;
}

