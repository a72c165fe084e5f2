/**
 * Values of C and C++ literals as the compiler sees them. Narrow strings decode to one JS char
 * per byte (so `.length` is the byte count a buffer must hold, without the terminator); wide and
 * UTF-16/32 strings decode to one char per code unit of their element type.
 */
import type { SyntaxNode } from '../parse.js';

export interface StringValue {
  text: string;
  /** L"", u"", U"": elements wider than a byte. */
  wide: boolean;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, "'": 39, '"': 34, '?': 63,
};

/** Decodes a `string_literal`, `raw_string_literal` or `char_literal` node. */
export function decodeStringLiteral(node: SyntaxNode): StringValue {
  const prefix = /^(u8|u|U|L)?R?["']/.exec(node.text)?.[1] ?? '';
  const wide = prefix === 'L' || prefix === 'u' || prefix === 'U';
  if (node.type === 'raw_string_literal') {
    const content = node.namedChildren.find((c) => c.type === 'raw_string_content')?.text ?? '';
    return { text: wide ? content : utf8Bytes(content), wide };
  }
  let text = '';
  for (const part of node.namedChildren) {
    if (part.type === 'escape_sequence') text += decodeEscape(part.text, wide);
    else if (part.type === 'string_content' || part.type === 'character') text += wide ? part.text : utf8Bytes(part.text);
  }
  return { text, wide };
}

function decodeEscape(escape: string, wide: boolean): string {
  const body = escape.slice(1);
  const simple = SIMPLE_ESCAPES[body];
  if (simple !== undefined) return String.fromCharCode(simple);
  if (/^[0-7]{1,3}$/.test(body)) return String.fromCharCode(parseInt(body, 8) & 0xff);
  if (/^x[0-9a-fA-F]+$/.test(body)) return String.fromCharCode(parseInt(body.slice(1), 16) & (wide ? 0xffff : 0xff));
  if (/^[uU][0-9a-fA-F]+$/.test(body)) {
    const ch = String.fromCodePoint(parseInt(body.slice(1), 16));
    return wide ? ch : utf8Bytes(ch);
  }
  return body;
}

function utf8Bytes(s: string): string {
  // Plain ASCII is the common case and already one char per byte.
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  return Buffer.from(s, 'utf8').toString('latin1');
}

/** An integer literal's value (suffixes and digit separators allowed); undefined for floating literals. */
export function parseIntegerLiteral(text: string): number | undefined {
  const negative = text.startsWith('-');
  const t = text.replace(/^[-+]/, '').replace(/'/g, '').replace(/(?:[uU](?:ll|LL|l|L|z|Z)?|(?:ll|LL|l|L|z|Z)[uU]?)$/, '');
  let value: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) value = parseInt(t.slice(2), 16);
  else if (/^0[bB][01]+$/.test(t)) value = parseInt(t.slice(2), 2);
  else if (/^0[0-7]*$/.test(t)) value = parseInt(t, 8);
  else if (/^[1-9][0-9]*$/.test(t)) value = parseInt(t, 10);
  else return undefined;
  return Number.isSafeInteger(value) ? (negative ? -value : value) : undefined;
}

/** The numeric value of a `char_literal` ('a', '\n', L'x'). */
export function charLiteralValue(node: SyntaxNode): number | undefined {
  const { text } = decodeStringLiteral(node);
  return text.length === 1 ? text.charCodeAt(0) : undefined;
}
