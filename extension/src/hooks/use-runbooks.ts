import type { AppApi } from '../api.js';
import type { RunbookList } from '../types.js';
import { type RequestState, useRequest } from './use-request.js';

/** The runbooks whose scope includes the app, and the runbooks skipped as invalid. */
export function useRunbooks(api: AppApi, appKey: string): RequestState<RunbookList> {
  return useRequest((options) => api.runbooks(options), appKey);
}
