/**
 * Which of the fifteen review defect types a CWE is. This is data about weaknesses, keyed by CWE id;
 * pillars never appear here (they come from the catalog). A CWE missing from the table is `other`
 * unless the claim's own words name a defect type (see keywords.ts).
 */
import type { DefectType } from '../core/defect-types.js';

const BY_TYPE: Record<Exclude<DefectType, 'other'>, number[]> = {
  'race-condition': [362, 363, 364, 366, 367, 368, 421, 662, 821],
  crash: [248, 252, 369, 476, 617, 690, 754, 755, 824, 835],
  'resource-leak': [401, 404, 459, 771, 772, 775],
  deadlock: [667, 764, 833],
  'buffer-overflow': [119, 120, 121, 122, 124, 125, 126, 127, 129, 131, 170, 193, 242, 787, 788, 805, 806, 823],
  'integer-overflow': [128, 190, 191, 197, 680, 681],
  'use-after-free': [415, 416, 825],
  'denial-of-service': [400, 407, 409, 674, 770, 776, 789, 834, 1333],
  'improper-access': [22, 23, 36, 250, 266, 269, 276, 284, 285, 287, 290, 306, 307, 425, 552, 639, 732, 862, 863, 922],
  'cross-site-scripting': [79, 80],
  'cross-site-request-forgery': [352],
  encryption: [259, 295, 311, 312, 319, 321, 326, 327, 328, 330, 331, 338, 347, 759, 760, 798, 916],
  'sql-injection': [89, 943],
  'format-string': [134],
  'command-injection': [77, 78, 88, 94, 95, 917],
};

const TABLE = new Map<number, DefectType>(
  Object.entries(BY_TYPE).flatMap(([type, ids]) => ids.map((id) => [id, type as DefectType] as const)),
);

export function defectTypeOfCwe(id: number): DefectType | undefined {
  return TABLE.get(id);
}

/** Every CWE id the table names, for the test that checks each against the catalog. */
export function defectTableIds(): number[] {
  return [...TABLE.keys()];
}
