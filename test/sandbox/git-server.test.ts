import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepository } from '../../backend/src/sandbox/fixture-repository.js';
import { GitHttpServer, type PushEvent } from '../../backend/src/sandbox/git-server.js';
import { CommandError, runCommand } from '../../backend/src/support/run-command.js';

const gitEnv = {
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};
const git = (args: string[], cwd?: string) =>
  runCommand('git', args, { env: gitEnv, ...(cwd ? { cwd } : {}) });

describe('GitHttpServer', () => {
  let work: string;
  let server: GitHttpServer;
  let head: string;
  const user = { username: 'argocd', password: 's3cret-pass' };
  const remote = (password: string) =>
    `${server.url.replace('http://', `http://${user.username}:${password}@`)}/git.example.com/shop/deploy.git`;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'git-server-test-'));
    const tree = join(work, 'tree');
    await mkdir(join(tree, 'manifests'), { recursive: true });
    await writeFile(join(tree, 'manifests', 'deployment.yaml'), 'kind: Deployment\n');
    head = await createFixtureRepository(join(work, 'root', 'git.example.com/shop/deploy.git'), 'main', [
      { dir: tree, message: 'first' },
    ]);
    server = new GitHttpServer(join(work, 'root'), [user]);
    await server.listen();
  });

  afterAll(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it('serves a clone to the right password', async () => {
    const clone = join(work, 'clone-ok');
    await git(['clone', '--quiet', remote(user.password), clone]);
    expect(await readFile(join(clone, 'manifests', 'deployment.yaml'), 'utf8')).toBe('kind: Deployment\n');
    expect((await git(['rev-parse', 'HEAD'], clone)).stdout.trim()).toBe(head);
  });

  it('refuses a clone with a wrong password', async () => {
    const failure = await git(['clone', '--quiet', remote('wrong'), join(work, 'clone-bad')]).catch(
      (error) => error,
    );
    expect(failure).toBeInstanceOf(CommandError);
    expect((failure as CommandError).stderr).toMatch(/Authentication failed|401/);
  });

  it('accepts a push and reports it', async () => {
    const clone = join(work, 'clone-push');
    await git(['clone', '--quiet', remote(user.password), clone]);
    await writeFile(join(clone, 'manifests', 'deployment.yaml'), 'kind: Deployment\nspec: {}\n');
    await git(['commit', '--quiet', '-am', 'change'], clone);
    const pushed = new Promise<PushEvent>((resolve) => server.once('push', resolve));
    await git(['push', '--quiet', 'origin', 'main'], clone);
    expect(await pushed).toEqual({ repository: 'git.example.com/shop/deploy.git', user: 'argocd' });
    const remoteHead = await git(['ls-remote', remote(user.password), 'refs/heads/main']);
    expect(remoteHead.stdout.split('\t')[0]).toBe((await git(['rev-parse', 'HEAD'], clone)).stdout.trim());
  });

  it('answers 404 for a path that names no repository service', async () => {
    const response = await fetch(`${server.url}/etc/passwd`);
    expect(response.status).toBe(404);
  });
});
