/**
 * Whether a regular expression used as a validator is strict enough that a value matching it
 * cannot carry injection payloads: anchored at both ends and built only from restricted classes
 * (no `.`, no negated classes, no `\S`/`\W`/`\D`).
 */
export function isStrictValidator(pattern: string, implicitStart: boolean, implicitEnd: boolean): boolean {
  const anchoredStart = implicitStart || pattern.startsWith('^') || pattern.startsWith('\\A');
  const anchoredEnd = implicitEnd || /(^|[^\\])(\$|\\Z|\\z)$/.test(pattern);
  if (!anchoredStart || !anchoredEnd) return false;
  let inClass = false;
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === 'S' || next === 'W' || next === 'D' || next === 's' || next === 'n' || next === 'r') return false;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      if (pattern[i + 1] === '^') return false;
      inClass = true;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    // A top-level alternative escapes the anchors: `^a$|.*`.
    else if (c === '.' || (c === '|' && depth === 0)) return false;
  }
  return true;
}
