/** Anthropic's Messages API, through the official `@anthropic-ai/sdk`. */
import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { httpError, LlmError } from '../errors.js';
import type { ModelSpec } from '../model-spec.js';
import { displayURL } from '../redact.js';
import { causeOf } from './openai.js';
import type { ChatAnswer, ChatProvider, ChatRequest } from './types.js';

export function anthropicProvider(spec: ModelSpec, timeoutMs: number): ChatProvider {
  const client = new Anthropic({
    baseURL: spec.baseURL,
    apiKey: spec.apiKey ?? 'none',
    timeout: timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
  });
  const where = displayURL(spec.baseURL);
  return {
    async complete(request: ChatRequest): Promise<ChatAnswer> {
      try {
        const response = await client.messages.create({
          model: spec.model,
          max_tokens: request.maxTokens,
          ...(request.system ? { system: request.system } : {}),
          messages: request.messages,
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        });
        const text = response.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
        return {
          text,
          inputTokens: response.usage?.input_tokens ?? 0,
          outputTokens: response.usage?.output_tokens ?? 0,
          truncated: response.stop_reason === 'max_tokens',
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
  if (err instanceof SyntaxError || err instanceof TypeError) return new LlmError('other', `${where} sent an answer that is not a Messages API response`, false, false);
  return err;
}
