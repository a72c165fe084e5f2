/**
 * printf and scanf format strings, read the way the C library reads them, and the most
 * characters each printf conversion can produce.
 */

export interface Conversion {
  /** The directive as written, e.g. `%-10.5s`. */
  text: string;
  /** The conversion letter: `s`, `d`, `[` … */
  conversion: string;
  flags: string;
  /** Length modifier: `h`, `hh`, `l`, `ll`, `j`, `z`, `t`, `L`. */
  length: string;
  /** Minimum field width (printf) or maximum field width (scanf); `arg` for `*`. */
  width?: number | 'arg';
  precision?: number | 'arg';
  /** Variadic argument positions (0-based, after the format) of `*` width, `*` precision and the value. */
  widthArg?: number;
  precisionArg?: number;
  arg?: number;
  /** scanf `%*s`: read and discarded. */
  suppressed: boolean;
  /** scanf `%ms` / `%as`: the library allocates the buffer. */
  allocates: boolean;
}

export interface ParsedFormat {
  conversions: Conversion[];
  /** Characters of the format that are copied as they are (`%%` counts as one). */
  literalLength: number;
}

const PRINTF_CONVERSION = /%(?:(\d+)\$)?([-+ #0'I]*)(\*(?:\d+\$)?|\d+)?(?:\.(\*(?:\d+\$)?|\d*))?(hh|h|ll|l|j|z|t|L|q|I64|I32|w)?([diouxXeEfFgGaAcspnCSm%])/y;

/** Parses a printf format; undefined when it holds a directive the C library would not accept. */
export function parsePrintfFormat(format: string): ParsedFormat | undefined {
  const conversions: Conversion[] = [];
  let literalLength = 0;
  let next = 0;
  for (let i = 0; i < format.length; ) {
    if (format[i] !== '%') {
      literalLength++;
      i++;
      continue;
    }
    PRINTF_CONVERSION.lastIndex = i;
    const m = PRINTF_CONVERSION.exec(format);
    if (!m) return undefined;
    i += m[0].length;
    const [, position, flags, width, precision, length = '', conversion] = m;
    if (conversion === '%') {
      literalLength++;
      continue;
    }
    const c: Conversion = { text: m[0], conversion, flags, length, suppressed: false, allocates: false };
    if (width?.startsWith('*')) {
      c.width = 'arg';
      c.widthArg = width.length > 1 ? Number(width.slice(1, -1)) - 1 : next++;
    } else if (width) {
      c.width = Number(width);
    }
    if (precision !== undefined) {
      if (precision.startsWith('*')) {
        c.precision = 'arg';
        c.precisionArg = precision.length > 1 ? Number(precision.slice(1, -1)) - 1 : next++;
      } else {
        c.precision = precision === '' ? 0 : Number(precision);
      }
    }
    if (conversion !== 'm') c.arg = position ? Number(position) - 1 : next++;
    conversions.push(c);
  }
  return { conversions, literalLength };
}

const SCANF_CONVERSION = /%(?:(\d+)\$)?(\*)?(m)?(\d+)?(hh|h|ll|l|j|z|t|L|q)?([diouxXaAeEfFgGcspn%]|\[\^?\]?[^\]]*\])/y;

/** Parses a scanf format; undefined when a directive does not parse. */
export function parseScanfFormat(format: string): Conversion[] | undefined {
  const conversions: Conversion[] = [];
  let next = 0;
  for (let i = 0; i < format.length; ) {
    if (format[i] !== '%') {
      i++;
      continue;
    }
    SCANF_CONVERSION.lastIndex = i;
    const m = SCANF_CONVERSION.exec(format);
    if (!m) return undefined;
    i += m[0].length;
    const [, position, star, alloc, width, length = '', conversion] = m;
    if (conversion === '%') continue;
    const c: Conversion = {
      text: m[0],
      conversion: conversion[0],
      flags: '',
      length,
      suppressed: star === '*',
      allocates: alloc === 'm',
      ...(width ? { width: Number(width) } : {}),
    };
    if (!c.suppressed) c.arg = position ? Number(position) - 1 : next++;
    conversions.push(c);
  }
  return conversions;
}

/** Digits a value of this length modifier prints in `base`, at most (a signed one has a bit less). */
function maxDigits(length: string, base: 8 | 10 | 16, signed = false): number {
  const bits = (length === 'hh' ? 8 : length === 'h' ? 16 : length === '' || length === 'I32' ? 32 : 64) - (signed ? 1 : 0);
  return Math.ceil((bits * Math.log(2)) / Math.log(base) - 1e-9);
}

/**
 * The most characters a numeric, character or pointer conversion can print, or undefined for
 * conversions without a practical bound (floating point in %f, strings: the caller decides).
 */
export function maxNumericWidth(c: Conversion): number | undefined {
  let body: number | undefined;
  switch (c.conversion) {
    case 'd':
    case 'i':
      body = maxDigits(c.length, 10, true) + 1;
      break;
    case 'u':
      body = maxDigits(c.length, 10);
      break;
    case 'x':
    case 'X':
      body = maxDigits(c.length, 16) + (c.flags.includes('#') ? 2 : 0);
      break;
    case 'o':
      body = maxDigits(c.length, 8) + (c.flags.includes('#') ? 1 : 0);
      break;
    case 'c':
    case 'C':
      body = 1;
      break;
    case 'p':
      body = 18;
      break;
    case 'e':
    case 'E': {
      const precision = typeof c.precision === 'number' ? c.precision : c.precision === undefined ? 6 : undefined;
      body = precision === undefined ? undefined : precision + (c.length === 'L' ? 9 : 8);
      break;
    }
    case 'n':
      body = 0;
      break;
    default:
      return undefined;
  }
  if (body === undefined) return undefined;
  if (typeof c.precision === 'number' && 'diouxX'.includes(c.conversion)) body = Math.max(body, c.precision + 1);
  if (c.flags.includes("'")) body += Math.floor(body / 3);
  return typeof c.width === 'number' ? Math.max(body, c.width) : c.width === 'arg' ? undefined : body;
}
