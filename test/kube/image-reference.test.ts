import { describe, expect, it } from 'vitest';
import {
  formatImageReference,
  type ImageReference,
  parseImageReference,
} from '../../backend/src/kube/image-reference.js';

const DIGEST = 'sha256:618946615aad3e39a97e3ae783009ae13da7d0fd15118c0c6fb345aa3bbb0b37';

describe('parseImageReference', () => {
  const cases: { text: string; expected: ImageReference }[] = [
    {
      text: 'nginx',
      expected: { registry: 'docker.io', repository: 'library/nginx', familiar: true },
    },
    {
      text: 'nginx:1.27-alpine',
      expected: { registry: 'docker.io', repository: 'library/nginx', tag: '1.27-alpine', familiar: true },
    },
    {
      text: 'bitnami/redis:7.2',
      expected: { registry: 'docker.io', repository: 'bitnami/redis', tag: '7.2', familiar: true },
    },
    {
      text: 'docker.io/nginx:1.27',
      expected: { registry: 'docker.io', repository: 'library/nginx', tag: '1.27', familiar: false },
    },
    {
      text: 'index.docker.io/library/nginx',
      expected: { registry: 'docker.io', repository: 'library/nginx', familiar: false },
    },
    {
      text: 'registry-a.example.com/shop/web:1.4.2',
      expected: { registry: 'registry-a.example.com', repository: 'shop/web', tag: '1.4.2', familiar: false },
    },
    {
      text: 'registry.example.com:5000/team/sub/app:v2',
      expected: {
        registry: 'registry.example.com:5000',
        repository: 'team/sub/app',
        tag: 'v2',
        familiar: false,
      },
    },
    {
      text: 'localhost/app',
      expected: { registry: 'localhost', repository: 'app', familiar: false },
    },
    {
      text: 'localhost:5000/app:dev',
      expected: { registry: 'localhost:5000', repository: 'app', tag: 'dev', familiar: false },
    },
    {
      text: 'registry:5000/app',
      expected: { registry: 'registry:5000', repository: 'app', familiar: false },
    },
    {
      text: 'MyRegistry/app',
      expected: { registry: 'MyRegistry', repository: 'app', familiar: false },
    },
    {
      text: `ghcr.io/acme/api@${DIGEST}`,
      expected: { registry: 'ghcr.io', repository: 'acme/api', digest: DIGEST, familiar: false },
    },
    {
      text: `ghcr.io/acme/api:2.0.1@${DIGEST}`,
      expected: {
        registry: 'ghcr.io',
        repository: 'acme/api',
        tag: '2.0.1',
        digest: DIGEST,
        familiar: false,
      },
    },
    {
      text: '[2001:db8::1]:5000/app:1',
      expected: { registry: '[2001:db8::1]:5000', repository: 'app', tag: '1', familiar: false },
    },
    {
      text: 'quay.io/prometheus/node-exporter:v1.8.2',
      expected: {
        registry: 'quay.io',
        repository: 'prometheus/node-exporter',
        tag: 'v1.8.2',
        familiar: false,
      },
    },
    {
      text: 'my_org/my__app',
      expected: { registry: 'docker.io', repository: 'my_org/my__app', familiar: true },
    },
  ];

  it.each(cases)('parses $text', ({ text, expected }) => {
    expect(parseImageReference(text)).toEqual(expected);
  });

  it.each([
    ['an upper-case repository', 'registry.example.com/Shop/web:1.0'],
    ['an upper-case single name', 'Nginx'],
    ['an empty string', ''],
    ['a tag with a character tags cannot hold', 'nginx:1.0!'],
    ['a tag longer than 128 characters', `nginx:${'a'.repeat(129)}`],
    ['a tag starting with a dot', 'nginx:.hidden'],
    ['a short digest', 'nginx@sha256:abc'],
    ['a trailing slash', 'registry.example.com/shop/'],
    ['a double slash', 'registry.example.com//web'],
    ['a leading separator in a path component', 'shop/-web'],
    ['a bare 64-hex image id', 'a'.repeat(64)],
    ['a name longer than 255 characters', `registry.example.com/${'a'.repeat(240)}`],
    ['spaces', 'registry.example.com/shop/web :1.0'],
  ])('rejects %s', (_label, text) => {
    expect(parseImageReference(text)).toBeUndefined();
  });
});

describe('formatImageReference', () => {
  it.each([
    'nginx',
    'nginx:1.27',
    'bitnami/redis:7.2',
    'registry-a.example.com/shop/web:1.4.2',
    'registry.example.com:5000/team/sub/app:v2',
    'localhost:5000/app',
    `ghcr.io/acme/api@${DIGEST}`,
    `ghcr.io/acme/api:2.0.1@${DIGEST}`,
    'docker.io/library/nginx:1.27',
  ])('formats %s back as it was written', (text) => {
    const reference = parseImageReference(text);
    expect(reference).toBeDefined();
    expect(formatImageReference(reference as ImageReference)).toBe(text);
  });

  it.each([
    ['docker.io/nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['index.docker.io/bitnami/redis', 'docker.io/bitnami/redis'],
  ])('spells an explicit Docker Hub reference %s in full', (text, formatted) => {
    expect(formatImageReference(parseImageReference(text) as ImageReference)).toBe(formatted);
  });

  it('moves an implicit Docker Hub image to another registry with its library/ path', () => {
    const reference = parseImageReference('nginx:1.27') as ImageReference;
    expect(formatImageReference({ ...reference, registry: 'mirror.example.com' })).toBe(
      'mirror.example.com/library/nginx:1.27',
    );
  });

  it('keeps path and tag when only the registry changes', () => {
    const reference = parseImageReference('registry-a.example.com/shop/web:1.4.2') as ImageReference;
    expect(formatImageReference({ ...reference, registry: 'registry-b.example.com' })).toBe(
      'registry-b.example.com/shop/web:1.4.2',
    );
  });

  it('keeps the digest when the registry changes', () => {
    const reference = parseImageReference(`ghcr.io/acme/api@${DIGEST}`) as ImageReference;
    expect(formatImageReference({ ...reference, registry: 'mirror.example.com:8443' })).toBe(
      `mirror.example.com:8443/acme/api@${DIGEST}`,
    );
  });

  it('writes a familiar name with a new tag without spelling out Docker Hub', () => {
    const reference = parseImageReference('bitnami/redis:7.2') as ImageReference;
    expect(formatImageReference({ ...reference, tag: '7.4' })).toBe('bitnami/redis:7.4');
  });
});
