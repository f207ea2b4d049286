import { stringify } from 'yaml';
import type { Diagnosis } from '../../diagnosis/diagnosis.js';
import type { KubeObject } from '../../kube/objects.js';
import type { ClusterSnapshot, NamedKeys } from '../../kube/snapshot.js';

/** A Secret or ConfigMap as far as a snapshot knows it: its keys, with empty values. */
function keysOnly(kind: 'Secret' | 'ConfigMap', named: NamedKeys): KubeObject {
  return {
    apiVersion: 'v1',
    kind,
    metadata: { name: named.name, namespace: named.namespace },
    data: Object.fromEntries(named.keys.map((key) => [key, ''])),
  };
}

function documents(objects: readonly object[]): string {
  return objects.map((object) => stringify(object, { lineWidth: 0 })).join('---\n');
}

function withKind(objects: readonly object[], apiVersion: string, kind: string): KubeObject[] {
  return objects.map((object) => ({ apiVersion, kind, ...(object as KubeObject) }));
}

/**
 * The files of a scenario directory (FORMAT.md) that replays this snapshot: its objects, logs, and a
 * scenario.yaml whose expectations are today's diagnosis, for a human to confirm or correct.
 */
export function recordScenario(snapshot: ClusterSnapshot, diagnosis: Diagnosis): Map<string, string> {
  const files = new Map<string, string>();
  const { application } = snapshot;
  files.set(
    'cluster/application.yaml',
    documents([{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', ...application }]),
  );
  const workloads: KubeObject[] = [
    ...withKind(snapshot.namespaces, 'v1', 'Namespace'),
    ...withKind(snapshot.deployments, 'apps/v1', 'Deployment'),
    ...withKind(snapshot.statefulSets, 'apps/v1', 'StatefulSet'),
    ...withKind(snapshot.daemonSets, 'apps/v1', 'DaemonSet'),
    ...withKind(snapshot.replicaSets, 'apps/v1', 'ReplicaSet'),
    ...withKind(snapshot.cronJobs, 'batch/v1', 'CronJob'),
    ...withKind(snapshot.jobs, 'batch/v1', 'Job'),
    ...withKind(snapshot.pods, 'v1', 'Pod'),
    ...withKind(snapshot.services, 'v1', 'Service'),
    ...withKind(snapshot.endpoints, 'v1', 'Endpoints'),
    ...withKind(snapshot.endpointSlices, 'discovery.k8s.io/v1', 'EndpointSlice'),
    ...withKind(snapshot.ingresses, 'networking.k8s.io/v1', 'Ingress'),
    ...withKind(snapshot.horizontalPodAutoscalers, 'autoscaling/v2', 'HorizontalPodAutoscaler'),
    ...withKind(snapshot.persistentVolumeClaims, 'v1', 'PersistentVolumeClaim'),
    ...withKind(snapshot.serviceAccounts, 'v1', 'ServiceAccount'),
    ...withKind(snapshot.resourceQuotas, 'v1', 'ResourceQuota'),
    ...snapshot.configMaps.map((named) => keysOnly('ConfigMap', named)),
    ...snapshot.secrets.map((named) => keysOnly('Secret', named)),
    ...snapshot.others,
  ];
  files.set('cluster/workloads.yaml', documents(workloads));
  const clusterWide = [
    ...withKind(snapshot.nodes, 'v1', 'Node'),
    ...withKind(snapshot.storageClasses, 'storage.k8s.io/v1', 'StorageClass'),
    ...withKind(snapshot.ingressClasses, 'networking.k8s.io/v1', 'IngressClass'),
  ];
  if (clusterWide.length) files.set('cluster/cluster.yaml', documents(clusterWide));
  if (snapshot.events.length)
    files.set('cluster/events.yaml', documents(withKind(snapshot.events, 'v1', 'Event')));
  for (const log of snapshot.logs) {
    const name = `${log.container}${log.previous ? '.previous' : ''}.log`;
    files.set(`logs/${log.namespace}/${log.pod}/${name}`, log.lines.map((line) => `${line}\n`).join(''));
  }
  const source = application.spec.source ?? application.spec.sources?.[0];
  files.set(
    'repo/README.md',
    `Put here the files of ${source?.repoURL ?? 'the app’s repository'} at revision ${
      application.status?.sync?.revision ?? source?.targetRevision ?? 'HEAD'
    }: the recording holds the cluster, not Git.\n`,
  );
  const primary = diagnosis.primary;
  files.set(
    'scenario.yaml',
    stringify(
      {
        description: `Recorded from ${diagnosis.application.namespace}/${diagnosis.application.name} at ${snapshot.capturedAt}: ${
          primary?.message ?? 'no symptom found'
        }`,
        application: `${diagnosis.application.namespace}/${diagnosis.application.name}`,
        ...(snapshot.target ? { target: snapshot.target } : {}),
        mode: 'approve',
        expect: {
          primary: primary?.type ?? null,
          symptoms: [...new Set(diagnosis.symptoms.map((symptom) => symptom.type))],
        },
      },
      { lineWidth: 0 },
    ),
  );
  return files;
}
