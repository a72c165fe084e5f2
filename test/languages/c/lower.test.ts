/**
 * The C/C++ lowering: preprocessor constants folded, every #if branch kept, constant conditions
 * pruned, switch as gotos, and the writes C calls make through pointer arguments made explicit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Expr, FunctionIR, Stmt } from '../../../src/analysis/ir.js';
import { lowerC } from '../../../src/languages/c/lower.js';
import type { Language } from '../../../src/languages/language.js';
import { parse } from '../../../src/languages/parse.js';

function lower(text: string, language: Language = 'c') {
  return lowerC({ path: 'f.c', text, language }, parse(language, text));
}

function fn(text: string, name: string, language: Language = 'c'): FunctionIR {
  const f = lower(text, language).functions.find((x) => x.name === name);
  assert.ok(f, `no function ${name}`);
  return f;
}

/** Statements flattened in order, nested bodies included. */
function flat(stmts: Stmt[]): Stmt[] {
  return stmts.flatMap((s) => {
    if (s.k === 'if') return [s, ...flat(s.t), ...flat(s.f)];
    if (s.k === 'loop') return [s, ...flat(s.head), ...flat(s.body)];
    return [s];
  });
}

function calls(stmts: Stmt[]): string[] {
  const out: string[] = [];
  const visit = (x: Expr | undefined): void => {
    if (!x) return;
    if (x.k === 'call' && x.f.k === 'name') out.push(x.f.n);
    if (x.k === 'call') x.a.forEach(visit);
  };
  for (const s of flat(stmts)) if (s.k === 'expr' || s.k === 'assign' || s.k === 'return') visit(s.x);
  return out;
}

describe('C lowering', () => {
  it('folds #define constants, enums and sizeof into constants', () => {
    const f = fn('#define N (4 * 8)\nenum { A = 3, B };\nint g(void) { char buf[N]; return N + B + (int)sizeof buf; }', 'g');
    const ret = f.body.find((s) => s.k === 'return');
    assert.ok(ret?.k === 'return' && ret.x?.k === 'const');
    assert.equal(ret.x.v, 32 + 4 + 32);
    assert.deepEqual(f.vars?.buf?.dims, [32]);
  });

  it('expands function-like macros whose body is an expression', () => {
    const f = fn('#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))\nstatic int t[7];\nint g(void) { return ARRAY_SIZE(t); }', 'g');
    const ret = f.body.find((s) => s.k === 'return');
    assert.ok(ret?.k === 'return' && ret.x?.k === 'const');
    assert.equal(ret.x.v, 7);
  });

  it('folds conditions on constants, static consts and constant functions, so the analyses take only the live branch', () => {
    const text = `#define DEBUG 0
static const int verbose = 1;
static int enabled(void) { return 0; }
void g(void) {
  if (DEBUG) dead1();
  if (verbose) live1(); else dead2();
  if (enabled()) dead3();
}`;
    const conditions = fn(text, 'g').body.map((s) => (s.k === 'if' && s.c.k === 'const' ? s.c.v : 'not folded'));
    assert.deepEqual(conditions, [0, 1, 0]);
  });

  it('keeps both branches of an #ifdef the file cannot decide, and drops #if 0', () => {
    const text = 'void g(void) {\n#ifdef HAVE_X\n  a();\n#else\n  b();\n#endif\n#if 0\n  c();\n#endif\n}';
    const body = fn(text, 'g').body;
    const branch = body.find((s) => s.k === 'if');
    assert.ok(branch?.k === 'if');
    assert.deepEqual([calls(branch.t), calls(branch.f)], [['a'], ['b']]);
    assert.ok(!calls(body).includes('c'));
  });

  it('lowers calls of statement macros of the file to their statements, returns included', () => {
    const body = fn('#define FAIL(x) { report(x); return -1; }\nint g(int v) { if (v < 0) FAIL(v); return 0; }', 'g').body;
    const branch = body.find((s) => s.k === 'if');
    assert.ok(branch?.k === 'if');
    assert.deepEqual(branch.t.map((s) => s.k), ['expr', 'return']);
    assert.deepEqual(calls(branch.t), ['report']);
  });

  it('lowers switch to gotos so that cases fall through and break leaves', () => {
    const body = fn('void g(int x) { switch (x) { case 1: a(); case 2: b(); break; default: c(); } }', 'g').body;
    const kinds = body.map((s) => s.k);
    assert.ok(kinds.includes('goto') && kinds.includes('label'));
    const labels = body.filter((s) => s.k === 'label').map((s) => (s.k === 'label' ? s.n : ''));
    assert.equal(labels.length, 4);
    assert.deepEqual(calls(body), ['a', 'b', 'c']);
  });

  it('stores what a call reads into its buffer argument right after the call', () => {
    const body = fn('int g(void) { char line[64]; if (fgets(line, sizeof line, stdin) == NULL) return -1; return 0; }', 'g').body;
    const out = body.find((s) => s.k === 'assign' && s.via === 'out');
    assert.ok(out?.k === 'assign' && out.t.k === 'index' && out.t.o.k === 'name');
    assert.equal(out.t.o.n, 'line');
  });

  it('gives the command line of a main-like function the values of <argc> and <argv>', () => {
    const body = fn('int tool(int argc, char **argv) { return argc; }', 'tool').body;
    assert.deepEqual(calls(body.slice(0, 2)), ['<argc>', '<argv>']);
  });

  it('lowers new[] and delete[] to calls C++ checks can tell apart', () => {
    const body = fn('void g(int n) { int *a = new int[n]; delete[] a; }', 'g', 'cpp').body;
    assert.deepEqual(calls(body), ['operator new[]', 'operator delete[]']);
  });

  it('calls through a local pointer set once to a function of the file as calls of that function', () => {
    const text = `
static void close_log(FILE *f) { if (f) fclose(f); }
void once(FILE *f) { void (*finish)(FILE *) = close_log; finish(f); }
void twice(FILE *f, int quiet) { void (*finish)(FILE *) = close_log; if (quiet) finish = 0; finish(f); }
void elsewhere(FILE *f) { void (*finish)(FILE *) = fclose; finish(f); }
`;
    assert.deepEqual(calls(fn(text, 'once').body), ['close_log']);
    // Pointed elsewhere, or at a function this file does not define: the call stays through the pointer.
    assert.deepEqual(calls(fn(text, 'twice').body), ['finish']);
    assert.deepEqual(calls(fn(text, 'elsewhere').body), ['finish']);
  });

  it('gives a variable that shadows one of an enclosing block a name of its own', () => {
    const body = fn('int f(int *p) { int data = 1; { int data = *p; data++; } return data; }', 'f').body;
    const names = flat(body).flatMap((st) => (st.k === 'decl' ? [st.n] : st.k === 'assign' && st.t.k === 'name' ? [st.t.n] : []));
    assert.deepEqual(names, ['data', 'data', "data'1", "data'1"]);
    const ret = flat(body).find((st) => st.k === 'return');
    assert.ok(ret?.k === 'return' && ret.x?.k === 'name' && ret.x.n === 'data', 'the return reads the outer variable again');
  });
});

describe('pointers given 0 and conditional values', () => {
  const assigned = (f: FunctionIR, name: string): Expr[] =>
    flat(f.body).flatMap((s) => (s.k === 'assign' && s.t.k === 'name' && s.t.n === name ? [s.x] : []));

  it('reads the constant 0 given to a pointer as NULL, and leaves numbers alone', () => {
    const f = fn('void f(void) { char *p = 0; int n = 0; char *q; q = 0; n = 0; }', 'f');
    assert.deepEqual(assigned(f, 'p').map((x) => x.k === 'const' && x.v), [null]);
    assert.deepEqual(assigned(f, 'q').map((x) => x.k === 'const' && x.v), [null]);
    assert.deepEqual(assigned(f, 'n').map((x) => x.k === 'const' && x.v), [0, 0]);
  });

  it('splits `x = p ? a : b` on a pointer test into an if, and keeps other conditional values whole', () => {
    const f = fn('#include <stdio.h>\nvoid f(const char *name, int size) { FILE *in = name ? fopen(name, "r") : stdin; size = size ? 2 * size : 128; }', 'f');
    const split = f.body.find((s) => s.k === 'if');
    assert.ok(split && split.k === 'if');
    assert.deepEqual([split.c.k, split.t[0].k, split.f[0].k], ['name', 'assign', 'assign']);
    assert.deepEqual(assigned(f, 'in').map((x) => x.k), ['call', 'name']);
    assert.deepEqual(assigned(f, 'size').map((x) => x.k), ['cond']);
  });
});
