/**
 * What the C rules say, beyond the line numbers the fixtures check: the CWE chosen for each
 * occurrence, the code named in the message, the data-flow trace and the confidence.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../src/core/finding.js';
import { splitLines } from '../../../src/core/source-file.js';
import type { Language } from '../../../src/languages/language.js';
import { parse } from '../../../src/languages/parse.js';
import { cRules } from '../../../src/rules/c/index.js';
import { runRules } from '../../../src/rules/run.js';

function review(text: string, language: Language = 'c'): Finding[] {
  const tree = parse(language, text);
  assert.equal(tree.rootNode.hasError, false, 'snippet must parse');
  return runRules({ path: `t.${language}`, absPath: `/t.${language}`, language, text, lines: splitLines(text) }, tree, cRules);
}

function only(findings: Finding[], ruleId: string): Finding {
  const matching = findings.filter((f) => f.ruleId === ruleId);
  assert.equal(matching.length, 1, `expected one ${ruleId} finding, got ${findings.map((f) => `${f.ruleId}@${f.location.startLine}`).join(', ')}`);
  return matching[0];
}

describe('c/unbounded-copy', () => {
  it('names the source, the destination and its size', () => {
    const f = only(review('int main(int argc, char **argv) {\n  char name[64];\n  strcpy(name, argv[1]);\n  return 0;\n}\n'), 'c/unbounded-copy');
    assert.equal(f.location.startLine, 3);
    assert.equal(f.cwe.id, 120);
    assert.equal(f.pillar.id, 664);
    assert.match(f.description, /strcpy\(\) copies the command-line argument `argv\[1\]`, whose length is not bounded, into `name` \(64 bytes\)/);
    assert.match(f.solution, /snprintf\(name, sizeof name/);
  });

  it('uses CWE-121 for a literal that overflows a stack array and CWE-122 for a heap block', () => {
    const stack = only(review('void f(void) {\n  char tag[4];\n  strcpy(tag, "toolong");\n}\n'), 'c/unbounded-copy');
    assert.equal(stack.cwe.id, 121);
    assert.match(stack.description, /needing 8 bytes with the terminator, into `tag` \(4 bytes\); it overflows the stack buffer by 4 bytes/);
    const heap = only(review('void f(void) {\n  char *p = malloc(4);\n  strcpy(p, "toolong");\n}\n'), 'c/unbounded-copy');
    assert.equal(heap.cwe.id, 122);
  });

  it('stays silent for literals that fit, bounded formats and measured sources', () => {
    const findings = review(`
#define NAME "admin"
void f(const char *s) {
  char a[8];
  char b[64];
  strcpy(a, NAME);
  snprintf(b, sizeof b, "%s", s);
  sprintf(b, "%.40s", s);
  if (strlen(s) < sizeof b) strcpy(b, s);
}
`);
    assert.deepEqual(findings, []);
  });
});

describe('c/format-string', () => {
  it('suggests the constant-format call', () => {
    const f = only(review('void f(const char *msg) {\n  syslog(LOG_ERR, msg);\n}\n'), 'c/format-string');
    assert.equal(f.cwe.id, 134);
    assert.equal(f.confidence, 'medium');
    assert.match(f.solution, /`syslog\(LOG_ERR, "%s", msg\)`/);
  });

  it('treats the file\'s own variadic printf wrappers as printf', () => {
    const findings = review(`
static void logf_(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
}
void g(char *line) {
  logf_(line);
  logf_("%s", line);
}
`);
    assert.deepEqual(findings.map((f) => `${f.ruleId}@${f.location.startLine}`), ['c/format-string@9']);
  });
});

describe('c/command-injection', () => {
  it('traces the command from where it was built to where it runs', () => {
    const f = only(
      review('int f(const char *host) {\n  char cmd[128];\n  snprintf(cmd, sizeof cmd, "ping -c1 %s", host);\n  return system(cmd);\n}\n'),
      'c/command-injection',
    );
    assert.equal(f.cwe.id, 78);
    assert.equal(f.pillar.id, 707);
    assert.equal(f.location.startLine, 4);
    assert.deepEqual(f.trace?.map((s) => s.location.startLine), [3, 4]);
    assert.match(f.description, /`cmd` is built by snprintf\(\) from `host` at line 3/);
  });

  it('is silent when only numbers or constants go into the command line', () => {
    assert.deepEqual(review('int f(int pid) {\n  char cmd[64];\n  snprintf(cmd, sizeof cmd, "kill -HUP %d", pid);\n  return system(cmd);\n}\n'), []);
  });
});

describe('c/weak-random', () => {
  it('reports rand() feeding a secret and mentions the clock seed', () => {
    const f = only(review('void f(unsigned *session_id) {\n  srand(time(NULL));\n  *session_id = rand();\n}\n'), 'c/weak-random');
    assert.equal(f.location.startLine, 3);
    assert.equal(f.cwe.id, 338);
    assert.match(f.description, /seeded from the clock at line 2/);
  });
});

describe('c/alloc-size-overflow', () => {
  it('names the operand and where it was read', () => {
    const f = only(
      review('void *f(int fd) {\n  uint32_t n;\n  read(fd, &n, sizeof n);\n  return malloc(n * sizeof(long));\n}\n'),
      'c/alloc-size-overflow',
    );
    assert.equal(f.cwe.id, 680);
    assert.equal(f.pillar.id, 682);
    assert.equal(f.confidence, 'high');
    assert.match(f.description, /`n` \(from read\(\) at line 3\) is not checked against an upper bound/);
  });

  it('accepts an upper-bound check but not a lower-bound one', () => {
    const checked = review('void *f(int fd) {\n  uint32_t n;\n  read(fd, &n, sizeof n);\n  if (n > 1024) return 0;\n  return malloc(n * sizeof(long));\n}\n');
    assert.deepEqual(checked, []);
    const lower = review('void *f(int fd) {\n  uint32_t n;\n  read(fd, &n, sizeof n);\n  if (n <= 0) return 0;\n  return malloc(n * sizeof(long));\n}\n');
    assert.equal(lower.length, 1);
  });
});

describe('c/toctou', () => {
  it('reports the use, with the check in the message and the trace', () => {
    const f = only(review('void f(const char *p) {\n  if (access(p, W_OK) == 0) {\n    unlink(p);\n  }\n}\n'), 'c/toctou');
    assert.equal(f.location.startLine, 3);
    assert.equal(f.cwe.id, 367);
    assert.match(f.description, /unlink\(\) deletes `p` by name after access\(\) checked it at line 2/);
    assert.deepEqual(f.trace?.map((s) => s.location.startLine), [2, 3]);
  });
});

describe('dead code', () => {
  it('silences every C rule under a constant-false condition', () => {
    assert.deepEqual(review('#define DEBUG_SHELL 0\nvoid f(char **argv) {\n  if (DEBUG_SHELL) {\n    system(argv[1]);\n    printf(argv[1]);\n  }\n}\n'), []);
  });
});

describe('c/missing-terminator', () => {
  it('is CWE-126 and names the read when the buffer is read as a string afterwards, CWE-170 otherwise', () => {
    const read = only(review('void f(const char *src) {\n  char dest[100];\n  strncpy(dest, src, 99);\n  puts(dest);\n}\n'), 'c/missing-terminator');
    assert.equal(read.location.startLine, 3);
    assert.equal(read.cwe.id, 126);
    assert.match(read.description, /`puts\(dest\)` \(line 4\) reads it as a string, past its end/);
    const unread = only(review('void f(const char *src) {\n  char dest[100];\n  strncpy(dest, src, sizeof dest);\n}\n'), 'c/missing-terminator');
    assert.equal(unread.cwe.id, 170);
  });
});
