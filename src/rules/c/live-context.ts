import type { CFacts } from '../../languages/c/facts.js';
import type { RuleContext } from '../types.js';

/** The rule context, minus reports inside code a constant condition rules out (`if (0)`, `#if 0`, `DEBUG && …`). */
export function liveContext(context: RuleContext, facts: CFacts): RuleContext {
  return {
    file: context.file,
    tree: context.tree,
    memo: (compute) => context.memo(compute),
    report: (report) => {
      if (!facts.isDead(report.node)) context.report(report);
    },
  };
}
