/**
 * Answers kept in a local SQLite database, so that reviewing unchanged code again costs nothing.
 * The key is a hash of everything that shapes an answer: provider, base URL, model, the full
 * prompt (which holds the code), the parameters and the sample number. API keys are never part
 * of it, and the database holds only the key hash, the model name, the answer and its token counts.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatAnswer, ChatRequest } from './providers/types.js';

export const CACHE_FILE = 'llm-answers.sqlite';
/** Bumped when the way answers are asked for changes in a way the prompt text does not show. */
const SCHEMA = 1;

export interface CacheKeyParts {
  engine: string;
  baseURL: string;
  request: ChatRequest;
  sample: number;
}

export function cacheKey(parts: CacheKeyParts): string {
  return createHash('sha256')
    .update(JSON.stringify({ schema: SCHEMA, engine: parts.engine, baseURL: parts.baseURL, request: parts.request, sample: parts.sample }))
    .digest('hex');
}

export class AnswerCache {
  private constructor(private readonly db: Database.Database) {}

  /** Opens (creating when needed) the cache in `dir`. Throws when the folder or file cannot be used. */
  static open(dir: string): AnswerCache {
    mkdirSync(dir, { recursive: true });
    const db = new Database(join(dir, CACHE_FILE));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS answers (
      key TEXT PRIMARY KEY,
      engine TEXT NOT NULL,
      answer TEXT NOT NULL,
      input_tokens INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL,
      truncated INTEGER NOT NULL,
      created TEXT NOT NULL
    )`);
    return new AnswerCache(db);
  }

  get(key: string): ChatAnswer | undefined {
    const row = this.db.prepare('SELECT answer, input_tokens, output_tokens, truncated FROM answers WHERE key = ?').get(key) as
      | { answer: string; input_tokens: number; output_tokens: number; truncated: number }
      | undefined;
    return row ? { text: row.answer, inputTokens: row.input_tokens, outputTokens: row.output_tokens, truncated: row.truncated === 1 } : undefined;
  }

  put(key: string, engine: string, answer: ChatAnswer): void {
    this.db
      .prepare('INSERT OR REPLACE INTO answers (key, engine, answer, input_tokens, output_tokens, truncated, created) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(key, engine, answer.text, answer.inputTokens, answer.outputTokens, answer.truncated ? 1 : 0, new Date().toISOString());
  }

  get size(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM answers').get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
