/** A file as the LLM engine handles it: its lines as models see them numbered, and its scopes. */
import type { Language } from '../languages/language.js';
import { scopesOf } from './scopes.js';
import type { FileForClaims } from './to-finding.js';

export interface LlmSource extends FileForClaims {
  /** Undefined for a language secreview cannot parse (`secreview parse` accepts any source). */
  language?: Language;
  text: string;
}

export function llmSource(path: string, language: Language | undefined, text: string): LlmSource {
  const lines = text.split(/\r\n|\r|\n/);
  // A final newline ends the last line; it does not start another one.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return { path, language, text, lines, scoped: scopesOf(language, text) };
}
