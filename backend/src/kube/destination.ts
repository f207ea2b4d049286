import { KubeConfig, type V1Secret } from '@kubernetes/client-node';
import { apiErrorCode, describeApiError } from './api-error.js';
import type { ApplicationSpec } from './application.js';
import { type KubeClients, kubeClients } from './clients.js';

export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/** The destination cluster cannot be reached with what Argo CD knows about it. */
export class DestinationError extends Error {
  override name = 'DestinationError';
}

/** The `config` of an Argo CD cluster Secret (argo-cd's ClusterConfig). */
interface ClusterConfig {
  bearerToken?: string;
  username?: string;
  password?: string;
  tlsClientConfig?: {
    insecure?: boolean;
    caData?: string;
    certData?: string;
    keyData?: string;
    serverName?: string;
  };
  execProviderConfig?: unknown;
  awsAuthConfig?: unknown;
}

function decode(secret: V1Secret, key: string): string | undefined {
  const value = secret.data?.[key];
  return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
}

function sameServer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

function isInCluster(destination: ApplicationSpec['destination']): boolean {
  if (destination.server) return sameServer(destination.server, IN_CLUSTER_SERVER);
  return destination.name === 'in-cluster';
}

function clientsFromSecret(secret: V1Secret, server: string): KubeClients {
  const name = secret.metadata?.name ?? 'cluster';
  let config: ClusterConfig;
  try {
    config = JSON.parse(decode(secret, 'config') ?? '{}') as ClusterConfig;
  } catch {
    throw new DestinationError(`cluster Secret ${name}: config is not valid JSON`);
  }
  if (config.execProviderConfig || config.awsAuthConfig) {
    throw new DestinationError(
      `cluster Secret ${name} authenticates with ${config.awsAuthConfig ? 'awsAuthConfig' : 'execProviderConfig'}, which argocd-ai-sre does not support; use a bearer token`,
    );
  }
  const tls = config.tlsClientConfig ?? {};
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name,
        server,
        skipTLSVerify: tls.insecure ?? false,
        ...(tls.caData ? { caData: tls.caData } : {}),
        ...(tls.serverName ? { tlsServerName: tls.serverName } : {}),
      },
    ],
    users: [
      {
        name,
        ...(config.bearerToken ? { token: config.bearerToken } : {}),
        ...(config.username ? { username: config.username, password: config.password ?? '' } : {}),
        ...(tls.certData ? { certData: tls.certData } : {}),
        ...(tls.keyData ? { keyData: tls.keyData } : {}),
      },
    ],
    contexts: [{ name, cluster: name, user: name }],
    currentContext: name,
  });
  return kubeClients(kubeConfig);
}

/**
 * The clients for the cluster an Application deploys to: ours for the in-cluster destination,
 * otherwise built from Argo CD's cluster Secret for that server (or name), as Argo CD itself does.
 */
export async function destinationClients(
  control: KubeClients,
  argocdNamespace: string,
  destination: ApplicationSpec['destination'],
): Promise<KubeClients> {
  if (isInCluster(destination)) return control;
  const secrets = await control.core
    .listNamespacedSecret({
      namespace: argocdNamespace,
      labelSelector: 'argocd.argoproj.io/secret-type=cluster',
    })
    .catch((error: unknown) => {
      const hint =
        apiErrorCode(error) === 403
          ? ' (the backend’s RBAC must let it list Secrets in Argo CD’s namespace: manifests/base does)'
          : '';
      throw new DestinationError(
        `cannot read Argo CD's cluster Secrets in ${argocdNamespace}: ${describeApiError(error)}${hint}`,
      );
    });
  const secret = secrets.items.find((candidate) =>
    destination.server
      ? sameServer(decode(candidate, 'server') ?? '', destination.server)
      : decode(candidate, 'name') === destination.name,
  );
  if (!secret) {
    throw new DestinationError(
      `no Argo CD cluster Secret in ${argocdNamespace} for ${destination.server ?? `cluster name ${destination.name}`}`,
    );
  }
  return clientsFromSecret(secret, decode(secret, 'server') ?? '');
}
