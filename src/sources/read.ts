/**
 * Reading one discovered file, synchronously (it runs inside the analysis worker threads). The
 * file may have changed since discovery, so type and size are checked again on the open file.
 * Every outcome is a result: a file that cannot be reviewed becomes one diagnostic, never a throw.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '../core/diagnostic.js';
import { decodeSource } from './decode.js';
import { skipped, tooLarge, unreadable } from './diagnostics.js';
import { generatedByHeader, generatedByName } from './generated.js';
import type { DiscoveredFile, ReadResult } from './types.js';

type Loaded =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'too-large'; size: number }
  | { kind: 'not-regular' }
  | { kind: 'failed'; err: unknown };

export function readSource(file: DiscoveredFile, maxFileSize: number): ReadResult {
  const byName = generatedByName(file.path);
  if (byName) return notReviewed(skipped(file.path, `generated file (${byName}), not reviewed`));
  const loaded = load(file.absPath, maxFileSize);
  switch (loaded.kind) {
    case 'failed':
      return notReviewed(unreadable(file.path, loaded.err, false));
    case 'not-regular':
      return notReviewed(skipped(file.path, 'not a regular file, not reviewed'));
    case 'too-large':
      return notReviewed(tooLarge(file.path, loaded.size, maxFileSize));
  }
  // An empty file is clean, not a problem.
  if (loaded.bytes.length === 0) return { ok: true, text: '', diagnostics: [] };
  const decoded = decodeSource(loaded.bytes, file.language);
  if (decoded.binary) return notReviewed(skipped(file.path, 'binary file, not reviewed'));
  const byHeader = generatedByHeader(decoded.text);
  if (byHeader) return notReviewed(skipped(file.path, `generated file (${byHeader}), not reviewed`));
  const diagnostics: Diagnostic[] = decoded.problem
    ? [{ kind: 'encoding', file: file.path, line: decoded.problem.line, message: decoded.problem.message, error: false }]
    : [];
  return { ok: true, text: decoded.text, diagnostics };
}

function notReviewed(diagnostic: Diagnostic): ReadResult {
  return { ok: false, diagnostic };
}

/** The file's bytes, reading at most `max + 1` of them whatever size the file claims. */
function load(path: string, max: number): Loaded {
  let fd: number;
  try {
    // O_NONBLOCK: a path that has become a FIFO must not hang the worker waiting for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { kind: 'failed', err };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { kind: 'not-regular' };
    if (stats.size > max) return { kind: 'too-large', size: stats.size };
    let buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        // The file grew after fstat.
        if (length > max) return { kind: 'too-large', size: Math.max(fstatSync(fd).size, length) };
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, max + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return { kind: 'bytes', bytes: buffer.subarray(0, length) };
  } catch (err) {
    return { kind: 'failed', err };
  } finally {
    closeSync(fd);
  }
}
