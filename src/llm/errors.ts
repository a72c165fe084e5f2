/** A failed model request, already reduced to one line that is safe to print. */
export type LlmErrorKind = 'auth' | 'not-found' | 'bad-request' | 'rate-limit' | 'server' | 'timeout' | 'network' | 'aborted' | 'other';

export class LlmError extends Error {
  override name = 'LlmError';
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    /** Worth trying again after a pause (429, 5xx, timeouts, dropped connections). */
    readonly retryable: boolean,
    /** Every other request would fail the same way (bad key, unknown model): stop the whole run. */
    readonly fatal: boolean,
    /** The server asked for this pause before the next attempt. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

interface HttpErrorShape {
  status?: number;
  headers?: Headers | Record<string, string>;
  message: string;
}

/** Reads an SDK's HTTP error (both SDKs share this shape) into an LlmError. */
export function httpError(err: HttpErrorShape, timeoutMs: number, where: string): LlmError {
  const status = err.status ?? 0;
  const detail = serverDetail(err.message);
  if (status === 401) return new LlmError('auth', `authentication failed (HTTP 401) at ${where}: check the API key`, false, true);
  if (status === 403) return new LlmError('auth', `permission denied (HTTP 403) at ${where}${detail}`, false, true);
  if (status === 404) return new LlmError('not-found', `model or endpoint not found (HTTP 404) at ${where}: check --model and --base-url${detail}`, false, true);
  if (status === 408) return new LlmError('timeout', `the server timed out the request (HTTP 408)`, true, false, retryAfter(err.headers));
  if (status === 429) return new LlmError('rate-limit', `rate limited (HTTP 429)${detail}`, true, false, retryAfter(err.headers));
  if (status >= 500) return new LlmError('server', `server error (HTTP ${status})${detail}`, true, false, retryAfter(err.headers));
  if (status >= 400) return new LlmError('bad-request', `request rejected (HTTP ${status})${detail}`, false, false);
  return new LlmError('other', `unexpected answer from ${where}${detail} (request timeout ${timeoutMs} ms)`, false, false);
}

/** The server's own words, shortened: they say what was wrong (context too long, unknown model …). */
function serverDetail(message: string): string {
  let text = message.replace(/^\d{3}\s*/, '').replace(/\s+/g, ' ').trim();
  // Some SDKs put the raw error body in the message; its `message` field is the readable part.
  const inner = /"message"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text);
  if (inner) text = inner[1];
  if (!text || /^status code/i.test(text)) return '';
  return `: ${text.length > 160 ? text.slice(0, 157) + '…' : text}`;
}

function retryAfter(headers: HttpErrorShape['headers']): number | undefined {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers?.[name]) ?? undefined;
  const ms = Number(get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && get('retry-after-ms') !== undefined) return ms;
  const value = get('retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
