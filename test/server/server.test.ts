import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ScenarioEnvironment,
  startScenarioEnvironment,
} from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { runCommand } from '../../backend/src/support/run-command.js';
import { argocdHeaders, SECRET_HEADER, SHARED_SECRET } from '../support/backend.js';
import { freePort, type ServerProcess, startNode, waitUntilListening } from './server-process.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const SERVER = join('dist', 'backend', 'server.js');

/**
 * The built backend as the image holds it (see Dockerfile): dist/backend/server.js beside a
 * package.json that only says "module", and no node_modules, so a dependency the bundle failed to
 * include shows here.
 */
async function imageLayout(work: string): Promise<string> {
  await runCommand('npm', ['run', 'build'], { cwd: repoRoot, timeoutMs: 180_000 });
  const app = join(work, 'app');
  await mkdir(join(app, 'dist', 'backend'), { recursive: true });
  await copyFile(join(repoRoot, SERVER), join(app, SERVER));
  await writeFile(join(app, 'package.json'), '{"type":"module"}\n');
  return app;
}

describe('node dist/backend/server.js', () => {
  let work: string;
  let app: string;
  let environment: ScenarioEnvironment;
  let server: ServerProcess;
  let api: string;
  let health: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'server-'));
    app = await imageLayout(work);
    environment = await startScenarioEnvironment([
      await readScenario(join(repoRoot, 'test', 'scenarios', 'image-registry-mirror')),
    ]);
    await writeFile(join(work, 'kubeconfig'), environment.kubeconfig);
    // As the Deployment mounts it: a file from a Secret, which may end with a newline.
    await writeFile(join(work, 'shared-secret'), `${SHARED_SECRET}\n`);
    const [port, healthPort] = [await freePort(), await freePort()];
    server = startNode(SERVER, app, {
      AI_SRE_HOST: '127.0.0.1',
      AI_SRE_PORT: String(port),
      AI_SRE_HEALTH_PORT: String(healthPort),
      AI_SRE_LOG_LEVEL: 'warn',
      AI_SRE_SHARED_SECRET_FILE: join(work, 'shared-secret'),
      KUBECONFIG: join(work, 'kubeconfig'),
    });
    api = `http://127.0.0.1:${port}`;
    health = `http://127.0.0.1:${healthPort}`;
    // server.ts opens the API port before the health port: once health answers, both do.
    await waitUntilListening(`${health}/healthz`, server);
  });

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await environment?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('is alive and ready on the health port', async () => {
    const alive = await fetch(`${health}/healthz`);
    expect(alive.status).toBe(200);
    expect(await alive.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${health}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('diagnoses through the API port with Argo CD’s headers and the shared secret', async () => {
    const response = await fetch(`${api}/api/v1/diagnoses`, {
      method: 'POST',
      headers: argocdHeaders('argocd/shop-web'),
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect((await response.json()).primary.type).toBe('ImagePullBackOff');
    const { [SECRET_HEADER]: _secret, ...withoutSecret } = argocdHeaders('argocd/shop-web');
    const refused = await fetch(`${api}/api/v1/diagnoses`, {
      method: 'POST',
      headers: withoutSecret,
      body: '{}',
    });
    expect(refused.status).toBe(401);
  });

  it('serves Prometheus metrics on the health port only, counting the API’s requests by route', async () => {
    // A path no route serves is counted under one label, however many such paths there are.
    expect((await fetch(`${api}/wp-login.php?probe=1`)).status).toBe(404);
    const metrics = await fetch(`${health}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_heap_size_used_bytes');
    expect(text).toContain(
      'argocd_ai_sre_http_requests_total{method="POST",route="/api/v1/diagnoses",status="200"} 1',
    );
    expect(text).toContain(
      'argocd_ai_sre_http_requests_total{method="POST",route="/api/v1/diagnoses",status="401"} 1',
    );
    expect(text).toMatch(
      /argocd_ai_sre_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/diagnoses",status="200"\} 1/,
    );
    expect(text).toContain(
      'argocd_ai_sre_http_requests_total{method="GET",route="unmatched",status="404"} 1',
    );
    expect(text).not.toContain('wp-login');
    expect((await fetch(`${api}/metrics`)).status).toBe(404);
  });

  it('turns not ready when the Kubernetes API goes away, and stops on SIGTERM', async () => {
    await environment.apiServer.close();
    const ready = await fetch(`${health}/readyz`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).reason).toMatch(/^Kubernetes API: /);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('refuses to start without the shared secret, and says how to give it', async () => {
    const missing = startNode(SERVER, app, {
      AI_SRE_HOST: '127.0.0.1',
      AI_SRE_PORT: '0',
      AI_SRE_HEALTH_PORT: '0',
    });
    expect(await missing.exited).toBe(1);
    expect(missing.output()).toContain(
      'argocd-ai-sre cannot start: configuration: a shared secret of at least 16 characters is required (AI_SRE_SHARED_SECRET_FILE or AI_SRE_SHARED_SECRET)',
    );
    const unreadable = startNode(SERVER, app, { AI_SRE_SHARED_SECRET_FILE: join(work, 'no-such-file') });
    expect(await unreadable.exited).toBe(1);
    expect(unreadable.output()).toContain(
      `argocd-ai-sre cannot start: configuration: AI_SRE_SHARED_SECRET_FILE: cannot read ${join(work, 'no-such-file')}`,
    );
  });
});
