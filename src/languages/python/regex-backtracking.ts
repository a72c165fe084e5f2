/**
 * Whether a Python regular expression can take exponential time on a backtracking engine such as
 * `re` (`(a+)+$` on "aaaa…!"), decided by recheck's automaton checker, which proves it rather than
 * guessing from nested quantifiers. Only exponential blow-up is reported: quadratic patterns (`\s*$`)
 * are everywhere and need long inputs to hurt.
 *
 * recheck reads JavaScript syntax; the Python forms that differ (`(?P<n>…)`, `(?P=n)`, `\A`, `\Z`,
 * leading inline flags) are rewritten first, and a pattern it cannot read counts as safe.
 */
import { createRequire } from 'node:module';

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

/** Patterns longer than this are not judged: the automaton grows with the pattern, and the review must not stall. */
const MAX_PATTERN = 1000;

function check(pattern: string): boolean {
  const js = pattern.length <= MAX_PATTERN ? toJavaScript(pattern) : undefined;
  if (!js) return false;
  try {
    const result = checker()(js.source, js.flags, { checker: 'automaton', timeout: 500 });
    return result.status === 'vulnerable' && result.complexity?.type === 'exponential';
  } catch {
    return false;
  }
}

function toJavaScript(pattern: string): { source: string; flags: string } | undefined {
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([aiLmsux]+)\)/.exec(source);
  if (inline) {
    // Verbose patterns (x) would need their whitespace and comments removed; ASCII and locale flags change nothing here.
    if (inline[1].includes('x')) return undefined;
    flags = [...new Set(inline[1].replace(/[aLu]/g, ''))].join('');
    source = source.slice(inline[0].length);
  }
  source = source
    .replace(/\(\?P<(\w+)>/g, '(?<$1>')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$');
  return { source, flags };
}
