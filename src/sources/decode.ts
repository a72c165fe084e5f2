/**
 * Bytes to text for review. Source is UTF-8 unless it says otherwise (a UTF-16 byte-order mark,
 * a Python coding cookie). Text that is not valid in its encoding is still reviewed, with U+FFFD
 * for the bad bytes, and the first bad byte is reported: losing a file's findings over one stray
 * byte in a comment would be worse than the noise.
 */
import type { Language } from '../languages/language.js';

export type Decoded =
  | { binary: true }
  | { binary: false; text: string; problem?: { message: string; line?: number } };

// Like git, a NUL byte in the first 8 KB means binary; a high share of other control bytes too.
const SAMPLE_BYTES = 8192;
const MAX_CONTROL_SHARE = 0.1;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

export function decodeSource(bytes: Uint8Array, language: Language): Decoded {
  const utf16 = utf16ByteOrder(bytes);
  if (utf16) return { binary: false, text: new TextDecoder(utf16).decode(bytes) };
  if (looksBinary(bytes)) return { binary: true };
  let unsupported = '';
  const cookie = language === 'python' ? pythonCodingCookie(bytes) : undefined;
  if (cookie && !/^utf-?8(?:-sig)?$/.test(cookie)) {
    const encoding = encodingFor(cookie);
    if (encoding) return decodeDeclared(bytes, encoding, cookie);
    unsupported = `coding cookie "${cookie}" is not supported, decoded as UTF-8; `;
  }
  try {
    // The decoder strips a UTF-8 byte-order mark.
    return { binary: false, text: utf8Strict.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return {
      binary: false,
      text: utf8Lenient.decode(bytes),
      problem: {
        message: `${unsupported}invalid UTF-8 at byte offset ${offset}, reviewed with replacement characters`,
        line: lineAt(bytes, offset),
      },
    };
  }
}

function decodeDeclared(bytes: Uint8Array, encoding: string, cookie: string): Decoded {
  try {
    return { binary: false, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    const message = `not valid ${cookie} as its coding cookie declares, reviewed with replacement characters`;
    return { binary: false, text: new TextDecoder(encoding).decode(bytes), problem: { message } };
  }
}

function utf16ByteOrder(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    // Tab, line feed, vertical tab, form feed, carriage return and escape occur in text.
    if ((b < 0x20 && (b < 0x09 || b > 0x0d) && b !== 0x1b) || b === 0x7f) control++;
  }
  return control > sample.length * MAX_CONTROL_SHARE;
}

/**
 * PEP 263: `coding[:=]name` in a comment on line 1, or on line 2 below a comment or blank line.
 * Returned lower-case with `_` as `-`, the way both Python and the WHATWG labels spell most names.
 */
function pythonCodingCookie(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  const [first = '', second] = head.split(/\r\n|\r|\n/, 2);
  const cookie = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
  const found = cookie.exec(first) ?? (second !== undefined && /^[ \t\f]*(?:#.*)?$/.test(first) ? cookie.exec(second) : null);
  return found?.[1].toLowerCase().replace(/_/g, '-');
}

/** The WHATWG encoding TextDecoder knows for a cookie, if any. */
function encodingFor(cookie: string): string | undefined {
  // Python's spelling of latin-1 is not a WHATWG label.
  const label = cookie === 'latin-1' ? 'latin1' : cookie;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode 15, table 3-7), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let trailing: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) trailing = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      trailing = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      trailing = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + trailing >= b.length || b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k <= trailing; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += trailing + 1;
  }
  return -1;
}

/** 1-based line of a byte offset, counting line breaks as splitLines does (\r\n, \r, \n). */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) line++;
    else if (bytes[i] === 0x0d) {
      line++;
      if (bytes[i + 1] === 0x0a) i++;
    }
  }
  return line;
}
