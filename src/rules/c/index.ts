import type { Rule } from '../types.js';
import { gets } from './gets.js';

export const cRules: Rule[] = [gets];
