import type { V1ConfigMap } from '@kubernetes/client-node';
import type { KubeClients } from '../kube/clients.js';
import type { ConfigMap } from '../kube/objects.js';
import { WatchedCollection } from '../kube/watched-collection.js';
import { toWire } from '../kube/wire.js';
import { EMPTY_CATALOG, RUNBOOK_SELECTOR, type RunbookCatalog } from './catalog.js';
import { parseRunbookConfigMaps } from './parse.js';
import type { ProblemEvents } from './problem-events.js';

export interface RunbookStoreOptions {
  kube: KubeClients;
  namespaces: readonly string[];
  events: ProblemEvents;
  /** Reports what went wrong in the background: a watch that broke, an Event that could not be written. */
  onError: (message: string, error: unknown) => void;
  /** How long to wait first before watching again after a watch failed. */
  retryDelayMs?: number;
}

/** The runbooks in force, kept current by watching the labelled ConfigMaps. */
export interface RunbookStore {
  catalog(): RunbookCatalog;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Watches runbook ConfigMaps, one collection per namespace, and re-reads every runbook whenever one
 * of them changes: edits take effect at the next diagnosis, without a restart.
 */
export function createRunbookStore(options: RunbookStoreOptions): RunbookStore {
  let catalog: RunbookCatalog = EMPTY_CATALOG;
  // The first list reports every ConfigMap as added; start() reads them all once instead of once each.
  let started = false;
  const refresh = () => {
    const configMaps = collections
      .flatMap((collection) => collection.list())
      .map((item) => toWire(item) as ConfigMap);
    catalog = parseRunbookConfigMaps(configMaps);
    options.events
      .report(catalog.problems, configMaps)
      .catch((error: unknown) => options.onError('cannot record a runbook problem as an Event', error));
  };
  const collections = options.namespaces.map(
    (namespace) =>
      new WatchedCollection<V1ConfigMap>({
        kubeConfig: options.kube.kubeConfig,
        path: `/api/v1/namespaces/${namespace}/configmaps`,
        list: () => options.kube.core.listNamespacedConfigMap({ namespace, labelSelector: RUNBOOK_SELECTOR }),
        labelSelector: RUNBOOK_SELECTOR,
        description: `runbook ConfigMaps in ${namespace}`,
        onChange: () => {
          if (started) refresh();
        },
        onError: options.onError,
        ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
      }),
  );
  return {
    catalog: () => catalog,
    async start() {
      await Promise.all(collections.map((collection) => collection.start()));
      started = true;
      refresh();
    },
    async stop() {
      started = false;
      await Promise.all(collections.map((collection) => collection.stop()));
    },
  };
}
