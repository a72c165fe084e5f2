/**
 * A rule is one module: declarative metadata plus `create`, which returns visitors keyed by
 * tree-sitter node type (as ESLint rules do). The runner walks each tree once and calls every
 * rule's visitor for the node types it asked for, so adding a rule never adds a tree walk.
 */
import type { DefectType } from '../core/defect-types.js';
import type { Confidence, Severity, Trace } from '../core/finding.js';
import type { SourceFile } from '../core/source-file.js';
import type { Language } from '../languages/language.js';
import type { SyntaxNode, Tree } from '../languages/parse.js';

export interface RuleMeta {
  /** `<language family>/<kebab-name>`, e.g. `py/subprocess-shell`, `c/gets`. Never changes once published. */
  id: string;
  title: string;
  /** The most specific CWE that fits; its pillar is derived from the catalog. */
  cwe: number;
  defectType: DefectType;
  severity: Severity;
  confidence: Confidence;
  languages: Language[];
  /** Why this is a defect, in general terms; each report adds the specifics. */
  description: string;
  /** How to fix it. */
  solution: string;
}

export interface Report {
  node: SyntaxNode;
  /** Where the finding ends when it spans more than `node`. */
  endNode?: SyntaxNode;
  /** Why this occurrence is a defect, naming the code involved. */
  message: string;
  /** Overrides for this occurrence; default to the rule's metadata. */
  cwe?: number;
  severity?: Severity;
  confidence?: Confidence;
  solution?: string;
  trace?: Trace;
}

export interface RuleContext {
  readonly file: SourceFile;
  readonly tree: Tree;
  /** Facts about the file computed once and shared by all rules (imports, constants, buffers …). */
  memo<T>(compute: (file: SourceFile, tree: Tree) => T): T;
  report(report: Report): void;
}

export type Visitor = (node: SyntaxNode) => void;
export type Visitors = Partial<Record<string, Visitor>>;

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): Visitors;
}
