import { writeFileSync } from 'node:fs';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostic.js';
import { UsageError } from './errors.js';

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColor(toFile: boolean): boolean {
  if (toFile || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

export function writeOutput(text: string, file: string | undefined): void {
  if (!file) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export function printDiagnostics(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
}
