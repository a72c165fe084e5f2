/**
 * Annotation macros, removed before a C or C++ file is parsed.
 *
 * Projects decorate declarations with macros that expand to compiler attributes, calling
 * conventions or nothing: `XMLPUBFUN int XMLCALL f(void *ctx ATTRIBUTE_UNUSED)`,
 * `static void LIBXML_ATTR_FORMAT(3,0) g(…)`, `G_BEGIN_DECLS`. A parser that does not expand
 * macros reads those names as types or declarators and recovers with an error around the
 * declaration, so the function it decorates can be lost or mis-read. Such a macro, like one that
 * is only a pointer cast, changes nothing a security check looks at, so its uses are overwritten
 * with spaces, which keeps every offset and line; a macro that expands to keywords
 * (`#define XMLPUBVAR extern`, `#define CONST const`) is replaced by them, padded.
 *
 * Which names are annotation macros is read from the `#define`s of the file and of the project's
 * headers (every definition of a name must qualify and agree, whichever `#if` branch it is in),
 * plus a few well-known ones from system and toolkit headers that a project does not ship.
 */
import type { ProjectFunctions } from './project-functions.js';

/** What to remove: object-like names (to blank or replace) and function-like names (blanked with their arguments). */
export interface AnnotationMacros {
  objects: Map<string, string>;
  functions: Set<string>;
  /**
   * Not annotations, but also for the parser: statement macros whose every definition ends with
   * its own `;` or `}`, so that their uses are written without one (see statement-macros.ts);
   * true for those that take arguments.
   */
  terminated?: Map<string, boolean>;
  /**
   * Function-like macros that stand for their argument or for nothing (`VVA_ONLY(X) X`,
   * `MUTEX_LOGIC(X)`): their name and parentheses are blanked, the argument kept, as in the builds
   * that keep it (the argument is often a declaration or a statement, which a call cannot hold).
   */
  identities?: Set<string>;
  /**
   * Function-like macros that some build defines as nothing (`SimulateIOError(CODE)`): a use whose
   * argument is a statement (`SimulateIOError( return SQLITE_IOERR; )`) is read as that build reads
   * it, blanked whole, since a call cannot hold a statement.
   */
  vanishing?: Set<string>;
  /**
   * Object-like macros defined as a parenthesised name (`#define ACTXT_CAST (xmlSchemaCtxtPtr)`):
   * a cast where an operand follows the use (a value cannot be followed by one), blanked there.
   */
  casts?: Set<string>;
  /**
   * Not for the parser but for the lowering: object-like macros of the project's headers whose
   * every definition is the same number (`#define SENSOR_COUNT 8`, `#define BUF_SIZE (4 * 1024)`),
   * which size arrays and bound loops in the files that include them; and the project's constant
   * globals (project-constants.ts).
   */
  constants?: Map<string, string>;
  /**
   * Also for the lowering and the rules: object-like macros of the project's headers that name a
   * function (`#define ALLOCA alloca`), by the function they call (see functionAlias).
   */
  aliases?: Map<string, string>;
  /**
   * Also for the lowering: function-like macros without parameters of the project's headers that
   * compute a value (`#define RAND32() ((int)(rand() & 1 ? URAND31() : -URAND31() - 1))`), by their
   * body, expanded where a file uses them as that file's own would be; and the project's functions
   * that only return a number (project-constants.ts), by that number.
   */
  values?: Map<string, string>;
  /** Not for the parser but for the syntactic checks: the functions the review's files define and call (project-functions.ts). */
  linkage?: ProjectFunctions;
}

// Tokens that only annotate a declaration: attributes, calling conventions, export markers.
const ANNOTATION = /^(?:__attribute__\s*\(\(.*\)\)|__attribute\s*\(\(.*\)\)|__declspec\s*\(.*\)|\[\[.*\]\]|__(?:cdecl|stdcall|fastcall|thiscall|vectorcall)|_?_?(?:cdecl|stdcall|pascal)|__extension__|__inline__|__inline|__forceinline|__restrict__?|__nonnull\s*\(.*\)|__THROW|__wur)$/;
// A cast to a pointer type (`#define BAD_CAST (xmlChar *)`): the value it applies to is unchanged,
// and the parser cannot tell `BAD_CAST "text"` from a declaration gone wrong.
const POINTER_CAST = /^\(\s*(?:(?:const|volatile|struct|union|unsigned|signed)\s+)*[A-Za-z_]\w*(?:\s*\*\s*(?:const\s*)?)+\)$/;
const PARENTHESISED_NAME = /^\(\s*[A-Za-z_]\w*\s*\)$/;
// An integer constant expression of literals only: `8`, `0x100`, `(4 * 1024)`, `(1U << 12)`.
const NUMBER = /^(?=[^A-Za-z_]*\d)(?:[\s()+\-*/%<>&|^~]|\d[\dA-Fa-fxXuUlL]*)+$/;
// A header's function alias counts when a platform macro (upper case) names a C library-style
// function. Headers also rename functions for the files that include them, definitions included:
// libxml2's elfgcchack.h (`#define htmlParseDoc htmlParseDoc__internal_alias`, 1,600 of them), its
// trio.h (`#define printf trio_printf`); applied to every file, calls would no longer reach them.
const WRAPPER_STYLE = /^[A-Z_][A-Z0-9_]*$/;
const LIBRARY_STYLE = /^_*[a-z][a-z0-9_]*$/;
// A value macro's body is an expression with a call or parentheses, no statements.
const EXPRESSION = /^[^;{}]*\([^;{}]*\)[^;{}]*$/;
// Keywords a macro may stand for, spelled out in its place; anything else (types, expressions)
// stays as written.
const KEYWORDS = new Set(['extern', 'static', 'inline', 'const', 'volatile', 'register']);

const WELL_KNOWN_OBJECTS = [
  '__BEGIN_DECLS', '__END_DECLS', '__THROW', '__wur', '__attribute_pure__', '__attribute_const__', '__attribute_malloc__',
  '__attribute_deprecated__', '__attribute_warn_unused_result__', '__always_inline', '__noreturn',
  'G_BEGIN_DECLS', 'G_END_DECLS', 'G_GNUC_CONST', 'G_GNUC_PURE', 'G_GNUC_MALLOC', 'G_GNUC_UNUSED', 'G_GNUC_NORETURN',
  'G_GNUC_WARN_UNUSED_RESULT', 'G_GNUC_NULL_TERMINATED', 'G_GNUC_DEPRECATED', 'G_GNUC_INTERNAL',
  'WINAPI', 'APIENTRY', 'CALLBACK', 'WINAPIV', 'STDMETHODCALLTYPE',
];
// `__attribute` is GCC's other spelling of `__attribute__`, which the grammar alone knows: written in
// code (libxml2's elfgcchack.h, 1,300 aliases) it sent the parser into error recovery on every use.
const WELL_KNOWN_FUNCTIONS = ['__attribute', '__nonnull', '__attribute_format_arg__', '__attribute_alloc_size__', 'G_GNUC_PRINTF', 'G_GNUC_SCANF', 'G_GNUC_FORMAT', 'G_GNUC_DEPRECATED_FOR'];

/** The well-known annotation macros, to which a project's own definitions are added (never changed). */
export const WELL_KNOWN_MACROS: AnnotationMacros = {
  objects: new Map(WELL_KNOWN_OBJECTS.map((n) => [n, ''])),
  functions: new Set(WELL_KNOWN_FUNCTIONS),
};

const DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(\([^)]*\))?((?:[^\n\\]|\\\r?\n|\\(?!\r?\n))*)/gm;

/** Every `#define` of some texts: its name, whether it takes arguments, and each body. */
export type MacroDefinitions = Map<string, { params: boolean; bodies: string[]; identity?: boolean; arity?: number }>;

export function collectDefinitions(text: string, into: MacroDefinitions = new Map()): MacroDefinitions {
  if (!text.includes('define')) return into;
  for (const [, name, params, rawBody] of text.matchAll(DEFINE)) {
    const body = rawBody.replace(/\\\r?\n/g, ' ').replace(/\/\*.*?\*\//g, ' ').replace(/\/\/.*$/, '').trim();
    // `#define VVA_ONLY(X) X`: the argument itself, in the builds that define it so.
    const identity = params !== undefined && body !== '' && body === params.slice(1, -1).trim();
    const arity = params === undefined ? undefined : params.slice(1, -1).trim() === '' ? 0 : params.split(',').length;
    let def = into.get(name);
    if (def) {
      def.params ||= params !== undefined;
      if (def.arity !== arity) def.arity = undefined;
      if (!def.bodies.includes(body)) def.bodies.push(body);
    } else into.set(name, (def = { params: params !== undefined, bodies: [body], arity }));
    if (body !== '') def.identity = (def.identity ?? true) && identity;
  }
  return into;
}

/**
 * The annotation macros among `defs`, added to (or, for a name `defs` gives another meaning,
 * taken out of) `known`. A body may use other annotation macros: `#define XMLPUBFUN XMLPUBLIC`
 * qualifies when `XMLPUBLIC` does, wherever each is defined.
 */
export function resolveAnnotationMacros(defs: MacroDefinitions, known: AnnotationMacros = WELL_KNOWN_MACROS): AnnotationMacros {
  // Most files define nothing of their own: the project's macros serve them as they are.
  if (defs.size === 0) return known;
  const out: AnnotationMacros = {
    objects: new Map(known.objects),
    functions: new Set(known.functions),
    terminated: new Map(known.terminated),
    casts: new Set(known.casts),
    identities: new Set(known.identities),
    vanishing: new Set(known.vanishing),
    constants: new Map(known.constants),
    aliases: new Map(known.aliases),
    values: new Map(known.values),
  };
  for (const [name, def] of defs) {
    if (!def.params && def.bodies.length > 0 && def.bodies.every((b) => b === def.bodies[0] && NUMBER.test(b))) out.constants!.set(name, def.bodies[0]);
    else out.constants!.delete(name);
    const alias = def.params ? undefined : functionAlias(name, def.bodies);
    if (alias && WRAPPER_STYLE.test(name) && LIBRARY_STYLE.test(alias)) out.aliases!.set(name, alias);
    else out.aliases!.delete(name);
    if (def.arity === 0 && WRAPPER_STYLE.test(name) && def.bodies.length === 1 && EXPRESSION.test(def.bodies[0])) out.values!.set(name, def.bodies[0]);
    else out.values!.delete(name);
    out.objects.delete(name);
    out.functions.delete(name);
    if (def.params && def.identity) out.identities!.add(name);
    else out.identities!.delete(name);
    if (def.params && !def.identity && def.bodies.includes('') && def.bodies.length > 1) out.vanishing!.add(name);
    else out.vanishing!.delete(name);
    if (!def.params && def.bodies.every((b) => PARENTHESISED_NAME.test(b))) out.casts!.add(name);
    else out.casts!.delete(name);
    const bodies = def.bodies.filter((b) => b !== '');
    if (bodies.length > 0 && bodies.every((b) => /[;}]$/.test(b))) out.terminated!.set(name, def.params);
    else out.terminated!.delete(name);
  }
  const resolved = new Map<string, string | undefined>();
  const resolve = (name: string): string | undefined => {
    if (resolved.has(name)) return resolved.get(name);
    const def = defs.get(name);
    if (!def) return out.objects.get(name) ?? (out.functions.has(name) ? '' : undefined);
    resolved.set(name, undefined);
    const expansions = new Set(def.bodies.map((body) => expansion(body, resolve)));
    // Branches for old compilers define keywords away (`#define CONST` beside `#define CONST const`):
    // the keyword is what a current compiler sees.
    if (expansions.size === 2 && expansions.has('')) expansions.delete('');
    const [first] = expansions;
    const ok = expansions.size === 1 && first !== undefined && (def.params ? first === '' : first.length <= name.length);
    const value = ok ? first : undefined;
    resolved.set(name, value);
    return value;
  };
  for (const [name, def] of defs) {
    if (resolve(name) === undefined) continue;
    if (def.params) out.functions.add(name);
    else out.objects.set(name, resolved.get(name)!);
  }
  return out;
}

/**
 * The function an object-like macro names in every definition: `#define MKTEMP mktemp`, or
 * `_access` on Windows and `access` elsewhere (the CRT's names for the POSIX calls), which is the
 * POSIX name. Undefined for anything else.
 */
export function functionAlias(name: string, bodies: readonly string[]): string | undefined {
  if (bodies.length === 0 || !bodies.every((b) => /^[A-Za-z_]\w*$/.test(b) && b !== name)) return undefined;
  if (new Set(bodies.map((b) => b.replace(/^_+/, ''))).size !== 1) return undefined;
  return bodies.find((b) => !b.startsWith('_')) ?? bodies[0];
}

/**
 * The keyword a body stands for ('' for none), or undefined when it is not only annotations,
 * keywords and other annotation macros (`resolve` says what a name stands for).
 */
function expansion(body: string, resolve: (name: string) => string | undefined): string | undefined {
  if (POINTER_CAST.test(body)) return '';
  const kept: string[] = [];
  for (const token of splitTokens(body)) {
    if (ANNOTATION.test(token)) continue;
    if (KEYWORDS.has(token)) {
      kept.push(token);
      continue;
    }
    const word = /^([A-Za-z_]\w*)\s*(\()?/.exec(token);
    const value = word ? resolve(word[1]) : undefined;
    if (value === undefined) return undefined;
    if (value !== '') kept.push(value);
  }
  return kept.join(' ');
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
export function closing(text: string, open: number): number {
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
export function removeAnnotationMacros(text: string, macros: AnnotationMacros, ranges?: Array<[number, number]>): string {
  if (macros.objects.size === 0 && macros.functions.size === 0 && !macros.casts?.size && !macros.identities?.size && !macros.vanishing?.size) return text;
  const skip = ranges ?? skippedRanges(text);
  let out: string[] | undefined;
  let last = 0;
  let s = 0;
  IDENTIFIER.lastIndex = 0;
  for (let m = IDENTIFIER.exec(text); m; m = IDENTIFIER.exec(text)) {
    const name = m[0];
    const start = m.index;
    const replacement = macros.objects.get(name) ?? (castBeforeOperand(text, name, start, macros) ? '' : undefined);
    const isFunction = replacement === undefined && (macros.functions.has(name) || statementArgument(text, name, start, macros));
    const isIdentity = replacement === undefined && !isFunction && !!macros.identities?.has(name);
    if (replacement === undefined && !isFunction && !isIdentity) continue;
    while (s < skip.length && skip[s][1] <= start) s++;
    if (s < skip.length && skip[s][0] <= start) continue;
    if (isIdentity) {
      let k = start + name.length;
      while (text[k] === ' ' || text[k] === '\t') k++;
      const close = text[k] === '(' ? closing(text, k) : -1;
      if (close < 0) continue;
      out ??= [];
      out.push(text.slice(last, start), blank(text.slice(start, k + 1), ''), text.slice(k + 1, close), ' ');
      last = close + 1;
      IDENTIFIER.lastIndex = close + 1;
      continue;
    }
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

/** A use of a vanishing macro whose argument is a statement: `SimulateIOError( return X; )`. */
function statementArgument(text: string, name: string, start: number, macros: AnnotationMacros): boolean {
  if (!macros.vanishing?.has(name)) return false;
  let k = start + name.length;
  while (text[k] === ' ' || text[k] === '\t') k++;
  const close = text[k] === '(' ? closing(text, k) : -1;
  return close > 0 && /^\s*(?:return|goto|break|continue)\b|;/.test(text.slice(k + 1, close));
}

/** A use of a cast macro that an operand (a name) follows: `ACTXT_CAST ctxt`. */
function castBeforeOperand(text: string, name: string, start: number, macros: AnnotationMacros): boolean {
  if (!macros.casts?.has(name)) return false;
  let k = start + name.length;
  while (text[k] === ' ' || text[k] === '\t') k++;
  return /[A-Za-z_]/.test(text[k] ?? '');
}

/** `replacement`, then spaces in place of the rest, keeping line breaks where they were. */
function blank(original: string, replacement: string): string {
  return replacement + original.slice(replacement.length).replace(/[^\r\n]/g, ' ');
}

/** Whether `at` lies in one of `ranges` (as skippedRanges gives them: in order, not overlapping). */
export function inRanges(ranges: ReadonlyArray<[number, number]>, at: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid][1] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo][0] <= at;
}

/** Preprocessor lines (with continuations), comments, and string and character literals, as [start, end) ranges in order. */
export function skippedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /^[ \t]*#(?:[^\n\\]|\\[\s\S])*|\/\*[\s\S]*?(?:\*\/|$)|\/\/(?:[^\n\\]|\\[\s\S])*|"(?:[^"\\\n]|\\[\s\S])*"?|'(?:[^'\\\n]|\\[\s\S])*'?/gm;
  for (const m of text.matchAll(re)) out.push([m.index, m.index + m[0].length]);
  return out;
}
