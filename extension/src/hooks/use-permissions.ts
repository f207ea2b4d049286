import type { AppApi } from '../api.js';
import type { Permissions } from '../types.js';
import { type RequestState, useRequest } from './use-request.js';

/** What the signed-in user may do in the app (GET /me), as Argo CD's RBAC decides. */
export function usePermissions(api: AppApi, appKey: string): RequestState<Permissions> {
  return useRequest((options) => api.permissions(options), appKey);
}
