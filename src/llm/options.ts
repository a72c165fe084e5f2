/** The LLM engine's settings and their defaults; light to import (the CLI reads it for every run). */
import type { Price } from './pricing.js';
import type { PromptStrategy } from './prompts/index.js';
import type { RetryPolicy } from './retry.js';
import type { Tally } from './tally.js';

export interface LlmOptions {
  /** `provider:model`, e.g. `openai:gpt-4o`, `ollama:qwen2.5-coder:32b`, `anthropic:claude-sonnet-4-20250514`. */
  model: string;
  baseURL?: string;
  /** A key given directly; otherwise the variable named by `apiKeyEnv`, SECREVIEW_API_KEY, then the provider's own is read. */
  apiKey?: string;
  apiKeyEnv?: string;
  prompt?: PromptStrategy;
  project?: string;
  commitMessage?: string;
  /** Answers drawn per part of a file; findings need `minVotes` of them. */
  samples?: number;
  minVotes?: number;
  temperature?: number;
  maxOutputTokens?: number;
  /** Files whose numbered code exceeds this many tokens are reviewed in parts. */
  chunkTokens?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Requests in flight at once, over the whole run. */
  concurrency?: number;
  /** False: neither read nor write cached answers. */
  cache?: boolean;
  cacheDir?: string;
  /** Show findings whose code could not be found where the model said (hidden by default). */
  showUnverified?: boolean;
  /** Overrides the list price of the model, in US dollars per million tokens. */
  pricing?: Price;
  /** Receives the run's requests, tokens and cost; the CLI prints it at the end. */
  tally?: Tally;
  env?: NodeJS.ProcessEnv;
}

export const LLM_DEFAULTS = {
  prompt: 'structured' as PromptStrategy,
  maxOutputTokens: 4096,
  chunkTokens: 6000,
  timeoutMs: 120_000,
  concurrency: 4,
  cacheDir: '.secreview-cache',
};
