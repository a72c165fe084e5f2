/**
 * Annotation macros, removed before a C or C++ file is parsed.
 *
 * Projects decorate declarations with macros that expand to compiler attributes, calling
 * conventions or nothing: `XMLPUBFUN int XMLCALL f(void *ctx ATTRIBUTE_UNUSED)`,
 * `static void LIBXML_ATTR_FORMAT(3,0) g(…)`, `G_BEGIN_DECLS`. A parser that does not expand
 * macros reads those names as types or declarators and recovers with an error around the
 * declaration, so the function it decorates can be lost or mis-read. Such a macro, like one that
 * is only a pointer cast, changes nothing a security check looks at, so its uses are overwritten
 * with spaces, which keeps every offset and line; a macro that expands to one storage keyword
 * (`#define XMLPUBVAR extern`) is replaced by that keyword, padded.
 *
 * Which names are annotation macros is read from the `#define`s of the file and of the project's
 * headers (every definition of a name must qualify, whichever `#if` branch it is in), plus a few
 * well-known ones from system and toolkit headers that a project does not ship.
 */

/** What to remove: object-like names (to blank or replace) and function-like names (blanked with their arguments). */
export interface AnnotationMacros {
  objects: Map<string, string>;
  functions: Set<string>;
}

// Tokens that only annotate a declaration: attributes, calling conventions, export markers.
const ANNOTATION = /^(?:__attribute__\s*\(\(.*\)\)|__attribute\s*\(\(.*\)\)|__declspec\s*\(.*\)|\[\[.*\]\]|__(?:cdecl|stdcall|fastcall|thiscall|vectorcall)|_?_?(?:cdecl|stdcall|pascal)|__extension__|__inline__|__inline|__forceinline|__restrict__?|__nonnull\s*\(.*\)|__THROW|__wur)$/;
// A cast to a pointer type (`#define BAD_CAST (xmlChar *)`): the value it applies to is unchanged,
// and the parser cannot tell `BAD_CAST "text"` from a declaration gone wrong.
const POINTER_CAST = /^\(\s*(?:(?:const|volatile|struct|union|unsigned|signed)\s+)*[A-Za-z_]\w*(?:\s*\*\s*(?:const\s*)?)+\)$/;
// Storage keywords a macro may stand for; anything else (types, expressions) stays as written.
const STORAGE = new Set(['extern', 'static', 'inline']);

const WELL_KNOWN_OBJECTS = [
  '__BEGIN_DECLS', '__END_DECLS', '__THROW', '__wur', '__attribute_pure__', '__attribute_const__', '__attribute_malloc__',
  '__attribute_deprecated__', '__attribute_warn_unused_result__', '__always_inline', '__noreturn',
  'G_BEGIN_DECLS', 'G_END_DECLS', 'G_GNUC_CONST', 'G_GNUC_PURE', 'G_GNUC_MALLOC', 'G_GNUC_UNUSED', 'G_GNUC_NORETURN',
  'G_GNUC_WARN_UNUSED_RESULT', 'G_GNUC_NULL_TERMINATED', 'G_GNUC_DEPRECATED', 'G_GNUC_INTERNAL',
  'WINAPI', 'APIENTRY', 'CALLBACK', 'WINAPIV', 'STDMETHODCALLTYPE',
];
const WELL_KNOWN_FUNCTIONS = ['__nonnull', '__attribute_format_arg__', '__attribute_alloc_size__', 'G_GNUC_PRINTF', 'G_GNUC_SCANF', 'G_GNUC_FORMAT', 'G_GNUC_DEPRECATED_FOR'];

/** The well-known annotation macros, to which a project's own definitions are added. */
export function wellKnownMacros(): AnnotationMacros {
  return { objects: new Map(WELL_KNOWN_OBJECTS.map((n) => [n, ''])), functions: new Set(WELL_KNOWN_FUNCTIONS) };
}

const DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(\([^)]*\))?((?:[^\n\\]|\\\r?\n|\\(?!\r?\n))*)/gm;

/**
 * Adds the annotation macros `text` defines to `into`; a name that also has a definition of
 * another kind is left out for good (recorded in `rejected`).
 */
export function collectAnnotationMacros(text: string, into: AnnotationMacros, rejected: Set<string>): void {
  if (!text.includes('define')) return;
  for (const m of text.matchAll(DEFINE)) {
    const [, name, params, rawBody] = m;
    if (rejected.has(name)) continue;
    const body = expansion(rawBody);
    const ok = body !== undefined && (params === undefined ? objectBodyOk(name, body, into) : body === '');
    if (!ok) {
      rejected.add(name);
      into.objects.delete(name);
      into.functions.delete(name);
    } else if (params === undefined) into.objects.set(name, body);
    else into.functions.add(name);
  }
}

/** The keyword a body stands for ('' for none), or undefined when it is not only annotations. */
function expansion(rawBody: string): string | undefined {
  const body = rawBody.replace(/\\\r?\n/g, ' ').replace(/\/\*.*?\*\//g, ' ').replace(/\/\/.*$/, '').trim();
  if (POINTER_CAST.test(body)) return '';
  const kept: string[] = [];
  for (const token of splitTokens(body)) {
    if (ANNOTATION.test(token)) continue;
    if (!STORAGE.has(token)) return undefined;
    kept.push(token);
  }
  return kept.join(' ');
}

function objectBodyOk(name: string, body: string, into: AnnotationMacros): boolean {
  // Every definition must agree, and the replacement must fit in the name's place.
  const previous = into.objects.get(name);
  return body.length <= name.length && (previous === undefined || previous === body);
}

/** Words and parenthesised groups: `__attribute__((x)) extern` is two tokens. */
function splitTokens(body: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < body.length) {
    if (/\s/.test(body[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < body.length && !/\s|\(|\[/.test(body[j])) j++;
    // A word followed by a group belongs with it (`__declspec (dllexport)`), as does a `[[…]]`.
    let k = j;
    while (k < body.length && /\s/.test(body[k])) k++;
    if (body[k] === '(' || (j === i && body[k] === '[')) {
      const end = closing(body, k);
      if (end < 0) return [body];
      j = end + 1;
    }
    out.push(body.slice(i, j));
    i = j;
  }
  return out;
}

// Macro arguments are short; an unbalanced bracket must not swallow the file.
const MAX_ARGUMENTS = 1000;

/** Index of the bracket closing the one at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  const stop = Math.min(text.length, open + MAX_ARGUMENTS);
  for (let i = open; i < stop; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

const IDENTIFIER = /[A-Za-z_]\w*/g;

/**
 * `text` with the uses of the macros overwritten, same length and lines. Preprocessor lines,
 * comments and literals are left alone.
 */
export function removeAnnotationMacros(text: string, macros: AnnotationMacros): string {
  if (macros.objects.size === 0 && macros.functions.size === 0) return text;
  const skip = skippedRanges(text);
  let out: string[] | undefined;
  let last = 0;
  let s = 0;
  IDENTIFIER.lastIndex = 0;
  for (let m = IDENTIFIER.exec(text); m; m = IDENTIFIER.exec(text)) {
    const name = m[0];
    const start = m.index;
    const replacement = macros.objects.get(name);
    const isFunction = replacement === undefined && macros.functions.has(name);
    if (replacement === undefined && !isFunction) continue;
    while (s < skip.length && skip[s][1] <= start) s++;
    if (s < skip.length && skip[s][0] <= start) continue;
    let end = start + name.length;
    if (isFunction) {
      let k = end;
      while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
      if (text[k] !== '(') continue;
      const close = closing(text, k);
      if (close < 0) continue;
      end = close + 1;
    }
    out ??= [];
    out.push(text.slice(last, start), blank(text.slice(start, end), isFunction ? '' : replacement!));
    last = end;
    IDENTIFIER.lastIndex = end;
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

/** `replacement`, then spaces in place of the rest, keeping line breaks where they were. */
function blank(original: string, replacement: string): string {
  return replacement + original.slice(replacement.length).replace(/[^\r\n]/g, ' ');
}

/** Preprocessor lines (with continuations), comments, and string and character literals, as [start, end) ranges in order. */
function skippedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /^[ \t]*#(?:[^\n\\]|\\[\s\S])*|\/\*[\s\S]*?(?:\*\/|$)|\/\/(?:[^\n\\]|\\[\s\S])*|"(?:[^"\\\n]|\\[\s\S])*"?|'(?:[^'\\\n]|\\[\s\S])*'?/gm;
  for (const m of text.matchAll(re)) out.push([m.index, m.index + m[0].length]);
  return out;
}
