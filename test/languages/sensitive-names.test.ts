import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameWords, sensitiveCallableKind, sensitiveKind } from '../../src/languages/sensitive-names.js';

describe('sensitive names', () => {
  it('splits snake, camel, upper and digit-suffixed names into words', () => {
    assert.deepEqual(nameWords('apiKey'), ['api', 'key']);
    assert.deepEqual(nameWords('AWS_SECRET_ACCESS_KEY'), ['aws', 'secret', 'access', 'key']);
    assert.deepEqual(nameWords('HTTPAuthToken2'), ['http', 'auth', 'token']);
  });

  it('judges a name by its head noun', () => {
    const cases: Record<string, string | undefined> = {
      db_password: 'password',
      smtp_pass: 'password',
      SECRET_KEY: 'credential',
      apiKey: 'credential',
      csrf_token: 'credential',
      session_id: 'credential',
      rememberMeKey: 'credential',
      remember_token: 'credential',
      salt: 'unpredictable',
      reset_code: 'unpredictable',
      password_length: undefined,
      token_url: undefined,
      next_token: undefined,
      pad_token: undefined,
      first_pass: undefined,
      sort_key: undefined,
      key: undefined,
      public_key: undefined,
      secrets: undefined,
    };
    for (const [name, kind] of Object.entries(cases)) assert.equal(sensitiveKind(name), kind, name);
  });

  it('finds the noun of a function name followed by a complement', () => {
    assert.equal(sensitiveCallableKind('generate_token_for_user'), 'credential');
    assert.equal(sensitiveCallableKind('set_password'), 'password');
    assert.equal(sensitiveCallableKind('shuffle_deck'), undefined);
  });
});
