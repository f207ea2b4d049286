import { describe, expect, it } from 'vitest';
import { GitOpsError } from '../../../backend/src/gitops/gitops-error.js';
import { locatePlain } from '../../../backend/src/gitops/locate/plain.js';
import type { GitSource } from '../../../backend/src/gitops/source/application-sources.js';
import { DEPLOYMENT, plan } from '../support/git-sandbox.js';
import { diffOf, treeOf } from '../support/work-tree.js';

const source = (path: string, recurse = false): GitSource => ({
  field: 'spec.source',
  repoURL: 'https://git.example.com/shop/deploy.git',
  targetRevision: 'main',
  path,
  ...(recurse ? { directory: { recurse: true } } : {}),
});

const [MEMORY] = plan([
  { path: 'spec.template.spec.containers[name=web].resources.limits.memory', from: '256Mi', to: '512Mi' },
]).edits;
if (!MEMORY) throw new Error('no edit');

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n';

describe('locatePlain', () => {
  it('edits the document of the same kind and name in a multi-document file', async () => {
    const tree = await treeOf({
      'deploy/all.yaml': `${SERVICE}---\n${DEPLOYMENT}`,
      'deploy/README.md': 'not yaml: [',
    });
    const placement = await locatePlain(tree, source('deploy'), MEMORY);
    expect(placement).toEqual({
      edit: 'Deployment shop/web spec.template.spec.containers[name=web].resources.limits.memory',
      repoURL: 'https://git.example.com/shop/deploy.git',
      file: 'deploy/all.yaml',
      field: 'spec.template.spec.containers[name=web].resources.limits.memory',
    });
    expect(diffOf(tree)).toEqual({
      'deploy/all.yaml': `${SERVICE}---\n${DEPLOYMENT.replace('memory: 256Mi', 'memory: 512Mi')}`,
    });
  });

  it('looks into subdirectories only with directory.recurse', async () => {
    const files = { 'deploy/web/deployment.yaml': DEPLOYMENT };
    await expect(locatePlain(await treeOf(files), source('deploy'), MEMORY)).rejects.toThrow(
      new GitOpsError(
        'locate',
        'no manifest of Deployment shop/web under deploy of https://git.example.com/shop/deploy.git',
      ),
    );
    const tree = await treeOf(files);
    await locatePlain(tree, source('deploy', true), MEMORY);
    expect(Object.keys(diffOf(tree))).toEqual(['deploy/web/deployment.yaml']);
  });

  it('matches a manifest naming another namespace, or another group, to nothing', async () => {
    const other = DEPLOYMENT.replace('name: web', 'name: web\n  namespace: staging');
    await expect(locatePlain(await treeOf({ 'd.yaml': other }), source(''), MEMORY)).rejects.toThrow(
      /no manifest/,
    );
    const argo = DEPLOYMENT.replace('apiVersion: apps/v1', 'apiVersion: argoproj.io/v1alpha1');
    await expect(locatePlain(await treeOf({ 'd.yaml': argo }), source(''), MEMORY)).rejects.toThrow(
      /no manifest/,
    );
  });

  it('refuses to choose between two manifests of the same object', async () => {
    const tree = await treeOf({ 'a.yaml': DEPLOYMENT, 'b.yaml': DEPLOYMENT });
    await expect(locatePlain(tree, source(''), MEMORY)).rejects.toThrow(
      new GitOpsError(
        'ambiguous',
        'Deployment shop/web has 2 manifests under the repository root of https://git.example.com/shop/deploy.git: a.yaml, b.yaml',
      ),
    );
    expect(tree.changes()).toEqual([]);
  });
});
