/**
 * Discovery: which files a review reads. It walks the named files and folders once, with
 * asynchronous, bounded file-system calls, and stats only files whose name says we can review
 * them (extensionless files are opened for their first bytes, for a shebang).
 *
 * A file named on the command line is reviewed even when .gitignore, .secreviewignore or the
 * vendored-folder list would leave it out, as ESLint and Ruff do with explicit paths; the same
 * goes for the inside of a folder named on the command line. --exclude is part of the same
 * command, so it applies to every path, named or found.
 */
import { constants, type Dirent, type Stats } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { LANGUAGES, detectLanguage, hasKnownExtension } from '../languages/language.js';
import { skipped, tooLarge, unreadable } from './diagnostics.js';
import { IgnoreFiles, excludedBy, ignoredByChain, isInside, matcher, type Chain, type Matcher } from './ignore-rules.js';
import { folderByContents, folderByName } from './skip-folders.js';
import type { DiscoverOptions, DiscoveredFile, Discovery } from './types.js';

// Enough to keep the disk busy without exhausting file descriptors on huge trees.
const FS_CONCURRENCY = 64;
// A shebang line fits; the rest of an extensionless file is never read here.
const HEAD_BYTES = 256;
const PROJECT_IGNORE_FILE = '.secreviewignore';

export async function discover(paths: string[], options: DiscoverOptions): Promise<Discovery> {
  const walk = new Walk(resolve(options.root), options.exclude);
  await Promise.all([...new Set(paths.map((p) => resolve(options.root, p)))].map((p) => walk.argument(p)));
  return walk.finish(options.maxFileSize);
}

interface Candidate extends DiscoveredFile {
  /** The file's real path: two ways to one file review it once. */
  real: string;
  /** Reached through a symbolic link; the direct path wins when there is one. */
  viaLink: boolean;
}

/** A diagnostic about a real file or folder, so reaching it twice reports it once. */
interface Note {
  diagnostic: Diagnostic;
  real?: string;
  viaLink: boolean;
}

interface Folder {
  abs: string;
  real: string;
  /** Ignore files that apply above this folder's own .gitignore. */
  chain: Chain;
  project?: Matcher;
  exclude?: Matcher;
  /** Real paths of this folder and the folders above it in this walk (the walk's root first). */
  ancestry: readonly string[];
  viaLink: boolean;
  named: boolean;
}

class Walk {
  private readonly candidates: Candidate[] = [];
  private readonly notes: Note[] = [];
  private readonly ignoreFiles = new IgnoreFiles((file, err) => this.note(unreadable(this.display(file), err, false)));
  private readonly excludes = new Map<string, Matcher | undefined>();
  private readonly fs = limiter(FS_CONCURRENCY);
  private rootReal: Promise<string> | undefined;

  constructor(
    private readonly root: string,
    private readonly excludePatterns: string[],
  ) {}

  async argument(abs: string): Promise<void> {
    const shown = this.display(abs);
    let st: Stats;
    try {
      st = await this.fs(() => stat(abs));
    } catch (err) {
      const isLink = await lstat(abs).then((s) => s.isSymbolicLink(), () => false);
      this.note(unreadable(shown, err, true, isLink ? 'symlink' : undefined));
      return;
    }
    const isDir = st.isDirectory();
    // Patterns are relative to the review root; a path outside it is its own base.
    const base = isInside(this.root, abs) ? this.root : isDir ? abs : dirname(abs);
    const exclude = this.exclude(base);
    if (exclude && excludedBy(exclude, abs, isDir)) return;
    try {
      const real = await this.fs(() => realpath(abs));
      if (isDir) {
        const [chain, project] = await Promise.all([
          this.ignoreFiles.above(abs, this.root),
          this.ignoreFiles.load(join(base, PROJECT_IGNORE_FILE)),
        ]);
        const viaLink = await this.throughLink(abs, real);
        await this.folder({ abs, real, chain, project, exclude, ancestry: [real], viaLink, named: true });
      } else if (st.isFile()) {
        await this.file(abs, real, await this.throughLink(abs, real), true, st.size);
      } else {
        this.note(skipped(shown, 'not a regular file, not reviewed'), real);
      }
    } catch (err) {
      this.note(unreadable(shown, err, true));
    }
  }

  private async folder(f: Folder): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await this.fs(() => readdir(f.abs, { withFileTypes: true }));
    } catch (err) {
      this.note(unreadable(this.display(f.abs), err, f.named), f.real, f.viaLink);
      return;
    }
    const names = new Set(entries.map((e) => e.name));
    if (!f.named) {
      const verdict = folderByContents(basename(f.abs), names);
      if (verdict.skip) {
        if (!verdict.silent) this.note(skipped(this.display(f.abs), verdict.reason), f.real, f.viaLink);
        return;
      }
    }
    let chain = f.chain;
    if (names.has('.gitignore')) {
      const own = await this.ignoreFiles.load(join(f.abs, '.gitignore'));
      if (own) chain = [...chain, own];
    }
    await Promise.all(entries.map((e) => this.entry(f, chain, e)));
  }

  private async entry(f: Folder, chain: Chain, e: Dirent): Promise<void> {
    const abs = join(f.abs, e.name);
    if (e.isDirectory()) return this.subfolder(f, chain, abs, join(f.real, e.name));
    if (e.isFile()) {
      if (!mayBeReviewable(e.name) || this.ignored(f, chain, abs, false)) return;
      return this.statAndAdd(abs, join(f.real, e.name), f.viaLink);
    }
    if (e.isSymbolicLink()) return this.link(f, chain, abs);
    // A FIFO, socket or device: opening one could block the run forever.
    if (hasKnownExtension(e.name) && !this.ignored(f, chain, abs, false)) {
      this.note(skipped(this.display(abs), 'not a regular file, not reviewed'), join(f.real, e.name), f.viaLink);
    }
  }

  /** `link` is the identity of the symbolic link the folder was reached through, if any. */
  private async subfolder(f: Folder, chain: Chain, abs: string, real: string, link?: string): Promise<void> {
    const verdict = folderByName(basename(abs));
    if (verdict.skip && verdict.silent) return;
    if (this.ignored(f, chain, abs, true)) return;
    const viaLink = f.viaLink || link !== undefined;
    if (verdict.skip) {
      this.note(skipped(this.display(abs), verdict.reason), real, viaLink);
      return;
    }
    if (link !== undefined) {
      // Following a link to a folder that holds one this walk is in would enter that folder again.
      if (f.ancestry.some((a) => isInside(real, a))) {
        this.note(unreadable(this.display(abs), { code: 'ELOOP' }, false), link, f.viaLink);
        return;
      }
      // A link to a folder inside this same walk: that folder is reviewed where it really is.
      if (isInside(f.ancestry[0], real)) return;
    }
    const { project, exclude } = f;
    await this.folder({ abs, real, chain, project, exclude, ancestry: [...f.ancestry, real], viaLink, named: false });
  }

  private async link(f: Folder, chain: Chain, abs: string): Promise<void> {
    const name = basename(abs);
    // The link itself, however it was reached: one diagnostic per link.
    const identity = join(f.real, name);
    let st: Stats;
    let real: string;
    try {
      st = await this.fs(() => stat(abs));
      real = await this.fs(() => realpath(abs));
    } catch (err) {
      // git matches a link as a file, whatever it points to.
      if (mayBeReviewable(name) && !this.ignored(f, chain, abs, false)) {
        this.note(unreadable(this.display(abs), err, false, 'symlink'), identity, f.viaLink);
      }
      return;
    }
    if (st.isDirectory()) return this.subfolder(f, chain, abs, real, identity);
    if (!mayBeReviewable(name) || this.ignored(f, chain, abs, false)) return;
    if (st.isFile()) return this.file(abs, real, true, false, st.size);
    if (hasKnownExtension(name)) this.note(skipped(this.display(abs), 'not a regular file, not reviewed'), real, true);
  }

  private async statAndAdd(abs: string, real: string, viaLink: boolean): Promise<void> {
    try {
      const st = await this.fs(() => stat(abs));
      await this.file(abs, real, viaLink, false, st.size);
    } catch (err) {
      this.note(unreadable(this.display(abs), err, false), real, viaLink);
    }
  }

  /** Records a regular file if its language is supported; only a named file says why not. */
  private async file(abs: string, real: string, viaLink: boolean, named: boolean, size: number): Promise<void> {
    const path = this.display(abs);
    let language = detectLanguage(abs);
    if (!language && extname(basename(abs)) === '') {
      try {
        language = detectLanguage(abs, await this.fs(() => readHead(abs)));
      } catch (err) {
        // Most extensionless files are not code: one we cannot peek into is worth a line, not a failed run.
        this.note({ ...unreadable(path, err, named), error: named }, real, viaLink);
        return;
      }
    }
    if (language) this.candidates.push({ absPath: abs, path, language, size, real, viaLink });
    else if (named) this.note(skipped(path, `not in a supported language (${LANGUAGES.join(', ')}), not reviewed`), real, viaLink);
  }

  /** Whether a link inside the root leads to `abs` (the root's own location may be a link). */
  private async throughLink(abs: string, real: string): Promise<boolean> {
    if (!isInside(this.root, abs)) return (await this.fs(() => lstat(abs))).isSymbolicLink();
    this.rootReal ??= this.fs(() => realpath(this.root));
    return join(await this.rootReal, relative(this.root, abs)) !== real;
  }

  private ignored(f: Folder, chain: Chain, abs: string, isDir: boolean): boolean {
    return (
      (f.exclude !== undefined && excludedBy(f.exclude, abs, isDir)) ||
      ignoredByChain(chain, abs, isDir) ||
      (f.project !== undefined && ignoredByChain([f.project], abs, isDir))
    );
  }

  private exclude(base: string): Matcher | undefined {
    if (this.excludePatterns.length === 0) return undefined;
    if (!this.excludes.has(base)) this.excludes.set(base, matcher(base, this.excludePatterns));
    return this.excludes.get(base);
  }

  private note(diagnostic: Diagnostic, real?: string, viaLink = false): void {
    this.notes.push({ diagnostic, real, viaLink });
  }

  /** Relative to the root, `/`-separated; a path outside the root stays absolute rather than `../../…`. */
  private display(abs: string): string {
    if (!isInside(this.root, abs)) return abs.split(sep).join('/');
    return relative(this.root, abs).split(sep).join('/') || '.';
  }

  finish(maxFileSize: number): Discovery {
    const files: DiscoveredFile[] = [];
    const diagnostics = canonical(
      this.notes,
      (n) => n.real && `${n.real}\0${n.diagnostic.kind}\0${n.diagnostic.message}`,
      (n) => n.diagnostic.file ?? '',
    ).map((n) => n.diagnostic);
    for (const c of canonical(this.candidates, (c) => c.real, (c) => c.path)) {
      if (c.size > maxFileSize) diagnostics.push(tooLarge(c.path, c.size, maxFileSize));
      else files.push({ absPath: c.absPath, path: c.path, language: c.language, size: c.size });
    }
    files.sort((a, b) => compare(a.path, b.path));
    return { files, diagnostics: uniqueDiagnostics(diagnostics) };
  }
}

/** One item per key (a real path): the one reached without a link, then the first path in order. */
function canonical<T extends { viaLink: boolean }>(items: T[], keyOf: (t: T) => string | undefined, pathOf: (t: T) => string): T[] {
  const best = new Map<string, T>();
  const rest: T[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) {
      rest.push(item);
      continue;
    }
    const seen = best.get(key);
    const better = !seen || (item.viaLink !== seen.viaLink ? !item.viaLink : compare(pathOf(item), pathOf(seen)) < 0);
    if (better) best.set(key, item);
  }
  return [...best.values(), ...rest];
}

function uniqueDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics
    .filter((d) => {
      const key = `${d.file}\0${d.kind}\0${d.message}`;
      return !seen.has(key) && (seen.add(key), true);
    })
    .sort((a, b) => compare(a.file ?? '', b.file ?? '') || compare(a.message, b.message));
}

/** Names worth a system call: a reviewable extension, or none at all (a script with a shebang). */
function mayBeReviewable(name: string): boolean {
  return hasKnownExtension(name) || extname(name) === '';
}

async function readHead(abs: string): Promise<string> {
  // O_NONBLOCK: should the file have become a FIFO since it was listed, open must not wait for a writer.
  const handle = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.toString('latin1', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Runs at most `max` of the given tasks at once; a finishing task hands its slot to the next. */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (active < max) active++;
    else await new Promise<void>((resume) => waiting.push(resume));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
