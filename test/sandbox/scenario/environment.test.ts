import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ScenarioEnvironment,
  startScenarioEnvironment,
} from '../../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../../backend/src/sandbox/scenario/read-scenario.js';
import { CommandError, runCommand } from '../../../backend/src/support/run-command.js';

const scenarios = join(import.meta.dirname, '..', '..', 'scenarios');

describe('startScenarioEnvironment', () => {
  let environment: ScenarioEnvironment;
  let work: string;
  let core: CoreV1Api;
  let custom: CustomObjectsApi;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'scenario-env-'));
    environment = await startScenarioEnvironment([
      await readScenario(join(scenarios, 'readiness-wrong-port')),
      await readScenario(join(scenarios, 'oom-raise-memory')),
    ]);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(environment.kubeconfig);
    core = kubeConfig.makeApiClient(CoreV1Api);
    custom = kubeConfig.makeApiClient(CustomObjectsApi);
  });
  afterAll(async () => {
    await environment.close();
    await rm(work, { recursive: true, force: true });
  });

  /** The scenario's Application as the sandbox serves it, with what these tests read of its status. */
  const imageResizerApp = async () =>
    (await custom.getNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: 'argocd',
      plural: 'applications',
      name: 'image-resizer',
    })) as { status: { health: { status: string }; sync: { revision: string } } };

  /** git as the backend will run it: the app's own repoURL, credentials from Argo CD's repository Secret. */
  async function git(args: string[], cwd?: string, password?: string) {
    const secret = (
      await core.listNamespacedSecret({
        namespace: 'argocd',
        labelSelector: 'argocd.argoproj.io/secret-type=repository',
      })
    ).items.find(
      (item) =>
        Buffer.from(item.data?.url ?? '', 'base64').toString() ===
        'https://git.example.com/imaging/image-resizer-deploy.git',
    );
    const username = Buffer.from(secret?.data?.username ?? '', 'base64').toString();
    const secretPassword = Buffer.from(secret?.data?.password ?? '', 'base64').toString();
    const askpass = join(work, 'askpass.sh');
    await writeFile(
      askpass,
      `#!/bin/sh\ncase "$1" in Username*) echo '${username}';; *) echo '${password ?? secretPassword}';; esac\n`,
      {
        mode: 0o700,
      },
    );
    return runCommand('git', args, {
      ...(cwd ? { cwd } : {}),
      env: {
        ...process.env,
        ...environment.gitEnv,
        GIT_ASKPASS: askpass,
        GIT_TERMINAL_PROMPT: '0',
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: work,
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 'test@example.invalid',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 'test@example.invalid',
      },
    });
  }

  it('serves each app’s history at its own repoURL, with the credentials of Argo CD’s repository Secret', async () => {
    const clone = join(work, 'resizer');
    await git(['clone', '--quiet', 'https://git.example.com/imaging/image-resizer-deploy.git', clone]);
    expect(await readFile(join(clone, 'manifests', 'deployment.yaml'), 'utf8')).toContain('memory: 256Mi');
    const repository = environment.repositories.find((entry) => entry.scenario === 'oom-raise-memory');
    expect((await git(['rev-parse', 'HEAD'], clone)).stdout.trim()).toBe(repository?.head);

    const history = await git(['log', '--format=%s'], join(work, 'resizer'));
    expect(history.stdout.trim()).toBe('synced revision');
  });

  it('refuses a wrong password', async () => {
    const failure = await git(
      ['ls-remote', 'https://git.example.com/imaging/image-resizer-deploy.git'],
      undefined,
      'nope',
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommandError);
  });

  it('pins the Application’s HEAD revisions to the last commit', async () => {
    const application = await imageResizerApp();
    const repository = environment.repositories.find((entry) => entry.scenario === 'oom-raise-memory');
    expect(application.status.sync.revision).toBe(repository?.head);
  });

  it('turns the cluster into healed/ once a fix commit is pushed, as if Argo CD synced it', async () => {
    const before = await core.listNamespacedPod({ namespace: 'imaging' });
    expect(
      before.items.some(
        (pod) => pod.status?.containerStatuses?.[0]?.lastState?.terminated?.reason === 'OOMKilled',
      ),
    ).toBe(true);
    const clone = join(work, 'resizer');
    const deployment = join(clone, 'manifests', 'deployment.yaml');
    await writeFile(
      deployment,
      (await readFile(deployment, 'utf8')).replace('memory: 256Mi', 'memory: 512Mi'),
    );
    await git(['commit', '--quiet', '-am', 'Raise the memory limit'], clone);
    await git(['push', '--quiet', 'origin', 'main'], clone);
    const pushed = (await git(['rev-parse', 'HEAD'], clone)).stdout.trim();

    await expect
      .poll(async () => {
        const application = await imageResizerApp();
        return [application.status.health.status, application.status.sync.revision];
      })
      .toEqual(['Healthy', pushed]);
    const after = await core.listNamespacedPod({ namespace: 'imaging' });
    expect(after.items.every((pod) => pod.status?.containerStatuses?.every((status) => status.ready))).toBe(
      true,
    );
  });
});

describe('all scenarios at once, as the demo loads them', () => {
  it('have distinct apps, repositories, objects and runbook ids', async () => {
    const all = await Promise.all(
      (await readdir(scenarios)).sort().map((id) => readScenario(join(scenarios, id))),
    );
    const keys = new Map<string, string>();
    for (const scenario of all) {
      for (const { object } of scenario.objects) {
        if (object.kind === 'Event' || !object.metadata?.namespace) continue;
        const key = `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`;
        expect(keys.get(key) ?? scenario.id, `${key} is in two scenarios`).toBe(scenario.id);
        keys.set(key, scenario.id);
      }
    }
    const runbookIds = all.flatMap((scenario) =>
      scenario.objects
        .filter(({ object }) => object.metadata?.labels?.['argocd-ai-sre/runbook'] === 'true')
        .flatMap(({ object }) => Object.values((object.data as Record<string, string>) ?? {}))
        .map((text) => /^id: (\S+)$/m.exec(text)?.[1]),
    );
    expect(new Set(runbookIds).size).toBe(runbookIds.length);
    const environment = await startScenarioEnvironment(all);
    await environment.close();
    expect(environment.repositories).toHaveLength(all.length);
  });
});
