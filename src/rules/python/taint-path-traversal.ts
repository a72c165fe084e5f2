import { taintRule } from './taint-rule.js';

export const taintPathTraversal = taintRule('path', {
  id: 'py/taint-path-traversal',
  title: 'File path built from untrusted input',
  cwe: 22,
  defectType: 'improper-access',
  severity: 'high',
  confidence: 'high',
  description: 'Untrusted input is used in a file system path without confining it to a directory, so `../` sequences or absolute paths let an attacker read, write or delete files elsewhere.',
  solution: 'Reduce the input to a file name with os.path.basename() or werkzeug.utils.secure_filename(), or normalise the joined path with os.path.realpath() and check that it starts with the base directory before using it.',
});
