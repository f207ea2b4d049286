import type { ConfigMap } from '../../backend/src/kube/objects.js';

/** A runbook ConfigMap as the API server returns it; `data` is typed loosely to test what YAML may hold. */
export function runbookConfigMap(name: string, data: unknown, namespace = 'argocd'): ConfigMap {
  const configMap: ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels: { 'argocd-ai-sre/runbook': 'true' } },
  };
  if (data !== undefined) (configMap as { data?: unknown }).data = data;
  return configMap;
}

/** The registry runbook of DESIGN.md, valid as written. */
export const REGISTRY_RUNBOOK = `id: registry-a-to-b
description: Registry A is flaky; the mirror B has the same images.
symptom:
  type: ImagePullBackOff
  when: {registry: registry-a.example.com, message: "/timeout|no such host/"}
  text: image pull backoff error from Docker registry A
solution:
  text: Override registry A to registry B.
  actions:
    - setImageRegistry: {from: registry-a.example.com, to: registry-b.example.com}
automation: approve
scope: {projects: ["*"], applications: ["*"], namespaces: ["*"]}
verify: {timeout: 10m, revertOnFailure: true}
`;
