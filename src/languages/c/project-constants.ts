/**
 * Constants one file of a project defines for the others: a global with a number for its
 * initializer that no file assigns (`const int GLOBAL_CONST_FIVE = 5;` or `int globalFive = 5;`
 * in one file, `extern int globalFive;` in a header), a header's `static const` (which every
 * includer gets a copy of), and a function whose whole body returns a number (`int
 * feature_enabled(void) { return 0; }`). A condition on them is decided in every file, as the same
 * file's constants already are (lower.ts), so code behind a constant-false test is not explored.
 *
 * The files are not parsed for this: it runs before the parallel per-file analysis, which is
 * where they are parsed. Patterns for those forms at the start of a line find candidates; any
 * other definition of the same name anywhere in the project (a second branch of an `#if`, another
 * file's stub, a local), an assignment or increment of it, or its address taken, takes it out.
 */

const INT_TYPE = String.raw`(?:(?:unsigned|signed|long|short|int|char|bool|_Bool|size_t|u?int(?:8|16|32|64)_t)\s+)*(?:unsigned|signed|long|short|int|char|bool|_Bool|size_t|u?int(?:8|16|32|64)_t)`;
const NUMBER = String.raw`(-?(?:0[xX][0-9a-fA-F]+|\d+)|true|false)[uUlL]*`;
// `const int NAME = 5;`, `int const NAME = 5;` or `int NAME = 5;`, at the start of a line (not a
// function's local).
const GLOBAL = new RegExp(String.raw`^(static\s+)?(?:const\s+${INT_TYPE}|${INT_TYPE}(?:\s+const)?)\s+([A-Za-z_]\w*)\s*=\s*${NUMBER}\s*;`, 'gm');
// `int NAME(void) { return 1; }`, over one or more lines.
const CONSTANT_FUNCTION = new RegExp(String.raw`^(static\s+)?(?:inline\s+)?${INT_TYPE}\s+([A-Za-z_]\w*)\s*\(\s*(?:void)?\s*\)\s*\{\s*return\s+\(?${NUMBER}\)?\s*;\s*\}`, 'gm');

export interface ProjectConstants {
  /** Globals no file assigns and headers' `static const` values, by name: their value as written. */
  globals: Map<string, string>;
  /** Functions without parameters that return a number, by name: the number. */
  functions: Map<string, string>;
}

/**
 * Gathers the candidates file by file, then settles them by a second look at the same files (a
 * review of a large tree does not keep every file's text in memory for this).
 */
export class ConstantCandidates {
  private readonly globals = new Map<string, string | null>();
  private readonly functions = new Map<string, string | null>();

  add(text: string, header: boolean): void {
    scan(text, header, GLOBAL, this.globals);
    scan(text, header, CONSTANT_FUNCTION, this.functions);
  }

  /** The names whose every touch `settle` must see; none means nothing to settle. */
  names(): string[] {
    return [...this.globals, ...this.functions].filter(([, v]) => v !== null).map(([n]) => n);
  }

  /**
   * The constants, given the texts of the same files again: each candidate must be touched once
   * in all of them (its definition), never assigned, incremented, defined again or have its
   * address taken (`NAME = …`, `NAME += …`, `NAME(…) {`, `++NAME`, `&NAME`).
   */
  settle(texts: Iterable<string>): ProjectConstants {
    const names = this.names();
    const counts = new Map<string, number>();
    if (names.length > 0) {
      const alternation = names.join('|');
      const touch = new RegExp(String.raw`\b(${alternation})\s*(?:(?:[-+*/%&|^]|<<|>>)?=[^=]|\+\+|--|\([^;{)]*\)\s*\{)|(?:\+\+|--|(?:^|[(,=]|return)\s*&)\s*(${alternation})\b`, 'gm');
      for (const text of texts) {
        if (!names.some((n) => text.includes(n))) continue;
        for (const m of text.matchAll(touch)) {
          const name = m[1] ?? m[2];
          counts.set(name, (counts.get(name) ?? 0) + 1);
        }
      }
    }
    const settled = (found: Map<string, string | null>): Map<string, string> =>
      new Map([...found].filter((e): e is [string, string] => e[1] !== null && counts.get(e[0]) === 1));
    return { globals: settled(this.globals), functions: settled(this.functions) };
  }
}

/** Records the names `pattern` matches in `text` with their value; a name seen with two values, with none. */
function scan(text: string, header: boolean, pattern: RegExp, found: Map<string, string | null>): void {
  for (const [match, isStatic, name, value] of text.matchAll(pattern)) {
    // A source file's static is its own, and its own lowering folds it already; a header's
    // variable that is not static const is a definition in every includer.
    if (isStatic ? !header : header && !/\bconst\b/.test(match)) continue;
    const number = value === 'true' ? '1' : value === 'false' ? '0' : value;
    found.set(name, found.has(name) && found.get(name) !== number ? null : number);
  }
}
