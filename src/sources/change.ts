/**
 * A change under review (a git range, the index, a unified diff): which lines of which files it
 * added, in the numbering of the files as they are after the change. Diff mode analyses whole
 * files and keeps only the findings that touch these lines.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { ChangedFileSummary, ReviewedChange } from '../core/review-result.js';

/** The change cannot be read: not a git repository, an unknown revision, an unreadable patch. */
export class ChangeError extends Error {
  override name = 'ChangeError';
}

/** 1-based, inclusive. */
export interface LineRange {
  start: number;
  end: number;
}

export type ChangeStatus = ChangedFileSummary['status'];

export interface ChangedFile {
  /** Relative to the review root, `/`-separated, as findings name files; the old path when deleted. */
  path: string;
  previousPath?: string;
  status: ChangeStatus;
  binary: boolean;
  /** Added or rewritten lines of the new file, merged and sorted. */
  added: LineRange[];
  /** New-file lines after which old lines were removed (0: at the top), sorted and unique. */
  deletedAfter: number[];
  additions: number;
  deletions: number;
}

export interface ChangeSet {
  /** What was reviewed, e.g. `git diff main...HEAD (merge base 1a2b3c4, head 5d6e7f8)`. */
  description: string;
  base?: string;
  head?: string;
  files: ChangedFile[];
  /** Problems with the change itself: a patch that does not match the tree, a path outside it. */
  diagnostics: Diagnostic[];
}

/** A change ready for review: where its files are, and the clean-up once the review is done. */
export interface OpenedChange {
  change: ChangeSet;
  /** The folder to review: the working tree, or a snapshot of a commit or of the index. */
  root: string;
  /** Maps a path the user gave (relative to the working folder) into `root`. */
  mapPath(path: string): string;
  dispose(): void;
}

export function summarizeChange(change: ChangeSet): ReviewedChange {
  const additions = change.files.reduce((n, f) => n + f.additions, 0);
  const deletions = change.files.reduce((n, f) => n + f.deletions, 0);
  const count = change.files.length;
  return {
    description: `${change.description}: ${count} file${count === 1 ? '' : 's'} changed, +${additions} -${deletions}`,
    ...(change.base ? { base: change.base } : {}),
    ...(change.head ? { head: change.head } : {}),
    files: change.files.map((f) => ({
      path: f.path,
      ...(f.previousPath ? { previousPath: f.previousPath } : {}),
      status: f.status,
      binary: f.binary,
      additions: f.additions,
      deletions: f.deletions,
    })),
  };
}

/** Merges sorted or unsorted single lines into sorted, non-overlapping ranges. */
export function toRanges(lines: number[]): LineRange[] {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const out: LineRange[] = [];
  for (const line of sorted) {
    const last = out[out.length - 1];
    if (last && line === last.end + 1) last.end = line;
    else out.push({ start: line, end: line });
  }
  return out;
}
