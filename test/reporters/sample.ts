/**
 * Hand-built review results for the reporter tests: real CWE references from the catalog, two
 * engines, a data-flow trace, a multi-line finding, a model-only rule id, and code that holds
 * markup. Reporters never analyse, so nothing here runs a rule.
 */
import { cweRef, cweCatalogVersion, pillarOf } from '../../src/core/cwe.js';
import type { DefectType } from '../../src/core/defect-types.js';
import { compareFindings, type Confidence, type Finding, type Location, type Severity } from '../../src/core/finding.js';
import { fingerprint } from '../../src/core/fingerprint.js';
import type { ReviewResult, RuleDescriptor } from '../../src/core/review-result.js';

export function rule(
  id: string,
  cwe: number,
  defectType: DefectType,
  severity: Severity,
  confidence: Confidence,
  title: string,
  languages: string[],
): RuleDescriptor {
  return {
    id,
    title,
    cwe: cweRef(cwe),
    pillar: pillarOf(cwe),
    defectType,
    severity,
    confidence,
    languages,
    description: `${title}: general explanation of why this is a defect.`,
    solution: `${title}: how to fix it in general.`,
  };
}

export const RULES: RuleDescriptor[] = [
  rule('py/command-injection', 78, 'command-injection', 'high', 'high', 'Shell command built from untrusted data', ['python']),
  rule('py/swallowed-exception', 390, 'crash', 'low', 'medium', 'Exception caught and ignored', ['python']),
  rule('c/gets', 242, 'buffer-overflow', 'critical', 'high', 'Use of gets()', ['c', 'cpp']),
];

interface Spec {
  ruleId: string;
  cwe: number;
  defectType: DefectType;
  location: Location;
  title: string;
  description: string;
  solution: string;
  severity: Severity;
  confidence: Confidence;
  evidence: string;
  engines?: string[];
  trace?: Finding['trace'];
  verification?: Finding['verification'];
}

export function finding(spec: Spec): Finding {
  const { engines, trace, verification, cwe, ...rest } = spec;
  return {
    ...rest,
    engines: engines ?? ['static'],
    pillar: pillarOf(cwe),
    cwe: cweRef(cwe),
    ...(trace ? { trace } : {}),
    fingerprint: fingerprint({ ruleId: spec.ruleId, path: spec.location.file, scope: 'sample', code: spec.evidence }),
    ...(verification ? { verification } : {}),
  };
}

export const COMMAND_INJECTION = finding({
  ruleId: 'py/command-injection',
  cwe: 78,
  defectType: 'command-injection',
  location: { file: 'app/views.py', startLine: 12, endLine: 12, startColumn: 5, endColumn: 19 },
  title: 'Shell command built from untrusted data',
  description: 'os.system() runs `cmd`, which comes from request.args: anyone can run shell commands.',
  solution: 'Call subprocess.run() with an argument list and shell=False.',
  severity: 'high',
  confidence: 'high',
  evidence: '    os.system(cmd)',
  trace: [
    { location: { file: 'app/views.py', startLine: 10, endLine: 10, startColumn: 11, endColumn: 35 }, label: "request.args['cmd'] read" },
    { location: { file: 'app/views.py', startLine: 11, endLine: 11, startColumn: 5, endColumn: 27 }, label: 'assigned to cmd' },
    { location: { file: 'app/views.py', startLine: 12, endLine: 12, startColumn: 5, endColumn: 19 }, label: 'os.system(cmd)' },
  ],
});

export const SWALLOWED = finding({
  ruleId: 'py/swallowed-exception',
  cwe: 390,
  defectType: 'crash',
  location: { file: 'app/views.py', startLine: 21, endLine: 22, startColumn: 5, endColumn: 13 },
  title: 'Exception caught and ignored',
  description: 'Every Exception from rpcserver.stop() is caught and dropped by `pass`.',
  solution: 'Log the exception, or catch only the exceptions stop() is documented to raise.',
  severity: 'low',
  confidence: 'medium',
  evidence: '    except Exception:\n        pass',
});

export const XSS = finding({
  ruleId: 'llm/reflected-xss',
  cwe: 79,
  defectType: 'cross-site-scripting',
  location: { file: 'app/views.py', startLine: 30, endLine: 30 },
  title: 'Reflected cross-site scripting',
  description: 'The name parameter is written into the page unescaped, e.g. <img src=x onerror=alert(1)>.',
  solution: 'Render through a template with autoescaping, or escape with markupsafe.escape().',
  severity: 'medium',
  confidence: 'low',
  evidence: '    return "<script>var n = \'" + name + "\';</script>"',
  engines: ['llm:openai/gpt-4o'],
  verification: 'relocated',
});

export const GETS = finding({
  ruleId: 'c/gets',
  cwe: 242,
  defectType: 'buffer-overflow',
  location: { file: 'src/server.c', startLine: 54, endLine: 54, startColumn: 5, endColumn: 15 },
  title: 'Use of gets()',
  description: 'gets() writes an unbounded line into `line`; longer input overflows it.',
  solution: 'Use fgets(line, sizeof line, stdin).',
  severity: 'critical',
  confidence: 'high',
  evidence: '    gets(line);',
  engines: ['static', 'llm:anthropic/claude-sonnet-4'],
  verification: 'verified',
});

export function sampleResult(): ReviewResult {
  return {
    tool: { name: 'secreview', version: '0.1.0', cweVersion: cweCatalogVersion() },
    files: [
      { path: 'app/clean.py', language: 'python', lines: 10 },
      { path: 'app/views.py', language: 'python', lines: 40 },
      { path: 'src/server.c', language: 'c', lines: 60 },
    ],
    findings: [GETS, XSS, SWALLOWED, COMMAND_INJECTION].sort(compareFindings),
    diagnostics: [
      { kind: 'skipped', file: 'static/app.min.js', message: 'minified file', error: false },
      { kind: 'syntax', file: 'tools/broken.py', line: 3, message: 'syntax error; the parser recovered', error: false },
    ],
    rules: RULES,
  };
}

export function cleanResult(): ReviewResult {
  return { ...sampleResult(), findings: [], diagnostics: [] };
}

/** The same values with every object's keys inserted in reverse order. */
export function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)])) as T;
  }
  return value;
}
