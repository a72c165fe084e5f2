/**
 * When a finding's CWE counts as "the expected weakness" in the paired-corpus scorer.
 *
 * Exact ids match. Beyond that, a finding may name the parent or grandparent of the expected
 * weakness (or the expected one may be the finding's parent or grandparent) in the CWE-1000
 * ChildOf hierarchy: `CWE-787 Out-of-bounds Write` for an expected `CWE-121 Stack-based Buffer
 * Overflow` is the same defect told less precisely. Siblings do not match (`CWE-415 Double Free`
 * is not `CWE-416 Use After Free`), nothing matches through a pillar, and a Class-level ancestor
 * only matches one step away, so `CWE-119` never stands in for every memory error below it.
 * The hierarchy is read from MITRE's catalog in `cwe-sdk`, as the build script reads it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface RawEntry {
  attr: { '@_Abstraction': string };
  Related_Weaknesses?: { Related_Weakness?: RawRelation | RawRelation[] };
}
interface RawRelation {
  attr: { '@_Nature': string; '@_CWE_ID': string; '@_View_ID': string };
}

const RESEARCH_VIEW = '1000';
const MAX_STEPS = 2;

let dictionary: Record<string, RawEntry> | undefined;

function load(): Record<string, RawEntry> {
  if (!dictionary) {
    const require = createRequire(import.meta.url);
    const sdk = dirname(require.resolve('cwe-sdk/package.json'));
    dictionary = JSON.parse(readFileSync(join(sdk, 'raw', 'cwe-dictionary.json'), 'utf8')) as Record<string, RawEntry>;
  }
  return dictionary;
}

function parents(id: number): number[] {
  const rel = load()[String(id)]?.Related_Weaknesses?.Related_Weakness;
  const list = rel === undefined ? [] : Array.isArray(rel) ? rel : [rel];
  return list
    .map((r) => r.attr)
    .filter((a) => a['@_Nature'] === 'ChildOf' && a['@_View_ID'] === RESEARCH_VIEW)
    .map((a) => Number(a['@_CWE_ID']));
}

function abstraction(id: number): string | undefined {
  return load()[String(id)]?.attr['@_Abstraction'];
}

/** Steps up from `child` to `ancestor` (1 = parent), or undefined beyond MAX_STEPS. */
function stepsUp(child: number, ancestor: number): number | undefined {
  let frontier = [child];
  for (let step = 1; step <= MAX_STEPS; step++) {
    frontier = frontier.flatMap(parents);
    if (frontier.includes(ancestor)) return step;
  }
  return undefined;
}

function closeAncestor(child: number, ancestor: number): boolean {
  const kind = abstraction(ancestor);
  if (kind === undefined || kind === 'Pillar') return false;
  const steps = stepsUp(child, ancestor);
  if (steps === undefined) return false;
  return kind !== 'Class' || steps === 1;
}

export function cweMatches(found: number, expected: number): boolean {
  return found === expected || closeAncestor(found, expected) || closeAncestor(expected, found);
}
