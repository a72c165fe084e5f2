/**
 * JSON Schema validation of the files users write (config, baseline) against the schemas shipped
 * in docs/, with the first problem as one line that names the offending key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { packageRoot } from '../core/paths.js';

const compiled = new Map<string, ValidateFunction>();

/** Validates `data` against docs/<schemaFile>; returns the first problem, or undefined. */
export function schemaProblem(schemaFile: string, data: unknown): string | undefined {
  let validate = compiled.get(schemaFile);
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'docs', schemaFile), 'utf8')) as object;
    validate = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true, verbose: true }).compile(schema);
    compiled.set(schemaFile, validate);
  }
  if (validate(data)) return undefined;
  return describe(validate.errors?.[0], schemaFile);
}

function describe(error: ErrorObject | undefined, schemaFile: string): string {
  if (!error) return 'does not match its schema';
  const at = keyPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${join2(at, String(params.additionalProperty))}: unknown key`;
    case 'required':
      return `${join2(at, String(params.missingProperty))}: required key is missing`;
    case 'enum':
      return `${at || 'value'}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      // The pattern itself would mean little to the reader; the schema's description says what fits.
      return `${at || 'value'}: ${JSON.stringify(error.data)} is not valid (see docs/${schemaFile})`;
    case 'const':
      return `${at || 'value'}: must be ${JSON.stringify(params.allowedValue)}`;
    case 'type':
      return at ? `${at}: must be ${article(String(params.type))}` : `must be ${article(String(params.type))}`;
    default:
      return `${at || 'value'}: ${error.message ?? 'is invalid'}`;
  }
}

/** `/overrides/0/disable` -> `overrides[0].disable`. */
function keyPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : join2(path, part)), '');
}

function join2(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function article(type: string): string {
  const words = type.split(',').map((t) => (t === 'array' || t === 'object' || t === 'integer' ? `an ${t}` : `a ${t}`));
  return words.join(' or ');
}
