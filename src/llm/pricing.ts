/**
 * List prices in US dollars per million tokens (input, output), as the vendors published them in
 * 2025. Prices change: a config's `llm.pricing` overrides this table, and a model missing from it
 * is reported as "cost unknown" rather than guessed.
 */
export interface Price {
  input: number;
  output: number;
}

// Longest prefix wins: `gpt-4o-mini` before `gpt-4o`.
const LIST_PRICES: Array<[string, Price]> = [
  ['gpt-4o-mini', { input: 0.15, output: 0.6 }],
  ['gpt-4o', { input: 2.5, output: 10 }],
  ['gpt-4.1-nano', { input: 0.1, output: 0.4 }],
  ['gpt-4.1-mini', { input: 0.4, output: 1.6 }],
  ['gpt-4.1', { input: 2, output: 8 }],
  ['gpt-4-turbo', { input: 10, output: 30 }],
  ['gpt-4', { input: 30, output: 60 }],
  ['gpt-3.5-turbo', { input: 0.5, output: 1.5 }],
  ['o3-mini', { input: 1.1, output: 4.4 }],
  ['o4-mini', { input: 1.1, output: 4.4 }],
  ['o3', { input: 2, output: 8 }],
  ['o1', { input: 15, output: 60 }],
  ['claude-opus-4', { input: 15, output: 75 }],
  ['claude-sonnet-4', { input: 3, output: 15 }],
  ['claude-3-7-sonnet', { input: 3, output: 15 }],
  ['claude-3-5-sonnet', { input: 3, output: 15 }],
  ['claude-3-5-haiku', { input: 0.8, output: 4 }],
  ['claude-3-haiku', { input: 0.25, output: 1.25 }],
  ['deepseek-chat', { input: 0.27, output: 1.1 }],
  ['deepseek-reasoner', { input: 0.55, output: 2.19 }],
];

export function listPrice(model: string): Price | undefined {
  // OpenRouter and similar name models `vendor/model`.
  const name = model.toLowerCase().replace(/^[\w.-]+\//, '');
  let best: [string, Price] | undefined;
  for (const entry of LIST_PRICES) {
    if (name.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}
