import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Remediation } from '../../backend/src/remediation/record.js';
import { runCommand } from '../../backend/src/support/run-command.js';
import { type ApiAnswer, argocdHeaders, requestApi, type TestBackend } from '../support/backend.js';

export const fastController = {
  triggerAfterMs: 300,
  intervalMs: 100,
  cooldownMs: 0,
  maxPerDay: 3,
  leaseSeconds: 2,
};

/** The projects of the scenarios' apps, as Argo CD sends them. */
const projects: Record<string, string> = {
  'argocd/storefront': 'web',
  'argocd/subscriptions-api': 'billing',
};

export async function call(
  backend: Pick<TestBackend, 'url'>,
  application: string,
  method: string,
  path: string,
  body?: unknown,
  user = 'alice',
): Promise<ApiAnswer> {
  const headers = {
    ...argocdHeaders(application, projects[application] ?? 'default'),
    'Argocd-Username': user,
  };
  return requestApi(backend.url, headers, method, path, body);
}

export async function records(
  backend: Pick<TestBackend, 'url'>,
  application: string,
): Promise<Remediation[]> {
  const { body } = await call(backend, application, 'GET', '/remediations');
  return body.remediations as Remediation[];
}

/** Waits for the app's newest remediation to reach `state`. */
export async function settles(
  backend: Pick<TestBackend, 'url'>,
  application: string,
  state: string,
  timeout = 15_000,
) {
  await expect
    .poll(async () => (await records(backend, application))[0]?.state, { timeout, interval: 100 })
    .toBe(state);
  return (await records(backend, application))[0] as Remediation;
}

/** The commits of the branch the scenario's repository serves, newest first: subject and trailers. */
export async function branchLog(
  backend: Pick<TestBackend, 'environment'>,
  scenario: string,
): Promise<string[]> {
  const repository = backend.environment.repositories.find((entry) => entry.scenario === scenario);
  if (!repository) throw new Error(`no repository for ${scenario}`);
  const { stdout } = await runCommand('git', [
    '--git-dir',
    repository.bareDir,
    'log',
    '--format=%s|%(trailers:key=Remediation-Id,valueonly,separator=%x2c)',
    repository.branch,
  ]);
  return stdout.trim().split('\n');
}

/** A copy of a scenario whose fix will not heal the app (no healed/), verified within a second and reverted. */
export async function unhealingCopy(scenariosDir: string, id: string, into: string): Promise<string> {
  const dir = join(into, `${id}-unhealing`);
  await cp(join(scenariosDir, id), dir, { recursive: true });
  await rm(join(dir, 'healed'), { recursive: true, force: true });
  const runbooks = join(dir, 'cluster', 'runbooks.yaml');
  const text = await readFile(runbooks, 'utf8');
  await writeFile(
    runbooks,
    text.replace(
      '    automation: auto\n',
      '    automation: auto\n    verify: {timeout: 1s, revertOnFailure: true}\n',
    ),
  );
  return dir;
}
