import { createHash } from 'node:crypto';

/**
 * A finding's identity that survives unrelated edits: rule, file, enclosing function and the
 * finding's own code with whitespace normalised — no line numbers.
 */
export function fingerprint(parts: { ruleId: string; path: string; scope: string; code: string }): string {
  const code = parts.code.replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update([parts.ruleId, parts.path, parts.scope, code].join('\0'))
    .digest('hex')
    .slice(0, 32);
}
