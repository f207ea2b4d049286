import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..');

/** The instructions of a Dockerfile, continuation lines joined, comments dropped. */
function instructions(dockerfile: string): { keyword: string; args: string }[] {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

describe('Dockerfile', () => {
  let steps: { keyword: string; args: string }[];
  let dockerignore: string[];
  let startScript: string;

  beforeAll(async () => {
    const [dockerfile, ignore, packageJson] = await Promise.all([
      readFile(join(repoRoot, 'Dockerfile'), 'utf8'),
      readFile(join(repoRoot, '.dockerignore'), 'utf8'),
      readFile(join(repoRoot, 'package.json'), 'utf8'),
    ]);
    steps = instructions(dockerfile);
    dockerignore = ignore.split('\n').filter((line) => line && !line.startsWith('#'));
    startScript = (JSON.parse(packageJson) as { scripts: { start: string } }).scripts.start;
  });

  it('starts the backend as `npm start` does, as a numeric non-root user', () => {
    const cmd = steps.filter((step) => step.keyword === 'CMD').at(-1);
    expect(JSON.parse(cmd?.args ?? '[]')).toEqual(startScript.split(' '));
    const user = steps.filter((step) => step.keyword === 'USER').at(-1);
    expect(user?.args).toMatch(/^[1-9]\d*:\d+$/);
  });

  it('sends the build every file it copies, and nothing else', () => {
    expect(dockerignore[0]).toBe('*');
    const admitted = dockerignore.slice(1).map((line) => line.replace(/^!/, '').replace(/\/$/, ''));
    const copied = steps
      .filter((step) => step.keyword === 'COPY' && !step.args.startsWith('--from'))
      .flatMap((step) => step.args.split(' ').slice(0, -1))
      .map((source) => source.replace(/\/$/, ''));
    expect([...new Set(copied)].sort()).toEqual([...admitted].sort());
  });
});
