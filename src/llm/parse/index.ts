/** Any model answer → claims: JSON when the answer holds a findings list, free prose otherwise. */
import type { ParsedAnswer } from '../claim.js';
import { parseJsonAnswer } from './json.js';
import { answersNoDefects, parseProse } from './prose.js';

export function parseAnswer(text: string): ParsedAnswer {
  const json = parseJsonAnswer(text);
  if (json) {
    const notes = json.salvaged ? [`the JSON answer was cut off; kept the ${json.claims.length} finding(s) complete before the cut`] : [];
    return { kind: json.claims.length > 0 || !json.salvaged ? 'json' : 'unparsed', claims: json.claims, notes };
  }
  const prose = parseProse(text);
  if (prose.claims.length > 0) return { kind: 'prose', claims: prose.claims, notes: prose.notes };
  if (answersNoDefects(text)) return { kind: 'no-defects', claims: [], notes: prose.notes };
  return { kind: 'unparsed', claims: [], notes: prose.notes };
}
