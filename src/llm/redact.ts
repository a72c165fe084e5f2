/**
 * Keeps secrets out of everything secreview writes. Servers echo keys back in error bodies
 * ("Incorrect API key provided: sk-…"), and base URLs can carry credentials; every message that
 * leaves the LLM engine passes through here.
 */
const KEY_SHAPES = [
  /\b(?:sk|pk|rk)-[A-Za-z0-9_*-]{8,}/g, // OpenAI, Anthropic (sk-ant-…), DeepSeek, OpenRouter (sk-or-…)
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(?:api[_-]?key|x-api-key|authorization)\s*[:=]\s*["']?[^\s"',;]{8,}/gi,
];

export function redact(text: string, secrets: Array<string | undefined>): string {
  const known = secrets.filter((s): s is string => s !== undefined && s.length >= 4);
  let out = text;
  for (const secret of known) out = out.split(secret).join('[redacted]');
  for (const shape of KEY_SHAPES) out = out.replace(shape, '[redacted]');
  // Servers often echo a key partly masked, its first and last characters around asterisks.
  for (const secret of known) if (secret.length >= 12) out = out.split(secret.slice(-6)).join('[redacted]');
  return out;
}

/** A base URL fit for messages: no user, password, query or fragment. */
export function displayURL(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, '')}`;
  } catch {
    return '(invalid URL)';
  }
}
