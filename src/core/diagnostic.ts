/**
 * Something the run could not fully do (a skipped file, a parse error, an engine failure).
 * Diagnostics never replace findings: the rest of the run goes on.
 */
export type DiagnosticKind =
  | 'skipped'      // deliberately not reviewed: vendored, generated, binary, too large, unsupported
  | 'unreadable'   // could not be read (permissions, vanished, symlink loop)
  | 'encoding'     // not valid UTF-8; reviewed with replacement characters
  | 'syntax'       // the parser recovered from errors; findings may be incomplete
  | 'engine'       // an analysis engine failed on this file
  | 'config';      // a setting was ignored or corrected

export interface Diagnostic {
  kind: DiagnosticKind;
  /** Path as the user gave or saw it; absent for run-wide diagnostics. */
  file?: string;
  line?: number;
  /** One line, no stack trace. */
  message: string;
  /** Whether this diagnostic makes the run exit 2 (an error the user must know about). */
  error: boolean;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : '';
  return `secreview: ${where}${d.kind}: ${d.message}`;
}
