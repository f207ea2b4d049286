import { describe, expect, it } from 'vitest';
import { commitUrl } from '../../../extension/src/support/commit-link.js';

describe('commitUrl', () => {
  it('links commits on known forges over https only', () => {
    const sha = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d';
    expect(commitUrl('https://github.com/acme/shop.git', sha)).toBe(
      `https://github.com/acme/shop/commit/${sha}`,
    );
    expect(commitUrl('https://gitlab.com/acme/group/shop', sha)).toBe(
      `https://gitlab.com/acme/group/shop/-/commit/${sha}`,
    );
    expect(commitUrl('git@github.com:acme/shop.git', sha)).toBeUndefined();
    expect(commitUrl('https://git.internal.example/shop.git', sha)).toBeUndefined();
    expect(commitUrl('https://github.com/acme/shop', 'not a sha')).toBeUndefined();
  });
});
