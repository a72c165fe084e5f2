import type { Rule } from '../types.js';
import { commandInjection } from './command-injection.js';
import { evalInjection } from './eval-injection.js';

export const pythonRules: Rule[] = [commandInjection, evalInjection];
