import { cweRef, pillarOf } from '../core/cwe.js';
import type { Confidence, Finding, Location, Severity, Trace } from '../core/finding.js';
import { fingerprint } from '../core/fingerprint.js';
import { linesOf, type SourceFile } from '../core/source-file.js';
import type { SyntaxNode, Tree } from '../languages/parse.js';
import type { Report, Rule, RuleContext, RuleMeta, Visitor } from './types.js';

export const STATIC_ENGINE = 'static';

/** Runs `rules` over one parsed file; adding a rule never adds a walk of the tree. */
export function runRules(file: SourceFile, tree: Tree, rules: readonly Rule[]): Finding[] {
  const findings: Finding[] = [];
  const memos = new Map<unknown, unknown>();
  const dispatch = new Map<string, Visitor[]>();

  for (const rule of rules) {
    if (!rule.meta.languages.includes(file.language)) continue;
    const context: RuleContext = {
      file,
      tree,
      memo(compute) {
        if (!memos.has(compute)) memos.set(compute, compute(file, tree));
        return memos.get(compute) as ReturnType<typeof compute>;
      },
      report: (report) => findings.push(toFinding(rule, file, report)),
    };
    for (const [type, visit] of Object.entries(rule.create(context))) {
      if (!visit) continue;
      const list = dispatch.get(type);
      if (list) list.push(visit);
      else dispatch.set(type, [visit]);
    }
  }
  if (dispatch.size === 0) return findings;

  // One native search for every node type any rule asked for (in document order) is several times
  // faster than walking the whole tree node by node from JavaScript.
  for (const node of tree.rootNode.descendantsOfType([...dispatch.keys()])) {
    for (const visit of dispatch.get(node.type)!) visit(node);
  }
  return dedupe(findings);
}

function toFinding(rule: Rule, file: SourceFile, report: Report): Finding {
  const { meta } = rule;
  const start = report.node.startPosition;
  const endNode = report.endNode ?? report.node;
  let end = endNode.endPosition;
  // A node ending at column 0 ends on the previous line's terminator (e.g. a block).
  if (end.column === 0 && end.row > start.row) end = { row: end.row - 1, column: file.lines[end.row - 1]?.length ?? 0 };
  const startLine = start.row + 1;
  const endLine = end.row + 1;
  const code = file.text.slice(report.node.startIndex, endNode.endIndex);
  return staticFinding(meta, {
    cwe: report.cwe,
    location: { file: file.path, startLine, endLine, startColumn: start.column + 1, endColumn: end.column + 1 },
    description: report.message,
    evidence: linesOf(file, startLine, endLine),
    code,
    scope: enclosingScope(report.node),
    trace: report.trace,
    overrides: { solution: report.solution, severity: report.severity, confidence: report.confidence },
  });
}

/** The one place a static rule's metadata becomes a Finding, for syntactic and data-flow rules alike. */
export function staticFinding(
  meta: RuleMeta,
  parts: {
    cwe?: number;
    location: Location;
    description: string;
    evidence: string;
    /** The finding's own code, for the fingerprint. */
    code: string;
    scope: string;
    trace?: Trace;
    overrides?: { solution?: string; severity?: Severity; confidence?: Confidence };
  },
): Finding {
  const cwe = parts.cwe ?? meta.cwe;
  return {
    ruleId: meta.id,
    engines: [STATIC_ENGINE],
    pillar: pillarOf(cwe),
    cwe: cweRef(cwe),
    defectType: meta.defectType,
    location: parts.location,
    title: meta.title,
    description: parts.description,
    solution: parts.overrides?.solution ?? meta.solution,
    severity: parts.overrides?.severity ?? meta.severity,
    confidence: parts.overrides?.confidence ?? meta.confidence,
    evidence: parts.evidence,
    ...(parts.trace ? { trace: parts.trace } : {}),
    fingerprint: fingerprint({ ruleId: meta.id, path: parts.location.file, scope: parts.scope, code: parts.code }),
  };
}

/** One report per rule and position: two visitors reaching the same node must not double-count. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}:${f.location.startLine}:${f.location.startColumn}:${f.location.endLine}:${f.location.endColumn}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const SCOPE_TYPES = new Set(['function_definition', 'class_definition', 'class_specifier', 'struct_specifier', 'namespace_definition']);

/** Dotted names of the functions and classes around `node`, e.g. `Service.stop`. */
export function enclosingScope(node: SyntaxNode): string {
  const names: string[] = [];
  for (let n = node.parent; n; n = n.parent) {
    if (!SCOPE_TYPES.has(n.type)) continue;
    const name = scopeName(n);
    if (name) names.unshift(name);
  }
  return names.join('.');
}

function scopeName(n: SyntaxNode): string | undefined {
  const named = n.childForFieldName('name');
  if (named) return named.text;
  // C/C++ functions: the name sits inside nested declarators (pointer, function, reference …).
  let d = n.childForFieldName('declarator');
  while (d && d.type !== 'identifier' && d.type !== 'field_identifier' && d.type !== 'qualified_identifier' && d.type !== 'destructor_name' && d.type !== 'operator_name') {
    d = d.childForFieldName('declarator');
  }
  return d?.text;
}
