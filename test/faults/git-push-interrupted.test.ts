import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ScenarioEnvironment,
  startScenarioEnvironment,
} from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { branchLog, call, fastController, settles } from '../remediation/support.js';
import { startBackendOn, type TestBackend, testConfig } from '../support/backend.js';

const scenarios = join(import.meta.dirname, '..', 'scenarios');
const app = 'argocd/image-resizer';

describe('the git server going down in the middle of a push', () => {
  let environment: ScenarioEnvironment;
  let backend: Omit<TestBackend, 'environment'> | undefined;
  afterEach(async () => {
    await backend?.close();
    await environment.close();
  });

  async function proposedFix(): Promise<{ id: string; backend: Omit<TestBackend, 'environment'> }> {
    environment = await startScenarioEnvironment([await readScenario(join(scenarios, 'oom-raise-memory'))]);
    backend = await startBackendOn(environment, {
      controller: true,
      config: { remediation: { ...testConfig().remediation, ...fastController } },
    });
    const proposed = await call(backend, app, 'POST', '/remediations', {});
    expect(proposed.status).toBe(201);
    return { id: proposed.body.id as string, backend };
  }

  it('keeps the approval when the push never reached the repository, and lands it once later', async () => {
    const { id, backend } = await proposedFix();
    // Two: curl retries a request whose reused connection died, once, on a fresh one.
    environment.gitServer.interruptPushes('before', 'before');
    await call(backend, app, 'POST', `/remediations/${id}/approve`);

    const record = await settles(backend, app, 'succeeded');
    expect(record.retry?.attempts).toBeGreaterThanOrEqual(1);
    expect(record.retry?.lastError).toBeTruthy();
    const log = await branchLog({ environment }, 'oom-raise-memory');
    expect(log.filter((line) => line.endsWith(`|${id}`))).toHaveLength(1);
  });

  it('records the commit that landed although its push was never answered, without pushing it again', async () => {
    const { id, backend } = await proposedFix();
    // curl resends the push on a fresh connection; the server refuses it, its branch having moved.
    environment.gitServer.interruptPushes('after');
    await call(backend, app, 'POST', `/remediations/${id}/approve`);

    const record = await settles(backend, app, 'succeeded');
    const log = await branchLog({ environment }, 'oom-raise-memory');
    const commits = log.filter((line) => line.endsWith(`|${id}`));
    expect(commits).toHaveLength(1);
    expect(record.history.map((entry) => entry.detail)).toContainEqual(
      expect.stringMatching(/already pushed/),
    );
  });
});
