import { KubeConfig } from '@kubernetes/client-node';
import { DEFAULT_KUBE_LIMITS } from '../../backend/src/config.js';
import { detectors } from '../../backend/src/detectors/index.js';
import { diagnose } from '../../backend/src/diagnosis/diagnose.js';
import { type KubeClients, kubeClients } from '../../backend/src/kube/clients.js';
import { gatherSnapshot } from '../../backend/src/kube/gather/index.js';
import type { ConfigMap } from '../../backend/src/kube/objects.js';
import { parseRunbookConfigMaps } from '../../backend/src/runbooks/parse.js';
import { SandboxApiServer } from '../../backend/src/sandbox/apiserver/index.js';
import { type Benchmark, percentile, sample } from '../benchmark.js';
import { type LargeApp, largeApp } from '../fixtures/large-app.js';

const iterations = 100;

/**
 * The floor: the same objects and logs fetched with bare client-node calls (its typed API, as an
 * integrator would write them), all in parallel and nothing done with them.
 */
async function fetchBare(clients: KubeClients, app: LargeApp, logPods: readonly string[]): Promise<void> {
  const namespace = app.namespace;
  await Promise.all([
    clients.custom.getNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: app.application.namespace,
      plural: 'applications',
      name: app.application.name,
    }),
    clients.core.listNamespacedPod({ namespace }),
    clients.core.listNamespacedEvent({ namespace, fieldSelector: 'type!=Normal' }),
    clients.apps.listNamespacedDeployment({ namespace }),
    clients.apps.listNamespacedReplicaSet({ namespace }),
    clients.core.listNamespacedService({ namespace }),
    clients.core.listNamespacedEndpoints({ namespace }),
    ...logPods.flatMap((name) =>
      [true, false].map((previous) =>
        clients.core.readNamespacedPodLog({
          namespace,
          name,
          container: 'app',
          previous,
          tailLines: 200,
          limitBytes: 65536,
        }),
      ),
    ),
  ]);
}

export const diagnosisBenchmark: Benchmark = {
  name: 'diagnosis',
  description: 'diagnose an app of 300 pods and 3,000 events on the sandbox API server (HTTPS, client-node)',
  async run() {
    const app = largeApp();
    const count = (kind: string) => app.objects.filter((object) => object.kind === kind).length;
    if (count('Pod') !== 300 || count('Event') !== 3000) {
      throw new Error(
        `the benchmark app must hold 300 pods and 3,000 events, not ${count('Pod')} and ${count('Event')}`,
      );
    }
    const server = new SandboxApiServer();
    await server.listen();
    try {
      for (const object of app.objects) server.apply(object);
      for (const log of app.logs)
        server.setLog(log.namespace, log.pod, log.container, log.text, { previous: log.previous });
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromString(server.kubeconfig());
      const clients = kubeClients(kubeConfig);
      const runbooks = parseRunbookConfigMaps([app.runbooks as ConfigMap]);
      const diagnoseOnce = () =>
        diagnose(
          () =>
            gatherSnapshot({
              control: clients,
              argocdNamespace: app.application.namespace,
              application: app.application,
              limits: DEFAULT_KUBE_LIMITS,
              readSecretKeys: true,
              now: () => new Date('2026-11-20T10:30:00Z'),
            }),
          { detectors, runbooks, stopwatch: () => performance.now() },
        );

      server.clearRequestLog();
      const { diagnosis } = await diagnoseOnce();
      const requests = [...server.requestLog];
      const logReads = requests.filter((request) => request.resource === 'pods/log');
      const apiCalls = requests.length - logReads.length;
      const logPods = [...new Set(logReads.map((request) => request.path.split('/')[6] ?? ''))];
      if (diagnosis.primary?.type !== 'ImagePullBackOff') {
        throw new Error(
          `the benchmark app should diagnose ImagePullBackOff first, got ${diagnosis.primary?.type}`,
        );
      }

      const latency = await sample(diagnoseOnce, iterations);
      const floor = await sample(() => fetchBare(clients, app, logPods), iterations);
      const p50 = percentile(latency, 50);
      const floorP50 = percentile(floor, 50);
      return [
        { figure: 'latency p50', value: p50, unit: 'ms' },
        {
          figure: 'latency p95',
          value: percentile(latency, 95),
          unit: 'ms',
          target: { op: '<=', value: 50 },
        },
        { figure: 'list/get calls per diagnosis', value: apiCalls, unit: '', target: { op: '<=', value: 8 } },
        { figure: 'log reads per diagnosis', value: logReads.length, unit: '' },
        { figure: 'bare client-node fetch p50 (floor)', value: floorP50, unit: 'ms' },
        { figure: 'bare client-node fetch p95 (floor)', value: percentile(floor, 95), unit: 'ms' },
        {
          figure: 'ratio p50 diagnosis / floor',
          value: p50 / floorP50,
          unit: '',
          target: { op: '<=', value: 1.3 },
        },
      ];
    } finally {
      await server.close();
    }
  },
};
