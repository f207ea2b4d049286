import { type ApiAnswer, argocdHeaders, requestApi, type TestBackend } from '../support/backend.js';

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
): Promise<ApiAnswer> {
  const headers: Record<string, string> = argocdHeaders('argocd/storefront', 'web');
  delete headers['Argocd-User-Groups'];
  delete headers['Argocd-Username'];
  if (asker.user !== undefined) headers['Argocd-Username'] = asker.user;
  if (asker.groups !== undefined) headers['Argocd-User-Groups'] = asker.groups;
  return requestApi(backend.url, headers, method, path, body);
}
