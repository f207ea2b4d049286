// Backend answers as the routes serialise them (routes/schemas.ts, routes/remediation-schemas.ts),
// recorded from the registry-flaky sandbox scenario and trimmed.
import type {
  AppSettings,
  DiagnosisResult,
  Explanation,
  HostApplication,
  HostResource,
  LlmOutcome,
  Permissions,
  Remediation,
  RunbookList,
} from '../../../extension/src/types.js';

export const APPLICATION: HostApplication = {
  metadata: { name: 'checkout', namespace: 'argocd' },
  spec: { project: 'shop', source: { repoURL: 'https://github.com/acme/shop-deploy.git' } },
};

export const RESOURCE: HostResource = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'checkout', namespace: 'shop' },
};

const POD = { group: '', kind: 'Pod', namespace: 'shop', name: 'checkout-7d9f8b6c5-x2x8q' };
const DEPLOYMENT = { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'checkout' };

const RUNBOOK_SOURCE = {
  namespace: 'argocd-ai-sre',
  configMap: 'runbooks-registry',
  key: 'registry-a-to-b.yaml',
};

export const DIAGNOSIS: DiagnosisResult = {
  application: { namespace: 'argocd', name: 'checkout', project: 'shop', health: 'Degraded', sync: 'Synced' },
  target: DEPLOYMENT,
  capturedAt: '2026-11-26T09:14:03.512Z',
  primary: {
    type: 'ImagePullBackOff',
    resource: POD,
    message:
      'Image registry-a.example.com/shop/checkout:1.4.2 cannot be pulled: registry-a.example.com timed out.',
    params: {
      image: 'registry-a.example.com/shop/checkout:1.4.2',
      registry: 'registry-a.example.com',
      cause: 'Unreachable',
    },
    evidence: [
      {
        id: 'ev-1',
        resource: POD,
        kind: 'event',
        type: 'Warning',
        reason: 'Failed',
        message: 'Failed to pull image "registry-a.example.com/shop/checkout:1.4.2": dial tcp: i/o timeout',
        count: 7,
      },
      {
        id: 'ev-2',
        resource: POD,
        kind: 'status',
        field: 'status.containerStatuses[0].state.waiting.reason',
        value: 'ImagePullBackOff',
      },
    ],
  },
  symptoms: [],
  runbook: {
    id: 'registry-a-to-b',
    description: 'Registry A is flaky; the mirror B has the same images.',
    automation: 'approve',
    verify: { timeout: '10m', revertOnFailure: true },
    source: RUNBOOK_SOURCE,
    symptom: 0,
    alternatives: [
      {
        id: 'image-pull-generic',
        description: 'Any image pull failure.',
        automation: 'approve',
        verify: { timeout: '10m', revertOnFailure: true },
        source: { ...RUNBOOK_SOURCE, key: 'generic.yaml' },
      },
    ],
  },
  plan: {
    runbook: 'registry-a-to-b',
    symptom: { type: 'ImagePullBackOff', resource: POD },
    target: { ...DEPLOYMENT, apiVersion: 'apps/v1' },
    edits: [
      {
        object: { ...DEPLOYMENT, apiVersion: 'apps/v1' },
        path: 'spec.template.spec.containers[name=checkout].image',
        from: 'registry-a.example.com/shop/checkout:1.4.2',
        to: 'registry-b.example.com/shop/checkout:1.4.2',
        action: 'setImageRegistry',
      },
    ],
    revertLastChange: false,
    automation: 'approve',
  },
  notes: [],
  timings: [{ phase: 'gather', ms: 41 }],
};

// The primary symptom is the first of the list, as the pipeline ranks them.
DIAGNOSIS.symptoms = [
  DIAGNOSIS.primary as NonNullable<DiagnosisResult['primary']>,
  {
    type: 'ProgressDeadlineExceeded',
    resource: DEPLOYMENT,
    message: 'Deployment checkout has not progressed for 600 s.',
    params: {},
    evidence: [],
  },
];

export const EXPLANATION: Explanation = {
  summary: 'The checkout pods cannot start because their image registry does not answer.',
  rootCause: 'registry-a.example.com times out, so the kubelet cannot pull the checkout image.',
  confidence: 'high',
  evidence: ['ev-1'],
  nextStep: 'Pull the image from the mirror registry-b.example.com.',
  model: 'qwen2.5:7b',
};

export const LLM_OK: LlmOutcome = { status: 'ok', provider: 'ollama', model: 'qwen2.5:7b', steps: [] };
export const LLM_OFF: LlmOutcome = { status: 'off', detail: 'no LLM is configured', steps: [] };
export const LLM_TIMEOUT: LlmOutcome = {
  status: 'timeout',
  detail: 'the model did not answer within 60 s',
  provider: 'ollama',
  model: 'qwen2.5:7b',
  steps: [],
};

export const DIFF = `--- a/apps/checkout/deployment.yaml
+++ b/apps/checkout/deployment.yaml
@@ -17,7 +17,7 @@ spec:
     spec:
       containers:
         - name: checkout
-          image: registry-a.example.com/shop/checkout:1.4.2 # pinned
+          image: registry-b.example.com/shop/checkout:1.4.2 # pinned
           ports:
             - containerPort: 8080
`;

export const PROPOSAL: Remediation = {
  id: 'r7k2m9qx',
  application: { namespace: 'argocd', name: 'checkout', project: 'shop' },
  fingerprint: 'argocd/checkout/Pod/checkout/ImagePullBackOff/registry-a.example.com',
  symptom: { type: 'ImagePullBackOff', resource: POD, message: DIAGNOSIS.primary?.message ?? '' },
  runbook: {
    id: 'registry-a-to-b',
    automation: 'approve',
    verify: { timeout: '10m', revertOnFailure: true },
  },
  plan: DIAGNOSIS.plan as NonNullable<DiagnosisResult['plan']>,
  drafted: false,
  change: {
    repoURL: 'https://github.com/acme/shop-deploy.git',
    branch: 'main',
    baseCommit: '5f1c2e9a7b3d4c6e8f0a1b2c3d4e5f6a7b8c9d0e',
    files: [{ path: 'apps/checkout/deployment.yaml', diff: DIFF }],
  },
  state: 'proposed',
  history: [{ state: 'proposed', by: 'alice', at: '2026-11-26T09:15:00.000Z' }],
};

export const APPROVED: Remediation = {
  ...PROPOSAL,
  state: 'approved',
  history: [...PROPOSAL.history, { state: 'approved', by: 'alice', at: '2026-11-26T09:16:00.000Z' }],
};

export const SUCCEEDED: Remediation = {
  ...PROPOSAL,
  id: 'h3p8w1zc',
  state: 'succeeded',
  commit: { sha: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d', branch: 'main', mode: 'push' },
  history: [
    { state: 'proposed', by: 'controller', at: '2026-11-20T08:00:00.000Z' },
    { state: 'approved', by: 'bob', at: '2026-11-20T08:01:00.000Z' },
    { state: 'committed', by: 'controller', at: '2026-11-20T08:01:05.000Z' },
    { state: 'verifying', by: 'controller', at: '2026-11-20T08:02:00.000Z' },
    { state: 'succeeded', by: 'controller', at: '2026-11-20T08:04:00.000Z' },
  ],
};

export const SETTINGS: AppSettings = { mode: 'approve', defaultMode: 'approve', paused: false };

export const RUNBOOKS: RunbookList = {
  runbooks: [
    {
      id: 'registry-a-to-b',
      description: 'Registry A is flaky; the mirror B has the same images.',
      automation: 'approve',
      verify: { timeout: '10m', revertOnFailure: true },
      source: RUNBOOK_SOURCE,
      symptomType: 'ImagePullBackOff',
      solution: 'Override registry A to registry B.',
      actions: ['setImageRegistry'],
    },
  ],
  problems: [
    {
      source: { ...RUNBOOK_SOURCE, key: 'broken.yaml' },
      field: 'symptom.type',
      message: 'unknown symptom type "ImagePull"',
      description:
        'argocd-ai-sre/runbooks-registry key broken.yaml: symptom.type: unknown symptom type "ImagePull"',
    },
  ],
};

export const ADMIN: Permissions = {
  username: 'alice',
  groups: ['platform'],
  local: false,
  can: { propose: true, approve: true, reject: true, changeMode: true },
};

export const READ_ONLY: Permissions = {
  username: 'viewer',
  groups: [],
  local: false,
  can: { propose: false, approve: false, reject: false, changeMode: false },
};
