import { describe, expect, it } from 'vitest';
import { GitOpsError } from '../../../../backend/src/gitops/gitops-error.js';
import { locateHelm } from '../../../../backend/src/gitops/locate/helm/locate-helm.js';
import { mapField, rendersObject } from '../../../../backend/src/gitops/locate/helm/template-fields.js';
import { parseTemplate } from '../../../../backend/src/gitops/locate/helm/template-structure.js';
import type { GitSource, HelmSettings } from '../../../../backend/src/gitops/source/application-sources.js';
import { parseFieldPath } from '../../../../backend/src/runbooks/plan/index.js';
import { plan } from '../../support/git-sandbox.js';
import { diffOf, treeOf } from '../../support/work-tree.js';

const TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: {{ .Values.logLevel | quote }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "web.fullname" . }}-metrics
spec:
  ports:
    - port: {{ .Values.metrics.port }}
`;

const CHART = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\nappVersion: "1.0.0"\n',
  'chart/templates/deployment.yaml': TEMPLATE,
  'chart/values.yaml':
    '# Defaults for every environment.\nreplicaCount: 2\nimage:\n  repository: registry.example.com/shop/web\n  tag: ""\nlogLevel: info\nresources:\n  requests:\n    cpu: 100m\n    memory: 256Mi\nnodeSelector: {}\nmetrics:\n  port: 9090\n',
  'chart/values-prod.yaml':
    '# Production (SHOP-42)\nreplicaCount: 6\nresources:\n  requests:\n    cpu: 500m\n    memory: 1Gi\n',
};

const source = (helm: HelmSettings = { valueFiles: ['values-prod.yaml'] }): GitSource => ({
  field: 'spec.source',
  repoURL: 'https://git.example.com/shop/deploy.git',
  targetRevision: 'main',
  path: 'chart',
  helm,
});

function edit(path: string, from: unknown, to: unknown) {
  const [first] = plan([{ path, to, ...(from === undefined ? {} : { from }) }]).edits;
  if (!first) throw new Error('no edit');
  return first;
}

describe('reading a template', () => {
  const [deployment, service] = parseTemplate('templates/deployment.yaml', TEMPLATE);
  const target = {
    group: 'apps',
    kind: 'Deployment',
    namespace: 'shop',
    name: 'shop-web',
    apiVersion: 'apps/v1',
  };

  it('tells which documents render the object by kind, group and a name the template can produce', () => {
    expect(deployment && rendersObject(deployment, target)).toBe(true);
    expect(
      service && rendersObject(service, { ...target, group: '', kind: 'Service', name: 'shop-web-metrics' }),
    ).toBe(true);
    expect(
      service && rendersObject(service, { ...target, group: '', kind: 'Service', name: 'shop-web' }),
    ).toBe(false);
  });

  it('maps fields to the values that produce them', () => {
    if (!deployment) throw new Error('no document');
    const map = (path: string) => mapField(deployment, parseFieldPath(path));
    expect(map('spec.replicas')).toEqual([
      { kind: 'value', reference: { path: parseFieldPath('replicaCount'), defaulted: false }, rest: [] },
    ]);
    expect(map('spec.template.spec.containers[name=web].resources.limits.memory')).toEqual([
      {
        kind: 'value',
        reference: { path: parseFieldPath('resources'), defaulted: false },
        rest: parseFieldPath('limits.memory'),
      },
    ]);
    expect(map('spec.template.spec.nodeSelector.disktype')).toEqual([
      {
        kind: 'value',
        reference: { path: parseFieldPath('nodeSelector'), defaulted: false },
        rest: parseFieldPath('disktype'),
      },
    ]);
    expect(map('spec.template.spec.containers[name=web].env[name=LOG_LEVEL].value')).toMatchObject([
      { kind: 'value', rest: [] },
    ]);
    expect(map('spec.template.spec.containers[name=web].image')).toMatchObject([{ kind: 'composite' }]);
    expect(map('spec.template.spec.containers[name=web].ports[name=http].containerPort')).toEqual([
      { kind: 'literal', file: 'templates/deployment.yaml' },
    ]);
    expect(map('spec.template.spec.containers[name=web].env[name=OTHER].value')).toEqual([]);
  });
});

describe('locateHelm', () => {
  it('edits the last values file that sets the key, and leaves the defaults alone', async () => {
    const tree = await treeOf(CHART);
    const [placement] = await locateHelm(
      { main: tree, refs: new Map() },
      source(),
      edit('spec.replicas', 6, 3),
    );
    expect(placement).toMatchObject({ file: 'chart/values-prod.yaml', field: 'replicaCount' });
    expect(diffOf(tree)).toEqual({
      'chart/values-prod.yaml': CHART['chart/values-prod.yaml'].replace('replicaCount: 6', 'replicaCount: 3'),
    });
  });

  it('follows toYaml of a parent, and adds a key no file sets to the last values file', async () => {
    const tree = await treeOf(CHART);
    await locateHelm(
      { main: tree, refs: new Map() },
      source(),
      edit('spec.template.spec.containers[name=web].resources.limits.memory', undefined, '2Gi'),
    );
    expect(diffOf(tree)).toEqual({
      'chart/values-prod.yaml': `${CHART['chart/values-prod.yaml']}  limits:\n    memory: 2Gi\n`,
    });
  });

  it('splits an image into the parts of the template and changes only the value behind the part that differs', async () => {
    const tree = await treeOf(CHART);
    const placements = await locateHelm(
      { main: tree, refs: new Map() },
      source(),
      edit(
        'spec.template.spec.containers[name=web].image',
        'registry.example.com/shop/web:1.0.0',
        'registry.example.com/shop/web:1.0.1',
      ),
    );
    expect(placements.map((p) => `${p.file} ${p.field}`)).toEqual(['chart/values.yaml image.tag']);
    expect(diffOf(tree)['chart/values.yaml']).toContain('  tag: "1.0.1"\n');
  });

  it('accepts the live value as the API server normalises quantities', async () => {
    const tree = await treeOf({
      ...CHART,
      'chart/values-prod.yaml': 'resources:\n  requests:\n    cpu: "0.5"\n',
    });
    await locateHelm(
      { main: tree, refs: new Map() },
      source(),
      edit('spec.template.spec.containers[name=web].resources.requests.cpu', '500m', '1'),
    );
    expect(diffOf(tree)['chart/values-prod.yaml']).toBe('resources:\n  requests:\n    cpu: "1"\n');
  });

  it('refuses when the values file disagrees with the live value, asking for an explicit values key', async () => {
    const attempt = locateHelm(
      { main: await treeOf(CHART), refs: new Map() },
      source(),
      edit('spec.replicas', 5, 3),
    );
    await expect(attempt).rejects.toThrow(
      new GitOpsError(
        'ambiguous',
        'cannot tell which Helm value produces spec.replicas of Deployment shop/web: replicaCount is 6 in values-prod.yaml, but the live value is 5. The runbook can name the values key itself with a setField action on the values path.',
      ),
    );
  });

  it('refuses a field the template writes itself, and one the Application’s parameters override', async () => {
    await expect(
      locateHelm(
        { main: await treeOf(CHART), refs: new Map() },
        source(),
        edit('spec.template.spec.containers[name=web].ports[name=http].containerPort', 8080, 8081),
      ),
    ).rejects.toThrow(/is written into chart\/templates\/deployment.yaml itself/);
    await expect(
      locateHelm(
        { main: await treeOf(CHART), refs: new Map() },
        source({ valueFiles: ['values-prod.yaml'], parameters: [{ name: 'replicaCount', value: '6' }] }),
        edit('spec.replicas', 6, 3),
      ),
    ).rejects.toThrow(
      "replicaCount is set by the Application's spec.source.helm.parameters, which overrides every values file; the fix belongs there",
    );
  });

  it('without templates, takes the one key holding the live value under a name that fits', async () => {
    const values = await treeOf(
      { 'web/prod.yaml': 'replicaCount: 4\nworkers: 4\nresources:\n  limits:\n    memory: 1Gi\n' },
      'https://git.example.com/shop/values.git',
    );
    const chart: GitSource = { ...source({ valueFiles: ['$values/web/prod.yaml'] }), chart: 'web', path: '' };
    await locateHelm({ refs: new Map([['values', values]]) }, chart, edit('spec.replicas', 4, 2));
    expect(diffOf(values)).toEqual({
      'web/prod.yaml': 'replicaCount: 2\nworkers: 4\nresources:\n  limits:\n    memory: 1Gi\n',
    });
    const ambiguous = await treeOf({ 'web/prod.yaml': 'api:\n  replicas: 4\nworker:\n  replicas: 4\n' });
    await expect(
      locateHelm({ refs: new Map([['values', ambiguous]]) }, chart, edit('spec.replicas', 4, 2)),
    ).rejects.toThrow(/api.replicas, worker.replicas all hold 4/);
  });

  it('fails on a values file the Application names and the repository lacks, unless told to ignore missing ones', async () => {
    const missing = source({ valueFiles: ['values-prod.yaml', 'values-eu.yaml'] });
    await expect(
      locateHelm({ main: await treeOf(CHART), refs: new Map() }, missing, edit('spec.replicas', 6, 3)),
    ).rejects.toThrow(
      new GitOpsError(
        'locate',
        'value file values-eu.yaml (chart/values-eu.yaml in https://git.example.com/shop/deploy.git) does not exist',
      ),
    );
    const ignoring = source({
      valueFiles: ['values-prod.yaml', 'values-eu.yaml'],
      ignoreMissingValueFiles: true,
    });
    const [placement] = await locateHelm(
      { main: await treeOf(CHART), refs: new Map() },
      ignoring,
      edit('spec.replicas', 6, 3),
    );
    expect(placement?.file).toBe('chart/values-prod.yaml');
    await expect(
      locateHelm(
        { main: await treeOf(CHART), refs: new Map() },
        source({ valueFiles: ['$other/prod.yaml'] }),
        edit('spec.replicas', 2, 3),
      ),
    ).rejects.toThrow('value file $other/prod.yaml names a ref source the Application does not have');
  });
});
