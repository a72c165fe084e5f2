/**
 * The CWE catalog, generated at build time from MITRE's data in `cwe-sdk` by
 * scripts/build-cwe-catalog.mjs. Pillars are derived from CWE-1000 ChildOf links there;
 * nothing here or anywhere else types a pillar by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CweRef } from './finding.js';
import { packageRoot } from './paths.js';

export interface CweEntry {
  name: string;
  abstraction: 'Pillar' | 'Class' | 'Base' | 'Variant' | 'Compound';
  /** The pillar reached by following primary ChildOf links in the CWE-1000 view. */
  pillar?: number;
  /** Every pillar reachable through any CWE-1000 ChildOf path. */
  pillars: number[];
  mitigation?: string;
}

interface Catalog {
  version: string;
  weaknesses: Record<string, CweEntry>;
}

let catalog: Catalog | undefined;

function load(): Catalog {
  catalog ??= JSON.parse(readFileSync(join(packageRoot(), 'generated', 'cwe-catalog.json'), 'utf8')) as Catalog;
  return catalog;
}

export function cweCatalogVersion(): string {
  return load().version;
}

export function cweEntry(id: number): CweEntry | undefined {
  return load().weaknesses[String(id)];
}

export function isKnownCwe(id: number): boolean {
  return cweEntry(id) !== undefined;
}

export function cweRef(id: number): CweRef {
  const entry = cweEntry(id);
  if (!entry) throw new Error(`CWE-${id} is not a weakness in CWE ${load().version}`);
  return { id, name: entry.name };
}

/** The CWE-1000 pillar above a weakness (a pillar is its own pillar). */
export function pillarOf(id: number): CweRef {
  const entry = cweEntry(id);
  if (!entry) throw new Error(`CWE-${id} is not a weakness in CWE ${load().version}`);
  const pillar = entry.abstraction === 'Pillar' ? id : entry.pillar;
  if (pillar === undefined) throw new Error(`CWE-${id} has no CWE-1000 pillar`);
  return cweRef(pillar);
}

/** The ten pillars of CWE-1000, in id order. */
export function pillars(): CweRef[] {
  return Object.entries(load().weaknesses)
    .filter(([, e]) => e.abstraction === 'Pillar')
    .map(([id]) => cweRef(Number(id)))
    .sort((a, b) => a.id - b.id);
}
