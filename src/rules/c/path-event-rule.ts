/**
 * Rules whose checking is the path-sensitive analysis of the file (src/languages/c/analysis.ts):
 * the analysis runs once per file, shared by every such rule, and each rule reports the events of
 * its kinds, with the CWE the event names (a write past a stack buffer is CWE-121, past a heap
 * block CWE-122 …) and, when untrusted data is involved, a trace from where it was read.
 */
import type { EventKind, PathEvent } from '../../analysis/path-explorer.js';
import type { TraceStep } from '../../core/finding.js';
import type { SourceFile } from '../../core/source-file.js';
import { cPathAnalysis } from '../../languages/c/analysis.js';
import type { SyntaxNode, Tree } from '../../languages/parse.js';
import type { Rule, RuleMeta } from '../types.js';

/** The rule reporting each kind of event, for findings the project pass makes of events. */
export const PATH_EVENT_RULES = new Map<EventKind, RuleMeta>();

function nodeAt(tree: Tree, s: number, e: number): SyntaxNode {
  return tree.rootNode.descendantForIndex(s, Math.max(s, e - 1));
}

function step(file: SourceFile, node: SyntaxNode, label: string): TraceStep {
  return {
    location: { file: file.path, startLine: node.startPosition.row + 1, endLine: node.endPosition.row + 1, startColumn: node.startPosition.column + 1, endColumn: node.endPosition.column + 1 },
    label,
  };
}

export function pathEventRule(meta: RuleMeta, kinds: readonly EventKind[]): Rule {
  const wanted = new Set<EventKind>(kinds);
  for (const kind of kinds) PATH_EVENT_RULES.set(kind, meta);
  return {
    meta,
    create(context) {
      return {
        translation_unit() {
          const analysis = context.memo(cPathAnalysis);
          for (const event of analysis.events) {
            if (!wanted.has(event.kind)) continue;
            const node = nodeAt(context.tree, event.s, event.e);
            context.report({ node, message: event.message, cwe: event.cwe, ...trace(context.file, context.tree, event, node) });
          }
        },
      };
    },
  };
}

function trace(file: SourceFile, tree: Tree, event: PathEvent, node: SyntaxNode): { trace?: TraceStep[] } {
  const steps: TraceStep[] = [];
  if (event.from) steps.push(step(file, nodeAt(tree, event.from.s, event.from.e), `source: ${event.from.what}`));
  for (const r of event.related) steps.push(step(file, nodeAt(tree, r.s, r.e), r.label));
  if (steps.length === 0) return {};
  steps.push(step(file, node, event.message.length > 100 ? `${event.message.slice(0, 97)}...` : event.message));
  return { trace: steps };
}
