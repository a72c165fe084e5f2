/** Every Python data-flow rule, one per sink class. */
import { taintCommandInjection } from './taint-command-injection.js';
import type { TaintRule } from './taint-rule.js';
import { taintSqlInjection } from './taint-sql-injection.js';

export const pythonTaintRules: TaintRule[] = [
  taintCommandInjection,
  taintSqlInjection,
];
