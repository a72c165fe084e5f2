import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FunctionLinkage } from '../../../src/languages/c/project-functions.js';

describe('functions the files of a C project define and call', () => {
  it('counts, per name, the source files that write it with a call, apart from headers', () => {
    const linkage = new FunctionLinkage();
    linkage.add('static char *\nsink(char *data)\n{\n    return data;\n}\nint main(void) { if (ready()) return run(sink("x")); return 0; }\n', false);
    linkage.add('int run(const char *cmd)\n{\n    return system(cmd);\n}\n', false);
    linkage.add('int run(const char *cmd);\nint ready(void);\n', true);
    const { defined, mentions } = linkage;
    assert.deepEqual([...defined].sort(), ['main', 'run', 'sink']);
    assert.equal(mentions.get('run'), 2, 'its definition and the call in the other file');
    assert.equal(mentions.get('sink'), 1, 'defined and called in one file');
    assert.equal(mentions.get('ready'), 1, 'the header prototype does not count');
    assert.equal(mentions.get('if'), undefined, 'keywords are not calls');
  });
});
