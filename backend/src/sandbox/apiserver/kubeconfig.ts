import { stringify } from 'yaml';

export interface KubeconfigOptions {
  server: string;
  /** PEM of the certificate authority clients should trust; absent for plain http. */
  certificateAuthority?: string;
  userName: string;
  token: string;
}

/** A kubeconfig with one cluster `sandbox`, one user and one current context joining them. */
export function kubeconfigYaml(options: KubeconfigOptions): string {
  const cluster: Record<string, string | boolean> = { server: options.server };
  if (options.certificateAuthority) {
    cluster['certificate-authority-data'] = Buffer.from(options.certificateAuthority, 'utf8').toString(
      'base64',
    );
  } else {
    // client-node refuses an http:// server unless the cluster skips TLS verification.
    cluster['insecure-skip-tls-verify'] = true;
  }
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'sandbox', cluster }],
    users: [{ name: options.userName, user: { token: options.token } }],
    contexts: [{ name: 'sandbox', context: { cluster: 'sandbox', user: options.userName } }],
    'current-context': 'sandbox',
    preferences: {},
  });
}
