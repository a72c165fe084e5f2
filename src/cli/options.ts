import { InvalidArgumentError } from 'commander';
import { SEVERITIES, type Severity } from '../core/finding.js';

/** `1048576`, `512k`, `1MB`, `2m` → bytes. */
export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`expected a size such as 1048576, 512k or 2MB`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * unit);
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

export type FailOn = Severity | 'none';

export function parseFailOn(value: string): FailOn {
  const v = value.toLowerCase();
  if (v === 'none' || (SEVERITIES as readonly string[]).includes(v)) return v as FailOn;
  throw new InvalidArgumentError(`expected one of ${[...SEVERITIES, 'none'].join(', ')}`);
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
