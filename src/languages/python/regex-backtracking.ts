/**
 * Whether a Python regular expression can take exponential time on a backtracking engine such as
 * `re` (`(a+)+$` on "aaaa…!"), decided by recheck's automaton checker, which proves it rather than
 * guessing from nested quantifiers. Only exponential blow-up is reported: quadratic patterns (`\s*$`)
 * are everywhere and need long inputs to hurt.
 *
 * recheck reads JavaScript syntax; the Python forms that differ (`(?P<n>…)`, `(?P=n)`, `\A`, `\Z`,
 * leading inline flags) are rewritten first, and a pattern it cannot read counts as safe.
 *
 * recheck's automaton takes up to its timeout on a pattern with `.*` and a large alphabet, and
 * most patterns cannot blow up at all, so a parse decides first whether recheck is needed.
 */
import { createRequire } from 'node:module';
import { RegExpParser, type AST } from '@eslint-community/regexpp';

type CheckSync = typeof import('recheck').checkSync;

let checkSync: CheckSync | undefined;
const verdicts = new Map<string, boolean>();

// Loaded on first use: only code that matches input against a constant pattern pays for it.
function checker(): CheckSync {
  // In-thread JavaScript, not a helper thread running recheck's native binary: the same answer
  // everywhere, and no process started from inside a review.
  process.env.RECHECK_SYNC_BACKEND = 'pure';
  checkSync ??= (createRequire(import.meta.url)('recheck') as { checkSync: CheckSync }).checkSync;
  return checkSync;
}

export function exponentialBacktracking(pattern: string): boolean {
  let verdict = verdicts.get(pattern);
  if (verdict === undefined) {
    verdict = check(pattern);
    verdicts.set(pattern, verdict);
  }
  return verdict;
}

/**
 * The pattern with re.VERBOSE (re.X), when the flags written at its call (`re.X | re.I`) have it,
 * folded in as an inline flag: whitespace and `#` comments are then not part of the pattern.
 */
export function withCallFlags(pattern: string, flags: string): string {
  if (!/\b(?:VERBOSE|X)\b/.test(flags)) return pattern;
  const inline = INLINE_FLAGS.exec(pattern);
  return inline ? `(?${inline[1]}x)${pattern.slice(inline[0].length)}` : `(?x)${pattern}`;
}

const INLINE_FLAGS = /^\(\?([aiLmsux]+)\)/;

/** Patterns longer than this are not judged: the automaton grows with the pattern, and the review must not stall. */
const MAX_PATTERN = 1000;

function check(pattern: string): boolean {
  const js = pattern.length <= MAX_PATTERN ? toJavaScript(pattern) : undefined;
  if (!js || !mayBlowUp(js.source)) return false;
  try {
    const result = checker()(js.source, js.flags, { checker: 'automaton', timeout: 500 });
    return result.status === 'vulnerable' && result.complexity?.type === 'exponential';
  } catch {
    return false;
  }
}

/**
 * A verbose pattern as a plain one: whitespace and comments from `#` to the end of the line go,
 * except escaped or inside a character class, where they are the characters themselves.
 */
function withoutVerboseSpace(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += pattern.slice(i, i + 2);
      i++;
    } else if (inClass) {
      out += c;
      if (c === ']') inClass = false;
    } else if (c === '[') {
      out += c;
      inClass = true;
      // A `]` right after `[` or `[^` is a member, not the end.
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') out += pattern[++i];
    } else if (c === '#') {
      while (i + 1 < pattern.length && pattern[i + 1] !== '\n') i++;
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

function toJavaScript(pattern: string): { source: string; flags: string } | undefined {
  let source = pattern;
  let flags = '';
  const inline = INLINE_FLAGS.exec(source);
  if (inline) {
    // ASCII and locale flags change nothing here.
    flags = [...new Set(inline[1].replace(/[aLux]/g, ''))].join('');
    source = source.slice(inline[0].length);
    if (inline[1].includes('x')) source = withoutVerboseSpace(source);
  }
  source = source
    .replace(/\(\?P<(\w+)>/g, '(?<$1>')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$');
  return { source, flags };
}

/**
 * Exponential backtracking needs a loop whose body can match one text in more than one way:
 * a repeated group holding an alternation, a quantifier or a back-reference (`(a|ab)+`, `(a+)*`).
 * Loops over one character class (`.*`, `\s+`) or over a fixed sequence (`(ab)+`) are unambiguous,
 * and so is any sequence of them, at worst polynomial. A pattern this parser cannot read goes to
 * recheck.
 */
function mayBlowUp(source: string): boolean {
  let pattern: AST.Pattern;
  try {
    pattern = parser.parsePattern(source);
  } catch {
    return true;
  }
  const loops = (node: AST.Node): boolean => {
    if (node.type === 'Quantifier' && node.max > 1 && ambiguous(node.element)) return true;
    return children(node).some(loops);
  };
  return loops(pattern);
}

const parser = new RegExpParser({ ecmaVersion: 2025 });

function ambiguous(node: AST.Node): boolean {
  switch (node.type) {
    case 'Quantifier':
    case 'Backreference':
      return true;
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
    case 'Assertion':
      if ('alternatives' in node && node.alternatives.length > 1) return true;
      break;
  }
  return children(node).some(ambiguous);
}

function children(node: AST.Node): AST.Node[] {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives;
    case 'Assertion':
      return 'alternatives' in node ? node.alternatives : [];
    case 'Alternative':
      return node.elements;
    case 'Quantifier':
      return [node.element];
    default:
      return [];
  }
}
