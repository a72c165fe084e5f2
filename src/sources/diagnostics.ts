/** The one-line diagnostics discovery and reading give for files they do not review. */
import type { Diagnostic } from '../core/diagnostic.js';

export function skipped(file: string, message: string): Diagnostic {
  return { kind: 'skipped', file, message, error: false };
}

export function tooLarge(file: string, size: number, limit: number): Diagnostic {
  let [shown, max] = [formatSize(size), formatSize(limit)];
  // Just over the limit, rounded sizes would read "1 MB is over the limit of 1 MB".
  if (shown === max) [shown, max] = [`${size} bytes`, `${limit} bytes`];
  return skipped(file, `${shown} is over the limit of ${max}, not reviewed (raise it with --max-file-size)`);
}

/**
 * A path that could not be read. It is an error (exit 2) when the user named the path, or when
 * the cause is one the user must act on (permissions, I/O); a file that vanished mid-run, a
 * broken link or a link loop inside a tree is reported but does not fail the run.
 */
export function unreadable(file: string, err: unknown, named: boolean, context?: 'symlink'): Diagnostic {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const benign = code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP';
  return { kind: 'unreadable', file, message: describeError(err, context), error: named || !benign };
}

function describeError(err: unknown, context?: 'symlink'): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return context === 'symlink' ? 'broken symbolic link (its target does not exist), not followed' : 'no such file or directory';
    case 'ELOOP':
      return 'symbolic link loop, not followed';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'ENAMETOOLONG':
      return 'path too long';
    case 'EIO':
      return 'input/output error';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default: {
      const text = err instanceof Error ? err.message : String(err);
      return `cannot read (${code ?? (text.split('\n')[0].trim() || 'unknown error')})`;
    }
  }
}

/** `1.5 MB`, `300 KB`, `12 bytes`: the units --max-file-size accepts (1 KB = 1024 bytes). */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [value, unit] = bytes < 1024 ** 2 ? [bytes / 1024, 'KB'] : [bytes / 1024 ** 2, 'MB'];
  return `${value.toFixed(1).replace(/\.0$/, '')} ${unit}`;
}
