/**
 * Changes from git: `--diff REV` (REV against the working tree), `--diff A..B`, `--diff A...B`
 * (from their merge base) and `--staged` (the index against HEAD). When the reviewed content is
 * not the working tree (a commit, the index), that content is checked out into a temporary folder
 * through a private index file, so the user's checkout, index and stash are never touched.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Diagnostic } from '../core/diagnostic.js';
import { hasKnownExtension } from '../languages/language.js';
import { ChangeError, toRanges, type ChangeSet, type ChangedFile, type OpenedChange } from './change.js';
import { parsePatch, type PatchFile } from './patch.js';

const run = promisify(execFile);

export interface GitChangeRequest {
  /** `REV`, `A..B` or `A...B`. */
  diff?: string;
  staged?: boolean;
}

/** Options that make `git diff` output the same whatever the user's git configuration says. */
const DIFF_ARGS = [
  '-c', 'core.quotePath=false',
  'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '--unified=0',
  '--src-prefix=a/', '--dst-prefix=b/', '--no-relative', '--ignore-submodules=all',
];

export async function openGitChange(request: GitChangeRequest, cwd: string): Promise<OpenedChange> {
  const where = await repository(cwd);
  const { description, base, head, diffArgs, content } = await plan(request, where.top);
  const patch = parsePatch(await git(where.top, [...DIFF_ARGS, ...diffArgs, '--']));
  const diagnostics: Diagnostic[] = [];
  const files = patch.map((p) => toChangedFile(p, where.prefix));
  const outside = files.filter((f) => f.path.startsWith('../') && f.status !== 'deleted' && hasKnownExtension(f.path));
  if (outside.length > 0) {
    diagnostics.push({
      kind: 'skipped',
      message: `${outside.length} changed source file${outside.length === 1 ? ' lies' : 's lie'} outside ${where.prefix || 'the repository root'} and ${outside.length === 1 ? 'was' : 'were'} not reviewed`,
      error: false,
    });
  }
  const change: ChangeSet = { description, ...(base ? { base } : {}), ...(head ? { head } : {}), files, diagnostics };
  if (content === 'worktree') return { change, root: cwd, mapPath: (p) => p, dispose: () => {} };
  return snapshot(where, content, change, cwd);
}

interface Repository {
  top: string;
  /** The working folder relative to the top, `/`-separated, no trailing slash ('' at the top). */
  prefix: string;
}

async function repository(cwd: string): Promise<Repository> {
  let out: string;
  try {
    out = await git(cwd, ['rev-parse', '--show-toplevel', '--show-prefix']);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ChangeError('git is not installed or not on PATH');
    throw new ChangeError(`${cwd} is not inside a git working tree (${(err as Error).message})`);
  }
  const [top, prefix = ''] = out.split('\n');
  return { top, prefix: prefix.replace(/\/$/, '') };
}

interface Plan {
  description: string;
  base?: string;
  head?: string;
  diffArgs: string[];
  content: 'worktree' | 'index' | { commit: string };
}

async function plan(request: GitChangeRequest, top: string): Promise<Plan> {
  if (request.staged) {
    const head = await commitOf(top, 'HEAD', true);
    return {
      description: head ? `staged changes (index against HEAD ${short(head)})` : 'staged changes (first commit)',
      ...(head ? { base: head } : {}),
      diffArgs: ['--cached'],
      content: 'index',
    };
  }
  const spec = request.diff ?? 'HEAD';
  const range = /^(.*?)(\.\.\.?)(.*)$/.exec(spec);
  if (!range) {
    const base = (await commitOf(top, spec))!;
    const clean = await isClean(top);
    const head = clean ? await commitOf(top, 'HEAD', true) : undefined;
    return {
      description: `git diff ${spec} (${short(base)}) against the working tree`,
      base,
      ...(head ? { head } : {}),
      diffArgs: [base],
      content: 'worktree',
    };
  }
  const [, from, dots, to] = range;
  const left = (await commitOf(top, from || 'HEAD'))!;
  const head = (await commitOf(top, to || 'HEAD'))!;
  const base = dots === '...' ? await mergeBase(top, left, head, spec) : left;
  const how = dots === '...' ? `merge base ${short(base)}` : short(base);
  return { description: `git diff ${spec} (${how}..${short(head)})`, base, head, diffArgs: [base, head], content: { commit: head } };
}

async function commitOf(top: string, rev: string, optional = false): Promise<string | undefined> {
  try {
    return await git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  } catch {
    if (optional) return undefined;
    throw new ChangeError(`unknown revision '${rev}' (not a commit in this repository)`);
  }
}

async function mergeBase(top: string, a: string, b: string, spec: string): Promise<string> {
  try {
    return await git(top, ['merge-base', a, b]);
  } catch {
    throw new ChangeError(`${spec}: the two revisions have no common ancestor`);
  }
}

/** Whether tracked files match HEAD, so that HEAD's blobs are what was reviewed. */
async function isClean(top: string): Promise<boolean> {
  try {
    await git(top, ['diff', '--quiet', '--no-ext-diff', 'HEAD', '--']);
    return true;
  } catch {
    return false;
  }
}

function toChangedFile(p: PatchFile, prefix: string): ChangedFile {
  const rel = (path: string) => posix.relative(`/${prefix}`, `/${path}`);
  const path = rel((p.newPath ?? p.oldPath)!);
  return {
    path,
    ...(p.oldPath && p.newPath && p.oldPath !== p.newPath ? { previousPath: rel(p.oldPath) } : {}),
    status: p.status,
    binary: p.binary,
    added: toRanges(p.added.map((a) => a.line)),
    deletedAfter: p.deletedAfter,
    additions: p.additions,
    deletions: p.deletions,
  };
}

async function snapshot(where: Repository, content: 'index' | { commit: string }, change: ChangeSet, cwd: string): Promise<OpenedChange> {
  const dir = mkdtempSync(join(tmpdir(), 'secreview-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const index = join(dir, 'index');
    const env = { GIT_INDEX_FILE: index };
    if (content === 'index') copyFileSync(await git(where.top, ['rev-parse', '--path-format=absolute', '--git-path', 'index']), index);
    else await git(where.top, ['read-tree', content.commit], env);
    const tree = join(dir, 'tree');
    await git(where.top, ['checkout-index', '--all', '--force', `--prefix=${tree}/`], env);
    const root = join(tree, ...where.prefix.split('/').filter(Boolean));
    mkdirSync(root, { recursive: true });
    return { change, root, mapPath: (p) => relative(cwd, resolve(cwd, p)) || '.', dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}

async function git(cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout } = await run('git', args, {
      cwd,
      // Optional locks off: a review must not race the user's own git commands for index.lock.
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', ...env },
      maxBuffer: 1024 * 1024 * 1024,
      encoding: 'utf8',
    });
    return args[0] === '-c' ? stdout : stdout.replace(/\n$/, '');
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw err;
    const reason = (e.stderr ?? '').split('\n').find((l) => l.trim())?.replace(/^(fatal|error):\s*/, '');
    throw new ChangeError(reason || `git ${args[0]} failed`);
  }
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
