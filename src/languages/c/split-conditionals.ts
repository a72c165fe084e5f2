/**
 * Conditional groups that split a statement:
 *
 *     #ifdef LIBXML_HTML_ENABLED            #ifdef LIBXML_SAX1_ENABLED
 *         if (ctxt->html && …) {                } else if (version == 1) {
 *             …                                     …
 *         } else                            #endif
 *     #endif                                    } else {
 *         {
 *
 * A preprocessor keeps or drops the whole group, and either way the function compiles; a parser
 * that reads every branch sees an `else` with nothing after it or before it, a `}` that closes the
 * block the group sits in, a statement's head without its body, or a directive inside an
 * expression, and the function is lost to the checks that follow paths (in libxml2, about fifty).
 * When a group inside a block has no `#else` and is unbalanced like that, its `#if` and `#endif`
 * lines are blanked: the function reads as it compiles with the group kept. An unbalanced `#if 0`
 * group is blanked whole, as no build compiles it. Offsets and lines stay where they were.
 */
import { skippedRanges } from './macros.js';

interface Group {
  /** [start, end) of the `#if…` line and of the `#endif` line. */
  open: [number, number];
  close: [number, number];
  disabled: boolean;
  hasElse: boolean;
  /** Brace depth where the group starts, the lowest inside it, and where it ends. */
  depth: number;
  /** Inside parentheses: the group splits an expression (`(a == X ||\n#ifdef Y\n a == Y ||\n#endif …`). */
  inExpression: boolean;
  lowest: number;
  /** The first and last code words inside (`else`, or `if (…)` ending in `)`, leave the statement open). */
  firstWord: string;
  lastWord: string;
}

const DIRECTIVE = /^[ \t]*#[ \t]*(if|ifdef|ifndef|elif|elifdef|elifndef|else|endif)\b(.*)/;

export function blankSplitConditionals(text: string, skipped?: Array<[number, number]>): string {
  if (!text.includes('#') || !/^[ \t]*#[ \t]*if/m.test(text)) return text;
  const ranges = skipped ?? skippedRanges(text);
  const blank: Array<[number, number]> = [];
  const open: Group[] = [];
  let depth = 0;
  let parens = 0;
  let lastWord = '';
  let pos = 0;
  for (const [start, end] of ranges) {
    // Code between the skipped ranges: braces, and the last word.
    ({ depth, parens, lastWord } = scanCode(text, pos, start, depth, parens, lastWord, open));
    pos = end;
    // Skipped ranges are also comments and literals, which the pattern does not match.
    const directive = DIRECTIVE.exec(text.slice(start, end));
    if (!directive) continue;
    const [, kind, rest] = directive;
    if (kind === 'if' || kind === 'ifdef' || kind === 'ifndef') {
      open.push({ open: [start, end], close: [start, end], disabled: kind === 'if' && /^\s*0\s*(?:\/[/*].*)?$/.test(rest), hasElse: false, depth, inExpression: parens > 0, lowest: depth, firstWord: '', lastWord: '' });
      lastWord = '';
    } else if (kind === 'endif') {
      const g = open.pop();
      if (!g) continue;
      g.close = [start, end];
      g.lastWord = lastWord;
      // `#ifdef X / if (cond) / #endif / stmt;`: the group holds the head of a statement.
      const head = /^(?:if|while|for)$/.test(g.firstWord) && g.lastWord === ')';
      const split = g.inExpression || g.lowest < g.depth || depth !== g.depth || g.lastWord === 'else' || g.firstWord === 'else' || head;
      if (g.depth > 0 && !g.hasElse && split) {
        if (g.disabled) blank.push([g.open[0], g.close[1]]);
        else blank.push(g.open, g.close);
      }
      if (open.length > 0) open[open.length - 1].lowest = Math.min(open[open.length - 1].lowest, g.lowest);
    } else if (open.length > 0) {
      open[open.length - 1].hasElse = true;
    }
  }
  scanCode(text, pos, text.length, depth, parens, lastWord, open);
  if (blank.length === 0) return text;
  blank.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let last = 0;
  for (const [s, e] of blank) {
    if (s < last) continue;
    parts.push(text.slice(last, s), text.slice(s, e).replace(/[^\r\n]/g, ' '));
    last = e;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

function scanCode(
  text: string,
  from: number,
  to: number,
  depth: number,
  parens: number,
  lastWord: string,
  open: Group[],
): { depth: number; parens: number; lastWord: string } {
  const top = open.length > 0 ? open[open.length - 1] : undefined;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (top && depth < top.lowest) top.lowest = depth;
    } else if (c === '(') parens++;
    else if (c === ')') parens = Math.max(0, parens - 1);
    // A statement ends every expression: an unbalanced parenthesis in dead code does not carry on.
    else if (c === ';' && depth > 0) parens = 0;
  }
  if (top && top.firstWord === '' && lastWord === '') top.firstWord = token(text, from, to, 1) ?? '';
  return { depth, parens, lastWord: token(text, from, to, -1) ?? lastWord };
}

/** The first (`dir` 1) or last (-1) word or punctuation mark between `from` and `to`. */
function token(text: string, from: number, to: number, dir: 1 | -1): string | undefined {
  let i = dir === 1 ? from : to - 1;
  while (i >= from && i < to && /\s/.test(text[i])) i += dir;
  if (i < from || i >= to) return undefined;
  if (!/\w/.test(text[i])) return text[i];
  let j = i;
  while (j + dir >= from && j + dir < to && /\w/.test(text[j + dir])) j += dir;
  return dir === 1 ? text.slice(i, j + 1) : text.slice(j, i + 1);
}
