import { ApiError, badRequest } from '../api-error.js';

export interface WatchOptions {
  /** Replay changes after this resourceVersion; undefined when the watch starts from the current state. */
  fromRevision?: number;
  /** Start with ADDED events for the current objects (resourceVersion absent or "0", or sendInitialEvents). */
  initialEvents: boolean;
  /** Mark the end of the initial events with a BOOKMARK (the watch-list protocol of sendInitialEvents=true). */
  initialEventsBookmark: boolean;
  allowBookmarks: boolean;
  timeoutSeconds?: number;
}

function invalidWatch(field: string, message: string): ApiError {
  return new ApiError(422, 'Invalid', `ListOptions.meta.k8s.io "" is invalid: ${field}: ${message}`, {
    kind: 'ListOptions',
    group: 'meta.k8s.io',
    causes: [{ reason: 'FieldValueForbidden', message, field }],
  });
}

/** The watch parameters, with the real server's rules for combining them. */
export function parseWatchOptions(query: URLSearchParams): WatchOptions {
  const resourceVersion = query.get('resourceVersion') ?? '';
  const allowBookmarks = query.get('allowWatchBookmarks') === 'true';
  const sendInitialEvents = query.get('sendInitialEvents');
  if (sendInitialEvents === 'true') {
    if (query.get('resourceVersionMatch') !== 'NotOlderThan') {
      throw invalidWatch(
        'resourceVersionMatch',
        'Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      );
    }
    if (!allowBookmarks) {
      throw invalidWatch(
        'allowWatchBookmarks',
        'Required value: sendInitialEvents requires allowWatchBookmarks=true',
      );
    }
  }
  let fromRevision: number | undefined;
  if (resourceVersion !== '' && resourceVersion !== '0') {
    if (!/^\d+$/.test(resourceVersion)) throw badRequest(`invalid resource version: ${resourceVersion}`);
    fromRevision = Number(resourceVersion);
  }
  const options: WatchOptions = {
    initialEvents: sendInitialEvents === null ? fromRevision === undefined : sendInitialEvents === 'true',
    initialEventsBookmark: sendInitialEvents === 'true',
    allowBookmarks,
  };
  // With sendInitialEvents the watch shows the current state instead of replaying history.
  if (fromRevision !== undefined && !options.initialEvents) options.fromRevision = fromRevision;
  const timeout = query.get('timeoutSeconds');
  if (timeout !== null && timeout !== '') {
    if (!/^\d+$/.test(timeout)) throw badRequest(`timeoutSeconds: invalid value "${timeout}"`);
    // Zero means no timeout of the client's choosing: the server's default applies.
    if (Number(timeout) > 0) options.timeoutSeconds = Number(timeout);
  }
  return options;
}
