import { createLimiter, withTimeout } from '../../support/limiter.js';
import { describeApiError } from '../api-error.js';
import { apiReader } from '../api-reader.js';
import { buildSnapshot } from '../build-snapshot.js';
import { destinationClients } from '../destination.js';
import { isListedKind, type ListedKind, type ListedKindName, listedKinds, listPath } from '../kinds.js';
import { selectLogs } from '../log-selection.js';
import type { KubeObject, Pod } from '../objects.js';
import type { ClusterSnapshot, ContainerLog } from '../snapshot.js';
import { belongingToApp } from './app-membership.js';
import { managedResources, readApplication } from './application.js';
import { type ListRequest, listKey, neededContext, WARNING_EVENTS } from './context-needs.js';
import { cutLog } from './log-tail.js';
import type { GatherRequest } from './request.js';

export { readApplication } from './application.js';
export { ApplicationNotFoundError, type GatherLimits, type GatherRequest } from './request.js';

/** What each kind needs listed beside it to find its children. */
const childKinds: Partial<Record<string, ListedKindName[]>> = {
  Deployment: ['ReplicaSet'],
  CronJob: ['Job'],
  Service: ['Endpoints'],
  Ingress: ['IngressClass', 'Service', 'Endpoints'],
};

/** Secrets are listed only for their keys; the values are dropped the moment they arrive. */
function withoutSecretValues(object: KubeObject): KubeObject {
  if (object.kind !== 'Secret') return object;
  const keys = [object.data, object.stringData].flatMap((values) =>
    Object.keys((values as object | undefined) ?? {}),
  );
  return {
    apiVersion: object.apiVersion,
    kind: 'Secret',
    metadata: { name: object.metadata?.name, namespace: object.metadata?.namespace },
    data: Object.fromEntries(keys.map((key) => [key, ''])),
  } as KubeObject;
}

/**
 * Gathers what a diagnosis of one Application needs, in parallel under a concurrency cap, each call
 * with a timeout. A call that fails becomes a note and the snapshot goes on with what it has; only an
 * unreadable Application or an unreachable destination stops it.
 */
export async function gatherSnapshot(request: GatherRequest): Promise<ClusterSnapshot> {
  const { limits } = request;
  const limit = createLimiter(limits.concurrency);
  const notes: string[] = [];
  const call = async <T>(what: string, task: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> => {
    try {
      return await limit(() =>
        withTimeout(task(AbortSignal.timeout(limits.callTimeoutMs)), limits.callTimeoutMs, what),
      );
    } catch (error) {
      notes.push(`${what} unavailable: ${describeApiError(error)}`);
      return undefined;
    }
  };

  const application = await readApplication(request);
  const cluster = await destinationClients(
    request.control,
    request.argocdNamespace,
    application.spec.destination,
  );
  // The reader's own deadline would otherwise be the default one, cutting a longer configured wait short.
  const reader = apiReader(cluster.kubeConfig, limits.callTimeoutMs);
  const managed = managedResources(application);
  const namespaces = new Set(managed.map((ref) => ref.namespace).filter((ns): ns is string => Boolean(ns)));
  if (application.spec.destination.namespace) namespaces.add(application.spec.destination.namespace);

  const listed = new Set<string>();
  const list = async (wanted: ListRequest): Promise<KubeObject[]> => {
    listed.add(listKey(wanted));
    if (wanted.kind === 'Secret' && !request.readSecretKeys) {
      notes.push('Secret list skipped: reading Secrets is turned off (AI_SRE_READ_SECRET_KEYS)');
      return [];
    }
    const { kind, fieldSelector } = wanted;
    const spec: ListedKind = listedKinds[kind];
    const scopes = spec.namespaced ? [...namespaces].sort() : [''];
    const lists = await Promise.all(
      scopes.map((namespace) =>
        call(
          `${kind} list${fieldSelector ? ` (${fieldSelector})` : ''}${namespace ? ` in ${namespace}` : ''}`,
          (signal) =>
            reader.getJson<{ items?: KubeObject[] }>(
              `${listPath(spec, namespace)}${fieldSelector ? `?${new URLSearchParams({ fieldSelector })}` : ''}`,
              signal,
            ),
        ),
      ),
    );
    // A list's items carry no apiVersion and kind; the snapshot needs both.
    return lists.flatMap((list) =>
      (list?.items ?? []).map((item) => {
        item.apiVersion = spec.apiVersion;
        item.kind = kind;
        return withoutSecretValues(item);
      }),
    );
  };

  // Kinds no list covers (NetworkPolicy, RBAC, custom resources) are left out: no detector reads them,
  // and reading them one by one would need a grant for every kind an app might hold.
  const firstKinds = new Set<ListedKindName>(['Pod']);
  for (const ref of managed) {
    if (!isListedKind(ref.kind)) continue;
    firstKinds.add(ref.kind);
    for (const child of childKinds[ref.kind] ?? []) firstKinds.add(child);
  }
  let objects = (
    await Promise.all([WARNING_EVENTS, ...[...firstKinds].map((kind) => ({ kind }))].map(list))
  ).flat();
  objects = belongingToApp(objects, managed);
  for (let round = 0; round < 2; round++) {
    const extra = neededContext(objects, listed);
    if (extra.length === 0) break;
    objects = belongingToApp([...objects, ...(await Promise.all(extra.map(list))).flat()], managed);
  }

  const logRequests = selectLogs(
    objects.filter((object) => object.kind === 'Pod') as Pod[],
    limits.logsPerDiagnosis,
  );
  const logs = await Promise.all(
    logRequests.map(async (log): Promise<ContainerLog | undefined> => {
      const query = new URLSearchParams({
        container: log.container,
        previous: String(log.previous),
        tailLines: String(limits.logTailLines),
        limitBytes: String(limits.logLimitBytes),
      });
      const text = await call(
        `log of ${log.namespace}/${log.pod}/${log.container}${log.previous ? ' (previous)' : ''}`,
        (signal) =>
          reader.getText(
            `/api/v1/namespaces/${encodeURIComponent(log.namespace)}/pods/${encodeURIComponent(log.pod)}/log?${query}`,
            signal,
          ),
      );
      return text === undefined ? undefined : { ...log, ...cutLog(text, limits) };
    }),
  );

  return buildSnapshot({
    capturedAt: request.now().toISOString(),
    application,
    ...(request.target ? { target: request.target } : {}),
    objects,
    logs: logs.filter((log): log is ContainerLog => log !== undefined),
    notes,
  });
}
