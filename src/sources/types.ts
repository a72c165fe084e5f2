import type { Diagnostic } from '../core/diagnostic.js';
import type { Language } from '../languages/language.js';

/** A file chosen for review by discovery; its content has not been read yet. */
export interface DiscoveredFile {
  absPath: string;
  /** Relative to the review root, `/`-separated: what users see and fingerprints use. */
  path: string;
  language: Language;
  size: number;
}

export interface DiscoverOptions {
  /** Paths in output are relative to this folder. */
  root: string;
  /** Extra glob patterns (gitignore syntax) to leave out. */
  exclude: string[];
  /** Files larger than this many bytes are skipped with a diagnostic. */
  maxFileSize: number;
}

export interface Discovery {
  files: DiscoveredFile[];
  diagnostics: Diagnostic[];
}

export type ReadResult =
  | { ok: true; text: string; diagnostics: Diagnostic[] }
  | { ok: false; diagnostic: Diagnostic };

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
