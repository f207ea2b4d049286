import { describe, expect, it } from 'vitest';
import { whyNot } from '../../../extension/src/support/permissions.js';
import { ADMIN, READ_ONLY } from '../harness/fixtures.js';

describe('whyNot', () => {
  it('says nothing when everything is allowed or nothing is known yet', () => {
    expect(whyNot({ data: ADMIN }, ['approve', 'reject'])).toBeUndefined();
    expect(whyNot({}, ['approve'])).toBeUndefined();
  });

  it('says approving and rejecting need the same permission once', () => {
    expect(whyNot({ data: READ_ONLY }, ['approve', 'reject'])).toBe(
      'You may not approve fixes for this app (Argo CD RBAC: applications, sync).',
    );
  });

  it('says permissions could not be checked when /me failed', () => {
    expect(whyNot({ error: new Error('The AI SRE backend failed.') }, ['propose'])).toMatch(
      /could not be checked/,
    );
  });
});
