/** The Python lowering: scopes, imports, and the shape of the IR the data flow runs on. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FunctionIR, ModuleIR, Stmt } from '../../src/analysis/ir.js';
import { parse } from '../../src/languages/parse.js';
import { pack, Unpacker } from '../../src/analysis/packed.js';
import { callGraph, scanModule } from '../../src/analysis/relevance.js';
import { indexSpecs } from '../../src/analysis/spec-index.js';
import { lowerPython, pythonModuleName } from '../../src/languages/python/lower.js';
import { pythonSpecs } from '../../src/languages/python/specs/index.js';

function lower(text: string, path = 'pkg/sub/mod.py'): ModuleIR {
  return lowerPython({ path, text }, parse('python', text));
}

function fn(m: ModuleIR, id: string): FunctionIR {
  const f = m.functions.find((x) => x.id === id);
  assert.ok(f, `no function ${id}; have ${m.functions.map((x) => x.id).join(', ')}`);
  return f;
}

describe('Python lowering', () => {
  it('names modules after their path', () => {
    assert.equal(pythonModuleName('pkg/sub/mod.py'), 'pkg.sub.mod');
    assert.equal(pythonModuleName('pkg/__init__.py'), 'pkg');
    assert.equal(pythonModuleName('tool.pyw'), 'tool');
  });

  it('resolves absolute, aliased and relative imports to absolute names', () => {
    const m = lower('import os.path\nimport a.b as ab\nfrom .x import y as z\nfrom .. import w\nfrom ..q.r import s\nfrom k import *\n');
    assert.deepEqual(
      m.imports.map((i) => `${i.local}=${i.target}`),
      ['os=os', 'ab=a.b', 'z=pkg.sub.x.y', 'w=pkg.w', 's=pkg.q.r.s', '*=k'],
    );
    const init = lower('from .m import f\n', 'pkg/__init__.py');
    assert.deepEqual(init.imports.map((i) => i.target), ['pkg.m.f']);
    assert.equal(init.package, 'pkg');
  });

  it('decides each function\'s locals once, honouring global declarations', () => {
    const m = lower('G = 1\ndef f(a, *rest, k=2, **kw):\n    global G\n    G = a\n    b = [c for c in rest]\n    for i, (j, l) in enumerate(rest):\n        pass\n    return b\n');
    const f = fn(m, 'f');
    assert.deepEqual(f.params.map((p) => `${p.n}:${p.kind}`), ['a:positional', 'rest:varargs', 'k:keyword', 'kw:kwargs']);
    assert.ok(!f.locals.includes('G'));
    assert.deepEqual(f.globals, ['G']);
    for (const name of ['a', 'b', 'c', 'i', 'j', 'l']) assert.ok(f.locals.includes(name), name);
  });

  it('gives methods, nested functions and lambdas their own ids and parents', () => {
    const m = lower('class C(Base):\n    X = {"a"}\n    def m(self):\n        g = lambda v: v\n        def inner():\n            return g\n        return inner\n');
    const cls = m.classes.find((c) => c.id === 'C')!;
    assert.equal(cls.methods.m, 'C.m');
    assert.deepEqual(Object.keys(cls.attrs), ['X']);
    assert.equal(fn(m, 'C.m').cls, 'C');
    assert.equal(fn(m, 'C.m.inner').parent, 'C.m');
    const lambda = m.functions.find((f) => f.name === '<lambda>')!;
    assert.equal(lambda.parent, 'C.m');
  });

  it('lowers operators, f-strings, chained assignment and with-blocks', () => {
    const m = lower('def f(x):\n    a = b = x + 1\n    s = f"<{x!r}>"\n    ok = x not in (1, 2) and not x\n    with open(x) as h:\n        pass\n');
    const body = fn(m, 'f').body;
    const kinds = (stmts: Stmt[]): string[] => stmts.map((s) => (s.k === 'assign' && s.t.k === 'name' ? `${s.t.n}=${s.x.k}` : s.k));
    assert.deepEqual(kinds(body), ['b=bin', 'a=name', 's=fmt', 'ok=bool', 'h=call']);
    const ok = body[3] as Extract<Stmt, { k: 'assign' }>;
    assert.equal(ok.x.k === 'bool' && ok.x.xs[0].k === 'cmp' ? ok.x.xs[0].ops[0] : '', 'not in');
    const s = body[2] as Extract<Stmt, { k: 'assign' }>;
    assert.deepEqual(s.x.k === 'fmt' ? s.x.parts.map((p) => (p.k === 'const' ? p.v : p.k)) : [], ['<', 'name', '>']);
  });

  it('folds string literals, escapes and numbers into constants', () => {
    const m = lower('a = "x\\ty" "z"\nb = r"\\d"\nc = 0x1F\nd = 1_000\n');
    const values = fn(m, '<module>').body.map((s) => (s.k === 'assign' && s.x.k === 'const' ? s.x.v : undefined));
    assert.deepEqual(values, ['x\tyz', '\\d', 31, 1000]);
  });

  it('produces plain data that survives the trip from a worker thread', () => {
    const m = lower('import os\nclass C:\n    def m(self, p):\n        os.system(p)\n');
    assert.deepEqual(structuredClone(m), m);
    assert.deepEqual(JSON.parse(JSON.stringify(m)), m);
  });
});

describe('packing and relevance', () => {
  const specs = indexSpecs(pythonSpecs);

  it('unpacks exactly the bodies it packed, one function at a time', () => {
    const m = lower('import os\ndef f(p):\n    os.system(p)\nclass C:\n    def m(self):\n        return [x for x in self.items]\n');
    const packed = structuredClone(pack(structuredClone(m), specs));
    assert.deepEqual(packed.header.functions.map((f) => f.body), m.functions.map(() => []));
    const unpacker = new Unpacker();
    const last = packed.header.functions.length - 1;
    unpacker.unpack(packed, packed.header.functions[last]);
    assert.deepEqual(packed.header.functions[last], m.functions[last]);
    assert.deepEqual(packed.header.functions[0].body, [], 'only the asked-for function is parsed');
    for (const f of packed.header.functions) unpacker.unpack(packed, f);
    assert.equal(packed.header.text, '', 'the text travels apart');
    assert.deepEqual(unpacker.module(packed), m);
  });

  it('marks the functions that read sources, and only those', () => {
    const m = lower(
      'import sys\nfrom flask import request\n\ndef cli():\n    return sys.argv[1]\n\ndef out():\n    sys.stdout.write("x")\n\ndef web():\n    return request.args\n\ndef passes(r):\n    return r\n',
    );
    const scans = scanModule(m, specs);
    const flagged = m.functions.filter((_, i) => scans[i].source).map((f) => f.id);
    assert.deepEqual(flagged, ['cli', 'web']);
  });

  it('finds callers by the names they call, through imports and on self', () => {
    const a = lower('def helper(x):\n    return x\n', 'pkg/a.py');
    const b = lower('from pkg.a import helper\n\ndef use(v):\n    return helper(v)\n\ndef other():\n    return len([])\n', 'pkg/b.py');
    const c = lower('class K:\n    def get(self):\n        return 1\n\n    def run(self):\n        return self.get()\n', 'pkg/c.py');
    const modules = [a, b, c];
    const graph = callGraph(modules, modules.map((m) => scanModule(m, specs)));
    const callersOf = (mod: number, id: string): string[] =>
      graph.callers({ mod, fn: modules[mod].functions.find((f) => f.id === id)! }).map((r) => r.fn.id);
    assert.deepEqual(callersOf(0, 'helper'), ['use']);
    assert.deepEqual(callersOf(2, 'K.get'), ['K.run']);
  });
});
