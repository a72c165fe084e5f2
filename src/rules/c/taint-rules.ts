/**
 * C and C++ data-flow rules: untrusted data reaching a shell, a format string, a file path, a
 * library loader or a search path. The checking is the shared taint engine's (run by the project
 * pass in src/pipeline/project-analysis.ts with the C spec tables); these carry the metadata.
 */
import type { SinkClass } from '../../analysis/specs.js';
import type { TaintRule } from '../python/taint-rule.js';
import type { RuleMeta } from '../types.js';

function cTaintRule(sink: SinkClass, meta: Omit<RuleMeta, 'languages'>): TaintRule {
  return { sink, meta: { ...meta, languages: ['c', 'cpp'] }, create: () => ({}) };
}

export const cTaintCommand = cTaintRule('command', {
  id: 'c/tainted-command',
  title: 'OS command built from untrusted data',
  cwe: 78,
  defectType: 'command-injection',
  severity: 'critical',
  confidence: 'high',
  description: 'The shell (system, popen, `sh -c`) or exec() runs a command line or program that carries untrusted data; shell metacharacters in it run commands of the attacker\'s choice.',
  solution: 'Run a fixed program with fork() and execv(), passing untrusted values as separate argv elements, or choose among known commands with an allow-list.',
});

export const cTaintFormat = cTaintRule('format', {
  id: 'c/tainted-format-string',
  title: 'Format string from untrusted data',
  cwe: 134,
  defectType: 'format-string',
  severity: 'high',
  confidence: 'high',
  description: 'Untrusted data is used as a printf-style format string; `%s`, `%x` and `%n` in it read the stack, crash the program or write to memory.',
  solution: 'Pass untrusted text as an argument to a constant format: `printf("%s", text)`, `syslog(LOG_ERR, "%s", msg)`.',
});

export const cTaintPath = cTaintRule('path', {
  id: 'c/path-traversal',
  title: 'File path built from untrusted data',
  cwe: 22,
  defectType: 'improper-access',
  severity: 'high',
  confidence: 'medium',
  description: 'A file is opened, created, renamed or removed by a path that carries untrusted data; `../` steps or an absolute path reach files outside the intended directory.',
  solution: 'Reject names containing `/`, `\\` or `..`, or resolve the path with realpath() and check that it stays under the intended directory before using it.',
});

export const cTaintLibrary = cTaintRule('code', {
  id: 'c/untrusted-library-load',
  title: 'Library loaded from an untrusted path',
  cwe: 114,
  defectType: 'command-injection',
  severity: 'critical',
  confidence: 'high',
  description: 'dlopen() or LoadLibrary() loads a library whose path carries untrusted data; whoever controls the path runs code in this process.',
  solution: 'Load libraries only from fixed absolute paths, choosing among known plugins by name with an allow-list.',
});

export const cTaintSearchPath = cTaintRule('search-path', {
  id: 'c/untrusted-search-path',
  title: 'Search path set from untrusted data',
  cwe: 427,
  defectType: 'improper-access',
  severity: 'high',
  confidence: 'high',
  description: 'PATH, LD_LIBRARY_PATH or LD_PRELOAD is set from untrusted data; programs and libraries are then looked up in directories the attacker chooses.',
  solution: 'Set search paths only to fixed, trusted directories.',
});

export const cFixedPassword = cTaintRule('hardcoded-password', {
  id: 'c/hardcoded-password-flow',
  title: 'Password fixed in the program reaches a login',
  cwe: 259,
  defectType: 'improper-access',
  severity: 'high',
  confidence: 'medium',
  description: 'Text the program fixes (a string constant copied or assigned into a variable) reaches a login or connection call as its password, through variables, buffers, globals or calls. Anyone who reads the source or the binary can log in, and the password cannot be changed without a new release.',
  solution: 'Read credentials at run time from a secret store, an environment provided by the deployment, or a file only the service can read.',
});

export const cFixedKey = cTaintRule('hardcoded-key', {
  id: 'c/hardcoded-key-flow',
  title: 'Key fixed in the program reaches a cipher',
  cwe: 321,
  defectType: 'encryption',
  severity: 'high',
  confidence: 'medium',
  description: 'Text the program fixes (a string constant copied or assigned into a variable) reaches an encryption or MAC call as its key, or is hashed into one, through variables, buffers, globals or calls. Everyone with the binary or the source has the key, so it protects nothing.',
  solution: 'Load keys at run time from a protected key store, a file readable only by the service, or a KMS; generate per-installation keys with a CSPRNG.',
});

export const cTaintRules: TaintRule[] = [cTaintCommand, cTaintFormat, cTaintPath, cTaintLibrary, cTaintSearchPath, cFixedPassword, cFixedKey];
