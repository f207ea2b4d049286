import { readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyedLock } from '../../../backend/src/gitops/git/keyed-lock.js';
import { runCommand } from '../../../backend/src/support/run-command.js';
import {
  ARGOCD,
  DEPLOYMENT,
  deployedFrom,
  type GitSandbox,
  plan,
  startGitSandbox,
} from '../support/git-sandbox.js';

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await startGitSandbox();
});
afterAll(async () => sandbox.close());

const replicas = plan([{ path: 'spec.replicas', from: 2, to: 3 }]);

async function setUp(path: string) {
  const repo = await sandbox.repositoryWithSecret(path, [{ 'deploy/deployment.yaml': DEPLOYMENT }]);
  const app = deployedFrom(repo.repoURL);
  const cacheDir = join(sandbox.work, `cache-${path.replace(/\W/g, '-')}`);
  const writer = await sandbox.writer({ cacheDir });
  const clones = join(cacheDir, 'clones');
  const cloneDir = async () => {
    const entries = await readdir(clones);
    expect(entries).toHaveLength(1);
    return join(clones, entries[0] ?? '');
  };
  return { repo, app, writer, cloneDir };
}

describe('the clone cache', () => {
  it('keeps one shallow clone per repository and branch, and fetches what others pushed since', async () => {
    const { repo, app, writer, cloneDir } = await setUp('cache/reuse');
    await writer.propose({ application: app, plan: replicas, argocdNamespace: ARGOCD });
    const dir = await cloneDir();
    expect(
      (await runCommand('git', ['rev-parse', '--is-shallow-repository'], { cwd: dir })).stdout.trim(),
    ).toBe('true');
    const other = await sandbox.writer();
    const landed = await other.commit(
      await other.propose({
        application: app,
        plan: plan([
          {
            path: 'spec.template.spec.containers[name=web].resources.limits.memory',
            from: '256Mi',
            to: '512Mi',
          },
        ]),
        argocdNamespace: ARGOCD,
      }),
      { remediationId: 'x', app: 'argocd/shop-web', symptom: 'OOMKilled', runbook: 'oom' },
    );
    const second = await writer.propose({ application: app, plan: replicas, argocdNamespace: ARGOCD });
    expect(second.baseCommit).toBe(landed.commit);
    expect(second.baseCommit).not.toBe(repo.head);
    expect(await cloneDir()).toBe(dir);
  });

  it('re-clones a cache that lost its .git, points at another remote, or holds corrupt objects', async () => {
    const { repo, app, writer, cloneDir } = await setUp('cache/corrupt');
    await writer.propose({ application: app, plan: replicas, argocdNamespace: ARGOCD });
    const dir = await cloneDir();

    await rm(join(dir, '.git'), { recursive: true });
    expect(
      (await writer.propose({ application: app, plan: replicas, argocdNamespace: ARGOCD })).baseCommit,
    ).toBe(repo.head);

    await runCommand('git', ['remote', 'set-url', 'origin', 'https://git.example.com/cache/elsewhere.git'], {
      cwd: dir,
    });
    expect(
      (await writer.propose({ application: app, plan: replicas, argocdNamespace: ARGOCD })).baseCommit,
    ).toBe(repo.head);

    const objects = join(dir, '.git', 'objects');
    for (const entry of await readdir(objects, { recursive: true })) {
      const path = join(objects, entry);
      if ((await stat(path)).isFile()) await truncate(path);
    }
    await writeFile(join(dir, 'deploy', 'deployment.yaml'), 'left over: [');
    const change = await writer.propose({ application: app, plan: replicas, argocdNamespace: ARGOCD });
    expect(change.baseCommit).toBe(repo.head);
    expect(change.files[0]?.before).toBe(DEPLOYMENT);
    expect(await cloneDir()).toBe(dir);
  });
});

describe('KeyedLock', () => {
  it('runs tasks of one key one after another, in order, and tasks of other keys alongside', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const gates = new Map<string, () => void>();
    const task = (name: string) => async () => {
      events.push(`start ${name}`);
      await new Promise<void>((resolve) => gates.set(name, resolve));
      events.push(`end ${name}`);
      return name;
    };
    const a1 = lock.run('a', task('a1'));
    const a2 = lock.run('a', task('a2'));
    const b1 = lock.run('b', task('b1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['start a1', 'start b1']);
    gates.get('a1')?.();
    await a1;
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['start a1', 'start b1', 'end a1', 'start a2']);
    gates.get('a2')?.();
    gates.get('b1')?.();
    expect(await Promise.all([a2, b1])).toEqual(['a2', 'b1']);
  });

  it('releases the key when a task fails', async () => {
    const lock = new KeyedLock();
    await expect(lock.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock.run('a', async () => 'next')).toBe('next');
  });
});
