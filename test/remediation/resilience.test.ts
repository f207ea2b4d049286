import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CoordinationV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitWriter } from '../../backend/src/gitops/index.js';
import type { Application } from '../../backend/src/kube/application.js';
import { kubeClients } from '../../backend/src/kube/clients.js';
import { loadLlmConfig } from '../../backend/src/llm/config.js';
import {
  type ScenarioEnvironment,
  startScenarioEnvironment,
} from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { startBackendOn, testConfig } from '../support/backend.js';
import { branchLog, call, fastController, records, settles } from './support.js';

const scenarios = join(import.meta.dirname, '..', 'scenarios');
const withController = (identity: string) => ({
  controller: true,
  config: { remediation: { ...testConfig().remediation, ...fastController, identity } },
});

describe('a remediation outlives the backend that started it', () => {
  let environment: ScenarioEnvironment;
  afterEach(async () => environment.close());

  it('is committed by the next backend when the first stopped after the approval', async () => {
    environment = await startScenarioEnvironment([await readScenario(join(scenarios, 'oom-raise-memory'))]);
    const first = await startBackendOn(environment);
    const proposed = await call(first, 'argocd/image-resizer', 'POST', '/remediations', {});
    await call(first, 'argocd/image-resizer', 'POST', `/remediations/${proposed.body.id}/approve`);
    expect((await records(first, 'argocd/image-resizer'))[0]?.state).toBe('approved');
    await first.close();

    const second = await startBackendOn(environment, withController('second'));
    try {
      await settles(second, 'argocd/image-resizer', 'succeeded');
      const log = await branchLog({ environment }, 'oom-raise-memory');
      expect(log.filter((line) => line.endsWith(`|${proposed.body.id}`))).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('answers a new proposal of a fix already approved with that fix, not a second record', async () => {
    environment = await startScenarioEnvironment([await readScenario(join(scenarios, 'oom-raise-memory'))]);
    const backend = await startBackendOn(environment);
    try {
      const proposed = await call(backend, 'argocd/image-resizer', 'POST', '/remediations', {});
      await call(backend, 'argocd/image-resizer', 'POST', `/remediations/${proposed.body.id}/approve`);
      const again = await call(backend, 'argocd/image-resizer', 'POST', '/remediations', {});
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: proposed.body.id, state: 'approved' });
      expect(await records(backend, 'argocd/image-resizer')).toHaveLength(1);
    } finally {
      await backend.close();
    }
  });

  it('is recorded, not pushed twice, when the first backend stopped right after its push', async () => {
    environment = await startScenarioEnvironment([await readScenario(join(scenarios, 'oom-raise-memory'))]);
    const first = await startBackendOn(environment);
    const proposed = await call(first, 'argocd/image-resizer', 'POST', '/remediations', {});
    const id = proposed.body.id as string;
    await call(first, 'argocd/image-resizer', 'POST', `/remediations/${id}/approve`);
    await first.close();
    // What the stopped backend had done: the commit is on the branch, the record still says approved.
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(environment.kubeconfig);
    const kube = kubeClients(kubeConfig);
    const git = createGitWriter({
      kube,
      ...testConfig().git,
      cacheDir: join(environment.workDir, 'crashed-backend-cache'),
      gitEnv: environment.gitEnv,
    });
    const application = environment.apiServer.read(
      'argoproj.io/v1alpha1',
      'Application',
      'argocd',
      'image-resizer',
    ) as unknown as Application;
    const plan = (proposed.body as { plan: Parameters<typeof git.propose>[0]['plan'] }).plan;
    const change = await git.propose({ application, plan, argocdNamespace: 'argocd' });
    const pushed = await git.commit(change, {
      remediationId: id,
      app: 'argocd/image-resizer',
      symptom: 'OOMKilled',
      runbook: 'oom-double-memory-limit',
    });

    const second = await startBackendOn(environment, withController('second'));
    try {
      const record = await settles(second, 'argocd/image-resizer', 'succeeded');
      expect(record.commit?.sha).toBe(pushed.commit);
      expect(record.history.find((step) => step.state === 'committed')?.detail).toBe(
        `found commit ${pushed.commit.slice(0, 12)} already pushed`,
      );
      const log = await branchLog({ environment }, 'oom-raise-memory');
      expect(log.filter((line) => line.endsWith(`|${id}`))).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

describe('two backends', () => {
  let environment: ScenarioEnvironment;
  afterEach(async () => environment.close());

  it('elect one leader, which alone commits; the other takes over when it stops', async () => {
    environment = await startScenarioEnvironment([await readScenario(join(scenarios, 'oom-raise-memory'))]);
    const one = await startBackendOn(environment, withController('replica-one'));
    const two = await startBackendOn(environment, withController('replica-two'));
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(environment.kubeconfig);
    const coordination = kubeConfig.makeApiClient(CoordinationV1Api);
    const holder = async () =>
      (await coordination.readNamespacedLease({ namespace: 'argocd', name: 'argocd-ai-sre-controller' })).spec
        ?.holderIdentity;
    try {
      const leader = await holder();
      expect(['replica-one', 'replica-two']).toContain(leader);
      const proposed = await call(two, 'argocd/image-resizer', 'POST', '/remediations', {});
      await Promise.all([
        call(
          one,
          'argocd/image-resizer',
          'POST',
          `/remediations/${proposed.body.id}/approve`,
          undefined,
          'alice',
        ),
        call(
          two,
          'argocd/image-resizer',
          'POST',
          `/remediations/${proposed.body.id}/approve`,
          undefined,
          'bob',
        ),
      ]);
      await settles(one, 'argocd/image-resizer', 'succeeded');
      const log = await branchLog({ environment }, 'oom-raise-memory');
      expect(log.filter((line) => line.endsWith(`|${proposed.body.id}`))).toHaveLength(1);
      expect(await holder()).toBe(leader);

      const [stopping, staying] = leader === 'replica-one' ? [one, two] : [two, one];
      await stopping.close();
      await expect
        .poll(holder, { timeout: 6000, interval: 200 })
        .toBe(leader === 'replica-one' ? 'replica-two' : 'replica-one');
      await staying.close();
    } finally {
      await Promise.allSettled([one.close(), two.close()]);
    }
  });
});

describe('failure paths', () => {
  let environment: ScenarioEnvironment;
  afterEach(async () => environment.close());

  it('records a push the server refuses as failed, with the reason, and leaves the branch as it was', async () => {
    environment = await startScenarioEnvironment([await readScenario(join(scenarios, 'oom-raise-memory'))]);
    const backend = await startBackendOn(environment, withController('only'));
    try {
      const proposed = await call(backend, 'argocd/image-resizer', 'POST', '/remediations', {});
      const repository = environment.repositories[0];
      if (!repository) throw new Error('no repository');
      const hook = join(repository.bareDir, 'hooks', 'pre-receive');
      await writeFile(hook, '#!/bin/sh\necho "repository is read-only during the freeze" >&2\nexit 1\n', {
        mode: 0o755,
      });
      const before = await branchLog({ environment }, 'oom-raise-memory');
      await call(backend, 'argocd/image-resizer', 'POST', `/remediations/${proposed.body.id}/approve`);
      const failed = await settles(backend, 'argocd/image-resizer', 'failed');
      expect(failed.error).toMatch(/read-only during the freeze/);
      expect(await branchLog({ environment }, 'oom-raise-memory')).toEqual(before);
    } finally {
      await backend.close();
    }
  });

  it('still heals with deterministic runbooks when the LLM cannot be reached', async () => {
    environment = await startScenarioEnvironment([
      await readScenario(join(scenarios, 'image-registry-mirror')),
    ]);
    const unreachable = loadLlmConfig({ OLLAMA_HOST: 'http://127.0.0.1:9', AI_SRE_LLM_TIMEOUT_MS: '500' });
    const backend = await startBackendOn(environment, { ...withController('only'), llm: unreachable });
    try {
      await settles(backend, 'argocd/shop-web', 'succeeded');
    } finally {
      await backend.close();
    }
  });
});
