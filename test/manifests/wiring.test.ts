import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { V1Container, V1Deployment, V1NetworkPolicy, V1Service } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../backend/src/config.js';
import { BACKEND_ACCOUNT } from './rbac-rules.js';
import { findObject, fixturesDir, type RenderedObject, renderKustomization, repoRoot } from './render.js';

const RELEASES = 'https://github.com/argocd-ai-sre/argocd-ai-sre/releases/download';

/** What a rendered object is, typed as client-node's model (timestamps stay strings; none are read here). */
function as<T>(object: RenderedObject): T {
  return object as unknown as T;
}

function backendContainer(deployment: V1Deployment): V1Container {
  const container = deployment.spec?.template.spec?.containers[0];
  if (!container) throw new Error('the Deployment has no container');
  return container;
}

function env(container: V1Container, name: string): string | undefined {
  return container.env?.find((variable) => variable.name === name)?.value;
}

function portNumber(container: V1Container, name: string): number | undefined {
  return container.ports?.find((port) => port.name === name)?.containerPort;
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

describe('the rendered manifests fit together and fit the code', () => {
  let version: string;
  let backend: RenderedObject[];
  let argocd: RenderedObject[];
  let deployment: V1Deployment;
  let container: V1Container;
  let podLabels: Record<string, string>;

  beforeAll(async () => {
    version = (JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string })
      .version;
    [backend, argocd] = await Promise.all([
      renderKustomization(join(fixturesDir, 'install-all')),
      renderKustomization(join(fixturesDir, 'argocd-install')),
    ]);
    deployment = as<V1Deployment>(findObject(backend, 'Deployment', 'argocd-ai-sre'));
    container = backendContainer(deployment);
    podLabels = deployment.spec?.template.metadata?.labels ?? {};
  });

  it('runs this version’s image, as the ServiceAccount the RBAC binds, hardened', () => {
    expect(container.image).toBe(`ghcr.io/argocd-ai-sre/argocd-ai-sre:${version}`);
    expect(deployment.spec?.replicas).toBe(2);
    const pod = deployment.spec?.template.spec;
    expect(pod?.serviceAccountName).toBe(BACKEND_ACCOUNT.name);
    expect(deployment.metadata?.namespace).toBe(BACKEND_ACCOUNT.namespace);
    expect(pod?.securityContext?.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources?.requests).toBeDefined();
    expect(container.resources?.limits).toBeDefined();
    const emptyDirs = new Set(pod?.volumes?.filter((volume) => volume.emptyDir).map((volume) => volume.name));
    const writable = container.volumeMounts
      ?.filter((mount) => emptyDirs.has(mount.name))
      .map((m) => m.mountPath);
    expect(writable).toContain('/tmp');
  });

  it('listens where the probes, Services and NetworkPolicy look, as config.ts reads it', () => {
    const config = loadConfig({
      AI_SRE_SHARED_SECRET: 'x'.repeat(16),
      AI_SRE_PORT: env(container, 'AI_SRE_PORT'),
      AI_SRE_HEALTH_PORT: env(container, 'AI_SRE_HEALTH_PORT'),
    });
    expect(portNumber(container, 'http')).toBe(config.port);
    expect(portNumber(container, 'health')).toBe(config.healthPort);
    expect(container.livenessProbe?.httpGet).toMatchObject({ path: '/healthz', port: 'health' });
    expect(container.readinessProbe?.httpGet).toMatchObject({ path: '/readyz', port: 'health' });
    const api = as<V1Service>(findObject(backend, 'Service', 'argocd-ai-sre'));
    const metrics = as<V1Service>(findObject(backend, 'Service', 'argocd-ai-sre-metrics'));
    for (const service of [api, metrics]) expect(selects(service.spec?.selector, podLabels)).toBe(true);
    expect(api.spec?.ports?.map((port) => port.targetPort)).toEqual(['http']);
    expect(metrics.spec?.ports?.map((port) => port.targetPort)).toEqual(['health']);
    const pdb = findObject(backend, 'PodDisruptionBudget', 'argocd-ai-sre');
    expect(
      selects(
        (pdb.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
        podLabels,
      ),
    ).toBe(true);
    const serviceMonitor = findObject(backend, 'ServiceMonitor', 'argocd-ai-sre');
    const monitorSpec = serviceMonitor.spec as {
      selector: { matchLabels: Record<string, string> };
      endpoints: { port: string; path: string }[];
    };
    expect(selects(monitorSpec.selector.matchLabels, metrics.metadata?.labels ?? {})).toBe(true);
    expect(selects(monitorSpec.selector.matchLabels, api.metadata?.labels ?? {})).toBe(false);
    expect(monitorSpec.endpoints).toMatchObject([{ port: metrics.spec?.ports?.[0]?.name, path: '/metrics' }]);
  });

  it('admits the API port from argocd-server only, and health from labelled namespaces only', () => {
    const policy = as<V1NetworkPolicy>(findObject(backend, 'NetworkPolicy', 'argocd-ai-sre'));
    expect(selects(policy.spec?.podSelector?.matchLabels, podLabels)).toBe(true);
    expect(policy.spec?.ingress).toEqual([
      {
        from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'argocd-server' } } }],
        ports: [{ port: 'http', protocol: 'TCP' }],
      },
      {
        from: [{ namespaceSelector: { matchLabels: { 'argocd-ai-sre/metrics-scraper': 'true' } } }],
        ports: [{ port: 'health', protocol: 'TCP' }],
      },
    ]);
    const server = as<V1Deployment>(findObject(argocd, 'Deployment', 'argocd-server'));
    expect(server.spec?.template.metadata?.labels?.['app.kubernetes.io/name']).toBe('argocd-server');
  });

  it('points Argo CD’s proxy at the API Service with the secret header the backend checks', () => {
    const cm = findObject(argocd, 'ConfigMap', 'argocd-cm').data as Record<string, string>;
    const extension = parse(cm['extension.config.ai-sre'] ?? '') as {
      services: { url: string; headers: { name: string; value: string }[] }[];
    };
    const api = as<V1Service>(findObject(backend, 'Service', 'argocd-ai-sre'));
    const port = api.spec?.ports?.[0]?.port;
    expect(extension.services).toEqual([
      {
        url: `http://${api.metadata?.name}.${api.metadata?.namespace}.svc:${port}`,
        headers: [
          {
            name: loadConfig({ AI_SRE_SHARED_SECRET: 'x'.repeat(16) }).sharedSecretHeader,
            value: '$ai-sre.sharedSecret',
          },
        ],
      },
    ]);
    // The backend reads the same argocd-secret key from a file.
    const volume = deployment.spec?.template.spec?.volumes?.find(
      (candidate) => candidate.name === 'shared-secret',
    );
    expect(volume?.secret).toMatchObject({
      secretName: 'argocd-secret',
      items: [{ key: 'ai-sre.sharedSecret', path: 'shared-secret' }],
    });
    const mount = container.volumeMounts?.find((candidate) => candidate.name === 'shared-secret');
    expect(env(container, 'AI_SRE_SHARED_SECRET_FILE')).toBe(`${mount?.mountPath}/shared-secret`);
  });

  it('turns on proxy extensions, grants the extension, and keeps the existing policy', () => {
    expect(findObject(argocd, 'ConfigMap', 'argocd-cmd-params-cm').data).toEqual({
      'server.enable.proxy.extension': 'true',
    });
    const rbac = findObject(argocd, 'ConfigMap', 'argocd-rbac-cm').data as Record<string, string>;
    expect(rbac['policy.ai-sre.csv']?.trim()).toBe('p, role:readonly, extensions, invoke, ai-sre, allow');
    expect(rbac['policy.csv']).toBe('g, platform-team, role:admin\n');
    expect(rbac['policy.default']).toBe('role:readonly');
  });

  it('installs this release’s UI extension into the volume argocd-server serves extensions from', () => {
    const server = as<V1Deployment>(findObject(argocd, 'Deployment', 'argocd-server')).spec?.template.spec;
    const installer = server?.initContainers?.find((candidate) => candidate.name === 'extension-ai-sre');
    expect(installer?.image).toMatch(/^quay\.io\/argoprojlabs\/argocd-extension-installer:v\d/);
    expect(
      Object.fromEntries((installer?.env ?? []).map((variable) => [variable.name, variable.value])),
    ).toEqual({
      EXTENSION_NAME: 'ai-sre',
      EXTENSION_VERSION: `v${version}`,
      EXTENSION_URL: `${RELEASES}/v${version}/extension.tar.gz`,
      EXTENSION_CHECKSUM_URL: `${RELEASES}/v${version}/extension.tar.gz.sha256`,
    });
    const extensionsMount = { name: 'extensions', mountPath: '/tmp/extensions/' };
    expect(installer?.volumeMounts).toContainEqual(extensionsMount);
    const argocdServer = server?.containers.find((candidate) => candidate.name === 'argocd-server');
    expect(argocdServer?.volumeMounts).toContainEqual(extensionsMount);
    expect(server?.volumes).toContainEqual({ name: 'extensions', emptyDir: {} });
    // What was there stays.
    expect(argocdServer?.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    expect(server?.volumes).toContainEqual({ name: 'tmp', emptyDir: {} });
  });
});
