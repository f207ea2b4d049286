import { apiErrorCode, describeApiError } from '../../kube/api-error.js';
import type { KubeClients } from '../../kube/clients.js';
import type { Secret } from '../../kube/objects.js';
import { GitOpsError } from '../gitops-error.js';
import { type RepoCredentials, resolveCredentials, SECRET_TYPE_LABEL } from './repository-credentials.js';

const SECRET_TYPES = ['repository', 'repo-creds', 'repository-write', 'repo-write-creds'];

/** Where Argo CD keeps the SSH host keys it trusts (`argocd repocerts`); the key in its data. */
export const KNOWN_HOSTS_CONFIGMAP = 'argocd-ssh-known-hosts-cm';
const KNOWN_HOSTS_KEY = 'ssh_known_hosts';

/** Reads Argo CD's repository Secrets in its namespace and picks the ones for `repoURL`. */
export async function readRepoCredentials(
  kube: KubeClients,
  argocdNamespace: string,
  repoURL: string,
  project: string,
): Promise<RepoCredentials> {
  let secrets: Secret[];
  try {
    const list = await kube.core.listNamespacedSecret({
      namespace: argocdNamespace,
      labelSelector: `${SECRET_TYPE_LABEL} in (${SECRET_TYPES.join(',')})`,
    });
    secrets = list.items as unknown as Secret[];
  } catch (error) {
    throw new GitOpsError(
      'credentials',
      `cannot list Argo CD's repository Secrets in namespace ${argocdNamespace}: ${describeApiError(error)}`,
    );
  }
  return resolveCredentials(secrets, repoURL, project);
}

/** The SSH host keys Argo CD trusts, in known_hosts format; empty when the ConfigMap is absent. */
export async function readKnownHosts(kube: KubeClients, argocdNamespace: string): Promise<string> {
  try {
    const configMap = await kube.core.readNamespacedConfigMap({
      name: KNOWN_HOSTS_CONFIGMAP,
      namespace: argocdNamespace,
    });
    return configMap.data?.[KNOWN_HOSTS_KEY] ?? '';
  } catch (error) {
    if (apiErrorCode(error) === 404) return '';
    throw new GitOpsError(
      'credentials',
      `cannot read ConfigMap ${argocdNamespace}/${KNOWN_HOSTS_CONFIGMAP}: ${describeApiError(error)}`,
    );
  }
}
