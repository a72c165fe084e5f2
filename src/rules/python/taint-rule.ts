/**
 * Data-flow rules: their metadata lives here with the other rules (so `secreview rules`, SARIF and
 * the docs list them), their checking in the project-wide data-flow pass (src/analysis), which
 * reports each sink class to the one rule that owns it. They add no tree visitors.
 */
import type { SinkClass } from '../../analysis/specs.js';
import type { Rule, RuleMeta } from '../types.js';

export interface TaintRule extends Rule {
  /** The sink class whose findings this rule reports. */
  sink: SinkClass;
}

export function taintRule(sink: SinkClass, meta: Omit<RuleMeta, 'languages'>): TaintRule {
  return { sink, meta: { ...meta, languages: ['python'] }, create: () => ({}) };
}

export function isTaintRule(rule: Rule): rule is TaintRule {
  return typeof (rule as Partial<TaintRule>).sink === 'string';
}
