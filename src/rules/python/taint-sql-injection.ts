import { taintRule } from './taint-rule.js';

export const taintSqlInjection = taintRule('sql', {
  id: 'py/taint-sql-injection',
  title: 'SQL query built from untrusted input',
  cwe: 89,
  defectType: 'sql-injection',
  severity: 'critical',
  confidence: 'high',
  description: 'Untrusted input is concatenated or formatted into an SQL statement, so an attacker can change the query: read or modify other rows, bypass checks, or run other statements.',
  solution: 'Use a parameterised query: keep the SQL text constant with placeholders and pass the values separately, e.g. cursor.execute("SELECT * FROM t WHERE id = %s", (user_id,)).',
});
