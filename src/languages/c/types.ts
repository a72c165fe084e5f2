/**
 * The C and C++ scalar types the checks reason about: their size in bytes and their range, for
 * sizeof, for integer overflow and for the values a read from input can take. LP64 (Linux,
 * macOS), the data model of the code bases reviewed most.
 */
import type { VarDecl } from '../../analysis/ir.js';
import { ownString } from '../../core/memory.js';

export interface IntType {
  bits: number;
  signed: boolean;
}

const INT = { bits: 32, signed: true };
const UINT = { bits: 32, signed: false };
const LONG = { bits: 64, signed: true };
const ULONG = { bits: 64, signed: false };

const NAMED: Record<string, IntType> = {
  char: { bits: 8, signed: true },
  'signed char': { bits: 8, signed: true },
  'unsigned char': { bits: 8, signed: false },
  short: { bits: 16, signed: true },
  'short int': { bits: 16, signed: true },
  'unsigned short': { bits: 16, signed: false },
  'unsigned short int': { bits: 16, signed: false },
  int: INT,
  signed: INT,
  'signed int': INT,
  unsigned: UINT,
  'unsigned int': UINT,
  long: LONG,
  'long int': LONG,
  'unsigned long': ULONG,
  'unsigned long int': ULONG,
  'long long': LONG,
  'long long int': LONG,
  'unsigned long long': ULONG,
  'unsigned long long int': ULONG,
  bool: { bits: 8, signed: false },
  _Bool: { bits: 8, signed: false },
  wchar_t: INT,
  int8_t: { bits: 8, signed: true },
  uint8_t: { bits: 8, signed: false },
  u_char: { bits: 8, signed: false },
  u8: { bits: 8, signed: false },
  int16_t: { bits: 16, signed: true },
  uint16_t: { bits: 16, signed: false },
  u_short: { bits: 16, signed: false },
  u16: { bits: 16, signed: false },
  int32_t: INT,
  uint32_t: UINT,
  u_int: UINT,
  u32: UINT,
  pid_t: INT,
  uid_t: UINT,
  gid_t: UINT,
  mode_t: UINT,
  sig_atomic_t: INT,
  int64_t: LONG,
  uint64_t: ULONG,
  u64: ULONG,
  size_t: ULONG,
  'std::size_t': ULONG,
  ssize_t: LONG,
  off_t: LONG,
  ptrdiff_t: LONG,
  intptr_t: LONG,
  uintptr_t: ULONG,
  time_t: LONG,
  socklen_t: UINT,
};

const FLOATS = new Set(['float', 'double', 'long double']);

/** `const unsigned int` -> `unsigned int`; `struct  node` -> `struct node`. */
const bases = new Map<string, string>();

export function baseType(type: string): string {
  let base = bases.get(type);
  if (base === undefined) bases.set(ownString(type), (base = strip(type)));
  return base;
}

function strip(type: string): string {
  return type
    .replace(/\b(?:const|volatile|static|extern|register|inline|restrict|__restrict|mutable|constexpr|thread_local|_Atomic)\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function intType(type: string): IntType | undefined {
  return NAMED[baseType(type)];
}

export function isFloatType(type: string): boolean {
  return FLOATS.has(baseType(type));
}

/** The integer type of a declared variable, or undefined for pointers, arrays, floats and aggregates. */
export function declIntType(d: VarDecl | undefined): IntType | undefined {
  if (!d || d.ptr > 0 || (d.dims && d.dims.length > 0)) return undefined;
  return intType(d.type);
}

export function intRange(t: IntType): [number, number] {
  if (t.signed) return [-(2 ** (t.bits - 1)), 2 ** (t.bits - 1) - 1];
  return [0, 2 ** t.bits - 1];
}

/** C's integer promotions and usual arithmetic conversions, on the two operand types. */
export function arithmeticResult(a: IntType | undefined, b: IntType | undefined): IntType | undefined {
  if (!a || !b) return a ?? b ? promote((a ?? b)!) : undefined;
  const x = promote(a);
  const y = promote(b);
  if (x.bits !== y.bits) {
    const [wide, narrow] = x.bits > y.bits ? [x, y] : [y, x];
    return wide.signed && !narrow.signed && wide.bits === narrow.bits ? { bits: wide.bits, signed: false } : wide;
  }
  return { bits: x.bits, signed: x.signed && y.signed };
}

export function promote(t: IntType): IntType {
  return t.bits < 32 ? INT : t;
}

const POINTER_SIZE = 8;

/** sizeof a scalar type by name; undefined when not a scalar this table knows. */
export function scalarSize(type: string): number | undefined {
  const base = baseType(type);
  const t = NAMED[base];
  if (t) return t.bits / 8;
  if (base === 'float') return 4;
  if (base === 'double') return 8;
  if (base === 'long double') return 16;
  return undefined;
}

export { POINTER_SIZE };
