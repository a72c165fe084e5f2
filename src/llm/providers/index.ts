import type { ModelSpec } from '../model-spec.js';
import { anthropicProvider } from './anthropic.js';
import { openaiProvider } from './openai.js';
import type { ChatProvider } from './types.js';

export function createProvider(spec: ModelSpec, timeoutMs: number): ChatProvider {
  return spec.api === 'anthropic' ? anthropicProvider(spec, timeoutMs) : openaiProvider(spec, timeoutMs);
}
