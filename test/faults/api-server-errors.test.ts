import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ScenarioEnvironment,
  startScenarioEnvironment,
} from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { branchLog, call, fastController, records, settles } from '../remediation/support.js';
import { startBackendOn, type TestBackend, testConfig } from '../support/backend.js';

const scenarios = join(import.meta.dirname, '..', 'scenarios');
const app = 'argocd/image-resizer';

describe('the API server failing under the backend', () => {
  let environment: ScenarioEnvironment;
  const backends: Omit<TestBackend, 'environment'>[] = [];
  afterEach(async () => {
    await Promise.all(backends.splice(0).map((backend) => backend.close()));
    await environment.close();
  });

  it('pushes a fix once when the record cannot be written after the push, and finishes it later', async () => {
    environment = await startScenarioEnvironment([await readScenario(join(scenarios, 'oom-raise-memory'))]);
    const approving = await startBackendOn(environment);
    backends.push(approving);
    const proposed = await call(approving, app, 'POST', '/remediations', {});
    const id = proposed.body.id as string;
    await call(approving, app, 'POST', `/remediations/${id}/approve`);
    environment.apiServer.injectFault({
      verb: 'update',
      resource: 'configmaps',
      namespace: 'argocd',
      times: 3,
    });

    const acting = await startBackendOn(environment, {
      controller: true,
      config: { remediation: { ...testConfig().remediation, ...fastController } },
    });
    backends.push(acting);
    await settles(acting, app, 'succeeded');
    const log = await branchLog({ environment }, 'oom-raise-memory');
    expect(log.filter((line) => line.endsWith(`|${id}`))).toHaveLength(1);
  });

  it('answers with a clear 502 while the records cannot be read, and loses none', async () => {
    environment = await startScenarioEnvironment([await readScenario(join(scenarios, 'oom-raise-memory'))]);
    const backend = await startBackendOn(environment);
    backends.push(backend);
    const proposed = await call(backend, app, 'POST', '/remediations', {});
    const removeFault = environment.apiServer.injectFault({
      verb: 'list',
      resource: 'configmaps',
      code: 503,
    });

    const during = await call(backend, app, 'GET', '/remediations');
    expect(during.status).toBe(502);
    expect(during.body.message).toMatch(/Kubernetes API server failed: 503/);
    removeFault();
    expect((await records(backend, app)).map((record) => record.id)).toEqual([proposed.body.id]);
  });

  it('shows a runbook edited while its watch was cut and then refused', async () => {
    environment = await startScenarioEnvironment([await readScenario(join(scenarios, 'oom-raise-memory'))]);
    const backend = await startBackendOn(environment);
    backends.push(backend);
    const description = async () => {
      const { body } = await call(backend, app, 'GET', '/runbooks');
      const runbooks = body.runbooks as { id: string; description?: string }[];
      return runbooks.find((runbook) => runbook.id === 'oom-double-memory-limit')?.description;
    };
    expect(await description()).toMatch(/twice its memory limit/);

    const removeFault = environment.apiServer.injectFault({
      verb: 'watch',
      resource: 'configmaps',
      code: 500,
    });
    environment.apiServer.dropWatches('reset');
    const runbooks = environment.apiServer.read(
      'v1',
      'ConfigMap',
      'argocd',
      'runbooks-imaging',
    ) as unknown as { data?: Record<string, string> };
    const key = 'oom-double-memory-limit.yaml';
    environment.apiServer.apply({
      ...runbooks,
      data: {
        ...runbooks.data,
        [key]: (runbooks.data?.[key] ?? '').replace('twice its memory limit', 'half again its memory limit'),
      },
    });
    removeFault();

    await expect.poll(description, { timeout: 15_000, interval: 100 }).toMatch(/half again its memory limit/);
  });
});
