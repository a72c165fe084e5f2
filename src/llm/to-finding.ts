/** A checked claim becomes a Finding: the one type every engine produces. */
import { cweEntry } from '../core/cwe.js';
import { CONFIDENCES, type Confidence, type Finding } from '../core/finding.js';
import { fingerprint } from '../core/fingerprint.js';
import type { Claim } from './claim.js';
import { classifyClaim } from './classify.js';
import type { ScopedFile } from './scopes.js';
import { verifyClaim, type ClaimStatus, type Grounding, type Verdict } from './verify.js';

/** A finding from a model, with what its verification found (reports and `secreview parse` show it). */
export interface LlmFinding {
  finding: Finding;
  status: ClaimStatus;
  reason: string;
  claim: Claim;
}

export interface FileForClaims {
  path: string;
  lines: string[];
  scoped: ScopedFile;
}

const DEFAULT_SEVERITY = 'medium';

/** How much confidence the evidence allows, whatever the model said about itself. */
const CONFIDENCE_CAP: Record<ClaimStatus, Partial<Record<Grounding, Confidence>>> = {
  verified: { code: 'high', name: 'medium', line: 'low', none: 'low' },
  relocated: { code: 'medium', name: 'low', line: 'low', none: 'low' },
  unverified: {},
  unlocated: {},
};

export function claimToFinding(claim: Claim, file: FileForClaims, engine: string): LlmFinding {
  const verdict = verifyClaim(claim, { lines: file.lines, scopes: file.scoped.scopes });
  return { finding: buildFinding(claim, verdict, file, engine), status: verdict.status, reason: verdict.reason, claim };
}

function buildFinding(claim: Claim, verdict: Verdict, file: FileForClaims, engine: string): Finding {
  const { cwe, pillar, defectType } = classifyClaim(claim);
  // Without lines, the claim is about the file as a whole; it has no evidence of its own.
  const location = verdict.location ?? { start: 1, end: Math.max(1, file.lines.length) };
  const evidence = verdict.location ? file.lines.slice(location.start - 1, location.end).join('\n') : '';
  const ruleId = cwe.id > 0 ? `llm/cwe-${cwe.id}` : 'llm/unclassified';
  return {
    ruleId,
    engines: [engine],
    pillar,
    cwe,
    defectType,
    location: { file: file.path, startLine: location.start, endLine: location.end },
    title: claim.title ?? cwe.name,
    description: claim.description,
    solution: claim.solution || cweEntry(cwe.id)?.mitigation || '',
    severity: claim.severity ?? DEFAULT_SEVERITY,
    confidence: lower(claim.confidence ?? 'medium', CONFIDENCE_CAP[verdict.status][verdict.grounding] ?? 'low'),
    evidence,
    fingerprint: fingerprint({
      ruleId,
      path: file.path,
      scope: verdict.location ? file.scoped.scopeAt(location.start) : '',
      code: evidence || claim.description,
    }),
    verification: verdict.status === 'verified' || verdict.status === 'relocated' ? verdict.status : 'unverified',
  };
}

function lower(a: Confidence, b: Confidence): Confidence {
  return CONFIDENCES.indexOf(a) > CONFIDENCES.indexOf(b) ? a : b;
}
