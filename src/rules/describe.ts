import { cweRef, pillarOf } from '../core/cwe.js';
import type { RuleDescriptor } from '../core/review-result.js';
import type { Rule } from './types.js';

export function describeRule({ meta }: Rule): RuleDescriptor {
  return {
    id: meta.id,
    title: meta.title,
    cwe: cweRef(meta.cwe),
    pillar: pillarOf(meta.cwe),
    defectType: meta.defectType,
    severity: meta.severity,
    confidence: meta.confidence,
    languages: [...meta.languages],
    description: meta.description,
    solution: meta.solution,
  };
}
