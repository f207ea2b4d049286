import { type Informer, makeInformer, type ObjectCache, type V1ConfigMap } from '@kubernetes/client-node';
import type { KubeClients } from '../kube/clients.js';
import type { ConfigMap } from '../kube/objects.js';
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
  /** How long to wait before watching again after a watch failed. */
  retryDelayMs?: number;
}

/** The runbooks in force, kept current by watching the labelled ConfigMaps. */
export interface RunbookStore {
  catalog(): RunbookCatalog;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Watches runbook ConfigMaps with client-node informers, one per namespace, and re-reads every
 * runbook whenever one of them changes: edits take effect at the next diagnosis, without a restart.
 */
export function createRunbookStore(options: RunbookStoreOptions): RunbookStore {
  let catalog: RunbookCatalog = EMPTY_CATALOG;
  let stopped = false;
  const informers: (Informer<V1ConfigMap> & ObjectCache<V1ConfigMap>)[] = options.namespaces.map(
    (namespace) =>
      makeInformer(
        options.kube.kubeConfig,
        `/api/v1/namespaces/${namespace}/configmaps`,
        () => options.kube.core.listNamespacedConfigMap({ namespace, labelSelector: RUNBOOK_SELECTOR }),
        RUNBOOK_SELECTOR,
      ),
  );
  const refresh = () => {
    const configMaps = informers
      .flatMap((informer) => informer.list())
      .map((item) => toWire(item) as ConfigMap);
    catalog = parseRunbookConfigMaps(configMaps);
    options.events
      .report(catalog.problems, configMaps)
      .catch((error: unknown) => options.onError('cannot record a runbook problem as an Event', error));
  };
  for (const informer of informers) {
    for (const verb of ['add', 'update', 'delete'] as const) informer.on(verb, refresh);
    informer.on('error', (error: unknown) => {
      options.onError('the runbook watch failed; retrying', error);
      setTimeout(() => {
        if (!stopped)
          informer.start().catch((retry: unknown) => options.onError('cannot watch runbooks', retry));
      }, options.retryDelayMs ?? 5000).unref();
    });
  }
  return {
    catalog: () => catalog,
    async start() {
      await Promise.all(informers.map((informer) => informer.start()));
      refresh();
    },
    async stop() {
      stopped = true;
      await Promise.all(informers.map((informer) => informer.stop()));
    },
  };
}
