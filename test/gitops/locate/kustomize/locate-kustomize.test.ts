import { describe, expect, it } from 'vitest';
import { locateKustomize } from '../../../../backend/src/gitops/locate/kustomize/locate-kustomize.js';
import type { GitSource } from '../../../../backend/src/gitops/source/application-sources.js';
import { DEPLOYMENT, plan } from '../../support/git-sandbox.js';
import { diffOf, treeOf } from '../../support/work-tree.js';

const source: GitSource = {
  field: 'spec.source',
  repoURL: 'https://git.example.com/shop/deploy.git',
  targetRevision: 'main',
  path: 'overlays/prod',
};

const BASE = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': DEPLOYMENT,
};

const edit = (path: string, from: unknown, to: unknown, name = 'web') => {
  const [first] = plan([
    {
      path,
      from,
      to,
      object: { group: 'apps', kind: 'Deployment', namespace: 'shop', name, apiVersion: 'apps/v1' },
    },
  ]).edits;
  if (!first) throw new Error('no edit');
  return first;
};

describe('locateKustomize', () => {
  it('edits the overlay patch that sets the field, not the base', async () => {
    const tree = await treeOf({
      ...BASE,
      'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: memory.yaml\n',
      'overlays/prod/memory.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          resources:\n            limits:\n              memory: 1Gi # prod has more traffic\n',
    });
    const path = 'spec.template.spec.containers[name=web].resources.limits.memory';
    expect((await locateKustomize(tree, source, edit(path, '1Gi', '2Gi'), 'oom')).file).toBe(
      'overlays/prod/memory.yaml',
    );
    expect(diffOf(tree)['overlays/prod/memory.yaml']).toContain('memory: 2Gi # prod has more traffic\n');
    expect(Object.keys(diffOf(tree))).toEqual(['overlays/prod/memory.yaml']);
  });

  it('edits the base that sets the field when no overlay overrides it, through namePrefix', async () => {
    const tree = await treeOf({
      ...BASE,
      'overlays/prod/kustomization.yaml': 'namePrefix: prod-\nresources:\n  - ../../base\n',
    });
    await locateKustomize(tree, source, edit('spec.replicas', 2, 4, 'prod-web'), 'scale');
    expect(diffOf(tree)).toEqual({
      'base/deployment.yaml': DEPLOYMENT.replace('replicas: 2', 'replicas: 4'),
    });
  });

  it('puts a field nobody sets into a new strategic-merge patch of the overlay, listed in its patches', async () => {
    const tree = await treeOf({
      ...BASE,
      'overlays/prod/kustomization.yaml': '# production\nresources:\n  - ../../base\n',
    });
    const placement = await locateKustomize(
      tree,
      source,
      edit('spec.template.spec.containers[name=web].resources.requests.cpu', undefined, '250m'),
      'cpu-request',
    );
    expect(placement.file).toBe('overlays/prod/ai-sre-web-cpu-request.yaml');
    expect(diffOf(tree)).toEqual({
      'overlays/prod/kustomization.yaml':
        '# production\nresources:\n  - ../../base\npatches:\n  - path: ai-sre-web-cpu-request.yaml\n',
      'overlays/prod/ai-sre-web-cpu-request.yaml': [
        '# Added by argocd-ai-sre for runbook cpu-request: Deployment shop/web.',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          resources:',
        '            requests:',
        '              cpu: 250m',
        '',
      ].join('\n'),
    });
    // The next fix of the runbook finds its own patch and adds to it.
    await locateKustomize(
      tree,
      source,
      edit('spec.template.spec.containers[name=web].resources.requests.memory', undefined, '1Gi'),
      'cpu-request',
    );
    expect(diffOf(tree)['overlays/prod/ai-sre-web-cpu-request.yaml']).toContain(
      '              cpu: 250m\n              memory: 1Gi\n',
    );
  });

  it('writes a whole list into a new patch when the path steps into it by index', async () => {
    const tree = await treeOf({
      'base/kustomization.yaml': 'resources: [ingress.yaml]\n',
      'base/ingress.yaml':
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: site\nspec:\n  tls:\n    - hosts: [www.example.com]\n',
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\n',
    });
    const [tls] = plan([
      {
        path: 'spec.tls[0].secretName',
        to: 'new',
        object: {
          group: 'networking.k8s.io',
          kind: 'Ingress',
          namespace: 'shop',
          name: 'site',
          apiVersion: 'networking.k8s.io/v1',
        },
      },
    ]).edits;
    if (!tls) throw new Error('no edit');
    await locateKustomize(tree, source, tls, 'tls');
    expect(diffOf(tree)['overlays/prod/ai-sre-site-tls.yaml']).toContain(
      'spec:\n  tls:\n    - hosts:\n        - www.example.com\n      secretName: new\n',
    );
    expect(diffOf(tree)['overlays/prod/kustomization.yaml']).toBe(
      'resources: [../../base]\npatches:\n  - path: ai-sre-site-tls.yaml\n',
    );
  });

  it('edits a manifest of the app’s own directory in place', async () => {
    const own: GitSource = { ...source, path: 'deploy' };
    const tree = await treeOf({
      'deploy/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'deploy/deployment.yaml': DEPLOYMENT,
    });
    await locateKustomize(
      tree,
      own,
      edit('spec.template.spec.containers[name=web].resources.requests.cpu', undefined, '250m'),
      'cpu',
    );
    expect(diffOf(tree)['deploy/deployment.yaml']).toContain(
      '            limits:\n              memory: 256Mi # sized for the 1.x heap\n            requests:\n              cpu: 250m\n',
    );
  });
});

describe('image changes go to the overlay’s images:', () => {
  const image = (from: string, to: string) => edit('spec.template.spec.containers[name=web].image', from, to);

  it('adds an entry named as the base spells the image', async () => {
    const tree = await treeOf({ ...BASE, 'overlays/prod/kustomization.yaml': 'resources:\n- ../../base\n' });
    await locateKustomize(
      tree,
      source,
      image('registry.example.com/shop/web:1.0.0', 'registry.example.com/shop/web:1.0.1'),
      'bump',
    );
    expect(diffOf(tree)).toEqual({
      'overlays/prod/kustomization.yaml':
        'resources:\n- ../../base\nimages:\n- name: registry.example.com/shop/web\n  newTag: 1.0.1\n',
    });
  });

  it('updates the entry, keeping what still holds, and sees through a rename in a lower layer', async () => {
    const tree = await treeOf({
      'base/kustomization.yaml':
        'resources: [deployment.yaml]\nimages:\n  - name: registry.example.com/shop/web\n    newName: mirror.example.com/shop/web\n',
      'base/deployment.yaml': DEPLOYMENT,
      'overlays/prod/kustomization.yaml':
        'resources: [../../base]\nimages:\n  - name: mirror.example.com/shop/web\n    newTag: "2.0.0" # pinned by release\n',
    });
    await locateKustomize(
      tree,
      source,
      image(
        'mirror.example.com/shop/web:2.0.0',
        'mirror.example.com/shop/web@sha256:0123456789abcdef0123456789abcdef',
      ),
      'pin',
    );
    expect(diffOf(tree)).toEqual({
      'overlays/prod/kustomization.yaml':
        'resources: [../../base]\nimages:\n  - name: mirror.example.com/shop/web\n    newTag: "2.0.0" # pinned by release\n    digest: sha256:0123456789abcdef0123456789abcdef\n',
    });
  });

  it('drops the digest an entry pins when the fix moves to a tag', async () => {
    const tree = await treeOf({
      ...BASE,
      'overlays/prod/kustomization.yaml':
        'resources: [../../base]\nimages:\n  - name: registry.example.com/shop/web\n    digest: sha256:0123456789abcdef0123456789abcdef\n',
    });
    await locateKustomize(
      tree,
      source,
      image(
        'registry.example.com/shop/web@sha256:0123456789abcdef0123456789abcdef',
        'registry.example.com/shop/web:1.0.2',
      ),
      'tag',
    );
    expect(diffOf(tree)['overlays/prod/kustomization.yaml']).toBe(
      'resources: [../../base]\nimages:\n  - name: registry.example.com/shop/web\n    newTag: 1.0.2\n',
    );
  });
});
