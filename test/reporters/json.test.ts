import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFECT_TYPES } from '../../src/core/defect-types.js';
import { CONFIDENCES, SEVERITIES } from '../../src/core/finding.js';
import { packageRoot } from '../../src/core/paths.js';
import { review } from '../../src/pipeline/review.js';
import { json } from '../../src/reporters/json.js';
import { cleanResult, reversedKeys, sampleResult } from './sample.js';
import { errorsOf, reportSchema, reportValidator } from './schemas.js';

const plain = { color: false };

describe('json reporter', () => {
  const validate = reportValidator();

  it('matches docs/finding.schema.json for a full and a clean result', () => {
    assert.deepEqual(errorsOf(validate, JSON.parse(json(sampleResult(), plain))), []);
    assert.deepEqual(errorsOf(validate, JSON.parse(json(cleanResult(), plain))), []);
  });

  it('matches the schema for the output of a real review', async () => {
    const root = packageRoot();
    const result = await review({ paths: [join(root, 'test', 'fixtures', 'rules')], root, jobs: 1 });
    assert.ok(result.findings.length > 0);
    const report = JSON.parse(json(result, plain));
    assert.deepEqual(errorsOf(validate, report), []);
    assert.equal(report.findings.length, result.findings.length);
  });

  it('is checked by a schema that rejects what it should', () => {
    const report = JSON.parse(json(sampleResult(), plain));
    report.findings[0].severity = 'severe';
    delete report.findings[1].fingerprint;
    report.findings[2].lineNumber = 3;
    assert.deepEqual(errorsOf(validate, report).sort(), [
      '/findings/0/severity must be equal to one of the allowed values',
      '/findings/1 must have required property \'fingerprint\'',
      '/findings/2 must NOT have additional properties',
    ]);
  });

  it('documents exactly the severities, confidences and defect types the code knows', () => {
    const defs = reportSchema().definitions as Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }>;
    assert.deepEqual(defs.defectType.enum, [...DEFECT_TYPES]);
    assert.deepEqual(defs.finding.properties!.severity.enum, [...SEVERITIES]);
    assert.deepEqual(defs.finding.properties!.confidence.enum, [...CONFIDENCES]);
  });

  it('keeps every finding as given, in result order', () => {
    const result = sampleResult();
    const report = JSON.parse(json(result, plain));
    assert.deepEqual(report.findings, result.findings);
    assert.deepEqual(Object.keys(report), ['schemaVersion', 'tool', 'summary', 'findings', 'files', 'diagnostics']);
  });

  it('summarises by severity, pillar and defect type', () => {
    const { summary } = JSON.parse(json(sampleResult(), plain));
    assert.deepEqual(summary.bySeverity, { critical: 1, high: 1, medium: 1, low: 1 });
    assert.deepEqual(
      summary.byPillar.map((p: { pillar: { id: number }; total: number }) => [p.pillar.id, p.total]),
      [[703, 1], [707, 2], [710, 1]],
    );
    assert.deepEqual(summary.byDefectType, { crash: 1, 'buffer-overflow': 1, 'cross-site-scripting': 1, 'command-injection': 1 });
    assert.equal(summary.files, 3);
  });

  it('writes the same bytes however the input objects were built', () => {
    assert.equal(json(reversedKeys(sampleResult()), plain), json(sampleResult(), plain));
  });

  it('records the reviewed change when there is one', () => {
    const report = JSON.parse(json({ ...sampleResult(), change: { description: 'main..HEAD' } }, plain));
    assert.deepEqual(report.change, { description: 'main..HEAD' });
    assert.deepEqual(errorsOf(validate, report), []);
  });
});
