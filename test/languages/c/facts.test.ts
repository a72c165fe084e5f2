import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitLines } from '../../../src/core/source-file.js';
import { cFacts, describeCapacity, type CFacts } from '../../../src/languages/c/facts.js';
import type { Language } from '../../../src/languages/language.js';
import { parse, type SyntaxNode } from '../../../src/languages/parse.js';

function load(text: string, language: Language = 'c'): { facts: CFacts; root: SyntaxNode } {
  const tree = parse(language, text);
  assert.equal(tree.rootNode.hasError, false, 'snippet must parse');
  return { facts: cFacts({ path: 'x', absPath: '/x', language, text, lines: splitLines(text) }, tree), root: tree.rootNode };
}

/** The argument `index` of the first call to `callee`. */
function arg(root: SyntaxNode, callee: string, index = 0, nth = 0): SyntaxNode {
  const calls = root.descendantsOfType('call_expression').filter((c) => c.childForFieldName('function')?.text === callee);
  const call = calls[nth];
  assert.ok(call, `no call ${callee}`);
  return call.childForFieldName('arguments')!.namedChildren[index];
}

describe('C facts: constants', () => {
  it('folds literals, macros, enums, sizeof and arithmetic', () => {
    const { facts, root } = load(`
#define LEN (NAME_MAX_ + 1)
#define NAME_MAX_ 31
#define GREETING "hi" " there"
enum color { RED, GREEN = 5, BLUE };
void f(void) {
  use(LEN * 2);
  use(GREETING);
  use(BLUE);
  use(sizeof(int) * 3);
  use('A' + 1);
  use(0x10 << 2);
}`);
    assert.deepEqual(facts.constant(arg(root, 'use', 0, 0)), { kind: 'int', value: 64 });
    assert.deepEqual(facts.constant(arg(root, 'use', 0, 1)), { kind: 'string', values: ['hi there'], wide: false });
    assert.deepEqual(facts.constant(arg(root, 'use', 0, 2)), { kind: 'int', value: 6 });
    assert.deepEqual(facts.constant(arg(root, 'use', 0, 3)), { kind: 'int', value: 12 });
    assert.deepEqual(facts.constant(arg(root, 'use', 0, 4)), { kind: 'int', value: 66 });
    assert.deepEqual(facts.constant(arg(root, 'use', 0, 5)), { kind: 'int', value: 64 });
  });

  it('treats a local assigned only literals as constant, and one assigned input as not', () => {
    const { facts, root } = load(`
void f(int verbose, const char *user) {
  const char *fmt;
  const char *mixed = "a";
  if (verbose) fmt = "%s: %d\\n"; else fmt = "%d\\n";
  if (verbose) mixed = user;
  printf(fmt, 1);
  printf(mixed);
  printf(user);
}`);
    assert.deepEqual(facts.constant(arg(root, 'printf', 0, 0)), { kind: 'string', values: ['%s: %d\n', '%d\n'], wide: false });
    assert.equal(facts.constant(arg(root, 'printf', 0, 1)), undefined);
    assert.equal(facts.constant(arg(root, 'printf', 0, 2)), undefined);
  });

  it('keeps a char array constant until something may write into it', () => {
    const { facts, root } = load(`
static const char fixed[] = "ls -l";
void f(const char *dir) {
  char cmd[64] = "ls ";
  char ro[16] = "uptime";
  strcat(cmd, dir);
  system(cmd);
  system(ro);
  system(fixed);
  printf("%s", ro);
}`);
    assert.equal(facts.isConstant(arg(root, 'system', 0, 0)), false);
    assert.equal(facts.isConstant(arg(root, 'system', 0, 1)), true);
    assert.equal(facts.isConstant(arg(root, 'system', 0, 2)), true);
  });

  it('reads constant tables and constant-index elements of local arrays', () => {
    const { facts, root } = load(`
static const char *const names[] = { "debug", "info" };
void f(int level, const char *file) {
  char *args[] = { "/usr/bin/vi", NULL, NULL };
  args[1] = (char *)file;
  puts(names[level]);
  execv(args[0], args);
  puts(args[1]);
}`);
    assert.deepEqual(facts.constant(arg(root, 'puts', 0, 0)), { kind: 'string', values: ['debug', 'info'], wide: false });
    assert.deepEqual(facts.constant(arg(root, 'execv', 0)), { kind: 'string', values: ['/usr/bin/vi'], wide: false });
    assert.equal(facts.constant(arg(root, 'puts', 0, 1)), undefined);
  });

  it('treats gettext on a literal, PRIu64 and capitalised header macros as constants', () => {
    const { facts, root } = load(`
#define _(s) gettext(s)
void f(unsigned long long n) {
  printf(_("%d files\\n"), 3);
  printf("%" PRIu64 "\\n", n);
  printf(USAGE_FROM_HEADER);
  printf(lowercase_unknown);
}`);
    assert.ok(facts.isConstant(arg(root, 'printf', 0, 0)));
    assert.deepEqual(facts.constant(arg(root, 'printf', 0, 1)), { kind: 'string', values: ['%llu\n'], wide: false });
    assert.ok(facts.isConstant(arg(root, 'printf', 0, 2)));
    assert.equal(facts.isConstant(arg(root, 'printf', 0, 3)), false);
  });

  it('knows C++ constants: constexpr, static class members, c_str() of a constant string', () => {
    const { facts, root } = load(
      `
constexpr const char *kCmd = "uptime";
struct Help { static constexpr const char *kText = "usage\\n"; };
void f(const std::string &user) {
  const std::string fixed = "ls -l";
  std::string built = "ls " + user;
  std::system(kCmd);
  std::printf(Help::kText);
  std::system(fixed.c_str());
  std::system(built.c_str());
}`,
      'cpp',
    );
    assert.ok(facts.isConstant(arg(root, 'std::system', 0, 0)));
    assert.ok(facts.isConstant(arg(root, 'std::printf', 0, 0)));
    assert.ok(facts.isConstant(arg(root, 'std::system', 0, 1)));
    assert.equal(facts.isConstant(arg(root, 'std::system', 0, 2)), false);
  });
});

describe('C facts: buffers', () => {
  it('knows declared arrays, fields, 2-D rows and constant-size allocations, and where they live', () => {
    const { facts, root } = load(`
#define NAME_LEN 32
struct user { char name[NAME_LEN]; char *bio; };
static char global_buf[128];
void f(struct user *u, char *param) {
  char local[64];
  char lines[4][80];
  char greeting[] = "hello";
  struct user me;
  char *heap = malloc(16);
  char *sized = malloc(strlen(param) + 1);
  char path[PATH_MAX];
  use(local); use(global_buf); use(u->name); use(me.name); use(lines[1]); use(greeting);
  use(heap); use(sized); use(param); use(u->bio); use(path);
}`);
    const b = (i: number) => facts.buffer(arg(root, 'use', 0, i));
    assert.deepEqual([b(0)?.elements, b(0)?.storage], [64, 'stack']);
    assert.deepEqual([b(1)?.elements, b(1)?.storage], [128, 'static']);
    assert.deepEqual([b(2)?.elements, b(2)?.storage], [32, 'unknown']);
    assert.deepEqual([b(3)?.elements, b(3)?.storage], [32, 'stack']);
    assert.deepEqual([b(4)?.elements, b(4)?.storage], [80, 'stack']);
    assert.equal(b(5)?.elements, 6);
    assert.deepEqual([b(6)?.elements, b(6)?.storage], [16, 'heap']);
    assert.equal(b(7), undefined);
    assert.equal(b(8), undefined);
    assert.equal(b(9), undefined);
    assert.deepEqual([b(10)?.elements, b(10)?.sizeText], [undefined, 'PATH_MAX']);
    assert.equal(describeCapacity(b(2)!), '`NAME_LEN`, 32 bytes');
    assert.equal(describeCapacity(b(10)!), '`PATH_MAX` bytes');
  });
});

describe('C facts: dead code', () => {
  it('recognises branches a constant condition never takes', () => {
    const { facts, root } = load(`
#define DEBUG 0
#define ENABLED 1
void f(const char *s) {
  if (DEBUG) printf(s);
  if (ENABLED) printf(s); else printf(s);
  if (DEBUG && strlen(s) > 3) puts(s);
  if (flag) printf(s);
#if 0
  printf(s);
#endif
}`);
    const printfs = root.descendantsOfType('call_expression').filter((c) => c.childForFieldName('function')?.text === 'printf');
    assert.deepEqual(printfs.map((c) => facts.isDead(c)), [true, false, true, false, true]);
    const strlen = root.descendantsOfType('call_expression').find((c) => c.childForFieldName('function')?.text === 'strlen')!;
    assert.equal(facts.isDead(strlen), true);
  });
});
