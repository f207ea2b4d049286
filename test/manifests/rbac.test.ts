import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRule, ApiRequestRecord } from '../../backend/src/sandbox/apiserver/types.js';
import type { Scenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { allows, describePermission, permissionsOf } from './rbac-rules.js';
import { allScenarios, isRemote, type RbacSandbox, startRbacSandbox } from './rbac-sandbox.js';
import { fixturesDir, renderKustomization, repoRoot } from './render.js';

function refused(log: readonly ApiRequestRecord[]): string[] {
  return log.filter((record) => record.code === 403).map((record) => `${record.verb} ${record.path}`);
}

/** The permissions of the rendered RBAC that no successful request needed. */
function unused(rules: readonly AccessRule[], log: readonly ApiRequestRecord[]): string[] {
  const served = log.filter((record) => record.code < 400);
  return permissionsOf(rules)
    .filter((permission) => !served.some((record) => allows(permission, record)))
    .map(describePermission);
}

/**
 * The reads of Argo CD's RBAC (backend/src/authz/policy-source.ts): all of Argo CD's ConfigMaps
 * (no label selector: argocd-rbac-cm and argocd-cm carry none of ours) and the AppProjects, listed
 * and watched. Were one refused, every write would be refused too.
 */
function argocdPolicyReads(log: readonly ApiRequestRecord[]): string[] {
  const reads = log.filter(
    (record) =>
      record.code < 400 &&
      record.namespace === 'argocd' &&
      (record.resource === 'appprojects' ||
        (record.resource === 'configmaps' && !record.path.includes('labelSelector'))) &&
      (record.verb === 'list' || record.verb === 'watch'),
  );
  return [...new Set(reads.map((record) => `${record.verb} ${record.resource}`))].sort();
}

const ARGOCD_POLICY_READS = ['list appprojects', 'list configmaps', 'watch appprojects', 'watch configmaps'];

/** The Event the backend writes on the fixture's invalid runbook ConfigMap, in the background. */
const runbookEvent = (record: ApiRequestRecord) =>
  record.verb === 'create' && record.resource === 'events' && record.namespace === 'argocd';

/**
 * What the remediation workflow does with the cluster and Git: a proposal approved and healed, a
 * proposal rejected, a mode switched, and the controller healing an app in auto mode on its own.
 */
async function remediate(sandbox: RbacSandbox, scenarios: readonly Scenario[]): Promise<void> {
  const byId = (id: string) => {
    const scenario = scenarios.find((candidate) => candidate.id === id);
    if (!scenario) throw new Error(`no scenario ${id}`);
    return scenario;
  };
  const latest = async (scenario: Scenario) =>
    ((await sandbox.call(scenario, 'GET', '/remediations')).body.remediations as { state: string }[])[0]
      ?.state;
  const approved = byId('oom-raise-memory');
  const proposal = await sandbox.call(approved, 'POST', '/remediations', {});
  expect(proposal.status, JSON.stringify(proposal.body)).toBe(201);
  await sandbox.call(approved, 'POST', `/remediations/${proposal.body.id}/approve`);
  await expect.poll(() => latest(approved), { timeout: 20_000 }).toBe('succeeded');
  const rejected = byId('readiness-wrong-port');
  const other = await sandbox.call(rejected, 'POST', '/remediations', {});
  expect((await sandbox.call(rejected, 'POST', `/remediations/${other.body.id}/reject`)).status).toBe(200);
  expect((await sandbox.call(rejected, 'PUT', '/settings', { mode: 'off' })).status).toBe(200);
  await expect.poll(() => latest(byId('image-registry-mirror')), { timeout: 20_000 }).toBe('succeeded');
}

function notes(body: Record<string, unknown>): string[] {
  return (body.notes as string[] | undefined) ?? [];
}

describe('RBAC with every component (manifests/base + components)', () => {
  let sandbox: RbacSandbox;
  let scenarios: Scenario[];

  beforeAll(async () => {
    scenarios = await allScenarios();
    sandbox = await startRbacSandbox(await renderKustomization(join(fixturesDir, 'install-all')), scenarios);
  });
  afterAll(async () => sandbox.close());

  it('lets every diagnosis and recording make every call it makes, and grants nothing unused', async () => {
    for (const scenario of scenarios) {
      const { status, body } = await sandbox.diagnose(scenario);
      expect(status, scenario.id).toBe(200);
      expect(body.primary ? (body.primary as { type: string }).type : null, scenario.id).toBe(
        scenario.spec.expect.primary,
      );
      expect(notes(body), scenario.id).toEqual([]);
      expect(await sandbox.record(scenario), scenario.id).toBe(0);
    }
    await remediate(sandbox, scenarios);
    await sandbox.served(runbookEvent);
    const log = sandbox.environment.apiServer.requestLog;
    expect(refused(log)).toEqual([]);
    expect(argocdPolicyReads(log)).toEqual(ARGOCD_POLICY_READS);
    // The remote app's workloads are read with Argo CD's credentials for that cluster, not the
    // backend's, so those reads say nothing about the backend's RBAC.
    const remoteNamespaces = new Set(
      scenarios.filter(isRemote).map((scenario) => scenario.application.spec.destination.namespace),
    );
    expect(
      unused(
        sandbox.rules,
        log.filter((record) => !remoteNamespaces.has(record.namespace)),
      ),
    ).toEqual([]);
  });
});

describe('RBAC of manifests/base alone', () => {
  let sandbox: RbacSandbox;
  let scenarios: Scenario[];

  beforeAll(async () => {
    scenarios = await allScenarios();
    sandbox = await startRbacSandbox(
      await renderKustomization(join(repoRoot, 'manifests', 'base')),
      scenarios,
    );
  });
  afterAll(async () => sandbox.close());

  it('refuses nothing, skips Secret lists with a note, and grants nothing unused', async () => {
    for (const scenario of scenarios.filter((candidate) => !isRemote(candidate))) {
      const { status, body } = await sandbox.diagnose(scenario);
      expect(status, scenario.id).toBe(200);
      for (const note of notes(body)) {
        expect(note, scenario.id).toBe(
          'Secret list skipped: reading Secrets is turned off (AI_SRE_READ_SECRET_KEYS)',
        );
      }
      // Only what depends on a Secret's keys (a missing TLS Secret, say) may go unexplained.
      if (notes(body).length === 0) {
        expect((body.primary as { type: string } | null)?.type ?? null, scenario.id).toBe(
          scenario.spec.expect.primary,
        );
      }
    }
    await remediate(sandbox, scenarios);
    await sandbox.served(runbookEvent);
    const refusedKinds = sandbox.environment.apiServer.requestLog
      .filter((record) => record.code === 403)
      .map((record) => `${record.verb} ${record.resource}`);
    expect(refusedKinds).toEqual([]);
    expect(argocdPolicyReads(sandbox.environment.apiServer.requestLog)).toEqual(ARGOCD_POLICY_READS);
    expect(unused(sandbox.rules, sandbox.environment.apiServer.requestLog)).toEqual([]);
  });

  it('reaches a remote cluster with the credentials of Argo CD’s cluster Secret', async () => {
    const remote = scenarios.find(isRemote);
    if (!remote) throw new Error('the remote-cluster fixture is missing');
    const { status } = await sandbox.diagnose(remote);
    expect(status).toBe(200);
  });
});
