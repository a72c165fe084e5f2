import { basename, extname } from 'node:path';

export const LANGUAGES = ['python', 'c', 'cpp'] as const;
export type Language = (typeof LANGUAGES)[number];

const BY_EXTENSION: Record<string, Language> = {
  '.py': 'python',
  '.pyw': 'python',
  '.pyi': 'python',
  '.c': 'c',
  '.h': 'c',
  '.cc': 'cpp',
  '.cpp': 'cpp',
  '.cxx': 'cpp',
  '.c++': 'cpp',
  '.hh': 'cpp',
  '.hpp': 'cpp',
  '.hxx': 'cpp',
  '.h++': 'cpp',
  '.ipp': 'cpp',
  '.inl': 'cpp',
};

/** Language by extension; `head` (the file's first bytes) lets a shebang decide for extensionless scripts. */
export function detectLanguage(path: string, head?: string): Language | undefined {
  const byExt = BY_EXTENSION[extname(path).toLowerCase()];
  if (byExt) return byExt;
  if (extname(basename(path)) !== '' || head === undefined) return undefined;
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(head);
  if (!shebang) return undefined;
  const interpreter = basename(shebang[1] === '/usr/bin/env' || shebang[1].endsWith('/env') ? shebang[2] ?? '' : shebang[1]);
  return /^python[0-9.]*$/.test(interpreter) ? 'python' : undefined;
}

/** Extensions of files we can review, for discovery's cheap first filter. */
export function hasKnownExtension(path: string): boolean {
  return extname(path).toLowerCase() in BY_EXTENSION;
}
