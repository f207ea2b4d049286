import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const kubectl = process.env.KUBECTL ?? 'kubectl';

describe('argocd-ai-sre sandbox', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('serves scenarios to kubectl through the kubeconfig it prints, until interrupted', async () => {
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'backend/src/cli.ts'),
        'sandbox',
        'test/scenarios/oom-raise-memory',
        'test/scenarios/image-registry-mirror',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const [kubeconfig] = (await once(lines, 'line')) as [string];
    expect(kubeconfig).toMatch(/kubeconfig$/);

    const pods = spawnSync(kubectl, ['--kubeconfig', kubeconfig, 'get', 'pods', '-A'], { encoding: 'utf8' });
    expect(pods.stderr).toBe('');
    expect(pods.stdout).toMatch(/imaging\s+image-resizer-lll2ctnq4h-q4m8z\s+0\/1\s+CrashLoopBackOff/);
    expect(pods.stdout).toMatch(/shop\s+web-\S+\s+0\/1\s+ImagePullBackOff/);

    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
