/** Escaping for text that may come from anywhere, a model's prose or a file's code included. */

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]);
}

/**
 * Prose for markdown that GitHub renders: backtick code spans are kept (entities inside them
 * would show literally), while raw HTML outside them is neutralised so a finding's text can
 * neither inject markup nor close the comment's own `<details>`.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/(`+[^`]*?`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[&<>]/g, (ch) => HTML_ENTITIES[ch])))
    .join('');
}

/** A fence longer than any backtick run in `code`, so the code cannot end its own block. */
export function codeFence(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}
