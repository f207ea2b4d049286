import type { TestBackend } from '../support/backend.js';
import { argocdHeaders } from '../support/backend.js';

/** Who the headers say is asking; `groups` absent means no Argocd-User-Groups header at all. */
export interface Asker {
  user?: string;
  groups?: string;
}

/** A request through the trust layer about storefront (project web), as `asker`. */
export async function ask(
  backend: Pick<TestBackend, 'url'>,
  asker: Asker,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = argocdHeaders('argocd/storefront', 'web');
  delete headers['Argocd-User-Groups'];
  delete headers['Argocd-Username'];
  if (asker.user !== undefined) headers['Argocd-Username'] = asker.user;
  if (asker.groups !== undefined) headers['Argocd-User-Groups'] = asker.groups;
  const response = await fetch(`${backend.url}/api/v1${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
