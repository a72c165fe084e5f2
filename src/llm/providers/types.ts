/** What the engine needs from a model API: one chat turn in, one answer out. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  system: string;
  messages: ChatMessage[];
  maxTokens: number;
  /** Undefined: the model's default (some models accept no other). */
  temperature?: number;
}

export interface ChatAnswer {
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** The answer stopped at the token limit; what came before the cut is still in `text`. */
  truncated: boolean;
}

export interface ChatProvider {
  /** One attempt; failures are thrown as LlmError with a printable, key-free message. */
  complete(request: ChatRequest): Promise<ChatAnswer>;
}
