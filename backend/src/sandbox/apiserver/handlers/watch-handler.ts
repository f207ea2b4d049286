import type { KubeObject } from '../../../kube/objects.js';
import { negotiateTable } from '../tables/table-format.js';
import { parseWatchOptions } from '../watch/watch-options.js';
import { WatchStream, type WatchTarget } from '../watch/watch-stream.js';
import { objectFilter } from './object-filter.js';
import type { HandlerServices, ResourceRequest } from './resource-request.js';

export function handleWatch(request: ResourceRequest, services: HandlerServices): void {
  const { exchange, type, cluster } = request;
  const options = parseWatchOptions(exchange.query);
  const selected = objectFilter(type, exchange.query);
  const { name } = request;
  // A watch on one object's URL (the deprecated form of a metadata.name field selector).
  const filter =
    name === undefined
      ? selected
      : {
          ...selected,
          matches: (object: KubeObject) => object.metadata?.name === name && selected.matches(object),
        };
  const target: WatchTarget = {
    type,
    filter,
    timeoutMs: options.timeoutSeconds !== undefined ? options.timeoutSeconds * 1000 : services.watchTimeoutMs,
  };
  if (request.namespace !== undefined) target.namespace = request.namespace;
  const table = negotiateTable(exchange.request.headers.accept, exchange.query);
  if (table) target.table = table;
  const stream = new WatchStream(exchange, cluster.store, target, options, cluster.now, (closed) =>
    services.watches.delete(closed),
  );
  services.watches.add(stream);
  stream.start();
}
