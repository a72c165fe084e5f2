/**
 * C headers open `extern "C" {` for C++ compilers in one `#ifdef __cplusplus` block and close it
 * in another:
 *
 *     #ifdef __cplusplus          …          #ifdef __cplusplus
 *     extern "C" {                           }
 *     #endif                                 #endif
 *
 * A parser that reads every branch sees a brace that never closes, or one that never opened, and
 * the file gets a syntax error (in libxml2, most of its headers; in tree-sitter's runtime, half of
 * its files). Those two lines change nothing a check looks at, so they are overwritten with
 * spaces: offsets and lines stay where they were.
 */

const GUARD = String.raw`^[ \t]*#[ \t]*(?:ifdef[ \t]+__cplusplus|if[ \t]+defined[ \t]*\(?[ \t]*__cplusplus[ \t]*\)?)[ \t]*(?://[^\n]*|/\*[^\n]*?\*/[ \t]*)?\r?\n`;
const END = String.raw`\r?\n[ \t]*#[ \t]*endif\b`;
// The line inside: `extern "C" {` or a lone `}`, perhaps with a comment after it.
const LINKAGE = new RegExp(`${GUARD}([ \\t]*(?:extern[ \\t]+"C"[ \\t]*\\{|\\})[ \\t]*(?://[^\\n]*|/\\*[^\\n]*?\\*/[ \\t]*)?)${END}`, 'gm');

/** `text` with the linkage lines of its `#ifdef __cplusplus` guards blanked, same length and lines. */
export function blankLinkageGuards(text: string): string {
  if (!text.includes('__cplusplus')) return text;
  return text.replace(LINKAGE, (whole: string, line: string) => {
    const at = whole.indexOf(line, whole.indexOf('\n') + 1);
    return whole.slice(0, at) + ' '.repeat(line.length) + whole.slice(at + line.length);
  });
}
