/**
 * Inline suppressions: `# secreview: ignore[rule-id, other-id] reason` (`//` or `/* … *\/` in
 * C-family code). A suppression mutes only the rules it names, only on the lines it covers: its
 * own line, the whole simple statement that line belongs to, and — when the comment stands alone —
 * the next line and its statement. One without a rule id or a reason mutes nothing and is reported
 * itself; so, on request, is a named rule that muted nothing.
 *
 * Comments are found in the parsed tree (a `#` inside a string is not a comment), in the worker
 * that parsed the file; the list travels with the file's findings so that findings made later
 * (cross-file analysis, the LLM engine) are muted by the same comments.
 */
import { cweRef, pillarOf } from '../core/cwe.js';
import type { Finding } from '../core/finding.js';
import { fingerprint } from '../core/fingerprint.js';
import type { RuleDescriptor } from '../core/review-result.js';
import type { SourceFile } from '../core/source-file.js';
import type { SyntaxNode, Tree } from '../languages/parse.js';
import { enclosingScope, STATIC_ENGINE } from '../rules/run.js';

export interface Suppression {
  file: string;
  /** Where the directive is (1-based line and columns). */
  line: number;
  column: number;
  endColumn: number;
  ruleIds: string[];
  reason: string;
  /** Findings overlapping these lines (1-based, inclusive) may be muted. */
  covers: { start: number; end: number };
  /** Why the suppression is invalid; an invalid suppression mutes nothing. */
  problem?: string;
  /** The comment marker of the language, for the fix we suggest. */
  marker: '#' | '//';
  /** The source line holding the directive, verbatim. */
  evidence: string;
  /** The functions and classes around the comment, for the fingerprint. */
  scope: string;
}

export const INVALID_SUPPRESSION = 'secreview/invalid-suppression';
export const UNUSED_SUPPRESSION = 'secreview/unused-suppression';

// CWE-1113 Inappropriate Comment Style: a directive that does not follow the required form.
const INVALID_CWE = 1113;
// CWE-1116 Inaccurate Comments: the comment claims a finding here that does not exist.
const UNUSED_CWE = 1116;

const DIRECTIVE = /secreview\s*:/g;
const RULE_ID = /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/;

const SIMPLE_STATEMENTS = new Set([
  // Python
  'expression_statement', 'return_statement', 'assert_statement', 'raise_statement', 'delete_statement',
  'import_statement', 'import_from_statement', 'future_import_statement', 'global_statement',
  'nonlocal_statement', 'print_statement', 'exec_statement', 'pass_statement', 'type_alias_statement',
  // C and C++
  'declaration', 'field_declaration', 'throw_statement', 'goto_statement', 'alias_declaration',
  'using_declaration', 'static_assert_declaration', 'type_definition',
]);

/** The suppression comments of one parsed file. */
export function collectSuppressions(file: SourceFile, tree: Tree): Suppression[] {
  if (!file.text.includes('secreview')) return [];
  const out: Suppression[] = [];
  const seen = new Set<string>();
  file.lines.forEach((text, row) => {
    for (const match of text.matchAll(DIRECTIVE)) {
      const column = match.index;
      const node = tree.rootNode.descendantForPosition({ row, column });
      if (node.type !== 'comment') continue;
      const key = `${row}:${column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const commentStart = node.startPosition.row === row ? node.startPosition.column : 0;
      if (!startsDirective(text.slice(commentStart, column))) continue;
      out.push(suppression(file, tree, node, row, column, text));
    }
  });
  return out;
}

/** The directive must open the comment (or follow another `#` in it), not sit inside prose. */
function startsDirective(before: string): boolean {
  return /(?:^|[#/*])\s*$/.test(before);
}

function suppression(file: SourceFile, tree: Tree, comment: SyntaxNode, row: number, column: number, text: string): Suppression {
  const directive = text.slice(column).replace(/\*\/.*$/, '').replace(/^secreview\s*:/, '');
  const parsed = parseDirective(directive);
  const line = row + 1;
  const standalone = text.slice(0, comment.startPosition.row === row ? comment.startPosition.column : 0).trim() === '';
  let covers = { start: line, end: line };
  if (standalone) {
    const nextRow = comment.endPosition.row + 1;
    covers.end = nextRow + 1;
    const first = firstCode(file.lines[nextRow]);
    if (first !== undefined) covers = widen(covers, statementLines(tree, { row: nextRow, column: first }));
  } else {
    const last = lastCode(text, comment.startPosition.column);
    if (last !== undefined) covers = widen(covers, statementLines(tree, { row, column: last }));
  }
  return {
    file: file.path,
    line,
    column: column + 1,
    endColumn: text.replace(/\s*(?:\*\/)?\s*$/, '').length + 1,
    ...parsed,
    covers,
    marker: file.language === 'python' ? '#' : '//',
    evidence: text,
    scope: enclosingScope(comment),
  };
}

export function parseDirective(directive: string): Pick<Suppression, 'ruleIds' | 'reason' | 'problem'> {
  const m = /^\s*([A-Za-z_-]*)\s*(?:\[([^\]]*)\])?(.*)$/.exec(directive)!;
  const [, keyword, list, rest] = m;
  const ruleIds = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const reason = rest.trim();
  const invalid = (problem: string) => ({ ruleIds, reason, problem });
  if (keyword !== 'ignore') return invalid(keyword ? `uses the unknown directive "${keyword}"` : 'has no directive');
  if (ruleIds.length === 0) return invalid('names no rule');
  const bad = ruleIds.find((id) => !RULE_ID.test(id));
  if (bad) return invalid(`names "${bad}", which is not a rule id`);
  if (!/[\p{L}\p{N}]/u.test(reason)) return invalid('gives no reason');
  return { ruleIds, reason };
}

function firstCode(line: string | undefined): number | undefined {
  const m = line === undefined ? null : /\S/.exec(line);
  return m ? m.index : undefined;
}

function lastCode(line: string, commentColumn: number): number | undefined {
  const before = line.slice(0, commentColumn).trimEnd();
  return before.length > 0 ? before.length - 1 : undefined;
}

/** The lines of the simple statement at a position, or nothing when it is in a compound header. */
function statementLines(tree: Tree, position: { row: number; column: number }): { start: number; end: number } | undefined {
  for (let n: SyntaxNode | null = tree.rootNode.descendantForPosition(position); n; n = n.parent) {
    if (!SIMPLE_STATEMENTS.has(n.type)) continue;
    let endRow = n.endPosition.row;
    // A node ending at column 0 ends on the previous line's terminator.
    if (n.endPosition.column === 0 && endRow > n.startPosition.row) endRow--;
    return { start: n.startPosition.row + 1, end: endRow + 1 };
  }
  return undefined;
}

function widen(a: { start: number; end: number }, b: { start: number; end: number } | undefined): { start: number; end: number } {
  return b ? { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) } : a;
}

export interface SuppressionOutcome {
  findings: Finding[];
  /** How many findings suppressions muted. */
  suppressed: number;
}

/**
 * Drops the findings valid suppressions name on the lines they cover, then adds a finding for
 * every invalid suppression and, with `reportUnused`, for every named rule that muted nothing.
 */
export function applySuppressions(findings: Finding[], suppressions: Suppression[], options: { reportUnused: boolean }): SuppressionOutcome {
  const byFile = new Map<string, Suppression[]>();
  for (const s of suppressions) {
    if (s.problem) continue;
    const list = byFile.get(s.file);
    if (list) list.push(s);
    else byFile.set(s.file, [s]);
  }
  const used = new Set<string>();
  const kept = findings.filter((f) => {
    const muting = (byFile.get(f.location.file) ?? []).filter(
      (s) => s.ruleIds.includes(f.ruleId) && s.covers.start <= f.location.endLine && f.location.startLine <= s.covers.end,
    );
    for (const s of muting) used.add(useKey(s, f.ruleId));
    return muting.length === 0;
  });
  const invalid = suppressions.filter((s) => s.problem).map(invalidFinding);
  const unused = options.reportUnused
    ? suppressions.flatMap((s) => (s.problem ? [] : s.ruleIds.filter((id) => !used.has(useKey(s, id))).map((id) => unusedFinding(s, id))))
    : [];
  return { findings: [...kept, ...invalid, ...unused], suppressed: findings.length - kept.length };
}

function useKey(s: Suppression, ruleId: string): string {
  return `${s.file}:${s.line}:${s.column}:${ruleId}`;
}

function metaFinding(s: Suppression, ruleId: string, cwe: number, title: string, description: string, solution: string, code: string): Finding {
  return {
    ruleId,
    engines: [STATIC_ENGINE],
    pillar: pillarOf(cwe),
    cwe: cweRef(cwe),
    defectType: 'other',
    location: { file: s.file, startLine: s.line, endLine: s.line, startColumn: s.column, endColumn: s.endColumn },
    title,
    description,
    solution,
    severity: 'low',
    confidence: 'high',
    evidence: s.evidence,
    fingerprint: fingerprint({ ruleId, path: s.file, scope: s.scope, code }),
  };
}

function invalidFinding(s: Suppression): Finding {
  return metaFinding(
    s,
    INVALID_SUPPRESSION,
    INVALID_CWE,
    'Invalid suppression comment',
    `This secreview suppression ${s.problem}, so it mutes nothing. A suppression must name each rule it mutes and say why the finding does not apply here, so that a reviewer can check it.`,
    `Write \`${s.marker} secreview: ignore[rule-id] reason\`, e.g. \`${s.marker} secreview: ignore[${s.ruleIds[0] ?? 'py/eval-injection'}] input is a constant from settings.py\`.`,
    s.evidence.slice(s.column - 1),
  );
}

function unusedFinding(s: Suppression, ruleId: string): Finding {
  const lines = s.covers.start === s.covers.end ? `line ${s.covers.start}` : `lines ${s.covers.start}-${s.covers.end}`;
  return metaFinding(
    s,
    UNUSED_SUPPRESSION,
    UNUSED_CWE,
    'Unused suppression',
    `This suppression names ${ruleId}, but no ${ruleId} finding is reported on ${lines}. A stale suppression would silently hide a future finding there.`,
    `Remove ${ruleId} from the suppression, or the whole comment if it names nothing else.`,
    `${s.evidence.slice(s.column - 1)}\0${ruleId}`,
  );
}

/** Descriptors of the two rules suppressions themselves produce, for reporters' rule lists. */
export function suppressionRules(): RuleDescriptor[] {
  const rule = (id: string, cwe: number, title: string, description: string, solution: string): RuleDescriptor => ({
    id,
    title,
    cwe: cweRef(cwe),
    pillar: pillarOf(cwe),
    defectType: 'other',
    severity: 'low',
    confidence: 'high',
    languages: ['python', 'c', 'cpp'],
    description,
    solution,
  });
  return [
    rule(
      INVALID_SUPPRESSION,
      INVALID_CWE,
      'Invalid suppression comment',
      'A `secreview: ignore` comment that names no rule, names something that is not a rule id, or gives no reason. It mutes nothing.',
      'Write `# secreview: ignore[rule-id] reason` (`//` in C-family code), naming each rule and why it does not apply.',
    ),
    rule(
      UNUSED_SUPPRESSION,
      UNUSED_CWE,
      'Unused suppression',
      'A `secreview: ignore[...]` comment names a rule that reports nothing on the lines it covers (reported with --report-unused-suppressions).',
      'Remove the rule id from the comment, or the comment itself.',
    ),
  ];
}
