import { KubeConfig } from '@kubernetes/client-node';
import { kubeClients } from '../../backend/src/kube/clients.js';
import { SandboxApiServer } from '../../backend/src/sandbox/apiserver/index.js';
import { startScenarioEnvironment } from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { type Benchmark, percentile, sample } from '../benchmark.js';
import { largeApp } from '../fixtures/large-app.js';

export const sandboxBenchmark: Benchmark = {
  name: 'sandbox',
  description: 'the sandbox API server and scenario loading',
  async run() {
    const app = largeApp();
    const server = new SandboxApiServer();
    await server.listen();
    let listPods: number[];
    try {
      for (const object of app.objects) server.apply(object);
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromString(server.kubeconfig());
      const { core } = kubeClients(kubeConfig);
      listPods = await sample(() => core.listNamespacedPod({ namespace: app.namespace }), 50);
    } finally {
      await server.close();
    }
    const load = await sample(
      async () => {
        const scenario = await readScenario('test/scenarios/image-registry-mirror');
        const environment = await startScenarioEnvironment([scenario]);
        await environment.close();
      },
      10,
      1,
    );
    return [
      { figure: 'list 300 pods p50 (client-node)', value: percentile(listPods, 50), unit: 'ms' },
      { figure: 'list 300 pods p95 (client-node)', value: percentile(listPods, 95), unit: 'ms' },
      { figure: 'load a scenario (read, git repo, servers) p50', value: percentile(load, 50), unit: 'ms' },
    ];
  },
};
