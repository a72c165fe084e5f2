import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitLines } from '../../../src/core/source-file.js';
import { parse, type SyntaxNode } from '../../../src/languages/parse.js';
import { pythonFacts, type PythonFacts } from '../../../src/languages/python/facts.js';

function analyse(code: string): { facts: PythonFacts; node: (type: string, text: string) => SyntaxNode } {
  const tree = parse('python', code);
  const facts = pythonFacts({ path: 't.py', absPath: '/t.py', language: 'python', text: code, lines: splitLines(code) }, tree);
  const node = (type: string, text: string) => {
    const found = tree.rootNode.descendantsOfType(type).find((n) => n.text === text);
    assert.ok(found, `no ${type} \`${text}\``);
    return found;
  };
  return { facts, node };
}

describe('pythonFacts.calleeName', () => {
  it('resolves module aliases and imported names', () => {
    const { facts, node } = analyse('import subprocess as sp\nfrom subprocess import run as r\nsp.call(x)\nr(x)\n');
    assert.equal(facts.calleeName(node('call', 'sp.call(x)')), 'subprocess.call');
    assert.equal(facts.calleeName(node('call', 'r(x)')), 'subprocess.run');
  });

  it('does not resolve names bound to parameters or local values, and keeps unbound builtins', () => {
    const { facts, node } = analyse('import os\ndef f(os, box):\n    os.system(a)\n    box.eval(b)\n    eval(c)\n');
    assert.equal(facts.calleeName(node('call', 'os.system(a)')), undefined);
    assert.equal(facts.calleeName(node('call', 'box.eval(b)')), undefined);
    assert.equal(facts.calleeName(node('call', 'eval(c)')), 'eval');
  });

  it('follows objects created from a resolved class, by assignment and by `with`', () => {
    const { facts, node } = analyse(
      'import requests\ns = requests.Session()\ns.get(u)\nwith requests.Session() as t:\n    t.post(u)\n',
    );
    assert.equal(facts.calleeName(node('call', 's.get(u)')), 'requests.Session().get');
    assert.equal(facts.calleeName(node('call', 't.post(u)')), 'requests.Session().post');
  });

  it('prefers the first of alternative imports and ignores a None fallback', () => {
    const { facts, node } = analyse(
      'try:\n    from secrets import randbits\nexcept ImportError:\n    from random import getrandbits as randbits\n' +
        'try:\n    import yaml\nexcept ImportError:\n    yaml = None\nrandbits(8)\nyaml.load(d)\n',
    );
    assert.equal(facts.calleeName(node('call', 'randbits(8)')), 'secrets.randbits');
    assert.equal(facts.calleeName(node('call', 'yaml.load(d)')), 'yaml.load');
  });

  it('keeps a function body scope apart from the names around it', () => {
    const { facts, node } = analyse('import pickle\ndef load(pickle=pickle):\n    return pickle.loads(b)\npickle.loads(c)\n');
    assert.equal(facts.calleeName(node('call', 'pickle.loads(b)')), undefined);
    assert.equal(facts.calleeName(node('call', 'pickle.loads(c)')), 'pickle.loads');
  });
});

describe('pythonFacts constants', () => {
  it('folds strings, f-strings, os.path.join and integers through local names', () => {
    const { facts, node } = analyse(
      'import os, stat\nBASE = "/tmp"\nNAME = f"{BASE}/x"\nP = os.path.join(BASE, "a", "b")\nM = 0o755 | stat.S_IWOTH\nOLD = 0644\nuse(NAME, P, M, OLD)\n',
    );
    assert.equal(facts.constantValue(node('identifier', 'NAME')), '/tmp/x');
    assert.equal(facts.constantValue(node('call', 'os.path.join(BASE, "a", "b")')), '/tmp/a/b');
    assert.equal(facts.constantValue(node('binary_operator', '0o755 | stat.S_IWOTH')), 0o757);
    assert.equal(facts.constantValue(node('integer', '0644')), 0o644);
  });

  it('treats a name bound to two different values as unknown but still constant', () => {
    const { facts, node } = analyse('mode = "r"\nif w:\n    mode = "w"\nopen(p, mode)\n');
    const mode = node('argument_list', '(p, mode)').namedChildren[1];
    assert.equal(facts.constantValue(mode), undefined);
    assert.equal(facts.isConstant(mode), true);
  });

  it('knows loop variables over literals are constant and parameters are not', () => {
    const { facts, node } = analyse('def f(cmd):\n    for c in ("ls", "pwd"):\n        run(c)\n    run(cmd)\n');
    assert.equal(facts.isConstant(node('argument_list', '(c)').namedChildren[0]), true);
    assert.equal(facts.isConstant(node('argument_list', '(cmd)').namedChildren[0]), false);
  });

  it('gives Python truthiness of folded values', () => {
    const { facts, node } = analyse('OFF = False\nf(a=OFF, b=0, c="", d="no", e=x)\n');
    const kw = (name: string) => node('keyword_argument', `${name}=${{ a: 'OFF', b: '0', c: '""', d: '"no"', e: 'x' }[name]}`).childForFieldName('value')!;
    assert.deepEqual(['a', 'b', 'c', 'd', 'e'].map((k) => facts.truthOf(kw(k))), [false, false, false, true, undefined]);
  });
});

describe('pythonFacts.origins', () => {
  it('traces a value through assignments and formatting to the parameters it is built from, in declaration order', () => {
    const { facts, node } = analyse('def ping(host, count):\n    cmd = "ping -c %d %s" % (count, host)\n    system(cmd)\n');
    const origins = facts.origins(node('argument_list', '(cmd)').namedChildren[0]);
    assert.deepEqual(origins.map((o) => [o.node.text, o.parameterOf]), [['host', 'ping'], ['count', 'ping']]);
  });

  it('stops at sub-expressions a rule calls safe and skips constants', () => {
    const { facts, node } = analyse('import shlex\ndef f(p):\n    run("ls " + shlex.quote(p) + " " + "-l")\n');
    const command = node('binary_operator', '"ls " + shlex.quote(p) + " " + "-l"');
    assert.deepEqual(facts.origins(command).map((o) => o.node.text), ['shlex.quote(p)']);
    const safe = (n: SyntaxNode) => n.type === 'call' && facts.calleeName(n) === 'shlex.quote';
    assert.deepEqual(facts.origins(command, safe), []);
  });

  it('reports opaque calls and attributes as origins, and follows comprehensions to their iterables', () => {
    const { facts, node } = analyse('names = [n.strip() for n in request.args.getlist("n")]\nq = ",".join(names)\nuse(q)\n');
    assert.deepEqual(facts.origins(node('argument_list', '(q)').namedChildren[0]).map((o) => o.node.text), ['request.args.getlist("n")']);
  });
});
