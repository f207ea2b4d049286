import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE, buildExtension, CHECKSUM, EXTENSION_FILE, packExtension } from '../../scripts/build.js';

const MAX_BYTES = 150 * 1024;

describe('the extension bundle and its release assets', () => {
  let dir: string;
  let bundle: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ai-sre-extension-'));
    bundle = await readFile(await buildExtension(dir), 'utf8');
    await packExtension(dir);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(`is at most ${MAX_BYTES} bytes minified`, () => {
    expect(Buffer.byteLength(bundle)).toBeLessThanOrEqual(MAX_BYTES);
    expect(gzipSync(bundle).length).toBeLessThan(Buffer.byteLength(bundle));
  });

  it('uses the host’s React and carries no copy of it', () => {
    expect(bundle).toContain('window.React');
    for (const internal of [
      'react/jsx-runtime',
      '__SECRET_INTERNALS',
      'react.element',
      'react.transitional.element',
      'ReactCurrentOwner',
      'createRoot',
      'useSyncExternalStore',
    ])
      expect(bundle, internal).not.toContain(internal);
  });

  it('registers the tab and the status panel item', () => {
    expect(bundle).toContain('registerResourceExtension');
    expect(bundle).toContain('registerStatusPanelExtension');
    expect(bundle).toContain('AI Diagnose');
    expect(bundle).toContain('AI SRE');
  });

  it('packs the bundle under a top-level resources/ where Argo CD looks for it', () => {
    const listing = execFileSync('tar', ['-tzf', join(dir, ARCHIVE)], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain(EXTENSION_FILE);
    expect(EXTENSION_FILE).toBe('resources/extension-ai-sre.js/extension-ai-sre.js');
    expect(listing.filter(Boolean).every((entry) => entry.startsWith('resources/'))).toBe(true);
  });

  it('writes the archive’s checksum in sha256sum format', async () => {
    const archive = await readFile(join(dir, ARCHIVE));
    const checksum = await readFile(join(dir, CHECKSUM), 'utf8');
    expect(checksum).toBe(`${createHash('sha256').update(archive).digest('hex')}  extension.tar.gz\n`);
  });

  it('packs the same bundle into the same bytes', async () => {
    const first = await readFile(join(dir, ARCHIVE));
    await packExtension(dir);
    expect((await readFile(join(dir, ARCHIVE))).equals(first)).toBe(true);
  });
});
