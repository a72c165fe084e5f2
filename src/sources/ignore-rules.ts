/**
 * .gitignore semantics for discovery: every .gitignore applies to its own subtree with patterns
 * relative to its folder, a deeper file overrides a shallower one, and the repository's
 * `.git/info/exclude` ranks below them all (as in git). The user's global excludes file is not
 * read: a review must not depend on who runs it.
 */
import { readFile, lstat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';

export interface Matcher {
  /** Folder the patterns are relative to. */
  base: string;
  rules: ignore.Ignore;
}

/** Matchers from the shallowest (lowest precedence) to the deepest. */
export type Chain = readonly Matcher[];

export function matcher(base: string, patterns: string | string[]): Matcher {
  return { base, rules: ignore().add(patterns) };
}

function relativePattern(base: string, absPath: string, isDir: boolean): string | undefined {
  if (!isInside(base, absPath)) return undefined;
  const rel = relative(base, absPath).split(sep).join('/');
  if (rel === '') return undefined;
  return isDir ? `${rel}/` : rel;
}

/**
 * Whether git would ignore `absPath`, given that discovery has not ignored any folder above it.
 * The deepest matcher with a rule for the path decides. The `ignore` package also applies a
 * matcher's exclusion of a parent folder; when discovery is inside such a folder anyway (it was
 * named on the command line, or a deeper `!pattern` re-included it), that matcher's verdict says
 * nothing about the path itself and the next matcher up is asked instead.
 */
export function ignoredByChain(chain: Chain, absPath: string, isDir: boolean): boolean {
  for (let i = chain.length - 1; i >= 0; i--) {
    const { base, rules } = chain[i];
    const rel = relativePattern(base, absPath, isDir);
    if (rel === undefined) continue;
    const verdict = rules.test(rel);
    if (verdict.unignored) return false;
    if (!verdict.ignored) continue;
    const parent = rel.slice(0, rel.lastIndexOf('/', rel.length - 2) + 1);
    if (parent && rules.test(parent).ignored) continue;
    return true;
  }
  return false;
}

/** Plain pattern matching, parents included: for --exclude, which applies to every path. */
export function excludedBy(m: Matcher, absPath: string, isDir: boolean): boolean {
  const rel = relativePattern(m.base, absPath, isDir);
  return rel !== undefined && m.rules.ignores(rel);
}

/** Reads ignore files once each, however many folders and arguments ask for them. */
export class IgnoreFiles {
  private readonly loaded = new Map<string, Promise<Matcher | undefined>>();

  constructor(private readonly onUnreadable: (file: string, err: unknown) => void) {}

  /** The matcher of `file` (patterns relative to `base`), or undefined when there is no such file. */
  load(file: string, base = dirname(file)): Promise<Matcher | undefined> {
    let pending = this.loaded.get(file);
    if (!pending) {
      pending = readFile(file, 'utf8').then(
        (text) => matcher(base, text),
        (err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT' && err.code !== 'ENOTDIR' && err.code !== 'EISDIR') this.onUnreadable(file, err);
          return undefined;
        },
      );
      this.loaded.set(file, pending);
    }
    return pending;
  }

  /**
   * What applies above `dir` before its own .gitignore: the repository's info/exclude and the
   * .gitignore of every folder from the repository root down to `dir`'s parent. Outside a
   * repository, .gitignore files still count from `top` (the review root) down, so an exported
   * tree reviews like its checkout.
   */
  async above(dir: string, top: string | undefined): Promise<Chain> {
    const repo = await repositoryOf(dir);
    const start = repo?.root ?? (top !== undefined && isInside(top, dir) ? top : dir);
    const folders: string[] = [];
    for (let d = dirname(dir); d !== dir && isInside(start, d); d = dirname(d)) {
      folders.push(d);
      if (d === start) break;
    }
    const files = folders.reverse().map((d) => this.load(join(d, '.gitignore')));
    if (repo) files.unshift(this.load(join(repo.commonDir, 'info', 'exclude'), repo.root));
    return (await Promise.all(files)).filter((m): m is Matcher => m !== undefined);
  }
}

export function isInside(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

interface Repository {
  root: string;
  /** Where info/exclude lives: `.git`, or for worktrees and submodules the folder `.git` points to. */
  commonDir: string;
}

async function repositoryOf(dir: string): Promise<Repository | undefined> {
  for (let d = dir; ; d = dirname(d)) {
    const dotGit = join(d, '.git');
    const kind = await lstat(dotGit).then(
      (s) => (s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined),
      () => undefined,
    );
    if (kind === 'dir') return { root: d, commonDir: dotGit };
    if (kind === 'file') return { root: d, commonDir: await linkedGitDir(d, dotGit) };
    if (dirname(d) === d) return undefined;
  }
}

/** `.git` as a file (`gitdir: …`) in worktrees and submodules; a worktree's `commondir` names the shared one. */
async function linkedGitDir(root: string, dotGit: string): Promise<string> {
  const text = await readFile(dotGit, 'utf8').catch(() => '');
  const gitDir = /^gitdir:\s*(.+?)\s*$/m.exec(text)?.[1];
  if (!gitDir) return dotGit;
  const resolved = resolve(root, gitDir);
  const common = (await readFile(join(resolved, 'commondir'), 'utf8').catch(() => '')).trim();
  return common ? resolve(resolved, common) : resolved;
}
