/** Retries with exponential backoff for what is worth retrying (429, 5xx, timeouts, dropped connections). */
import { LlmError } from './errors.js';

export interface RetryPolicy {
  /** Further attempts after the first. */
  retries: number;
  /** The first pause; each later one doubles, with jitter. */
  baseDelayMs: number;
  /** No pause is longer, even when the server asks for more. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 30_000 };

export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy, onRetry?: (err: LlmError) => void): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof LlmError) || !err.retryable || n >= policy.retries) {
        if (err instanceof LlmError && err.retryable && n > 0) {
          throw new LlmError(err.kind, `${err.message} (gave up after ${n + 1} attempts)`, false, err.fatal);
        }
        throw err;
      }
      onRetry?.(err);
      const backoff = policy.baseDelayMs * 2 ** n * (0.5 + Math.random() / 2);
      await sleep(Math.min(policy.maxDelayMs, err.retryAfterMs ?? backoff));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
