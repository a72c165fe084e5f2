import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConstantCandidates, type ProjectConstants } from '../../../src/languages/c/project-constants.js';

function collect(files: Array<{ text: string; header: boolean }>): ProjectConstants {
  const candidates = new ConstantCandidates();
  for (const f of files) candidates.add(f.text, f.header);
  return candidates.settle(files.map((f) => f.text));
}

const source = (text: string): { text: string; header: boolean } => ({ text, header: false });
const header = (text: string): { text: string; header: boolean } => ({ text, header: true });

describe('constants the files of a C project define for each other', () => {
  it('finds globals with a number that no file assigns, and functions that only return one', () => {
    const { globals, functions } = collect([
      source('const int GLOBAL_CONST_FIVE = 5;\nint const LIMIT = 0x10;\nconst bool ENABLED = true;\nint globalFive = 5;\n'),
      source('int check(void)\n{\n    return globalFive == 5 && globalFive > LIMIT;\n}\n'),
      source('int globalReturnsTrue()\n{\n    return 1;\n}\nlong features(void) { return (-2); }\n'),
      header('static const unsigned MAX_SLOTS = 8u;\n'),
    ]);
    assert.deepEqual([...globals], [['GLOBAL_CONST_FIVE', '5'], ['LIMIT', '0x10'], ['ENABLED', '1'], ['globalFive', '5'], ['MAX_SLOTS', '8']]);
    assert.deepEqual([...functions], [['globalReturnsTrue', '1'], ['features', '-2']]);
  });

  it('leaves out what is not one fixed value for the whole project', () => {
    const { globals, functions } = collect([
      // Globals some file assigns, increments or hands out by address.
      source('int verbose = 0;\nint depth = 0;\nint timeout = 30;\n'),
      source('void opts(void)\n{\n    verbose = 1;\n    ++depth;\n    parse_int("timeout", &timeout);\n}\n'),
      // A source file's statics are its own business; a header's plain variable is no constant.
      source('static const int LOCAL_ONLY = 3;\nstatic int stub(void) { return 0; }\n'),
      header('int shared_counter = 0;\n'),
      // Two branches of an #if, with different values.
      source('#ifdef FAST\nconst int MODE = 1;\n#else\nconst int MODE = 2;\n#endif\n'),
      // A stub here, the real definition in another file.
      source('int have_ssl(void) { return 0; }\n'),
      source('int have_ssl(void)\n{\n    return probe_ssl() == 0;\n}\n'),
      // A local of the same name elsewhere: the name is not safe to fold.
      source('const int RETRIES = 3;\n'),
      source('void f(void)\n{\n    int RETRIES = read_retries();\n    use(RETRIES);\n}\n'),
      // Indented: a function's own constant, not a global.
      source('void g(void)\n{\n    const int INNER = 4;\n}\n'),
    ]);
    assert.deepEqual([...globals], []);
    assert.deepEqual([...functions], []);
  });
});
