import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { ConfigError } from './config-error.js';
import { type GitConfig, loadGitConfig } from './gitops/config.js';
import { type LimitsConfig, loadLimitsConfig } from './limits/config.js';
import { type LlmConfig, loadLlmConfig } from './llm/config.js';
import { durationMs } from './support/duration.js';

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
  remediation: {
    /** Namespaces whose Applications the controller watches. */
    applicationNamespaces: string[];
    /** How long an app in auto mode must stay in trouble before the controller acts. */
    triggerAfterMs: number;
    /** Fixes the controller may commit per app in 24 hours. */
    maxPerDay: number;
    /** Quiet time after each automatic attempt. */
    cooldownMs: number;
    /** How often the leader renews its Lease and looks at remediations under way. */
    intervalMs: number;
    /** How long a Lease lasts without renewal before another replica takes over. */
    leaseSeconds: number;
    /** This replica's name in the Lease. */
    identity: string;
  };
  /** The model that explains diagnoses; off unless a provider is configured (llm/config.ts). */
  llm: LlmConfig;
  /** How fixes are written to Git: clone cache, commit author, forges for pull requests (gitops/config.ts). */
  git: GitConfig;
  /** Body size, request rates, process pressure and diagnosis reuse of the API (limits/config.ts). */
  limits: LimitsConfig;
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

type Environment = Readonly<Record<string, string | undefined>>;

function integer(env: Environment, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}

function duration(env: Environment, name: string, fallback: string): number {
  const raw = env[name] || fallback;
  try {
    return durationMs(raw);
  } catch {
    throw new ConfigError(`${name} must be a duration such as 90s, 10m or 1h, got "${raw}"`);
  }
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
    remediation: {
      applicationNamespaces: list(env.AI_SRE_APPLICATION_NAMESPACES) ?? [argocdNamespace],
      triggerAfterMs: duration(env, 'AI_SRE_TRIGGER_AFTER', '2m'),
      maxPerDay: integer(env, 'AI_SRE_MAX_FIXES_PER_DAY', 3, 0),
      cooldownMs: duration(env, 'AI_SRE_COOLDOWN', '10m'),
      intervalMs: duration(env, 'AI_SRE_CONTROLLER_INTERVAL', '5s'),
      leaseSeconds: integer(env, 'AI_SRE_LEASE_SECONDS', 15, 1),
      identity: env.POD_NAME ?? `${hostname()}-${process.pid}`,
    },
    llm: loadLlmConfig(env),
    git: loadGitConfig(env),
    limits: loadLimitsConfig(env),
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

export { ConfigError };
