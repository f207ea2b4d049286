import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { buildApp } from '../../backend/src/app.js';
import { loadConfig } from '../../backend/src/config.js';
import { kubeClients } from '../../backend/src/kube/clients.js';
import type { KubeObject } from '../../backend/src/kube/objects.js';
import { SandboxApiServer } from '../../backend/src/sandbox/apiserver/index.js';
import { startScenarioEnvironment } from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { type Benchmark, percentile } from '../benchmark.js';

const SAMPLES = 10;
const TRIGGER_AFTER_MS = 500;
const WATCHED_APPLICATIONS = 2000;

function config(workDir: string) {
  const loaded = loadConfig({
    AI_SRE_SHARED_SECRET: 'benchmark-shared-secret-000',
    AI_SRE_LOG_LEVEL: 'silent',
    AI_SRE_NAMESPACE: 'argocd',
  });
  return {
    ...loaded,
    host: '127.0.0.1',
    port: 0,
    remediation: {
      ...loaded.remediation,
      triggerAfterMs: TRIGGER_AFTER_MS,
      intervalMs: 100,
      leaseSeconds: 2,
    },
    git: { ...loaded.git, cacheDir: join(workDir, 'git-cache') },
  };
}

/**
 * One incident from the moment the app turns Degraded: the controller waits triggerAfter, then
 * diagnoses, proposes on a fresh clone, approves and pushes. Returns milliseconds from "Degraded for
 * triggerAfter" to the push reaching the Git server.
 */
async function triggerToPush(): Promise<number> {
  const scenario = await readScenario('test/scenarios/image-registry-mirror');
  const environment = await startScenarioEnvironment([scenario]);
  const degraded = environment.apiServer.read(
    'argoproj.io/v1alpha1',
    'Application',
    'argocd',
    'shop-web',
  ) as KubeObject;
  const healthy = scenario.healed.find((object) => object.kind === 'Application') as KubeObject;
  environment.apiServer.apply({
    ...degraded,
    status: { ...(healthy.status as object), sync: (degraded.status as { sync: object }).sync },
  });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(environment.kubeconfig);
  const app = await buildApp({
    config: config(environment.workDir),
    kube: kubeClients(kubeConfig),
    logger: false,
    gitEnv: environment.gitEnv,
  });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    await sleep(300);
    const pushed = once(environment.gitServer, 'push');
    const degradedAt = performance.now();
    environment.apiServer.apply(degraded);
    await pushed;
    return performance.now() - (degradedAt + TRIGGER_AFTER_MS);
  } finally {
    await app.close();
    await environment.close();
  }
}

function application(index: number): KubeObject {
  const name = `app-${String(index).padStart(4, '0')}`;
  const namespace = `team-${index % 50}`;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', labels: { team: namespace } },
    spec: {
      project: 'default',
      source: {
        repoURL: `https://git.example.com/${namespace}/${name}.git`,
        targetRevision: 'main',
        path: 'deploy',
      },
      destination: { server: 'https://kubernetes.default.svc', namespace },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
    status: {
      sync: { status: 'Synced', revision: 'a'.repeat(40) },
      health: { status: 'Healthy' },
      resources: ['Deployment', 'Service', 'ConfigMap', 'HorizontalPodAutoscaler', 'Ingress'].map((kind) => ({
        group: kind === 'Deployment' ? 'apps' : '',
        version: 'v1',
        kind,
        namespace,
        name,
        status: 'Synced',
        health: { status: 'Healthy' },
      })),
      history: [1, 2, 3].map((id) => ({ id, revision: 'b'.repeat(40), deployedAt: '2026-11-20T10:00:00Z' })),
      summary: { images: [`registry.example.com/${namespace}/${name}:1.0.${index}`] },
    },
  };
}

async function residentKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
}

/** The built server, as `npm start` runs it, watching 2,000 Applications; its resident memory once settled. */
async function controllerMemoryMiB(): Promise<number> {
  const server = new SandboxApiServer();
  await server.listen();
  const work = await mkdtemp(join(tmpdir(), 'bench-controller-'));
  try {
    for (let index = 0; index < WATCHED_APPLICATIONS; index++) server.apply(application(index));
    const kubeconfig = join(work, 'kubeconfig');
    await writeFile(kubeconfig, server.kubeconfig());
    const child = spawn(process.execPath, ['dist/backend/server.js'], {
      env: {
        PATH: process.env.PATH,
        KUBECONFIG: kubeconfig,
        AI_SRE_SHARED_SECRET: 'benchmark-shared-secret-000',
        AI_SRE_HOST: '127.0.0.1',
        AI_SRE_PORT: '0',
        AI_SRE_HEALTH_PORT: '0',
        AI_SRE_LOG_LEVEL: 'warn',
        AI_SRE_GIT_CACHE_DIR: join(work, 'git'),
      },
      stdio: 'ignore',
    });
    try {
      const watching = () =>
        server.requestLog.some(
          (request) => request.resource === 'applications' && request.path.includes('watch=true'),
        );
      for (let waited = 0; !watching() && waited < 30_000; waited += 100) await sleep(100);
      if (!watching()) throw new Error('the server never watched the Applications');
      await sleep(2000);
      return (await residentKiB(child.pid ?? 0)) / 1024;
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

export const remediationBenchmark: Benchmark = {
  name: 'remediation',
  description:
    'the auto-mode controller: from Degraded for triggerAfter to the fix pushed; memory watching 2,000 Applications',
  async run() {
    const latencies: number[] = [];
    for (let sample = 0; sample < SAMPLES; sample++) latencies.push(await triggerToPush());
    const memory = await controllerMemoryMiB();
    return [
      {
        figure: 'Degraded for triggerAfter → commit pushed p50',
        value: percentile(latencies, 50),
        unit: 'ms',
      },
      {
        figure: 'Degraded for triggerAfter → commit pushed p95',
        value: percentile(latencies, 95),
        unit: 'ms',
        target: { op: '<=', value: 2000 },
      },
      {
        figure: `resident memory of the server watching ${WATCHED_APPLICATIONS} Applications`,
        value: memory,
        unit: 'MiB',
        target: { op: '<=', value: 200 },
      },
    ];
  },
};
