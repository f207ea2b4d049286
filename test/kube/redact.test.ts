import { describe, expect, it } from 'vitest';
import { redactionPatterns, redactText } from '../../backend/src/kube/redact.js';

describe('redactText', () => {
  const masked: [string, string, string][] = [
    [
      'PEM private key block',
      'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
      'MIIEow',
    ],
    [
      'JSON Web Token',
      'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl rejected',
      'eyJzdWIiOiIxMjM0In0',
    ],
    [
      'Authorization header value (Bearer, Basic, token)',
      'Authorization: Bearer abcdefghijklmnop',
      'abcdefghijklmnop',
    ],
    [
      'password in a URL (scheme://user:password@host)',
      'dial postgres://app:supersecret@db:5432/app',
      'supersecret',
    ],
    [
      'GitHub, GitLab and Slack tokens; AWS access key ids',
      'using ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'ghp_abcdef',
    ],
    [
      'key=value or key:value where the key names a secret',
      'connecting with DB_PASSWORD=hunter2 now',
      'hunter2',
    ],
    [
      'key: value where the key names a secret and the value looks generated',
      'client_secret: Zq8-Kx_9',
      'Zq8-Kx_9',
    ],
  ];

  it('has an example for every pattern', () => {
    expect(masked.map(([name]) => name).sort()).toEqual(redactionPatterns.map(({ name }) => name).sort());
  });

  for (const [name, text, secret] of masked) {
    it(`masks a ${name}`, () => {
      const result = redactText(text);
      expect(result).not.toContain(secret);
      expect(result).toContain('****');
    });
  }

  const kept = [
    'failed to fetch anonymous token: unexpected status: 401 Unauthorized',
    'secret "db-creds" not found',
    "couldn't find key password in Secret shop/db",
    'Pulling image "registry.example.com/shop/web@sha256:0c54fa814297d98b4d4e3dd421fa83399f259ef797713ceb0aba906401c4c815"',
    'Back-off restarting failed container web in pod web-5c9f_shop(43d2275a-8484-4978-b00f-e03352cc74f2)',
  ];
  for (const text of kept) {
    it(`leaves ordinary diagnostics alone: ${text.slice(0, 40)}`, () => {
      expect(redactText(text)).toBe(text);
    });
  }
});
