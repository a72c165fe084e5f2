/**
 * End to end through the compiled CLI (build first): a folder of bad inputs next to real
 * defects. Every real defect must still be reported at its line, every bad file must get exactly
 * one one-line diagnostic, and nothing may crash or print a stack trace.
 */
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { packageRoot } from '../../src/core/paths.js';
import { removeTree, runUnprivileged, tempTree } from './temp-tree.js';

const MB = 1024 * 1024;

const root = tempTree({
  'clean.py': 'def add(a, b):\n    return a + b\n',
  'clean.c': '#include <stdio.h>\n\nint main(void) {\n    puts("hello");\n    return 0;\n}\n',
  'defect.py': 'import sys\n\n\ndef run(user_input):\n    return eval(user_input)\n\n\nrun(sys.argv[1])\n',
  'defect.c': '#include <stdio.h>\n\nint main(void) {\n    char buf[64];\n    gets(buf);\n    return 0;\n}\n',
  'empty.py': '',
  // Bad inputs, each with a defect that must not be reported from an unreviewed file.
  'binary.py': Buffer.concat([Buffer.from('eval(data)\n'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0])]),
  'bad_utf8.py': Buffer.concat([
    Buffer.from('# Author: Jos'),
    Buffer.from([0xe9]),
    Buffer.from('\ndef handler(user_input):\n    return eval(user_input)\n'),
  ]),
  'syntax_error.c': '#include <stdio.h>\n\nint main(void) {\n    char buf[16];\n    gets(buf);\n    int x = ;\n    return 0;\n}\n',
  'huge.py': Buffer.concat([Buffer.from('eval(data)\n'), Buffer.alloc(5 * MB, '# padding\n')]),
  'unreadable.py': 'eval(data)\n',
  'loop.py': { link: 'loop.py' },
  'cycle': { link: '.' },
});
chmodSync(join(root, 'unreadable.py'), 0o000);
after(() => removeTree(root));

interface JsonReport {
  findings: Array<{ ruleId: string; location: { file: string; startLine: number } }>;
  files: Array<{ path: string }>;
}

function review(...extra: string[]) {
  // Run as an unprivileged user when root, so that chmod 000 really makes a file unreadable.
  const run = runUnprivileged([join(packageRoot(), 'bin', 'secreview.js'), 'review', '.', '--format', 'json', ...extra], { cwd: root });
  const report = JSON.parse(run.stdout) as JsonReport;
  const lines = run.stderr.split('\n').filter(Boolean);
  return { status: run.status, report, stderr: run.stderr, lines };
}

const REAL_DEFECTS = ['bad_utf8.py:3 py/eval-injection', 'defect.c:5 c/gets', 'defect.py:5 py/taint-code-injection', 'syntax_error.c:5 c/gets'];

// The one diagnostic line each bad file must get, as `<file>[:line]: <kind>`.
const BAD_FILES = [
  'bad_utf8.py:1: encoding',
  'binary.py: skipped',
  'cycle: unreadable',
  'huge.py: skipped',
  'loop.py: unreadable',
  'syntax_error.c:6: syntax',
  'unreadable.py: unreadable',
];

describe('reviewing a folder of bad inputs', () => {
  const full = review();

  it('reports every real defect at its line, from good and bad files alike', () => {
    const found = full.report.findings.map((f) => `${f.location.file}:${f.location.startLine} ${f.ruleId}`);
    for (const defect of REAL_DEFECTS) assert.ok(found.includes(defect), `missing ${defect} in ${found.join(', ')}`);
    const files = new Set(full.report.findings.map((f) => f.location.file));
    assert.deepEqual([...files].sort(), ['bad_utf8.py', 'defect.c', 'defect.py', 'syntax_error.c']);
  });

  it('gives each bad file exactly one one-line diagnostic, and the good files none', () => {
    const shape = /^secreview: (\S+?)(?::(\d+))?: (\w+): \S.*$/;
    for (const line of full.lines) assert.match(line, shape);
    const keys = full.lines.map((line) => {
      const [, file, lineNo, kind] = shape.exec(line)!;
      return `${file}${lineNo ? `:${lineNo}` : ''}: ${kind}`;
    });
    assert.deepEqual(keys.sort(), BAD_FILES);
    assert.match(full.stderr, /huge\.py: skipped: 5 MB is over the limit of 1 MB, .*--max-file-size/);
    assert.match(full.stderr, /unreadable\.py: unreadable: permission denied/);
  });

  it('reviews the empty file as clean and leaves the bad ones out of the reviewed files', () => {
    const reviewed = full.report.files.map((f) => f.path).sort();
    assert.deepEqual(reviewed, ['bad_utf8.py', 'clean.c', 'clean.py', 'defect.c', 'defect.py', 'empty.py', 'syntax_error.c']);
  });

  it('never prints a stack trace', () => {
    assert.doesNotMatch(full.stderr, /^\s+at .+[:(]/m);
    assert.doesNotMatch(full.stderr, /Error:|node:internal/);
  });

  it('exits 2 because a file could not be read, and 1 (findings) once that file is left out', () => {
    assert.equal(full.status, 2);
    const rest = review('--exclude', 'unreadable.py');
    assert.equal(rest.status, 1);
    assert.deepEqual(rest.report.findings, full.report.findings);
    assert.equal(rest.lines.length, BAD_FILES.length - 1);
  });
});
