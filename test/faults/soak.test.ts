import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Remediation } from '../../backend/src/remediation/record.js';
import {
  type ScenarioEnvironment,
  startScenarioEnvironment,
} from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { branchLog, fastController } from '../remediation/support.js';
import {
  type ApiAnswer,
  argocdHeaders,
  requestApi,
  startBackendOn,
  type TestBackend,
  testConfig,
} from '../support/backend.js';

/** Seconds of mixed traffic and incidents; AI_SRE_SOAK_SECONDS (at most 120) runs it longer. */
const SOAK_SECONDS = Math.min(Number(process.env.AI_SRE_SOAK_SECONDS ?? 20), 120);
const scenariosDir = join(import.meta.dirname, '..', 'scenarios');
/** Apps whose scenarios heal when their fix lands: people approve these during the soak… */
const approved = [
  'oom-raise-memory',
  'readiness-wrong-port',
  'run-entrypoint-not-found',
  'hpa-missing-cpu-request',
];
/** …and these are switched to auto mode during the soak, so the controller fixes them. */
const automatic = ['image-registry-mirror', 'comparison-error-helm-values'];

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapAfterCollection(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('a soak of mixed traffic and incidents', () => {
  let environment: ScenarioEnvironment;
  let backend: Omit<TestBackend, 'environment'>;
  const apps = new Map<string, { app: string; project: string; target: unknown }>();
  const answers: { route: string; status: number; message: unknown }[] = [];

  beforeAll(async () => {
    const scenarios = await Promise.all(
      [...approved, ...automatic].map((id) => readScenario(join(scenariosDir, id))),
    );
    environment = await startScenarioEnvironment(scenarios);
    for (const scenario of scenarios) {
      apps.set(scenario.id, {
        app: scenario.spec.application,
        project: scenario.application.spec.project,
        target: scenario.spec.target,
      });
    }
    backend = await startBackendOn(environment, {
      controller: true,
      config: { remediation: { ...testConfig().remediation, ...fastController, maxPerDay: 10 } },
    });
  }, 60_000);
  afterAll(async () => {
    await backend?.close();
    await environment?.close();
  });

  async function call(
    scenario: string,
    method: string,
    path: string,
    body?: unknown,
    user = 'alice',
  ): Promise<ApiAnswer> {
    const { app, project } = apps.get(scenario) ?? { app: '', project: '' };
    const headers = { ...argocdHeaders(app, project), 'Argocd-Username': user };
    const answer = await requestApi(backend.url, headers, method, path, body);
    answers.push({
      route: `${method} ${path.replace(/\/[a-z0-9]{10,}\//, '/:id/')}`,
      ...answer,
      message: answer.body.message,
    });
    return answer;
  }

  /**
   * A person insisting: a request that failed while the cluster failed (a 5xx, or a diagnosis that
   * could not read the events that name the runbook) is tried again a little later.
   */
  async function until(
    attempt: () => Promise<ApiAnswer>,
    ok: (answer: ApiAnswer) => boolean,
  ): Promise<ApiAnswer> {
    for (let tries = 1; ; tries++) {
      const answer = await attempt();
      if (ok(answer) || tries === 100) return answer;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it(
    'loses no remediation, duplicates none, answers every request sensibly, and holds its memory',
    async () => {
      const ids = [...apps.keys()];
      const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
      const ends = Date.now() + SOAK_SECONDS * 1000;
      const heap: number[] = [];

      const reader = async (user: string) => {
        while (Date.now() < ends) {
          const scenario = pick(ids);
          const request = pick([
            () => call(scenario, 'GET', '/settings', undefined, user),
            () => call(scenario, 'GET', '/remediations', undefined, user),
            () => call(scenario, 'GET', '/runbooks', undefined, user),
            () => call(scenario, 'POST', '/diagnoses', { target: apps.get(scenario)?.target }, user),
          ]);
          await request();
        }
      };
      const incidents = async () => {
        while (Date.now() < ends) {
          await new Promise((resolve) => setTimeout(resolve, 700));
          const incident = pick([
            () => environment.apiServer.dropWatches(pick(['end', 'reset'] as const)),
            () =>
              environment.apiServer.injectFault({
                resource: pick(['configmaps', 'argoproj.io/applications', 'pods', 'events', 'leases']),
                code: pick([500, 503, 429]),
                times: 1 + Math.floor(Math.random() * 3),
              }),
            () => environment.gitServer.interruptPushes(pick(['before', 'after'] as const)),
          ]);
          incident();
        }
      };
      const people = async () => {
        for (const scenario of [...approved, ...automatic]) {
          await new Promise((resolve) => setTimeout(resolve, (SOAK_SECONDS * 1000) / 8));
          if (automatic.includes(scenario)) {
            await until(
              () => call(scenario, 'PUT', '/settings', { mode: 'auto' }),
              (answer) => answer.status === 200,
            );
            continue;
          }
          const proposed = await until(
            () => call(scenario, 'POST', '/remediations', { target: apps.get(scenario)?.target }),
            (answer) => answer.status === 201 || answer.status === 200,
          );
          expect(proposed.status, `${scenario}: ${JSON.stringify(proposed.body)}`).toBeLessThan(300);
          await until(
            () => call(scenario, 'POST', `/remediations/${proposed.body.id}/approve`),
            (answer) => answer.status === 200,
          );
        }
      };
      const sampler = async () => {
        while (Date.now() < ends) {
          await new Promise((resolve) => setTimeout(resolve, (SOAK_SECONDS * 1000) / 10));
          heap.push(heapAfterCollection());
        }
      };

      await Promise.all([
        reader('viewer-1'),
        reader('viewer-2'),
        reader('viewer-3'),
        incidents(),
        people(),
        sampler(),
      ]);

      const settled = async (scenario: string) =>
        (
          await until(
            () => call(scenario, 'GET', '/remediations'),
            (answer) => answer.status === 200,
          )
        ).body.remediations as Remediation[];
      for (const scenario of ids) {
        await expect
          .poll(
            async () => [
              scenario,
              ...(await settled(scenario)).map((record) => `${record.state} ${record.error ?? ''}`.trim()),
            ],
            {
              timeout: 30_000,
              interval: 200,
            },
          )
          .toEqual([scenario, 'succeeded']);
        const [record] = await settled(scenario);
        const log = await branchLog({ environment }, scenario);
        expect(
          log.filter((line) => line.endsWith(`|${record?.id}`)),
          scenario,
        ).toHaveLength(1);
      }

      const failures = answers.filter((answer) => answer.status >= 500);
      expect(failures.filter((answer) => answer.status === 500)).toEqual([]);
      for (const answer of answers.filter((entry) => entry.status >= 400)) {
        expect(answer.message, answer.route).toMatch(/\w{3}/);
      }
      // Heap after warm-up against the heap at the end, both after full collections: no steady growth.
      const warm = heap[Math.floor(heap.length / 3)] ?? 0;
      const last = heapAfterCollection();
      console.log(
        `soak: ${answers.length} requests in ${SOAK_SECONDS} s, ${failures.length} answered 5xx while the cluster failed; heap ${(warm / 2 ** 20).toFixed(1)} → ${(last / 2 ** 20).toFixed(1)} MiB`,
      );
      expect(last - warm).toBeLessThan(32 * 2 ** 20);
    },
    (SOAK_SECONDS + 90) * 1000,
  );
});
