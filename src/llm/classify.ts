/**
 * A claim's CWE, pillar and defect type. Every pillar comes from the catalog (src/core/cwe.ts).
 *
 * Models cite what they like, so, in order:
 * 1. a weakness the catalog knows that is not a pillar: it is the CWE; its pillar is the catalog's;
 * 2. otherwise a pillar, cited by id or by name (the study's fourth prompt asks for pillars): the
 *    pillar, and as CWE the weakness its words name when that weakness sits under the same pillar;
 * 3. otherwise an id the catalog does not hold as a weakness. A CWE category (e.g. CWE-399) takes the
 *    pillar most of its member weaknesses roll up to; any other unknown id takes the pillar of the
 *    weakness its words name (`race condition` → CWE-362 → CWE-691). The cited id is kept as the
 *    CWE, named as the model named it and marked as outside the catalog;
 * 4. otherwise the weakness its words name;
 * 5. otherwise it is unclassified: CWE-0, which no catalog entry uses, so reports show it plainly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cweCatalogVersion, cweEntry, cweRef, pillarOf, pillars } from '../core/cwe.js';
import type { DefectType } from '../core/defect-types.js';
import type { CweRef } from '../core/finding.js';
import type { Claim } from './claim.js';
import { defectTypeOfCwe } from './defect-types.js';
import { cweFromWords } from './keywords.js';

export interface Classification {
  cwe: CweRef;
  pillar: CweRef;
  defectType: DefectType;
  /** Why the CWE is not a catalog weakness, when it is not. */
  note?: string;
}

export const UNCLASSIFIED: CweRef = { id: 0, name: 'Unclassified (no CWE given)' };

export function classifyClaim(claim: Claim): Classification {
  const words = `${claim.heading} ${claim.title ?? ''} ${claim.description}`;
  const wordCwe = cweFromWords(words);
  const defectFromWords = wordCwe === undefined ? undefined : defectTypeOfCwe(wordCwe);
  const typed = (cwe: CweRef, pillar: CweRef, note?: string): Classification => {
    const isSpecific = cwe.id !== pillar.id && cweEntry(cwe.id)?.abstraction !== 'Class';
    const defectType = (isSpecific ? defectTypeOfCwe(cwe.id) : undefined) ?? defectFromWords ?? defectTypeOfCwe(cwe.id) ?? 'other';
    return { cwe, pillar, defectType, ...(note ? { note } : {}) };
  };

  for (const id of claim.cweIds) {
    const entry = cweEntry(id);
    if (!entry || entry.abstraction === 'Pillar') continue;
    const pillar = safePillar(id);
    if (pillar) return typed(cweRef(id), pillar);
  }
  const namedPillar = claim.cweIds.find((id) => cweEntry(id)?.abstraction === 'Pillar') ?? pillarNamedIn(claim.heading);
  if (namedPillar !== undefined) {
    // `CWE-707: … SQL injection …`: the words name a weakness under the cited pillar, the more specific CWE.
    const specific = wordCwe !== undefined && safePillar(wordCwe)?.id === namedPillar ? wordCwe : namedPillar;
    return typed(cweRef(specific), cweRef(namedPillar));
  }

  const unknown = claim.cweIds.find((id) => !cweEntry(id));
  if (unknown !== undefined) {
    const version = cweCatalogVersion();
    const categoryPillar = pillarOfCategory(unknown);
    const name = claim.cweName ?? `CWE-${unknown}`;
    if (categoryPillar !== undefined) {
      return typed({ id: unknown, name: `${name} (a CWE category, not a weakness)` }, cweRef(categoryPillar),
        `CWE-${unknown} is a category in CWE ${version}; its pillar is the one most of its member weaknesses roll up to`);
    }
    const pillar = wordCwe === undefined ? undefined : safePillar(wordCwe);
    return typed({ id: unknown, name: `${name} (not in CWE ${version})` }, pillar ?? UNCLASSIFIED,
      `CWE-${unknown} is not a weakness in CWE ${version}${pillar ? `; its pillar follows from its description (CWE-${wordCwe})` : ''}`);
  }
  if (wordCwe !== undefined) {
    const pillar = safePillar(wordCwe);
    if (pillar) return typed(cweRef(wordCwe), pillar);
  }
  return typed(UNCLASSIFIED, UNCLASSIFIED, 'the answer names no CWE and no known kind of weakness');
}

function safePillar(id: number): CweRef | undefined {
  try {
    return pillarOf(id);
  } catch {
    return undefined;
  }
}

/**
 * A pillar written by name. Models shorten names (`Improper Interaction Between Multiple Entities`
 * for CWE-435), so a pillar matches when every word of one name appears in the other.
 */
export function pillarNamedIn(text: string): number | undefined {
  const have = new Set(words(text));
  for (const pillar of pillars()) {
    const need = words(pillar.name).filter((w) => !OPTIONAL_WORDS.has(w));
    if (need.length >= 2 && need.every((w) => have.has(w))) return pillar.id;
  }
  return undefined;
}

const OPTIONAL_WORDS = new Set(['correctly', 'behaving', 'of', 'or', 'the', 'a', 'its', 'through', 'to']);

function words(text: string): string[] {
  return text.toLowerCase().split(/[^a-z]+/).filter(Boolean);
}

let categories: Map<number, number[]> | undefined;

/** Category id → member weakness ids, from the memberships MITRE publishes (via cwe-sdk). */
function categoryMembers(): Map<number, number[]> {
  if (categories) return categories;
  const sdk = dirname(createRequire(import.meta.url).resolve('cwe-sdk/package.json'));
  const rows = JSON.parse(readFileSync(join(sdk, 'raw', 'cwe-memberships.json'), 'utf8')) as Array<{ weaknessId: string; memberships: string[] }>;
  categories = new Map();
  for (const row of rows) {
    for (const category of row.memberships) {
      const id = Number(category);
      const list = categories.get(id) ?? [];
      list.push(Number(row.weaknessId));
      categories.set(id, list);
    }
  }
  return categories;
}

/** The pillar most members of a category roll up to (ties: the lower pillar id), or undefined. */
export function pillarOfCategory(id: number): number | undefined {
  const members = categoryMembers().get(id);
  if (!members) return undefined;
  const votes = new Map<number, number>();
  for (const member of members) {
    const pillar = safePillar(member);
    if (pillar) votes.set(pillar.id, (votes.get(pillar.id) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [pillar, n] of [...votes].sort((a, b) => a[0] - b[0])) if (best === undefined || n > votes.get(best)!) best = pillar;
  return best;
}
