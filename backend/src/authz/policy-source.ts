import type { KubernetesListObject, KubernetesObject, V1ConfigMap } from '@kubernetes/client-node';
import { describeApiError } from '../kube/api-error.js';
import type { KubeClients } from '../kube/clients.js';
import { type CollectionChange, WatchedCollection } from '../kube/watched-collection.js';
import { BUILTIN_POLICY } from './builtin-policy.js';
import { createEnforcer, type PolicyEnforcer } from './enforcer.js';
import { localAccountsOf } from './local-accounts.js';
import { PolicyError, parsePolicy, type RbacConfig, rbacConfigOf } from './policy-csv.js';
import { projectPolicy, projectRolesOf } from './project-policy.js';
import { AuthzUnavailableError } from './unavailable.js';

export const RBAC_CONFIGMAP = 'argocd-rbac-cm';
export const ARGOCD_CONFIGMAP = 'argocd-cm';

/** What Argo CD's configuration says at one moment. */
export interface PolicySnapshot {
  rbac: RbacConfig;
  localAccounts: ReadonlySet<string>;
  /** argocd-rbac-cm (over the built-in policy) with the project's roles added. */
  enforcerFor(project: string): Promise<PolicyEnforcer>;
}

export interface PolicySourceOptions {
  kube: KubeClients;
  /** Argo CD's namespace: argocd-rbac-cm, argocd-cm and the AppProjects. */
  namespace: string;
  onError: (message: string, error: unknown) => void;
  retryDelayMs?: number;
}

const BUILTIN_LINES = parsePolicy(BUILTIN_POLICY, 'the built-in policy');

/** Remembers whether a collection has been listed once, and why its last list failed. */
class ListState {
  listed = false;
  failure: string | undefined;

  wrap<T>(list: () => Promise<T>): () => Promise<T> {
    return async () => {
      try {
        const result = await list();
        this.listed = true;
        return result;
      } catch (error) {
        this.failure = describeApiError(error);
        throw error;
      }
    };
  }
}

/**
 * Argo CD's RBAC inputs kept current by watches (no read per request): argocd-rbac-cm, argocd-cm
 * (its local accounts) and the AppProjects (their roles). Until each has been listed once, or when
 * argocd-rbac-cm cannot be loaded, `snapshot()` throws: writes fail closed. Enforcers are built on
 * first use and kept per project until the project or the ConfigMaps change: one per project at most.
 */
export class PolicySource {
  private readonly configMaps: WatchedCollection<V1ConfigMap>;
  private readonly projects: WatchedCollection<KubernetesObject>;
  private readonly configMapState = new ListState();
  private readonly projectState = new ListState();
  /** Bumped whenever argocd-rbac-cm or argocd-cm changes. */
  private generation = 0;
  /** The last build: a snapshot, or why argocd-rbac-cm cannot be loaded (parsed again only once it changes). */
  private cached: { generation: number; result: PolicySnapshot | AuthzUnavailableError } | undefined;
  private readonly enforcers = new Map<string, { key: string; enforcer: Promise<PolicyEnforcer> }>();

  constructor(private readonly options: PolicySourceOptions) {
    const { kube, namespace } = options;
    const retry = options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {};
    this.configMaps = new WatchedCollection<V1ConfigMap>({
      kubeConfig: kube.kubeConfig,
      path: `/api/v1/namespaces/${namespace}/configmaps`,
      list: this.configMapState.wrap(() => kube.core.listNamespacedConfigMap({ namespace })),
      description: `Argo CD's ConfigMaps in ${namespace}`,
      onChange: (_change, object) => {
        const name = object.metadata?.name;
        if (name === RBAC_CONFIGMAP || name === ARGOCD_CONFIGMAP) this.generation++;
      },
      onError: options.onError,
      ...retry,
    });
    this.projects = new WatchedCollection<KubernetesObject>({
      kubeConfig: kube.kubeConfig,
      path: `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/appprojects`,
      list: this.projectState.wrap(
        () =>
          kube.custom.listNamespacedCustomObject({
            group: 'argoproj.io',
            version: 'v1alpha1',
            namespace,
            plural: 'appprojects',
          }) as Promise<KubernetesListObject<KubernetesObject>>,
      ),
      description: `AppProjects in ${namespace}`,
      onChange: (change, object) => this.projectChanged(change, object),
      onError: options.onError,
      ...retry,
    });
  }

  async start(): Promise<void> {
    await Promise.all([this.configMaps.start(), this.projects.start()]);
  }

  async stop(): Promise<void> {
    await Promise.all([this.configMaps.stop(), this.projects.stop()]);
  }

  snapshot(): PolicySnapshot {
    const { namespace } = this.options;
    for (const [state, what] of [
      [this.configMapState, `${RBAC_CONFIGMAP} and ${ARGOCD_CONFIGMAP}`],
      [this.projectState, 'the AppProjects'],
    ] as const) {
      if (!state.listed) {
        const why = state.failure ? `: ${state.failure}` : ' yet';
        throw new AuthzUnavailableError(
          `Argo CD's RBAC is unknown, so changes are refused: cannot read ${what} in ${namespace}${why}`,
        );
      }
    }
    if (this.cached?.generation !== this.generation) {
      this.cached = { generation: this.generation, result: this.build() };
      this.enforcers.clear();
    }
    if (this.cached.result instanceof AuthzUnavailableError) throw this.cached.result;
    return this.cached.result;
  }

  private build(): PolicySnapshot | AuthzUnavailableError {
    const { namespace } = this.options;
    const { generation } = this;
    const data = (name: string) => this.configMaps.get(name, namespace)?.data ?? {};
    let rbac: RbacConfig;
    try {
      rbac = rbacConfigOf(data(RBAC_CONFIGMAP), RBAC_CONFIGMAP);
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      return new AuthzUnavailableError(
        `Argo CD's RBAC cannot be loaded, so changes are refused: ${error.message}`,
      );
    }
    return {
      rbac,
      localAccounts: localAccountsOf(data(ARGOCD_CONFIGMAP)),
      enforcerFor: (project) => this.enforcerFor(rbac, generation, project),
    };
  }

  private enforcerFor(rbac: RbacConfig, generation: number, project: string): Promise<PolicyEnforcer> {
    const object = this.projects.get(project, this.options.namespace);
    const key = `${generation}/${object?.metadata?.resourceVersion ?? ''}`;
    const known = this.enforcers.get(project);
    if (known?.key === key) return known.enforcer;
    const enforcer = createEnforcer(
      [...BUILTIN_LINES, ...rbac.lines, ...this.projectLines(object)],
      rbac.matchMode,
    );
    this.enforcers.set(project, { key, enforcer });
    return enforcer;
  }

  /** A project whose roles do not parse adds nothing: Argo CD then enforces without them, too. */
  private projectLines(object: KubernetesObject | undefined) {
    const roles = object ? projectRolesOf(object) : undefined;
    if (!roles) return [];
    try {
      return projectPolicy(roles);
    } catch (error) {
      this.options.onError(`AppProject ${roles.name}: its roles are ignored`, error);
      return [];
    }
  }

  private projectChanged(change: CollectionChange, object: KubernetesObject): void {
    const name = object.metadata?.name;
    if (change === 'delete' && name !== undefined) this.enforcers.delete(name);
  }
}
