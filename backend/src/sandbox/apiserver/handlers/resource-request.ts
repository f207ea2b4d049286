import type { ClusterState } from '../cluster-state.js';
import type { Exchange } from '../http/exchange.js';
import type { ResourceType } from '../resource-type.js';
import type { WatchStream } from '../watch/watch-stream.js';

/** A request for a resource, understood and authorized, ready for its verb's handler. */
export interface ResourceRequest {
  exchange: Exchange;
  cluster: ClusterState;
  type: ResourceType;
  verb: string;
  /** The namespace of the object(s); undefined for cluster-scoped types and lists across all namespaces. */
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** What the server lends handlers beyond the request itself. */
export interface HandlerServices {
  /** Open watches, so that closing the server ends them. */
  watches: Set<WatchStream>;
  /** How long a watch without timeoutSeconds stays open. */
  watchTimeoutMs: number;
}

export function resourceName(request: ResourceRequest): { group: string; resource: string; name: string } {
  return { group: request.type.group, resource: request.type.plural, name: request.name ?? '' };
}
