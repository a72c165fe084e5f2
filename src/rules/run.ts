import { cweRef, pillarOf } from '../core/cwe.js';
import type { Finding } from '../core/finding.js';
import { fingerprint } from '../core/fingerprint.js';
import { linesOf, type SourceFile } from '../core/source-file.js';
import type { SyntaxNode, Tree } from '../languages/parse.js';
import type { Report, Rule, RuleContext, Visitor } from './types.js';

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
  const cwe = report.cwe ?? meta.cwe;
  const startLine = start.row + 1;
  const endLine = end.row + 1;
  const code = file.text.slice(report.node.startIndex, endNode.endIndex);
  return {
    ruleId: meta.id,
    engines: [STATIC_ENGINE],
    pillar: pillarOf(cwe),
    cwe: cweRef(cwe),
    defectType: meta.defectType,
    location: { file: file.path, startLine, endLine, startColumn: start.column + 1, endColumn: end.column + 1 },
    title: meta.title,
    description: report.message,
    solution: report.solution ?? meta.solution,
    severity: report.severity ?? meta.severity,
    confidence: report.confidence ?? meta.confidence,
    evidence: linesOf(file, startLine, endLine),
    ...(report.trace ? { trace: report.trace } : {}),
    fingerprint: fingerprint({ ruleId: meta.id, path: file.path, scope: enclosingScope(report.node), code }),
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
