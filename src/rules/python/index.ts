import type { Rule } from '../types.js';
import { evalInjection } from './eval-injection.js';

export const pythonRules: Rule[] = [evalInjection];
