/** JSON Schema validators for the reporter tests: our own report schema and the official SARIF one. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { packageRoot } from '../../src/core/paths.js';

/**
 * The official OASIS SARIF 2.1.0 schema (draft-07) as shipped by this devDependency; its
 * package `exports` hide the file, so it is found beside the package's package.json.
 */
export const SARIF_SCHEMA_PACKAGE = '@datadog/datadog-ci-plugin-sarif';
const SARIF_SCHEMA_FILE = 'dist/json-schema/sarif-schema-2.1.0.json';

function readJson(path: string): object {
  return JSON.parse(readFileSync(path, 'utf8')) as object;
}

export function sarifValidator(): ValidateFunction {
  const manifest = createRequire(import.meta.url).resolve(`${SARIF_SCHEMA_PACKAGE}/package.json`);
  const ajv = new Ajv({ allErrors: true, strict: false });
  formats.default(ajv);
  return ajv.compile(readJson(join(dirname(manifest), SARIF_SCHEMA_FILE)));
}

export function reportSchema(): Record<string, unknown> {
  return readJson(join(packageRoot(), 'docs', 'finding.schema.json')) as Record<string, unknown>;
}

export function reportValidator(): ValidateFunction {
  return new Ajv({ allErrors: true }).compile(reportSchema());
}

/** Validation errors in a form assert.deepEqual prints readably; [] when valid. */
export function errorsOf(validate: ValidateFunction, data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
