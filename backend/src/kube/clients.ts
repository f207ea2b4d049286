import {
  AppsV1Api,
  AutoscalingV2Api,
  BatchV1Api,
  type Configuration,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  createConfiguration,
  DiscoveryV1Api,
  KubeConfig,
  KubernetesObjectApi,
  NetworkingV1Api,
  ServerConfiguration,
  StorageV1Api,
} from '@kubernetes/client-node';
import { DEFAULT_KUBE_LIMITS } from '../config.js';
import { DeadlineError } from '../support/deadline-error.js';

/** The typed clients of one cluster, made once per KubeConfig. */
export interface KubeClients {
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  networking: NetworkingV1Api;
  autoscaling: AutoscalingV2Api;
  storage: StorageV1Api;
  discovery: DiscoveryV1Api;
  coordination: CoordinationV1Api;
  custom: CustomObjectsApi;
  objects: KubernetesObjectApi;
}

export interface KubeClientOptions {
  /** How long one call may take before it is aborted (AI_SRE_KUBE_TIMEOUT_MS). */
  callTimeoutMs?: number;
}

/**
 * What KubeConfig.makeApiClient builds (its server, its authentication for every call), plus a
 * deadline: each call carries an AbortSignal that fires after `timeoutMs`, so a stalled API server
 * costs a bounded wait and a closed connection, never a hung request.
 */
function configurationWithDeadline(kubeConfig: KubeConfig, timeoutMs: number): Configuration {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig names no current cluster');
  return createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kubeConfig },
    promiseMiddleware: [
      {
        pre: async (context) => {
          context.setSignal(AbortSignal.timeout(timeoutMs));
          return context;
        },
        post: async (context) => context,
      },
    ],
  });
}

/** The client with its deadline's abort reported as what it is: the API did not answer in time. */
function namingTimeouts<T extends object>(client: T, timeoutMs: number): T {
  const name = (error: unknown) =>
    error instanceof Error && error.name === 'AbortError'
      ? new DeadlineError('the Kubernetes API', timeoutMs)
      : error;
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        return result instanceof Promise
          ? result.catch((error: unknown) => {
              throw name(error);
            })
          : result;
      };
    },
  });
}

/** KubernetesObjectApi as its makeApiClient sets it up (the kubeconfig's namespace is the default), on our configuration. */
class ObjectsApi extends KubernetesObjectApi {
  constructor(configuration: Configuration, kubeConfig: KubeConfig) {
    super(configuration);
    this.setDefaultNamespace(kubeConfig);
  }
}

/** Watches are not made here: they use client-node's Watch, which has its own reconnect. */
export function kubeClients(kubeConfig: KubeConfig, options: KubeClientOptions = {}): KubeClients {
  const timeoutMs = options.callTimeoutMs ?? DEFAULT_KUBE_LIMITS.callTimeoutMs;
  const configuration = configurationWithDeadline(kubeConfig, timeoutMs);
  const make = <T extends object>(Api: new (configuration: Configuration) => T): T =>
    namingTimeouts(new Api(configuration), timeoutMs);
  return {
    kubeConfig,
    core: make(CoreV1Api),
    apps: make(AppsV1Api),
    batch: make(BatchV1Api),
    networking: make(NetworkingV1Api),
    autoscaling: make(AutoscalingV2Api),
    storage: make(StorageV1Api),
    discovery: make(DiscoveryV1Api),
    coordination: make(CoordinationV1Api),
    custom: make(CustomObjectsApi),
    objects: namingTimeouts(new ObjectsApi(configuration, kubeConfig), timeoutMs),
  };
}

/** A kubeconfig file when one is named, else the pod's service account, else ~/.kube/config. */
export function loadKubeConfig(path?: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (path) kubeConfig.loadFromFile(path);
  else kubeConfig.loadFromDefault();
  return kubeConfig;
}
