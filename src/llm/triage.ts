/**
 * Hybrid mode's second opinion: the model confirms or rejects each static finding, with a reason.
 * A confirmed finding lists the model among its engines; a rejected one keeps its place (a model
 * is not trusted to delete a deterministic finding) but drops to low confidence and says why.
 */
import type { Finding } from '../core/finding.js';
import { jsonValues } from './parse/json.js';

export interface Verdict {
  confirm: boolean;
  reason: string;
}

/** Verdicts by finding number (S1 → 1), from JSON or from lines like `S2: reject — …`. */
export function parseVerdicts(text: string): Map<number, Verdict> {
  const out = new Map<number, Verdict>();
  for (const value of jsonValues(text)) {
    const list = Array.isArray(value) ? value : isRecord(value) && Array.isArray(value.verdicts) ? value.verdicts : undefined;
    for (const item of list ?? []) {
      if (!isRecord(item)) continue;
      const id = /(\d+)/.exec(String(item.id ?? ''))?.[1];
      const verdict = String(item.verdict ?? '').toLowerCase();
      if (!id || !/^(?:confirm|reject)/.test(verdict)) continue;
      out.set(Number(id), { confirm: verdict.startsWith('confirm'), reason: String(item.reason ?? '').trim() });
    }
    if (out.size > 0) return out;
  }
  for (const m of text.matchAll(/\bS(\d+)\b[^\n]*?\b(confirm(?:ed)?|reject(?:ed)?|true positive|false positive|false alarm)\b[\s:.,;–—-]*([^\n]*)/gi)) {
    const word = m[2].toLowerCase();
    out.set(Number(m[1]), { confirm: word.startsWith('confirm') || word === 'true positive', reason: m[3].trim() });
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function applyVerdict(finding: Finding, verdict: Verdict | undefined, engine: string): Finding {
  if (!verdict) return finding;
  if (verdict.confirm) return { ...finding, engines: [...new Set([...finding.engines, engine])] };
  const reason = verdict.reason ? `: ${verdict.reason.replace(/\s+/g, ' ')}` : '';
  return { ...finding, confidence: 'low', description: `${finding.description} [Rejected by ${engine}${reason}]` };
}
