import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LlmError } from '../../src/llm/errors.js';
import { createLimiter } from '../../src/llm/limiter.js';
import { ModelConfigError, resolveModel } from '../../src/llm/model-spec.js';
import { displayURL, redact } from '../../src/llm/redact.js';
import { withRetries } from '../../src/llm/retry.js';
import { Tally } from '../../src/llm/tally.js';

describe('model specs', () => {
  it('provider:model, with colons allowed in the model name', () => {
    const spec = resolveModel({ model: 'ollama:qwen2.5-coder:32b', env: {} });
    assert.deepEqual([spec.provider, spec.model, spec.api, spec.baseURL, spec.apiKey, spec.local, spec.engine], [
      'ollama', 'qwen2.5-coder:32b', 'openai', 'http://localhost:11434/v1', undefined, true, 'llm:ollama/qwen2.5-coder:32b',
    ]);
  });

  it('keys: the config key first, then SECREVIEW_API_KEY, then the provider variable', () => {
    const env = { OPENAI_API_KEY: 'sk-openai-aaaaaaaa', SECREVIEW_API_KEY: 'sk-ours-bbbbbbbb', ANTHROPIC_API_KEY: 'sk-ant-cccccccc' };
    assert.equal(resolveModel({ model: 'openai:gpt-4o', env, apiKey: 'sk-config-dddddddd' }).apiKey, 'sk-config-dddddddd');
    assert.equal(resolveModel({ model: 'openai:gpt-4o', env }).apiKey, 'sk-ours-bbbbbbbb');
    assert.equal(resolveModel({ model: 'anthropic:claude-sonnet-4', env: { ANTHROPIC_API_KEY: 'sk-ant-cccccccc' } }).apiKey, 'sk-ant-cccccccc');
    assert.equal(resolveModel({ model: 'anthropic:claude-sonnet-4', env: {} , baseURL: 'http://127.0.0.1:9/' }).apiKey, undefined, 'a server on this machine needs no key');
  });

  it('misconfiguration is one clear error', () => {
    assert.throws(() => resolveModel({ model: 'gpt-4o', env: {} }), (e: Error) => e instanceof ModelConfigError && /--model must be <provider>:<model>/.test(e.message));
    assert.throws(() => resolveModel({ model: 'mystery:x', env: {} }), /providers: openai, anthropic/);
    assert.throws(() => resolveModel({ model: 'openai:gpt-4o', env: {} }), /no API key for openai: set OPENAI_API_KEY or SECREVIEW_API_KEY/);
    assert.throws(() => resolveModel({ model: 'compatible:m', env: {} }), /provider compatible needs --base-url/);
    assert.throws(() => resolveModel({ model: 'vllm:m', baseURL: 'ftp://x', env: {} }), /http or https/);
  });
});

describe('secrets in messages', () => {
  it('removes a key, its masked echo and anything shaped like a key', () => {
    const key = 'sk-live-1234567890abcdefXYZ';
    assert.equal(redact(`bad key ${key}`, [key]), 'bad key [redacted]');
    assert.equal(redact('Incorrect API key provided: sk-live-********defXYZ', [key]), 'Incorrect API key provided: [redacted]');
    assert.equal(redact('Authorization: Bearer abcdefghijklmnop', []), '[redacted]');
    assert.equal(redact('sk-ant-api03-qwertyuiopasdf', []), '[redacted]');
  });

  it('shows base URLs without credentials or query', () => {
    assert.equal(displayURL('https://user:pass@example.com/v1/?api-key=secret'), 'https://example.com/v1');
  });
});

describe('retries', () => {
  it('retries what is retryable, a bounded number of times', async () => {
    let calls = 0;
    const err = await withRetries(async () => {
      calls++;
      throw new LlmError('server', 'server error (HTTP 502)', true, false);
    }, { retries: 2, baseDelayMs: 1, maxDelayMs: 1 }).catch((e: LlmError) => e);
    assert.equal(calls, 3);
    assert.equal(err.message, 'server error (HTTP 502) (gave up after 3 attempts)');
  });

  it('does not retry what would fail the same way', async () => {
    let calls = 0;
    await assert.rejects(withRetries(async () => {
      calls++;
      throw new LlmError('auth', 'authentication failed', false, true);
    }, { retries: 5, baseDelayMs: 1, maxDelayMs: 1 }), /authentication failed/);
    assert.equal(calls, 1);
  });
});

describe('the concurrency limit', () => {
  it('never runs more than n tasks at once, and starts the next as one finishes', async () => {
    const limit = createLimiter(2);
    const gates: Array<() => void> = [];
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      limit(async () => {
        started.push(i);
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((open) => gates.push(open));
        active--;
      }),
    );
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, [0, 1]);
    gates.shift()!();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, [0, 1, 2]);
    while (started.length < 5 || gates.length > 0) {
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(tasks);
    assert.equal(peak, 2);
  });
});

describe('the token and cost tally', () => {
  it('adds tokens per model and prices them; local models cost nothing; unknown prices are said so', () => {
    const tally = new Tally();
    tally.model('llm:openai/gpt-4o', 'gpt-4o', false);
    tally.answered('llm:openai/gpt-4o', 1_000_000, 100_000);
    tally.fromCache('llm:openai/gpt-4o');
    tally.model('llm:ollama/qwen2.5-coder:32b', 'qwen2.5-coder:32b', true);
    tally.answered('llm:ollama/qwen2.5-coder:32b', 5000, 500);
    tally.model('llm:compatible/mystery', 'mystery', false);
    tally.failed('llm:compatible/mystery');
    assert.equal(tally.cost('llm:openai/gpt-4o'), 3.5);
    assert.deepEqual(tally.lines(), [
      'llm openai/gpt-4o: 1 request, 1 from cache, 1,000,000 input + 100,000 output tokens, $3.5000',
      'llm ollama/qwen2.5-coder:32b: 1 request, 5,000 input + 500 output tokens, no cost (local model)',
      'llm compatible/mystery: 0 requests, 1 failed, 0 input + 0 output tokens, cost unknown (no price for this model)',
    ]);
  });
});
