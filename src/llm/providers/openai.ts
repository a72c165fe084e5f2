/** Any OpenAI-compatible chat-completions endpoint, through the official `openai` SDK. */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { httpError, LlmError } from '../errors.js';
import type { ModelSpec } from '../model-spec.js';
import { displayURL } from '../redact.js';
import type { ChatAnswer, ChatProvider, ChatRequest } from './types.js';

export function openaiProvider(spec: ModelSpec, timeoutMs: number): ChatProvider {
  const client = new OpenAI({
    baseURL: spec.baseURL,
    // The SDK insists on a key; local servers ignore whatever is sent.
    apiKey: spec.apiKey ?? 'none',
    timeout: timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
  });
  const where = displayURL(spec.baseURL);
  // OpenAI's own reasoning models take max_completion_tokens and only their default temperature.
  const reasoning = spec.provider === 'openai' && /^(?:o\d|gpt-5)/.test(spec.model);
  return {
    async complete(request: ChatRequest): Promise<ChatAnswer> {
      try {
        const response = await client.chat.completions.create({
          model: spec.model,
          messages: [...(request.system ? [{ role: 'system' as const, content: request.system }] : []), ...request.messages],
          ...(spec.provider === 'openai' ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens }),
          ...(request.temperature !== undefined && !reasoning ? { temperature: request.temperature } : {}),
        });
        const choice = response.choices?.[0];
        if (!choice) throw new LlmError('other', `the answer from ${where} has no choices`, false, false);
        return {
          text: choice.message?.content ?? '',
          inputTokens: response.usage?.prompt_tokens ?? 0,
          outputTokens: response.usage?.completion_tokens ?? 0,
          truncated: choice.finish_reason === 'length',
        };
      } catch (err) {
        throw toLlmError(err, timeoutMs, where);
      }
    },
  };
}

function toLlmError(err: unknown, timeoutMs: number, where: string): unknown {
  if (err instanceof LlmError) return err;
  if (err instanceof APIUserAbortError) return new LlmError('aborted', 'request aborted', false, false);
  if (err instanceof APIConnectionTimeoutError) return new LlmError('timeout', `no answer from ${where} within ${timeoutMs} ms`, true, false);
  if (err instanceof APIConnectionError) return new LlmError('network', `cannot reach ${where}${causeOf(err)}`, true, false);
  if (err instanceof APIError) return httpError(err, timeoutMs, where);
  if (err instanceof SyntaxError) return new LlmError('other', `${where} did not answer with JSON`, true, false);
  return err;
}

export function causeOf(err: Error): string {
  const cause = (err as { cause?: { code?: string; cause?: { code?: string } } }).cause;
  const code = cause?.code ?? cause?.cause?.code;
  return code ? ` (${code})` : '';
}
