/**
 * Macros that take a type as an argument: `va_arg(ap, char *)`, `offsetof(struct s, field)`,
 * `container_of(ptr, struct node, list)`. The grammar reads a call's arguments as expressions, so
 * `char *` or `struct s` there is a syntax error (sqlite3.c has fifty `va_arg(ap, T *)`). Nothing
 * looks at the type, so all of it but its last word is blanked: `va_arg(ap, char  )` reads as a
 * call with a name. Offsets and lines stay where they were.
 */
import { closing, inRanges, skippedRanges } from './macros.js';

/** Which argument is the type, by macro. */
const TYPE_ARGUMENT: Record<string, number> = { va_arg: 1, offsetof: 0, container_of: 1, list_entry: 1, __builtin_va_arg: 1, __builtin_offsetof: 0 };

const USE = /\b(va_arg|offsetof|container_of|list_entry|__builtin_va_arg|__builtin_offsetof)[ \t]*\(/g;

export function blankTypeArguments(text: string, ranges?: Array<[number, number]>): string {
  if (!/va_arg|offsetof|container_of|list_entry/.test(text)) return text;
  let skip = ranges;
  let out: string[] | undefined;
  let last = 0;
  for (const m of text.matchAll(USE)) {
    skip ??= skippedRanges(text);
    if (inRanges(skip, m.index)) continue;
    const open = m.index + m[0].length - 1;
    const close = closing(text, open);
    if (close < 0 || open < last) continue;
    const arg = argumentRange(text, open, close, TYPE_ARGUMENT[m[1]]);
    if (!arg) continue;
    const type = text.slice(arg[0], arg[1]);
    const words = [...type.matchAll(/[A-Za-z_]\w*/g)];
    const kept = words[words.length - 1];
    // Only a type's punctuation goes: anything else (a call, an expression) is not a type.
    if (!kept || /[^\w\s*]/.test(type)) continue;
    const keepAt = kept.index!;
    const blanked = type.slice(0, keepAt).replace(/[^\r\n]/g, ' ') + kept[0] + type.slice(keepAt + kept[0].length).replace(/[^\r\n]/g, ' ');
    if (blanked === type) continue;
    out ??= [];
    out.push(text.slice(last, arg[0]), blanked);
    last = arg[1];
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

/** [start, end) of argument `index` of the call whose parentheses are at `open` and `close`. */
function argumentRange(text: string, open: number, close: number, index: number): [number, number] | undefined {
  let depth = 0;
  let start = open + 1;
  let n = 0;
  for (let i = open + 1; i < close; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      if (n === index) return [start, i];
      n++;
      start = i + 1;
    }
  }
  return n === index ? [start, close] : undefined;
}
