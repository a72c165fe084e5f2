/**
 * A local stand-in for model APIs, on 127.0.0.1: it speaks OpenAI chat completions
 * (POST /v1/chat/completions) and Anthropic messages (POST /v1/messages) and replays what a test
 * scripts — answers, HTTP errors, garbage, truncation, or a request that never gets an answer.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply =
  | { answer: string; truncated?: boolean; inputTokens?: number; outputTokens?: number }
  | { status: number; body?: string; headers?: Record<string, string> }
  | { raw: string; contentType?: string }
  | { hang: true };

export interface RecordedRequest {
  api: 'openai' | 'anthropic';
  headers: IncomingMessage['headers'];
  body: {
    model?: string;
    system?: string;
    messages?: Array<{ role: string; content: string }>;
    max_tokens?: number;
    max_completion_tokens?: number;
    temperature?: number;
  };
  /** Everything the model was sent, system prompt and messages, as one text. */
  prompt: string;
}

export class FakeLlmServer {
  readonly requests: RecordedRequest[] = [];
  private script: (request: RecordedRequest, n: number) => Reply = () => ({ answer: 'No security defects are detected in the code.' });
  private server: Server;
  private port = 0;

  private constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(): Promise<FakeLlmServer> {
    const fake = new FakeLlmServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get openaiURL(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  get anthropicURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Replies in order; the last one repeats. */
  replies(...replies: Reply[]): this {
    this.script = (_, n) => replies[Math.min(n, replies.length - 1)];
    return this;
  }

  respond(script: (request: RecordedRequest, n: number) => Reply): this {
    this.script = script;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '').split('?')[0];
    const api = path.endsWith('/chat/completions') ? 'openai' : path.endsWith('/messages') ? 'anthropic' : undefined;
    if (req.method !== 'POST' || !api) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no such route"}}');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest['body'];
    const prompt = [body.system ?? '', ...(body.messages ?? []).map((m) => `${m.role}: ${m.content}`)].join('\n');
    const recorded: RecordedRequest = { api, headers: req.headers, body, prompt };
    const n = this.requests.length;
    this.requests.push(recorded);
    const reply = this.script(recorded, n);
    if ('hang' in reply) return;
    if ('raw' in reply) {
      res.writeHead(200, { 'content-type': reply.contentType ?? 'application/json' }).end(reply.raw);
      return;
    }
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(reply.body ?? JSON.stringify({ error: { message: STATUS_CODES[reply.status] ?? 'error' } }));
      return;
    }
    const input = reply.inputTokens ?? Math.ceil(prompt.length / 4);
    const output = reply.outputTokens ?? Math.ceil(reply.answer.length / 4);
    const json =
      api === 'openai'
        ? {
            id: `chatcmpl-${n}`,
            object: 'chat.completion',
            created: 0,
            model: body.model,
            choices: [{ index: 0, message: { role: 'assistant', content: reply.answer }, finish_reason: reply.truncated ? 'length' : 'stop' }],
            usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
          }
        : {
            id: `msg_${n}`,
            type: 'message',
            role: 'assistant',
            model: body.model,
            content: [{ type: 'text', text: reply.answer }],
            stop_reason: reply.truncated ? 'max_tokens' : 'end_turn',
            stop_sequence: null,
            usage: { input_tokens: input, output_tokens: output },
          };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
  }
}
