/**
 * What the review and baseline commands share before a run: the config file, whose settings fill
 * in the flags the user did not give, and the change that --diff, --staged or --patch names.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type LoadedConfig } from '../pipeline/config.js';
import { suppressionRules } from '../pipeline/suppressions.js';
import { ALL_RULES } from '../rules/index.js';
import type { OpenedChange } from '../sources/change.js';
import { openGitChange } from '../sources/git.js';
import { openPatchChange } from '../sources/patch.js';
import { parseSize } from './options.js';

/**
 * Loads the config (`--config FILE`, or the nearest one above the first path) and sets every
 * option the user left at its default to the config's value, as commander's 'config' source.
 */
export async function configure(cmd: Command, paths: string[]): Promise<LoadedConfig | undefined> {
  const cwd = process.cwd();
  const knownRules = new Set([...ALL_RULES.map((r) => r.meta.id), ...suppressionRules().map((r) => r.id)]);
  const config = await loadConfig({ file: cmd.getOptionValue('config') as string | undefined, from: paths[0] ?? '.', root: cwd, knownRules });
  if (!config) return undefined;
  const s = config.settings;
  const defaults: Record<string, unknown> = {
    format: s.format,
    failOn: s.failOn,
    maxFileSize: s.maxFileSize === undefined ? undefined : parseSize(String(s.maxFileSize)),
    jobs: s.jobs,
    baseline: s.baseline === undefined ? undefined : resolve(config.dir, s.baseline),
    reportUnusedSuppressions: s.reportUnusedSuppressions,
    dataFlowInTests: s.dataFlowInTests,
  };
  for (const [key, value] of Object.entries(defaults)) {
    if (value === undefined || !cmd.options.some((o) => o.attributeName() === key)) continue;
    const source = cmd.getOptionValueSource(key);
    if (source === undefined || source === 'default') cmd.setOptionValueWithSource(key, value, 'config');
  }
  return config;
}

export interface ChangeFlags {
  diff?: string;
  staged?: boolean;
  patch?: string;
}

/** The change to review, or undefined for a plain review of the paths. */
export async function openChange(flags: ChangeFlags): Promise<OpenedChange | undefined> {
  const cwd = process.cwd();
  if (flags.patch !== undefined) return openPatchChange(flags.patch, cwd);
  if (flags.diff !== undefined || flags.staged) return openGitChange({ diff: flags.diff, staged: flags.staged }, cwd);
  return undefined;
}
