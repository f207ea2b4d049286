import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { V1Container, V1Deployment } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findObject, fixturesDir, type RenderedObject, renderKustomization, repoRoot } from './render.js';

/** Every environment variable the config loaders read: `env.NAME` and `integer(env, 'NAME', ...)`. */
function settingsReadBy(source: string): string[] {
  const names = [...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)|\(\s*env,\s*'([A-Z][A-Z0-9_]*)'/g)].map(
    (match) => match[1] ?? match[2] ?? '',
  );
  return [...new Set(names)].sort();
}

/** The ```yaml blocks of a Markdown page. */
function yamlBlocks(markdown: string): unknown[] {
  return [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parse(match[1] ?? ''));
}

interface HelmValues {
  configs: { params: Record<string, string>; cm: Record<string, string>; rbac: Record<string, string> };
  server: { extensions: { enabled: boolean; extensionList: { name: string; env: V1Container['env'] }[] } };
}

describe('docs/', () => {
  let argocd: RenderedObject[];
  let backend: RenderedObject[];
  let configSource: string;
  let configuration: string;
  let install: string;

  beforeAll(async () => {
    [argocd, backend, configSource, configuration, install] = await Promise.all([
      renderKustomization(join(fixturesDir, 'argocd-install')),
      renderKustomization(join(repoRoot, 'manifests', 'base')),
      Promise.all(
        ['config.ts', 'llm/config.ts', 'gitops/config.ts', 'limits/config.ts'].map((file) =>
          readFile(join(repoRoot, 'backend', 'src', file), 'utf8'),
        ),
      ).then((sources) => sources.join('\n')),
      readFile(join(repoRoot, 'docs', 'configuration.md'), 'utf8'),
      readFile(join(repoRoot, 'docs', 'install.md'), 'utf8'),
    ]);
  });

  it('configuration.md documents every setting the config loaders read, and the Deployment sets no other', () => {
    const settings = settingsReadBy(configSource);
    expect(settings).toContain('AI_SRE_SHARED_SECRET_FILE');
    const documented = [...configuration.matchAll(/^\| `([A-Z][A-Z0-9_]*)`/gm)].map((match) => match[1]);
    expect([...documented].sort()).toEqual(settings);
    const deployment = findObject(backend, 'Deployment', 'argocd-ai-sre') as unknown as V1Deployment;
    const set = deployment.spec?.template.spec?.containers[0]?.env?.map((variable) => variable.name) ?? [];
    for (const name of set) expect(settings).toContain(name);
  });

  it('install.md gives argo-helm values that do what manifests/argocd does', () => {
    const values = yamlBlocks(install).find(
      (block): block is HelmValues => typeof block === 'object' && block !== null && 'configs' in block,
    );
    if (!values) throw new Error('install.md has no argo-helm values');
    const data = (name: string) => findObject(argocd, 'ConfigMap', name).data as Record<string, string>;
    expect(values.configs.params).toEqual(data('argocd-cmd-params-cm'));
    expect(values.configs.cm['extension.config.ai-sre']).toBe(data('argocd-cm')['extension.config.ai-sre']);
    expect(values.configs.rbac).toEqual({ 'policy.ai-sre.csv': data('argocd-rbac-cm')['policy.ai-sre.csv'] });
    const server = findObject(argocd, 'Deployment', 'argocd-server') as unknown as V1Deployment;
    const installer = server.spec?.template.spec?.initContainers?.find((c) => c.name === 'extension-ai-sre');
    expect(values.server.extensions.enabled).toBe(true);
    expect(values.server.extensions.extensionList).toEqual([{ name: installer?.name, env: installer?.env }]);
  });

  it('install.md applies each file of manifests/argocd with kubectl', () => {
    for (const file of [
      'argocd-cmd-params-cm.yaml',
      'argocd-cm.yaml',
      'argocd-rbac-cm.yaml',
      'argocd-server-deployment.yaml',
    ]) {
      expect(install).toContain(`--patch-file manifests/argocd/${file}`);
    }
  });
});
