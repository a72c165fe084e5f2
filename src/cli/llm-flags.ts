/**
 * The review command's LLM flags, their config-file counterparts (`engine`, `llm.*`), and the
 * token and cost tally printed on stderr at the end. Flags win over the config. A model is only
 * ever contacted when the user chose an LLM engine and named a model.
 */
import { execFileSync } from 'node:child_process';
import { basename, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { LoadedConfig } from '../pipeline/config.js';
import { LLM_DEFAULTS, type LlmOptions } from '../llm/options.js';
import { ModelConfigError, resolveModel } from '../llm/model-spec.js';
import { PROMPT_STRATEGIES, type PromptStrategy } from '../llm/prompts/index.js';
import { Tally } from '../llm/tally.js';
import { UsageError } from './errors.js';
import { parsePositiveInt } from './options.js';

export const ENGINES = ['static', 'llm', 'hybrid'] as const;
export type Engine = (typeof ENGINES)[number];

export interface LlmFlags {
  engine: Engine;
  model?: string;
  baseUrl?: string;
  prompt?: PromptStrategy;
  project?: string;
  commitMessage?: string;
  samples?: number;
  minVotes?: number;
  temperature?: number;
  showUnverified?: boolean;
  cache: boolean;
  cacheDir?: string;
  llmTimeout?: number;
  llmRetries?: number;
  llmConcurrency?: number;
  maxOutputTokens?: number;
  chunkTokens?: number;
}

export function addLlmOptions(command: Command): Command {
  return command
    .addOption(new Option('--engine <engine>', 'static (offline, default), llm, or hybrid (both, merged)').choices(ENGINES).default('static'))
    .option('--model <provider:model>', 'the model for --engine llm/hybrid, e.g. openai:gpt-4o, ollama:qwen2.5-coder:32b, anthropic:claude-sonnet-4-20250514')
    .option('--base-url <url>', 'the model server (any OpenAI-compatible /v1 URL, or Anthropic); the key comes from SECREVIEW_API_KEY or the provider variable')
    .addOption(new Option('--prompt <strategy>', `prompt: ${PROMPT_STRATEGIES.join(', ')} (default structured)`).choices(PROMPT_STRATEGIES))
    .option('--project <name>', 'project name for the role prompt (default: the folder name)')
    .option('--commit-message <text>', 'commit message for the commit prompt (default: the last commit of the reviewed repository)')
    .option('--samples <n>', 'answers drawn per file part; findings are voted on', parsePositiveInt)
    .option('--min-votes <k>', 'keep findings reported in at least K samples (default: a majority)', parsePositiveInt)
    .option('--temperature <t>', 'sampling temperature (default 0, or 0.7 with --samples > 1)', parseTemperature)
    .option('--show-unverified', 'also show model findings whose code is not where the model said')
    .option('--no-cache', 'neither read nor write the local answer cache')
    .option('--cache-dir <dir>', `where answers are cached (default ${LLM_DEFAULTS.cacheDir})`)
    .option('--llm-timeout <seconds>', `seconds to wait for one answer (default ${LLM_DEFAULTS.timeoutMs / 1000})`, parsePositiveNumber)
    .option('--llm-retries <n>', 'further attempts after a 429, 5xx or timeout (default 3)', parseCount)
    .option('--llm-concurrency <n>', `requests in flight at once (default ${LLM_DEFAULTS.concurrency})`, parsePositiveInt)
    .option('--max-output-tokens <n>', `answer length limit (default ${LLM_DEFAULTS.maxOutputTokens})`, parsePositiveInt)
    .option('--chunk-tokens <n>', `files larger than this are reviewed in parts (default ${LLM_DEFAULTS.chunkTokens})`, parsePositiveInt);
}

export interface LlmRun {
  engine: Engine;
  /** Undefined for the static engine. */
  options?: LlmOptions;
  tally: Tally;
}

/** The engine and model settings of this run, from flags then config; a misconfiguration is a UsageError. */
export function llmRunOptions(cmd: Command, config: LoadedConfig | undefined): LlmRun {
  const flags = cmd.opts<LlmFlags & Record<string, unknown>>();
  const fromCli = (name: keyof LlmFlags) => cmd.getOptionValueSource(name) === 'cli';
  const settings = config?.settings;
  const tally = new Tally();
  const engine = fromCli('engine') ? flags.engine : (settings?.engine ?? flags.engine);
  if (engine === 'static') {
    const stray = (['model', 'baseUrl', 'prompt', 'samples', 'minVotes'] as const).find(fromCli);
    if (stray) throw new UsageError(`--${kebab(stray)} only applies to --engine llm or hybrid`);
    return { engine, tally };
  }
  const c = settings?.llm ?? {};
  const model = flags.model ?? (c.model ? (c.provider && !c.model.startsWith(`${c.provider}:`) ? `${c.provider}:${c.model}` : c.model) : undefined);
  if (!model) throw new UsageError(`--engine ${engine} needs a model: --model <provider>:<model>, e.g. openai:gpt-4o or ollama:qwen2.5-coder:32b`);
  const baseURL = flags.baseUrl ?? c.baseUrl;
  try {
    resolveModel({ model, baseURL, apiKeyEnv: c.apiKeyEnv });
  } catch (err) {
    if (err instanceof ModelConfigError) throw new UsageError(err.message);
    throw err;
  }
  const prompt = flags.prompt ?? strategy(c.strategy);
  const samples = flags.samples ?? c.samples ?? 1;
  if (flags.minVotes !== undefined && flags.minVotes > samples) throw new UsageError(`--min-votes ${flags.minVotes} is more than --samples ${samples}`);
  const cwd = process.cwd();
  return {
    engine,
    tally,
    options: {
      model,
      baseURL,
      apiKeyEnv: c.apiKeyEnv,
      prompt,
      project: flags.project ?? (prompt === 'role' ? basename(cwd) : undefined),
      commitMessage: flags.commitMessage ?? (prompt === 'commit' ? lastCommitMessage(cwd) : undefined),
      samples,
      minVotes: flags.minVotes,
      temperature: flags.temperature ?? c.temperature,
      showUnverified: flags.showUnverified,
      cache: flags.cache,
      cacheDir: resolve(flags.cacheDir ?? LLM_DEFAULTS.cacheDir),
      timeoutMs: (flags.llmTimeout ?? c.timeoutSeconds ?? LLM_DEFAULTS.timeoutMs / 1000) * 1000,
      retry: flags.llmRetries === undefined ? undefined : { retries: flags.llmRetries },
      concurrency: flags.llmConcurrency,
      maxOutputTokens: flags.maxOutputTokens,
      chunkTokens: flags.chunkTokens,
      tally,
    },
  };
}

/** Requests, tokens and cost per model, on stderr, after the report. */
export function printLlmTally(run: LlmRun): void {
  if (run.engine === 'static') return;
  for (const line of run.tally.lines()) process.stderr.write(`secreview: ${line}\n`);
}

function strategy(value: string | undefined): PromptStrategy | undefined {
  if (value === undefined) return undefined;
  if ((PROMPT_STRATEGIES as readonly string[]).includes(value)) return value as PromptStrategy;
  throw new UsageError(`config llm.strategy: expected one of ${PROMPT_STRATEGIES.join(', ')}`);
}

/** The commit message the commit prompt starts from when none is given: the last commit's. */
function lastCommitMessage(cwd: string): string {
  try {
    const message = execFileSync('git', ['log', '-1', '--format=%B'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (message) return message;
  } catch {
    // Not a repository, or no commits: say what to do instead.
  }
  throw new UsageError('--prompt commit needs --commit-message, or a git repository with a commit to read it from');
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function parseTemperature(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 2) throw new InvalidArgumentError('expected a number from 0 to 2');
  return n;
}

function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number of at least 0');
  return n;
}
