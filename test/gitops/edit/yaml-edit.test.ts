import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../../backend/src/gitops/edit/unified-diff.js';
import { deleteYamlKey, setYamlValue } from '../../../backend/src/gitops/edit/yaml-edit.js';
import { GitOpsError } from '../../../backend/src/gitops/gitops-error.js';
import { parseFieldPath } from '../../../backend/src/runbooks/plan/index.js';

function edited(text: string, path: string, value: unknown, document = 0): string {
  return unifiedDiff(
    'file.yaml',
    text,
    setYamlValue(text, 'file.yaml', document, parseFieldPath(path), value),
  );
}

const MULTI_DOCUMENT = `# Payments API: production manifests (owned by team-payments, see RUNBOOK.md)
---
apiVersion: v1
kind: Service
metadata:
  name: payments-api
spec:
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments-api
  annotations:
    reloader.stakater.com/auto: 'true'
spec:
  replicas: 3   # PAY-881: three for the Black Friday peak
  template:
    spec:
      containers:
      - name: api
        image: "registry.example.com/payments/api:4.2.1"
        env:
        - {name: LOG_LEVEL, value: info}
        - name: DB_POOL
          value: "20"
        resources:
          requests: {cpu: 250m, memory: 512Mi}
          limits:
            memory: 1Gi

      - name: envoy
        image: envoyproxy/envoy:v1.31.0
`;

describe('setYamlValue changes only the lines it must', () => {
  it('replaces a scalar in the second document of a file, after a header comment, keeping its quotes and the comment beside it', () => {
    expect(edited(MULTI_DOCUMENT, 'spec.replicas', 5, 1)).toBe(`--- a/file.yaml
+++ b/file.yaml
@@ -14,7 +14,7 @@
   annotations:
     reloader.stakater.com/auto: 'true'
 spec:
-  replicas: 3   # PAY-881: three for the Black Friday peak
+  replicas: 5   # PAY-881: three for the Black Friday peak
   template:
     spec:
       containers:
`);
    expect(
      edited(
        MULTI_DOCUMENT,
        'spec.template.spec.containers[name=api].image',
        'registry.example.com/payments/api:4.2.2',
        1,
      ),
    ).toContain('+        image: "registry.example.com/payments/api:4.2.2"');
  });

  it('edits inside flow maps and flow lists in flow style', () => {
    expect(
      edited(MULTI_DOCUMENT, 'spec.template.spec.containers[name=api].resources.requests.memory', '1Gi', 1),
    ).toContain(
      '-          requests: {cpu: 250m, memory: 512Mi}\n+          requests: {cpu: 250m, memory: 1Gi}\n',
    );
    expect(edited(MULTI_DOCUMENT, 'spec.ports[name=http].targetPort', 'http', 0)).toContain(
      '-  ports: [{name: http, port: 80, targetPort: 8080}]\n+  ports: [{name: http, port: 80, targetPort: http}]\n',
    );
    expect(
      edited(MULTI_DOCUMENT, 'spec.template.spec.containers[name=api].env[name=LOG_LEVEL].value', 'debug', 1),
    ).toContain('-        - {name: LOG_LEVEL, value: info}\n+        - {name: LOG_LEVEL, value: debug}\n');
  });

  it('adds a key after its last sibling, at their indentation, before blank lines and the next item', () => {
    expect(
      edited(MULTI_DOCUMENT, 'spec.template.spec.containers[name=api].resources.limits.cpu', '1', 1),
    ).toBe(`--- a/file.yaml
+++ b/file.yaml
@@ -28,6 +28,7 @@
           requests: {cpu: 250m, memory: 512Mi}
           limits:
             memory: 1Gi
+            cpu: "1"
 
       - name: envoy
         image: envoyproxy/envoy:v1.31.0
`);
  });

  it('appends a list item the way the list already indents its items', () => {
    expect(
      edited(MULTI_DOCUMENT, 'spec.template.spec.containers[name=api].env[name=FEATURE_X].value', 'on', 1),
    ).toBe(`--- a/file.yaml
+++ b/file.yaml
@@ -24,6 +24,8 @@
         - {name: LOG_LEVEL, value: info}
         - name: DB_POOL
           value: "20"
+        - name: FEATURE_X
+          value: "on"
         resources:
           requests: {cpu: 250m, memory: 512Mi}
           limits:
`);
  });

  it('creates the missing maps of a path, indented like the file', () => {
    const text =
      'spec:\n    template:\n        spec:\n            containers:\n                -   name: web\n';
    expect(
      setYamlValue(
        text,
        'f',
        0,
        parseFieldPath('spec.template.spec.containers[name=web].resources.limits.memory'),
        '1Gi',
      ),
    ).toBe(
      'spec:\n    template:\n        spec:\n            containers:\n                -   name: web\n                    resources:\n                        limits:\n                            memory: 1Gi\n',
    );
  });

  const ANCHORS = `# shared defaults for every worker
defaults: &defaults
  image: registry.example.com/jobs/worker:2.0.0
  resources:
    limits: {memory: 512Mi}
workers:
  thumbnails:
    <<: *defaults
    replicas: 4
  transcode:
    <<: *defaults
    replicas: 2
`;

  it('keeps anchors and aliases, and overrides a merged key in the one map that needs it', () => {
    expect(edited(ANCHORS, 'workers.transcode.resources.limits.memory', '2Gi')).toBe(`--- a/file.yaml
+++ b/file.yaml
@@ -10,3 +10,6 @@
   transcode:
     <<: *defaults
     replicas: 2
+    resources:
+      limits:
+        memory: 2Gi
`);
    expect(edited(ANCHORS, 'workers.thumbnails.replicas', 6)).toContain(
      '-    replicas: 4\n+    replicas: 6\n',
    );
  });

  it('refuses to change an anchored value that aliases repeat elsewhere', () => {
    expect(() =>
      setYamlValue(ANCHORS, 'values.yaml', 0, parseFieldPath('defaults.resources.limits.memory'), '1Gi'),
    ).toThrow(/defaults is anchored as &defaults and repeated elsewhere/);
  });

  it('quotes a string that would read back as another type, and keeps single quotes where the file had them', () => {
    const text = "tag: '1.4'\nport: 8080\nenabled: 'yes'\n";
    expect(setYamlValue(text, 'f', 0, parseFieldPath('tag'), '1.5')).toBe(
      "tag: '1.5'\nport: 8080\nenabled: 'yes'\n",
    );
    expect(setYamlValue(text, 'f', 0, parseFieldPath('port'), '8081')).toBe(
      "tag: '1.4'\nport: \"8081\"\nenabled: 'yes'\n",
    );
    expect(setYamlValue(text, 'f', 0, parseFieldPath('mode'), 'off')).toBe(
      "tag: '1.4'\nport: 8080\nenabled: 'yes'\nmode: \"off\"\n",
    );
  });

  it('fills a key whose value is empty, on its line or below it', () => {
    expect(setYamlValue('a:\nb: 1\n', 'f', 0, parseFieldPath('a'), 2)).toBe('a: 2\nb: 1\n');
    expect(setYamlValue('a:\nb: 1\n', 'f', 0, parseFieldPath('a.c'), 2)).toBe('a:\n  c: 2\nb: 1\n');
    expect(setYamlValue('limits: {}\n', 'f', 0, parseFieldPath('limits.memory'), '1Gi')).toBe(
      'limits: {memory: 1Gi}\n',
    );
  });

  it('keeps Windows line endings', () => {
    expect(setYamlValue('a:\r\n  b: 1\r\n', 'f', 0, parseFieldPath('a.c'), 2)).toBe(
      'a:\r\n  b: 1\r\n  c: 2\r\n',
    );
  });

  it('adds a last line to a file that did not end with a newline', () => {
    expect(setYamlValue('a: 1', 'f', 0, parseFieldPath('b'), 2)).toBe('a: 1\nb: 2\n');
  });

  it('fails with the file and the path when the YAML cannot take the value', () => {
    const attempt = (text: string, path: string) => () =>
      setYamlValue(text, 'deploy.yaml', 0, parseFieldPath(path), 1);
    expect(attempt('a: 1\n', 'a.b')).toThrow(new GitOpsError('edit', 'deploy.yaml: a is not a map'));
    expect(attempt('a: [1]\n', 'a[3]')).toThrow('deploy.yaml: a[3] is past the end of a list of 1');
    expect(attempt('a: &x {b: 1}\nc: *x\n', 'c.b')).toThrow(/c is the alias \*x/);
    expect(attempt('a: [1\n', 'a')).toThrow(/^deploy\.yaml: line \d+: /);
    expect(attempt('a: 1\n', 'a')).not.toThrow();
  });
});

describe('deleteYamlKey', () => {
  it('removes a key of a block map with its value and nothing else', () => {
    const text =
      'images:\n  - name: web\n    newTag: "1.2"\n    digest: sha256:abc # pinned\n    newName: x\n';
    expect(deleteYamlKey(text, 'k.yaml', 0, parseFieldPath('images[0].digest'))).toBe(
      'images:\n  - name: web\n    newTag: "1.2"\n    newName: x\n',
    );
  });
});
