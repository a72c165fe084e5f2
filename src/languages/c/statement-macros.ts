/**
 * Statement macros that bring their own semicolon:
 *
 *     #define DICT_FREE(str) if ((str) && !xmlDictOwns(dict, str)) xmlFree(str);
 *     …
 *         DICT_FREE(cur->name)
 *         DICT_FREE(cur->SystemID)
 *
 * Without the preprocessor the parser reads `DICT_FREE(cur->name) DICT_FREE(cur->SystemID) …` as one
 * broken declaration, and the function around it is lost to every check that follows paths (in
 * libxml2, about a hundred functions). The parser is told to read a `;` after each such use
 * (parse.ts), where nothing follows it on its line; the text itself is not changed. So it is for a
 * label that no statement follows (`done:` before an `#ifdef` block or a closing brace), and for
 * the parentheses of a condition that a macro brings (`if IS_BLANK_CH(c)`).
 */
import { closing, inRanges, skippedRanges } from './macros.js';

const IDENTIFIER = /[A-Za-z_]\w*/g;

/**
 * Offsets in `text` where a use of a self-terminated macro (`terminated`: name → takes arguments)
 * stands alone on its line, as a statement, with no `;` after it.
 */
export function missingSemicolons(text: string, terminated: ReadonlyMap<string, boolean> | undefined, ranges?: Array<[number, number]>): number[] {
  if (!terminated || terminated.size === 0) return [];
  const out: number[] = [];
  let skip = ranges;
  let s = 0;
  IDENTIFIER.lastIndex = 0;
  for (let m = IDENTIFIER.exec(text); m; m = IDENTIFIER.exec(text)) {
    const params = terminated.get(m[0]);
    if (params === undefined || !startsLine(text, m.index)) continue;
    skip ??= skippedRanges(text);
    while (s < skip.length && skip[s][1] <= m.index) s++;
    if (s < skip.length && skip[s][0] <= m.index) continue;
    let end = m.index + m[0].length;
    if (params) {
      let k = end;
      while (text[k] === ' ' || text[k] === '\t') k++;
      if (text[k] !== '(') continue;
      const close = closing(text, k);
      if (close < 0) continue;
      end = close + 1;
    }
    if (endsLine(text, end)) out.push(end);
    IDENTIFIER.lastIndex = end;
  }
  return out;
}

// A label alone on its line (not `default:` or C++'s `public:`), and the next line that is not blank.
const LABEL = /^[ \t]*([A-Za-z_]\w*)[ \t]*:(?!:)[ \t]*(?:\/\/[^\n]*|\/\*[^\n]*?\*\/[ \t]*)?\r?\n(?:[ \t]*\r?\n)*[ \t]*([#}])/gm;
const NOT_LABELS = new Set(['default', 'public', 'private', 'protected']);

/**
 * Offsets just after the colon of labels that no statement follows: `done:` before an `#ifdef`
 * block or at the end of a block, which compilers accept and the grammar does not.
 */
export function bareLabels(text: string): number[] {
  if (!text.includes(':')) return [];
  const out: number[] = [];
  for (const m of text.matchAll(LABEL)) {
    if (NOT_LABELS.has(m[1])) continue;
    out.push(m.index + m[0].indexOf(':', m[0].indexOf(m[1]) + m[1].length) + 1);
  }
  return out;
}

const CONDITION_MACRO = /\b(?:if|while)[ \t]+([A-Za-z_]\w*)[ \t]*\(/g;
const KEYWORD = /^(?:sizeof|defined|_Alignof|alignof|typeof|__typeof__|decltype|constexpr|consteval)$/;

/**
 * `if IS_BLANK_CH(c)` and `while WXS_IS_COMPLEX(t)`: the macro's body brings the parentheses of
 * the condition. Returns [offset of `(`, offset of `)`] pairs for the parser to read around each.
 */
export function conditionParentheses(text: string, ranges?: Array<[number, number]>): Array<[number, number]> {
  if (!/\b(?:if|while)[ \t]+[A-Za-z_]/.test(text)) return [];
  const skip = ranges ?? skippedRanges(text);
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(CONDITION_MACRO)) {
    if (KEYWORD.test(m[1]) || inRanges(skip, m.index)) continue;
    const close = closing(text, m.index + m[0].length - 1);
    if (close >= 0) out.push([m.index + m[0].indexOf(m[1], 2), close + 1]);
  }
  return out;
}

/** Only blanks, or comments (`/* no break *\/ deliberate_fall_through`), between the line's start and `at`. */
function startsLine(text: string, at: number): boolean {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*(?:\/\*.*?\*\/[ \t]*)*$/.test(text.slice(start, at));
}

/** Only blanks, or a comment, between `at` and the end of its line. */
function endsLine(text: string, at: number): boolean {
  let i = at;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i >= text.length || text[i] === '\n' || text[i] === '\r' || text.startsWith('//', i) || text.startsWith('/*', i);
}
