/**
 * Files over the token budget are reviewed in parts, cut where a reader would cut: between
 * top-level functions and classes, then between the methods of a large class, and only inside a
 * function that alone exceeds the budget. Each part shows the file's header (imports, constants)
 * and the heading of the class it sits in as context; line numbers are always the file's own.
 */
import type { LineRange } from './claim.js';
import type { Chunk } from './prompts/index.js';
import type { Scope } from './scopes.js';

/** A rough count, good enough for budgeting: about four characters per token. */
export function estimateTokens(lines: string[], range: LineRange): number {
  let chars = 0;
  for (let n = range.start; n <= range.end; n++) chars += (lines[n - 1]?.length ?? 0) + String(n).length + 2;
  return Math.ceil(chars / 4);
}

export function planChunks(lines: string[], scopes: Scope[], budget: number): Chunk[] {
  const whole = { start: 1, end: Math.max(1, lines.length) };
  if (estimateTokens(lines, whole) <= budget) return [{ focus: whole, segments: [whole] }];
  const top = children(scopes, whole);
  const header = top.length > 0 && top[0].outerStart > 1 ? capped(lines, { start: 1, end: top[0].outerStart - 1 }, Math.floor(budget / 4)) : undefined;
  return split(lines, scopes, whole, header ? [header] : [], budget);
}

/** Definitions directly inside `range` (not nested in another definition inside it). */
function children(scopes: Scope[], range: LineRange, parent?: Scope): Scope[] {
  const inside = scopes.filter((s) => s !== parent && s.outerStart >= range.start && s.end <= range.end);
  return inside.filter((s) => !inside.some((o) => o !== s && o.outerStart <= s.outerStart && s.end <= o.end && (o.outerStart < s.outerStart || o.end > s.end)));
}

function split(lines: string[], scopes: Scope[], range: LineRange, context: LineRange[], budget: number, parent?: Scope): Chunk[] {
  const room = Math.max(1, budget - context.reduce((n, c) => n + estimateTokens(lines, c), 0));
  if (estimateTokens(lines, range) <= room) return [chunk(range, context)];
  const units = unitsOf(scopes, range, parent);
  if (units.length <= 1) {
    const only = units[0]?.scope;
    if (only && only.kind === 'class' && parent !== only) {
      const inner = children(scopes, { start: only.start + 1, end: only.end }, only);
      if (inner.length > 0) {
        // The class heading (and docstring, attributes) travels with every part of the class.
        const head = { start: only.outerStart, end: inner[0].outerStart - 1 };
        return split(lines, scopes, range, [...context, head], budget, only);
      }
    }
    const signature = only ? [{ start: only.outerStart, end: only.start }] : [];
    return windows(lines, range, [...context, ...signature], budget);
  }
  const chunks: Chunk[] = [];
  let group: LineRange | undefined;
  for (const unit of units) {
    if (isBlank(lines, unit.range)) continue;
    const size = estimateTokens(lines, unit.range);
    if (size > room) {
      if (group) chunks.push(chunk(group, context));
      group = undefined;
      chunks.push(...split(lines, scopes, unit.range, context, budget, parent));
      continue;
    }
    if (group && estimateTokens(lines, { start: group.start, end: unit.range.end }) > room) {
      chunks.push(chunk(group, context));
      group = undefined;
    }
    group = group ? { start: group.start, end: unit.range.end } : { ...unit.range };
  }
  if (group) chunks.push(chunk(group, context));
  return chunks;
}

interface Unit {
  range: LineRange;
  scope?: Scope;
}

/** `range` cut into its definitions and the code between them, in order, covering every line. */
function unitsOf(scopes: Scope[], range: LineRange, parent?: Scope): Unit[] {
  const units: Unit[] = [];
  let next = range.start;
  for (const s of children(scopes, range, parent)) {
    if (s.outerStart > next) units.push({ range: { start: next, end: s.outerStart - 1 } });
    units.push({ range: { start: Math.max(s.outerStart, next), end: s.end }, scope: s });
    next = s.end + 1;
  }
  if (next <= range.end) units.push({ range: { start: next, end: range.end } });
  return units;
}

/** Last resort, a definition larger than the budget on its own: consecutive windows of lines. */
function windows(lines: string[], range: LineRange, context: LineRange[], budget: number): Chunk[] {
  const room = Math.max(1, budget - context.reduce((n, c) => n + estimateTokens(lines, c), 0));
  const out: Chunk[] = [];
  let start = range.start;
  while (start <= range.end) {
    let end = start;
    while (end < range.end && estimateTokens(lines, { start, end: end + 1 }) <= room) end++;
    // Prefer to end a window after a blank line rather than mid-statement.
    const blank = lastBlank(lines, start, end);
    if (end < range.end && blank !== undefined && blank > start + (end - start) / 2) end = blank;
    out.push(chunk({ start, end }, context.filter((c) => c.end < start)));
    start = end + 1;
  }
  return out;
}

function isBlank(lines: string[], range: LineRange): boolean {
  for (let n = range.start; n <= range.end; n++) if ((lines[n - 1] ?? '').trim() !== '') return false;
  return true;
}

function lastBlank(lines: string[], start: number, end: number): number | undefined {
  for (let n = end; n > start; n--) if ((lines[n - 1] ?? '').trim() === '') return n;
  return undefined;
}

function chunk(focus: LineRange, context: LineRange[]): Chunk {
  const shown = context.filter((c) => c.end < focus.start || c.start > focus.end);
  return { focus, segments: [...shown, focus] };
}

/** The header as context, cut to a share of the budget when it is long. */
function capped(lines: string[], range: LineRange, maxTokens: number): LineRange {
  let end = range.start;
  while (end < range.end && estimateTokens(lines, { start: range.start, end: end + 1 }) <= maxTokens) end++;
  return { start: range.start, end };
}
