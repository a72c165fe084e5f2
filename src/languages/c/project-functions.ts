/**
 * Which functions the C and C++ files of a review define and call, across files, for the
 * syntactic checks of commands and format strings: text that comes from a parameter or a return
 * value crosses files, where the data-flow rules follow it (the project pass links a call to the
 * file that defines the function). A check that sees only its own file can then tell a wrapper
 * that other files of the review call (their data is followed there) from an entry point nothing
 * in the review calls (whose callers are out of view, so the text may carry anything).
 *
 * Like project-constants.ts this runs before the files are parsed: a name followed by `(` in a
 * source file (not a header, whose prototypes call nothing) counts as a call there, a definition's
 * own line included, which is why the defining file is counted apart.
 */

// `name(` anywhere; `type name(…) {` at the start of a line for a definition.
const CALL = /\b([A-Za-z_]\w*)\s*\(/g;
const DEFINITION = /^(?:[A-Za-z_][\w:]*[\s*&]+)+([A-Za-z_]\w*)\s*\([^;{}]*\)\s*(?:const\s*)?\{/gm;
// `Cls obj(args);`: an object built by calling the constructor of `Cls`.
const OBJECT = /^[ \t]*([A-Za-z_]\w*)[ \t]+[A-Za-z_]\w*[ \t]*\([^;{}]*\)[ \t]*;/gm;
const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'defined', 'catch', 'alignof', 'decltype', '__attribute__']);

export interface ProjectFunctions {
  /** Functions some source file defines. */
  defined: ReadonlySet<string>;
  /** For each name, the source files that write it followed by `(` (a call, a prototype, its definition). */
  mentions: ReadonlyMap<string, number>;
}

/** Gathers the definitions and calls file by file. */
export class FunctionLinkage implements ProjectFunctions {
  readonly defined = new Set<string>();
  readonly mentions = new Map<string, number>();

  add(text: string, header: boolean): void {
    if (header) return;
    for (const m of text.matchAll(DEFINITION)) this.defined.add(m[1]);
    const here = new Set<string>();
    for (const m of text.matchAll(CALL)) if (!KEYWORDS.has(m[1])) here.add(m[1]);
    for (const m of text.matchAll(OBJECT)) here.add(m[1]);
    for (const name of here) this.mentions.set(name, (this.mentions.get(name) ?? 0) + 1);
  }
}
