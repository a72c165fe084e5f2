/**
 * Throw-away file trees for the sources tests. Bad inputs (binary files, huge files, unreadable
 * files, symlink loops) are built here at test time and never committed.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** `content` is a file's content; `{ link }` a symbolic link to that target. */
export type Entry = string | Uint8Array | { link: string };

export function tempTree(entries: Record<string, Entry>): string {
  const root = mkdtempSync(join(tmpdir(), 'secreview-sources-'));
  // mkdtemp makes the folder private; the unprivileged child processes below must see into it.
  chmodSync(root, 0o755);
  addToTree(root, entries);
  return root;
}

export function addToTree(root: string, entries: Record<string, Entry>): void {
  for (const [path, entry] of Object.entries(entries)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof entry === 'object' && 'link' in entry) symlinkSync(entry.link, abs);
    else writeFileSync(abs, entry);
  }
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/**
 * As root, permission bits stop nothing (CAP_DAC_OVERRIDE), so a `chmod 000` file is only
 * unreadable to a process that runs as someone else: tests that need one run their check in a
 * child process as `nobody` when they are root.
 */
export function runUnprivileged(args: string[], options: SpawnSyncOptions = {}) {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const result = spawnSync(process.execPath, args, { ...options, ...asNobody, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result as typeof result & { stdout: string; stderr: string };
}
