/**
 * Values of standard-library constants that rules fold into numbers or strings, e.g. the
 * permission bits of `stat.S_IWOTH` in `os.chmod(path, stat.S_IRWXU | stat.S_IWOTH)`.
 */
import type { PyConstant } from './facts.js';

const STAT_MODES: Record<string, number> = {
  S_ISUID: 0o4000,
  S_ISGID: 0o2000,
  S_ISVTX: 0o1000,
  S_IRWXU: 0o700,
  S_IRUSR: 0o400,
  S_IWUSR: 0o200,
  S_IXUSR: 0o100,
  S_IREAD: 0o400,
  S_IWRITE: 0o200,
  S_IEXEC: 0o100,
  S_IRWXG: 0o070,
  S_IRGRP: 0o040,
  S_IWGRP: 0o020,
  S_IXGRP: 0o010,
  S_IRWXO: 0o007,
  S_IROTH: 0o004,
  S_IWOTH: 0o002,
  S_IXOTH: 0o001,
};

export const KNOWN_CONSTANTS: ReadonlyMap<string, PyConstant> = new Map<string, PyConstant>(
  Object.entries(STAT_MODES).map(([name, value]) => [`stat.${name}`, value]),
);
