/**
 * Phrases that name code in finding messages: a reviewer should recognise the exact expression
 * and where its data comes from without opening the file.
 */
import type { SyntaxNode } from '../parse.js';
import type { Origin } from './facts.js';

const MAX_CODE = 60;

/** The source of `node` on one line, shortened when long. */
export function shortText(node: SyntaxNode | string): string {
  const text = (typeof node === 'string' ? node : node.text).replace(/\s*\n\s*/g, ' ');
  return text.length > MAX_CODE ? `${text.slice(0, MAX_CODE - 1)}…` : text;
}

/** The source of `node` in backticks, on one line, shortened when long. */
export function code(node: SyntaxNode | string): string {
  return `\`${shortText(node)}\``;
}

/** "the parameter `host`", "`request.form['cmd']`" */
export function originPhrase(origin: Origin): string {
  return origin.parameterOf !== undefined ? `the parameter ${code(origin.node)}` : code(origin.node);
}

/** "the parameter `a` and `b`"; at most three are named. */
export function originsPhrase(origins: readonly Origin[]): string {
  const named = origins.slice(0, 3).map(originPhrase);
  if (origins.length > 3) named.push(`${origins.length - 3} more`);
  return named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

/**
 * The expression and what it is built from: "`host` (a parameter of ping())",
 * "`cmd`, built from the parameter `host`", or just "`request.args['q']`".
 */
export function valuePhrase(expr: SyntaxNode, origins: readonly Origin[]): string {
  const only = origins.length === 1 ? origins[0] : undefined;
  if (only && only.node.text === expr.text) {
    return only.parameterOf ? `${code(expr)} (a parameter of ${only.parameterOf}())` : code(expr);
  }
  return origins.length === 0 ? code(expr) : `${code(expr)}, built from ${originsPhrase(origins)}`;
}
