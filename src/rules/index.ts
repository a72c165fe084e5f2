import type { Language } from '../languages/language.js';
import { cRules } from './c/index.js';
import { pythonRules } from './python/index.js';
import type { Rule } from './types.js';

export const ALL_RULES: readonly Rule[] = [...pythonRules, ...cRules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));

export function rulesFor(language: Language): Rule[] {
  return ALL_RULES.filter((r) => r.meta.languages.includes(language));
}
