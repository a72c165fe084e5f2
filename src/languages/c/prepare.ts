/**
 * C and C++ as the parser reads them, without running the preprocessor: the project's annotation
 * macros and the file's own removed (macros.ts); the `extern "C"` lines of `#ifdef __cplusplus`
 * guards (linkage-guards.ts), the directives of conditional groups that split a statement
 * (split-conditionals.ts) and the punctuation of type arguments such as `va_arg(ap, char *)`
 * (type-arguments.ts) blanked; and a `;` read after each use of a statement macro that brings its
 * own and after each label that no statement follows, and parentheses around a condition that a
 * macro brings (statement-macros.ts). Every step keeps offsets and lines, so the tree's positions
 * are those of the file. The tree carries the numbers the project's headers define, which the
 * lowering folds as if the file included them.
 */
import type { Language } from '../language.js';
import { parse, type Insertion, type Tree } from '../parse.js';
import { blankLinkageGuards } from './linkage-guards.js';
import { collectDefinitions, removeAnnotationMacros, resolveAnnotationMacros, skippedRanges, type AnnotationMacros } from './macros.js';
import { blankSplitConditionals } from './split-conditionals.js';
import { bareLabels, conditionParentheses, missingSemicolons } from './statement-macros.js';
import { blankTypeArguments } from './type-arguments.js';

export function parseC(language: Language, text: string, project: AnnotationMacros): Tree {
  const macros = resolveAnnotationMacros(collectDefinitions(text), project);
  // Each step blanks only code or whole directives: the comments, literals and directives of
  // `text` are where they were for every one of them.
  const skipped = skippedRanges(text);
  const prepared = blankTypeArguments(blankSplitConditionals(blankLinkageGuards(removeAnnotationMacros(text, macros, skipped)), skipped), skipped);
  const insertions: Insertion[] = [...missingSemicolons(prepared, macros.terminated, skipped), ...bareLabels(prepared)].map((at) => ({ at, char: ';' }));
  for (const [open, close] of conditionParentheses(prepared, skipped)) insertions.push({ at: open, char: '(' }, { at: close, char: ')' });
  // At one offset, a `)` closing a condition comes before a `;` ending a statement.
  const rank = (i: Insertion): number => (i.char === ')' ? 0 : 1);
  insertions.sort((a, b) => a.at - b.at || rank(a) - rank(b));
  const tree = parse(language, prepared, insertions);
  if (project.constants?.size) tree.constants = project.constants;
  if (project.aliases?.size) tree.aliases = project.aliases;
  if (project.values?.size) tree.values = project.values;
  if (project.linkage) tree.linkage = project.linkage;
  return tree;
}
