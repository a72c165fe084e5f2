/** Requests, tokens and money spent per model in one run, printed on stderr when the run ends. */
import { listPrice, type Price } from './pricing.js';

interface Row {
  requests: number;
  cached: number;
  retries: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  /** Runs locally: it costs nothing whatever its tokens. */
  local: boolean;
  price?: Price;
}

export class Tally {
  private readonly rows = new Map<string, Row>();

  private row(engine: string, local: boolean, price?: Price): Row {
    let row = this.rows.get(engine);
    if (!row) {
      row = { requests: 0, cached: 0, retries: 0, failures: 0, inputTokens: 0, outputTokens: 0, local, price };
      this.rows.set(engine, row);
    }
    return row;
  }

  /** Registers a model before its first request, so that even a run whose requests all fail shows it. */
  model(engine: string, model: string, local: boolean, price?: Price): void {
    this.row(engine, local, price ?? listPrice(model));
  }

  answered(engine: string, inputTokens: number, outputTokens: number): void {
    const row = this.row(engine, false);
    row.requests++;
    row.inputTokens += inputTokens;
    row.outputTokens += outputTokens;
  }

  fromCache(engine: string): void {
    this.row(engine, false).cached++;
  }

  retried(engine: string): void {
    this.row(engine, false).retries++;
  }

  failed(engine: string): void {
    this.row(engine, false).failures++;
  }

  get isEmpty(): boolean {
    return this.rows.size === 0;
  }

  /** Dollars spent, or undefined when a model's price is unknown. */
  cost(engine: string): number | undefined {
    const row = this.rows.get(engine);
    if (!row) return 0;
    if (row.local) return 0;
    if (!row.price) return undefined;
    return (row.inputTokens * row.price.input + row.outputTokens * row.price.output) / 1e6;
  }

  /** One line per model, e.g. `llm openai/gpt-4o: 3 requests, 2 from cache, 4,210 input + 610 output tokens, $0.0166`. */
  lines(): string[] {
    return [...this.rows.entries()].map(([engine, row]) => {
      const parts = [`${row.requests} request${row.requests === 1 ? '' : 's'}`];
      if (row.cached) parts.push(`${row.cached} from cache`);
      if (row.retries) parts.push(`${row.retries} retried`);
      if (row.failures) parts.push(`${row.failures} failed`);
      parts.push(`${row.inputTokens.toLocaleString('en-US')} input + ${row.outputTokens.toLocaleString('en-US')} output tokens`);
      const cost = this.cost(engine);
      parts.push(row.local ? 'no cost (local model)' : cost === undefined ? 'cost unknown (no price for this model)' : `$${cost.toFixed(4)}`);
      return `${engine.replace(/^llm:/, 'llm ')}: ${parts.join(', ')}`;
    });
  }
}
