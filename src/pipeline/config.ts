/**
 * The configuration file: found by walking up from the reviewed path (stopping at the git
 * repository's root), validated against docs/config.schema.json, and applied as file selection
 * (include/exclude) and finding filters (rule disables, thresholds, per-path overrides). Errors are
 * one line naming the file and the key.
 */
import { parse as parseTomlText } from 'smol-toml';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import { parse as parseYaml } from 'yaml';
import { confidenceRank, severityRank, type Confidence, type Finding, type Severity } from '../core/finding.js';
import { schemaProblem } from './schema.js';

export interface PathOverride {
  files: string[];
  disable?: string[];
  minSeverity?: Severity;
  minConfidence?: Confidence;
}

/** The settings as written; docs/config.schema.json documents each. */
export interface ConfigSettings {
  include?: string[];
  exclude?: string[];
  disable?: string[];
  overrides?: PathOverride[];
  minSeverity?: Severity;
  minConfidence?: Confidence;
  failOn?: Severity | 'none';
  format?: string;
  maxFileSize?: number | string;
  jobs?: number;
  baseline?: string;
  reportUnusedSuppressions?: boolean;
  dataFlowInTests?: boolean;
  engine?: 'static' | 'llm' | 'hybrid';
  llm?: {
    provider?: string;
    model?: string;
    baseUrl?: string;
    apiKeyEnv?: string;
    strategy?: string;
    samples?: number;
    temperature?: number;
    timeoutSeconds?: number;
  };
}

export interface LoadedConfig {
  /** The file the settings came from. */
  file: string;
  /** Patterns and paths in the settings are relative to this folder. */
  dir: string;
  /** The folder the review runs in: finding paths are relative to it. */
  root: string;
  settings: ConfigSettings;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const CANDIDATES = ['secreview.config.json', 'secreview.config.yaml', 'secreview.config.yml', 'package.json', 'pyproject.toml'];

export interface LoadConfigOptions {
  /** `--config FILE`: this file and no search. */
  file?: string;
  /** Where the search starts: the first reviewed path. */
  from: string;
  /** The review's root folder (finding paths are relative to it). */
  root: string;
  /** Rule ids that exist; a setting naming another is an error. */
  knownRules: ReadonlySet<string>;
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig | undefined> {
  const root = resolve(options.root);
  let found: { file: string; settings: unknown } | undefined;
  if (options.file) {
    const file = resolve(root, options.file);
    if (!existsSync(file)) throw new ConfigError(`config file ${options.file} does not exist`);
    const settings = await readSettings(file, true);
    found = { file, settings: settings ?? {} };
  } else {
    found = await search(resolve(root, options.from));
  }
  if (!found) return undefined;
  const shown = displayPath(root, found.file);
  const problem = schemaProblem('config.schema.json', found.settings);
  if (problem) throw new ConfigError(`${shown}: ${problem}`);
  const settings = found.settings as ConfigSettings;
  checkRuleIds(settings, options.knownRules, shown);
  return { file: found.file, dir: dirname(found.file), root, settings };
}

async function search(start: string): Promise<{ file: string; settings: unknown } | undefined> {
  let dir = isDirectory(start) ? start : dirname(start);
  for (;;) {
    const hits: Array<{ file: string; settings: unknown }> = [];
    for (const name of CANDIDATES) {
      const file = join(dir, name);
      if (!existsSync(file)) continue;
      const settings = await readSettings(file, false);
      if (settings !== undefined) hits.push({ file, settings });
    }
    if (hits.length > 1) {
      throw new ConfigError(`${dir}: both ${basename(hits[0].file)} and ${basename(hits[1].file)} configure secreview; keep one`);
    }
    if (hits.length === 1) return hits[0];
    // A repository is a project's boundary: a config above it belongs to something else.
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
    dir = dirname(dir);
  }
}

/**
 * The secreview settings a file holds. For package.json and pyproject.toml, undefined when the
 * file has no secreview section (unless it was named with --config, which makes that an error).
 */
async function readSettings(file: string, named: boolean): Promise<unknown> {
  const name = basename(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (name === 'package.json') {
    const pkg = parseJson(file, text) as Record<string, unknown> | null;
    const section = pkg && typeof pkg === 'object' ? pkg.secreview : undefined;
    if (section === undefined && named) throw new ConfigError(`${file} has no "secreview" key`);
    return section;
  }
  if (name === 'pyproject.toml' || file.endsWith('.toml')) {
    // Cheap test first: most pyproject.toml files do not mention secreview and need no parser.
    if (!text.includes('secreview') && !named) return undefined;
    const doc = (await parseToml(file, text)) as { tool?: { secreview?: unknown } };
    const section = doc.tool?.secreview;
    if (section === undefined && named) throw new ConfigError(`${file} has no [tool.secreview] table`);
    return section;
  }
  if (/\.ya?ml$/i.test(name)) {
    try {
      return parseYaml(text) ?? {};
    } catch (err) {
      throw new ConfigError(`${file}: invalid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return parseJson(file, text);
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: invalid JSON: ${(err as Error).message.split('\n')[0]}`);
  }
}

async function parseToml(file: string, text: string): Promise<unknown> {
  try {
    return parseTomlText(text);
  } catch (err) {
    throw new ConfigError(`${file}: invalid TOML: ${(err as Error).message.split('\n')[0]}`);
  }
}

function checkRuleIds(settings: ConfigSettings, known: ReadonlySet<string>, shown: string): void {
  const lists: Array<[string, string[] | undefined]> = [
    ['disable', settings.disable],
    ...(settings.overrides ?? []).map((o, i): [string, string[] | undefined] => [`overrides[${i}].disable`, o.disable]),
  ];
  for (const [key, ids] of lists) {
    ids?.forEach((id, i) => {
      if (!known.has(id)) throw new ConfigError(`${shown}: ${key}[${i}]: unknown rule id "${id}" (see \`secreview rules\`)`);
    });
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function displayPath(root: string, file: string): string {
  const rel = relative(root, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}

/** A finding or file path (relative to the review root) as a path relative to the config's folder. */
function configRelative(config: LoadedConfig, path: string): string | undefined {
  const rel = relative(config.dir, resolve(config.root, path));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

const matchers = new WeakMap<string[], ignore.Ignore>();

function matches(patterns: string[], path: string | undefined): boolean {
  if (path === undefined) return false;
  let m = matchers.get(patterns);
  if (!m) {
    m = ignore().add(patterns);
    matchers.set(patterns, m);
  }
  return m.ignores(path);
}

/** The files `include` and `exclude` of the config let through. */
export function selectFiles<T extends { path: string }>(files: T[], config: LoadedConfig | undefined): T[] {
  const { include, exclude } = config?.settings ?? {};
  if (!config || (!include && !exclude)) return files;
  return files.filter((f) => {
    const rel = configRelative(config, f.path);
    if (include && !matches(include, rel)) return false;
    return !(exclude && matches(exclude, rel));
  });
}

export interface ConfigFilterOutcome {
  findings: Finding[];
  /** Findings dropped by rule disables and thresholds. */
  dropped: number;
}

/** Drops findings of disabled rules and below the severity and confidence thresholds. */
export function applyConfigFilters(findings: Finding[], config: LoadedConfig | undefined): ConfigFilterOutcome {
  if (!config) return { findings, dropped: 0 };
  const { settings } = config;
  const kept = findings.filter((f) => {
    if (settings.disable?.includes(f.ruleId)) return false;
    let minSeverity = settings.minSeverity ?? 'low';
    let minConfidence = settings.minConfidence ?? 'low';
    const rel = configRelative(config, f.location.file);
    for (const o of settings.overrides ?? []) {
      if (!matches(o.files, rel)) continue;
      if (o.disable?.includes(f.ruleId)) return false;
      minSeverity = o.minSeverity ?? minSeverity;
      minConfidence = o.minConfidence ?? minConfidence;
    }
    return severityRank(f.severity) >= severityRank(minSeverity) && confidenceRank(f.confidence) >= confidenceRank(minConfidence);
  });
  return { findings: kept, dropped: findings.length - kept.length };
}
