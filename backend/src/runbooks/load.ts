import type { KubeClients } from '../kube/clients.js';
import type { ConfigMap } from '../kube/objects.js';
import { toWire } from '../kube/wire.js';
import { RUNBOOK_SELECTOR, type RunbookCatalog } from './catalog.js';
import { parseRunbookConfigMaps } from './parse.js';

/** Reads the runbooks once, for commands that diagnose a single time (`scenario`, `record`). */
export async function loadRunbookCatalog(
  kube: KubeClients,
  namespaces: readonly string[],
): Promise<RunbookCatalog> {
  const lists = await Promise.all(
    namespaces.map((namespace) =>
      kube.core.listNamespacedConfigMap({ namespace, labelSelector: RUNBOOK_SELECTOR }),
    ),
  );
  return parseRunbookConfigMaps(lists.flatMap((list) => list.items.map((item) => toWire(item) as ConfigMap)));
}
