/**
 * The fifteen kinds of security defect that reviewers of large open-source projects raise in code
 * review (see SPEC.md "The taxonomy"), plus `other`. Findings are counted by these.
 */
export const DEFECT_TYPES = [
  'race-condition',
  'crash',
  'resource-leak',
  'deadlock',
  'buffer-overflow',
  'integer-overflow',
  'use-after-free',
  'denial-of-service',
  'improper-access',
  'cross-site-scripting',
  'cross-site-request-forgery',
  'encryption',
  'sql-injection',
  'format-string',
  'command-injection',
  'other',
] as const;

export type DefectType = (typeof DEFECT_TYPES)[number];

export const DEFECT_TYPE_LABELS: Record<DefectType, string> = {
  'race-condition': 'Race condition',
  crash: 'Crash',
  'resource-leak': 'Resource leak',
  deadlock: 'Deadlock',
  'buffer-overflow': 'Buffer overflow',
  'integer-overflow': 'Integer overflow',
  'use-after-free': 'Use after free',
  'denial-of-service': 'Denial of service',
  'improper-access': 'Improper access',
  'cross-site-scripting': 'Cross-site scripting',
  'cross-site-request-forgery': 'Cross-site request forgery',
  encryption: 'Encryption',
  'sql-injection': 'SQL injection',
  'format-string': 'Format string',
  'command-injection': 'Command injection',
  other: 'Other',
};
