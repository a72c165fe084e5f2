// Derives the compact CWE table that secreview ships from MITRE's catalog in `cwe-sdk`.
// Pillars come from the CWE-1000 (Research Concepts) ChildOf links, never typed by hand:
// the primary parent chain gives a weakness's pillar; every ChildOf path gives `pillars`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const sdkDir = dirname(require.resolve('cwe-sdk/package.json'));
const dictionary = JSON.parse(readFileSync(join(sdkDir, 'raw/cwe-dictionary.json'), 'utf8'));
const archive = JSON.parse(readFileSync(join(sdkDir, 'raw/cwe-archive.json'), 'utf8'));
const version = archive.Weakness_Catalog.attr['@_Version'];

const RESEARCH_VIEW = '1000';
const asArray = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Flattens MITRE's structured text (xhtml paragraphs, lists) to one plain string. */
function plain(node) {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(plain).join(' ');
  return Object.entries(node)
    .filter(([k]) => k !== 'attr')
    .map(([, v]) => plain(v))
    .join(' ');
}

function firstSentences(text, max = 320) {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const stop = cut.lastIndexOf('. ');
  return stop > 80 ? cut.slice(0, stop + 1) : cut.replace(/\s+\S*$/, '') + '…';
}

const parents = new Map(); // id -> { primary: string | undefined, all: string[] }
for (const [id, entry] of Object.entries(dictionary)) {
  const rels = asArray(entry.Related_Weaknesses?.Related_Weakness)
    .map((r) => r.attr)
    .filter((a) => a['@_Nature'] === 'ChildOf' && a['@_View_ID'] === RESEARCH_VIEW);
  parents.set(id, {
    primary: rels.find((a) => a['@_Ordinal'] === 'Primary')?.['@_CWE_ID'] ?? rels[0]?.['@_CWE_ID'],
    all: rels.map((a) => a['@_CWE_ID']),
  });
}

const isPillar = (id) => dictionary[id]?.attr['@_Abstraction'] === 'Pillar';

function primaryPillar(id) {
  const seen = new Set();
  for (let cur = id; cur && !seen.has(cur); cur = parents.get(cur)?.primary) {
    if (isPillar(cur)) return cur;
    seen.add(cur);
  }
  return undefined;
}

function allPillars(id, seen = new Set()) {
  if (seen.has(id)) return new Set();
  seen.add(id);
  if (isPillar(id)) return new Set([id]);
  const out = new Set();
  for (const p of parents.get(id)?.all ?? []) for (const q of allPillars(p, seen)) out.add(q);
  return out;
}

const weaknesses = {};
for (const [id, entry] of Object.entries(dictionary)) {
  const pillar = primaryPillar(id);
  const mitigation = asArray(entry.Potential_Mitigations?.Mitigation)
    .map((m) => plain(m.Description))
    .find((t) => t.trim().length > 0);
  weaknesses[id] = {
    name: entry.attr['@_Name'],
    abstraction: entry.attr['@_Abstraction'],
    ...(pillar ? { pillar: Number(pillar) } : {}),
    pillars: [...allPillars(id)].map(Number).sort((a, b) => a - b),
    ...(mitigation ? { mitigation: firstSentences(mitigation) } : {}),
  };
}

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'generated', 'cwe-catalog.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ version, weaknesses }) + '\n');
console.log(`cwe catalog ${version}: ${Object.keys(weaknesses).length} weaknesses -> ${out}`);
