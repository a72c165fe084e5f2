import { taintRule } from './taint-rule.js';

export const taintCookieFlags = taintRule('cookie', {
  id: 'py/taint-cookie-flags',
  title: 'Session cookie without Secure or HttpOnly',
  cwe: 614,
  defectType: 'improper-access',
  severity: 'medium',
  confidence: 'high',
  description: 'A cookie that carries a session or credential is set without `secure=True` (so it is also sent over plain HTTP) or without `httponly=True` (so scripts injected into the page can read it).',
  solution: 'Set session and credential cookies with secure=True, httponly=True and samesite="Lax" (or "Strict").',
});
