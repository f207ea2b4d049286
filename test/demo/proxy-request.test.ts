import { describe, expect, it } from 'vitest';
import {
  authorizedApplication,
  backendPath,
  forwardedHeaders,
  ProxyRefusal,
  requestedApplication,
} from '../../backend/src/demo/proxy-request.js';
import type { Application } from '../../backend/src/kube/application.js';

const application: Application = {
  metadata: { name: 'image-resizer', namespace: 'argocd' },
  spec: {
    project: 'default',
    destination: { server: 'https://kubernetes.default.svc', namespace: 'imaging' },
  },
};
const backend = {
  sharedSecretHeader: 'X-Argocd-Ai-Sre-Secret',
  sharedSecret: 's3cr3t-0123456789abcdef',
  argocdNamespace: 'argocd',
};
const admin = { username: 'admin', userId: 'admin', groups: [] };

function refusal(run: () => unknown): ProxyRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof ProxyRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the demo proxy checks the app headers as argocd-server does', () => {
  it('reads the app and project the browser names', () => {
    expect(
      requestedApplication({
        'argocd-application-name': 'argocd:image-resizer',
        'argocd-project-name': 'default',
      }),
    ).toEqual({ namespace: 'argocd', name: 'image-resizer', project: 'default' });
  });

  it.each([
    [{}, 'Argocd-Application-Name'],
    [
      { 'argocd-application-name': 'image-resizer', 'argocd-project-name': 'default' },
      'Argocd-Application-Name',
    ],
    [{ 'argocd-application-name': 'Argo_CD:image-resizer', 'argocd-project-name': 'default' }, 'namespace'],
    [
      { 'argocd-application-name': 'argocd:Image/Resizer', 'argocd-project-name': 'default' },
      'application name',
    ],
    [{ 'argocd-application-name': 'argocd:image-resizer' }, 'Argocd-Project-Name'],
    [{ 'argocd-application-name': 'argocd:image-resizer', 'argocd-project-name': '../x' }, 'project name'],
  ])('refuses %j with 400 naming %s', (headers, named) => {
    const error = refusal(() => requestedApplication(headers));
    expect(error.status).toBe(400);
    expect(error.message).toContain(named);
  });

  it('refuses with 401 an app that does not exist or belongs to another project', () => {
    const requested = { namespace: 'argocd', name: 'image-resizer', project: 'default' };
    expect(authorizedApplication(requested, application)).toBe(application);
    expect(refusal(() => authorizedApplication(requested, undefined)).status).toBe(401);
    expect(
      refusal(() => authorizedApplication({ ...requested, project: 'payments' }, application)).status,
    ).toBe(401);
  });

  it('strips /extensions/ai-sre and keeps the query; another extension is not found', () => {
    expect(backendPath('/extensions/ai-sre/api/v1/remediations?limit=5')).toBe(
      '/api/v1/remediations?limit=5',
    );
    expect(backendPath('/extensions/ai-sre')).toBe('/');
    expect(refusal(() => backendPath('/extensions/ai-sre-other/api')).status).toBe(404);
    expect(refusal(() => backendPath('/extensions/metrics/api')).status).toBe(404);
  });
});

describe('the headers the backend receives', () => {
  const incoming = {
    cookie: 'argocd.token=eyJhbGciOi',
    authorization: 'Bearer eyJhbGciOi',
    host: 'localhost:8080',
    connection: 'keep-alive',
    accept: 'text/event-stream',
    'argocd-application-name': 'argocd:image-resizer',
    'argocd-project-name': 'default',
    'argocd-username': 'mallory',
    'argocd-user-groups': 'platform-admins',
    'argocd-user-id': 'mallory',
    'argocd-namespace': 'elsewhere',
    'x-argocd-ai-sre-secret': 'guessed',
  };

  it('drop the user’s credentials and whatever the browser claimed in Argo CD’s own headers', () => {
    const headers = forwardedHeaders(incoming, application, admin, backend, '127.0.0.1:4000');
    expect(headers).toEqual({
      host: '127.0.0.1:4000',
      accept: 'text/event-stream',
      'argocd-application-name': 'argocd:image-resizer',
      'argocd-project-name': 'default',
      'x-argocd-ai-sre-secret': backend.sharedSecret,
      'argocd-namespace': 'argocd',
      'argocd-username': 'admin',
      'argocd-user-id': 'admin',
      'argocd-target-cluster-url': 'https://kubernetes.default.svc',
    });
  });

  it('name the groups and the cluster by name only when there are some', () => {
    const named: Application = {
      ...application,
      spec: { ...application.spec, destination: { name: 'in-cluster' } },
    };
    const headers = forwardedHeaders(
      {},
      named,
      { username: 'alice@example.com', userId: 'c0ffee', groups: ['sre', 'payments'] },
      backend,
      'backend:8080',
    );
    expect(headers['argocd-user-groups']).toBe('sre,payments');
    expect(headers['argocd-target-cluster-name']).toBe('in-cluster');
    expect(headers['argocd-target-cluster-url']).toBeUndefined();
  });
});
