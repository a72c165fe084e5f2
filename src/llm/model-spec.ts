/**
 * `--model provider:model` → which API, which base URL, which key. The provider is always explicit:
 * guessing where to send someone's code is not a default we want. Model names may hold colons
 * (`ollama:qwen2.5-coder:32b`); only the first one separates the provider.
 */
export type ApiKind = 'openai' | 'anthropic';

interface Preset {
  api: ApiKind;
  /** Undefined: the user must give --base-url. */
  baseURL?: string;
  /** Environment variables that may hold this provider's key, after SECREVIEW_API_KEY. */
  keyEnv: string[];
  /** Runs on the user's machine: no key needed, no cost. */
  local: boolean;
}

export const PROVIDERS: Record<string, Preset> = {
  openai: { api: 'openai', baseURL: 'https://api.openai.com/v1', keyEnv: ['OPENAI_API_KEY'], local: false },
  anthropic: { api: 'anthropic', baseURL: 'https://api.anthropic.com', keyEnv: ['ANTHROPIC_API_KEY'], local: false },
  azure: { api: 'openai', keyEnv: ['AZURE_OPENAI_API_KEY'], local: false },
  deepseek: { api: 'openai', baseURL: 'https://api.deepseek.com/v1', keyEnv: ['DEEPSEEK_API_KEY'], local: false },
  openrouter: { api: 'openai', baseURL: 'https://openrouter.ai/api/v1', keyEnv: ['OPENROUTER_API_KEY'], local: false },
  ollama: { api: 'openai', baseURL: 'http://localhost:11434/v1', keyEnv: [], local: true },
  vllm: { api: 'openai', baseURL: 'http://localhost:8000/v1', keyEnv: [], local: true },
  llamacpp: { api: 'openai', baseURL: 'http://localhost:8080/v1', keyEnv: [], local: true },
  lmstudio: { api: 'openai', baseURL: 'http://localhost:1234/v1', keyEnv: [], local: true },
  /** Any other OpenAI-compatible server: --base-url is required, a key is optional. */
  compatible: { api: 'openai', keyEnv: [], local: false },
};

export interface ModelSpec {
  provider: string;
  model: string;
  api: ApiKind;
  baseURL: string;
  /** Undefined only for servers that need none (local ones, or a compatible server without a key). */
  apiKey?: string;
  local: boolean;
  /** `llm:<provider>/<model>`: the engine name findings carry. */
  engine: string;
}

export class ModelConfigError extends Error {
  override name = 'ModelConfigError';
}

export interface ModelInput {
  model: string;
  baseURL?: string;
  /** A key given directly (the library API); it wins over every environment variable. */
  apiKey?: string;
  /** The config's `llm.apiKeyEnv`: the variable that holds the key, read before the usual ones. */
  apiKeyEnv?: string;
  env?: NodeJS.ProcessEnv;
}

export function resolveModel(input: ModelInput): ModelSpec {
  const env = input.env ?? process.env;
  const at = input.model.indexOf(':');
  const provider = at > 0 ? input.model.slice(0, at).toLowerCase() : '';
  const model = at > 0 ? input.model.slice(at + 1).trim() : '';
  const preset = PROVIDERS[provider];
  if (!preset || !model) {
    throw new ModelConfigError(
      `--model must be <provider>:<model>, e.g. openai:gpt-4o or ollama:qwen2.5-coder:32b; providers: ${Object.keys(PROVIDERS).join(', ')}`,
    );
  }
  const baseURL = input.baseURL ?? (provider === 'openai' ? env.OPENAI_BASE_URL : undefined) ?? preset.baseURL;
  if (!baseURL) throw new ModelConfigError(`provider ${provider} needs --base-url (the server's OpenAI-compatible /v1 URL)`);
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new ModelConfigError('--base-url is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ModelConfigError('--base-url must be an http or https URL');
  const local = preset.local || isLoopback(url.hostname);
  const variables = [...(input.apiKeyEnv ? [input.apiKeyEnv] : []), 'SECREVIEW_API_KEY', ...preset.keyEnv];
  const apiKey = input.apiKey || variables.map((name) => env[name]?.trim()).find(Boolean) || undefined;
  if (!apiKey && !local && provider !== 'compatible') {
    const names = [...(input.apiKeyEnv ? [input.apiKeyEnv] : []), ...preset.keyEnv, 'SECREVIEW_API_KEY'];
    throw new ModelConfigError(`no API key for ${provider}: set ${names.join(' or ')}`);
  }
  return { provider, model, api: preset.api, baseURL, apiKey, local: preset.local, engine: `llm:${provider}/${model}` };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}
