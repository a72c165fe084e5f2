// Annotation macros: which #defines qualify, how their uses are removed without moving a line or
// an offset, and what a review of a project that uses them reports.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { collectDefinitions, removeAnnotationMacros, resolveAnnotationMacros, WELL_KNOWN_MACROS, type AnnotationMacros } from '../../../src/languages/c/macros.js';
import { parse } from '../../../src/languages/parse.js';
import { review } from '../../../src/pipeline/review.js';

function macrosOf(text: string): AnnotationMacros {
  return resolveAnnotationMacros(collectDefinitions(text), { objects: new Map(), functions: new Set() });
}

const EXPORTS = `#ifndef EXPORTS_H
#define EXPORTS_H
#if defined(_WIN32)
  #define PUBFUN __declspec(dllexport)
  #define PUBVAR __declspec(dllexport) extern
  #define CALL __cdecl
#else
  #define PUBFUN
  #define PUBVAR extern
  #define CALL
#endif
#define UNUSED __attribute__((unused))
#define ATTR_FORMAT(fmt, args) \\
  __attribute__((__format__(__printf__, fmt, args)))
#define BUFSIZE 64
#define CAST (char *)
#define SIZE_CAST (size_t)
#define VERBOSE
#define VERBOSE 1
#ifdef OLD_COMPILER
#define CONST
#else
#define CONST const
#endif
#endif
`;

test('a macro qualifies when every definition is annotations, a pointer cast, nothing, or keywords', () => {
  const macros = macrosOf(EXPORTS);
  assert.deepEqual([...macros.objects].sort(), [['CALL', ''], ['CAST', ''], ['CONST', 'const'], ['EXPORTS_H', ''], ['PUBFUN', ''], ['PUBVAR', 'extern'], ['UNUSED', '']]);
  assert.deepEqual([...macros.functions], ['ATTR_FORMAT']);
});

test('uses are overwritten in place; directives, comments and literals are left alone', () => {
  const macros = macrosOf(EXPORTS);
  const text = [
    'PUBFUN int CALL f(void *ctx UNUSED, const char *msg) /* PUBFUN */;',
    'PUBVAR CONST int counter;',
    'static void ATTR_FORMAT(1,',
    '   2) g(const char *fmt, ...);',
    '#ifdef PUBFUN',
    'const char *s = "CALL UNUSED";',
    '#endif',
    'void h(void) { use(CAST "x"); }',
  ].join('\n');
  const out = removeAnnotationMacros(text, macros);
  assert.equal(out.length, text.length);
  assert.deepEqual(out.split('\n').map((l) => l.trimEnd()), [
    '       int      f(void *ctx       , const char *msg) /* PUBFUN */;',
    'extern const int counter;',
    'static void',
    '      g(const char *fmt, ...);',
    '#ifdef PUBFUN',
    'const char *s = "CALL UNUSED";',
    '#endif',
    'void h(void) { use(     "x"); }',
  ]);
  assert.equal(parse('c', out).rootNode.hasError, false);
  assert.equal(parse('c', text).rootNode.hasError, true);
});

test('a macro defined by other annotation macros qualifies, whichever header is read first', () => {
  const exports = '#define PUBLIC\n#define LOOP(x) for (;;) x\n';
  const api = '#define PUBFUN PUBLIC\n#define PUBVAR PUBLIC extern\n#define ATTR_PRINTF(a) ATTR_FORMAT(a, 0)\n#define ATTR_FORMAT(a, b)\n#define FOREVER LOOP(1)\n';
  for (const order of [[exports, api], [api, exports]]) {
    const defs = collectDefinitions(order[0]);
    collectDefinitions(order[1], defs);
    const macros = resolveAnnotationMacros(defs, { objects: new Map(), functions: new Set() });
    assert.deepEqual([...macros.objects].sort(), [['PUBFUN', ''], ['PUBLIC', ''], ['PUBVAR', 'extern']]);
    assert.deepEqual([...macros.functions].sort(), ['ATTR_FORMAT', 'ATTR_PRINTF']);
  }
});

test('a name defined both as an annotation and as a value is never removed', () => {
  const macros = macrosOf(EXPORTS);
  assert.equal(macros.objects.has('VERBOSE'), false);
  // An integer cast can change the value (truncation, sign): it stays.
  assert.equal(macros.objects.has('SIZE_CAST'), false);
  assert.equal(removeAnnotationMacros('int x = VERBOSE;', macros), 'int x = VERBOSE;');
});

test('well-known macros of system and toolkit headers are removed without a definition in sight', () => {
  const text = '__BEGIN_DECLS\nextern int f(const char *s) __THROW __nonnull ((1));\n__END_DECLS\n';
  const out = removeAnnotationMacros(text, WELL_KNOWN_MACROS);
  assert.equal(out.length, text.length);
  assert.equal(parse('c', out).rootNode.hasError, false);
});

test("GCC's `__attribute((...))` spelling is removed with its arguments, as the grammar knows only `__attribute__`", () => {
  const text = 'extern int f(int) __attribute((alias("f_impl")));\nextern int g __attribute ((visibility("hidden")));\n';
  assert.equal(parse('c', text).rootNode.hasError, true);
  const out = removeAnnotationMacros(text, WELL_KNOWN_MACROS);
  assert.equal(out, text.replace(/__attribute ?\(\(\w+\("[\w]+"\)\)\)/g, (m) => ' '.repeat(m.length)));
  assert.match(out, /^extern int f\(int\) +;\nextern int g +;\n$/);
  assert.equal(parse('c', out).rootNode.hasError, false);
});

test('a macro that is a parenthesised name is blanked where an operand follows it, as only a cast can be', () => {
  const text = '#define CTXT_CAST (ctxt_ptr)\n#define LIMIT (MAXLEN)\nvoid f(void *c) { report(CTXT_CAST c, 1); g(LIMIT - 1, LIMIT); }\n';
  const out = removeAnnotationMacros(text, macrosOf(text));
  assert.equal(out, text.replace('CTXT_CAST c', '          c'));
  assert.equal(parse('c', text).rootNode.hasError, true);
  assert.equal(parse('c', out).rootNode.hasError, false);
});

test('a macro that stands for its argument or nothing keeps the argument, without its name and parentheses', () => {
  const text = [
    '#ifdef DEBUG',
    '# define VVA_ONLY(X)  X',
    '#else',
    '# define VVA_ONLY(X)',
    '#endif',
    '#define TWICE(X) (X) * 2',
    'int f(int n) {',
    '  VVA_ONLY( int seen = 0; )',
    '  VVA_ONLY( seen++ );',
    '  return TWICE(n);',
    '}',
    '',
  ].join('\n');
  const out = removeAnnotationMacros(text, macrosOf(text));
  assert.equal(out.length, text.length);
  assert.deepEqual(out.split('\n').slice(7, 10).map((l) => l.replace(/ +/g, ' ')), [' int seen = 0; ', ' seen++ ;', ' return TWICE(n);']);
  assert.equal(parse('c', text).rootNode.hasError, true);
  assert.equal(parse('c', out).rootNode.hasError, false);
});

test('a macro that some build defines as nothing is blanked whole where its argument is a statement', () => {
  const text = [
    '#ifdef TEST',
    '# define FAIL_HERE(CODE) if (fail_now()) { CODE; }',
    '#else',
    '# define FAIL_HERE(CODE)',
    '#endif',
    'int f(int fd) {',
    '  FAIL_HERE( return -1; )',
    '  FAIL_HERE(check(fd));',
    '  return fd;',
    '}',
    '',
  ].join('\n');
  const out = removeAnnotationMacros(text, macrosOf(text));
  assert.deepEqual(out.split('\n').slice(6, 8).map((l) => l.trim()), ['', 'FAIL_HERE(check(fd));']);
  assert.equal(parse('c', text).rootNode.hasError, true);
  assert.equal(parse('c', out).rootNode.hasError, false);
});

test('a review reads functions decorated by the project header macros and skips path checks where a body does not parse', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'secreview-macros-'));
  try {
    mkdirSync(join(dir, 'include'));
    writeFileSync(join(dir, 'include', 'exports.h'), EXPORTS);
    writeFileSync(
      join(dir, 'lib.c'),
      [
        '#include <stdlib.h>',
        '#include "include/exports.h"',
        'PUBFUN char * CALL',
        'make_buffer(int unused UNUSED)',
        '{',
        '    char *p = malloc(16);',
        '    p[0] = 0;',
        '    return p;',
        '}',
        '',
        'PUBFUN char * CALL',
        'walk_list(struct item *list)',
        '{',
        '    char *q = malloc(16);',
        '    FOR_EACH_ITEM(list, it) {',
        '        q[0] = it->c',
        '    }',
        '    return q;',
        '}',
        '',
      ].join('\n'),
    );
    const result = await review({ paths: [dir], root: dir, jobs: 1 });
    const found = result.findings.map((f) => `${f.ruleId}:${f.location.startLine}`);
    // The unchecked malloc() result dereferenced at line 7 is reported; the same defect at line 16,
    // in a body the parser could not read, is not.
    assert.deepEqual(found, ['c/null-dereference:7']);
    const syntax = result.diagnostics.filter((d) => d.kind === 'syntax').map((d) => `${d.file}:${d.line}`);
    assert.deepEqual(syntax, ['lib.c:15']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('numbers the project headers define agree on are kept for the lowering, others are not', () => {
  const defs = collectDefinitions(
    [
      '#define SENSOR_COUNT 8',
      '#define BUF_SIZE (4 * 1024)',
      '#define FLAGS (1U << 12)',
      '#ifdef BIG',
      '#define SLOTS 1024',
      '#else',
      '#define SLOTS 64',
      '#endif',
      '#define NAME "sensor"',
      '#define DERIVED (SENSOR_COUNT + 1)',
      '#define MAX(a, b) ((a) > (b) ? (a) : (b))',
    ].join('\n'),
  );
  const constants = resolveAnnotationMacros(defs).constants!;
  assert.deepEqual([...constants].sort(), [
    ['BUF_SIZE', '(4 * 1024)'],
    ['FLAGS', '(1U << 12)'],
    ['SENSOR_COUNT', '8'],
  ]);
});
