import type { Diagnosis } from '../../backend/src/diagnosis/diagnosis.js';
import type { ResourceRef } from '../../backend/src/kube/objects.js';

/** The Application as Argo CD's UI hands it to extensions; only what the API client needs. */
export interface HostApplication {
  metadata: { name: string; namespace?: string };
  spec: { project: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const base = '/extensions/ai-sre/api/v1';

function explain(status: number, serverMessage: string): string {
  if (status === 401)
    return 'Argo CD did not forward this request to the AI SRE backend (is the proxy extension configured?).';
  if (status === 403) return `Not allowed: ${serverMessage || 'your Argo CD role does not permit this.'}`;
  if (status === 502 || status === 503 || status === 504) {
    return `The AI SRE backend is unreachable or failing (${status}). ${serverMessage}`.trim();
  }
  return serverMessage || `The request failed with status ${status}.`;
}

async function call<T>(
  application: HostApplication,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/json',
      'Argocd-Application-Name': `${application.metadata.namespace ?? 'argocd'}:${application.metadata.name}`,
      'Argocd-Project-Name': application.spec.project,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (!response.ok) {
    const message = (payload as { message?: string } | undefined)?.message ?? '';
    throw new ApiError(response.status, explain(response.status, message));
  }
  return payload as T;
}

export function requestDiagnosis(application: HostApplication, target?: ResourceRef): Promise<Diagnosis> {
  return call<Diagnosis>(application, 'POST', '/diagnoses', target ? { target } : {});
}
