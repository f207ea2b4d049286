import { readFileSync } from 'node:fs';

export interface Config {
  /** The API Argo CD's proxy reaches. */
  host: string;
  port: number;
  /** Health and metrics, on a port the proxy does not reach. */
  healthPort: number;
  logLevel: string;
  /** Where the backend runs; its settings, records, Events and Lease live here. */
  namespace: string;
  /** Where Argo CD runs: its repository and cluster Secrets, argocd-cm, argocd-rbac-cm. */
  argocdNamespace: string;
  /** The header Argo CD's proxy adds (extension.config.ai-sre services[].headers) and its value. */
  sharedSecretHeader: string;
  sharedSecret: string;
  /** List Secrets (keeping only their keys) when a detector needs them; needs components/secret-keys. */
  readSecretKeys: boolean;
  /** Namespaces whose ConfigMaps labelled argocd-ai-sre/runbook=true hold runbooks. */
  runbookNamespaces: string[];
  /** A kubeconfig file; without one, the in-cluster service account (or ~/.kube/config). */
  kubeconfigPath?: string;
  kube: {
    /** Parallel API calls per diagnosis. */
    concurrency: number;
    callTimeoutMs: number;
    logTailLines: number;
    logLimitBytes: number;
    logsPerDiagnosis: number;
  };
}

/** How a diagnosis reads the cluster unless configured otherwise (AI_SRE_KUBE_*, AI_SRE_LOG*). */
export const DEFAULT_KUBE_LIMITS: Config['kube'] = {
  concurrency: 8,
  callTimeoutMs: 5000,
  logTailLines: 200,
  logLimitBytes: 64 * 1024,
  logsPerDiagnosis: 3,
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Environment = Readonly<Record<string, string | undefined>>;

function integer(env: Environment, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}

function boolean(env: Environment, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function list(raw: string | undefined): string[] | undefined {
  const items = (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** The secret comes from a mounted file (preferred: it never shows in `kubectl describe`) or a variable. */
function sharedSecret(env: Environment): string {
  const file = env.AI_SRE_SHARED_SECRET_FILE;
  let secret = env.AI_SRE_SHARED_SECRET ?? '';
  if (file) {
    try {
      secret = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new ConfigError(`AI_SRE_SHARED_SECRET_FILE: cannot read ${file}: ${(error as Error).message}`);
    }
  }
  if (secret.length < 16) {
    throw new ConfigError(
      'a shared secret of at least 16 characters is required (AI_SRE_SHARED_SECRET_FILE or AI_SRE_SHARED_SECRET); ' +
        'Argo CD sends it with every proxied request',
    );
  }
  return secret;
}

/** Reads the configuration from environment variables; every problem is reported by name. */
export function loadConfig(env: Environment = process.env): Config {
  const argocdNamespace = env.ARGOCD_NAMESPACE ?? 'argocd';
  const config: Config = {
    host: env.AI_SRE_HOST ?? '0.0.0.0',
    port: integer(env, 'AI_SRE_PORT', 8080),
    healthPort: integer(env, 'AI_SRE_HEALTH_PORT', 9090),
    logLevel: env.AI_SRE_LOG_LEVEL ?? 'info',
    namespace: env.AI_SRE_NAMESPACE ?? env.POD_NAMESPACE ?? 'argocd',
    argocdNamespace,
    sharedSecretHeader: env.AI_SRE_SHARED_SECRET_HEADER ?? 'X-Argocd-Ai-Sre-Secret',
    sharedSecret: sharedSecret(env),
    readSecretKeys: boolean(env, 'AI_SRE_READ_SECRET_KEYS', false),
    runbookNamespaces: list(env.AI_SRE_RUNBOOK_NAMESPACES) ?? [argocdNamespace],
    kube: {
      concurrency: integer(env, 'AI_SRE_KUBE_CONCURRENCY', DEFAULT_KUBE_LIMITS.concurrency, 1),
      callTimeoutMs: integer(env, 'AI_SRE_KUBE_TIMEOUT_MS', DEFAULT_KUBE_LIMITS.callTimeoutMs, 1),
      logTailLines: integer(env, 'AI_SRE_LOG_TAIL_LINES', DEFAULT_KUBE_LIMITS.logTailLines, 1),
      logLimitBytes: integer(env, 'AI_SRE_LOG_LIMIT_BYTES', DEFAULT_KUBE_LIMITS.logLimitBytes, 1),
      logsPerDiagnosis: integer(env, 'AI_SRE_LOGS_PER_DIAGNOSIS', DEFAULT_KUBE_LIMITS.logsPerDiagnosis, 0),
    },
  };
  if (env.KUBECONFIG) config.kubeconfigPath = env.KUBECONFIG;
  return config;
}
