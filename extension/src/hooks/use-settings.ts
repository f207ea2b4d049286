import type { AppApi } from '../api.js';
import type { AppSettings } from '../types.js';
import { useAppChanges } from './use-app-changes.js';
import { type RequestState, useRequest } from './use-request.js';

/** The app's mode (off, approve, auto), the default mode and the global pause. */
export function useSettings(api: AppApi, appKey: string): RequestState<AppSettings> {
  const state = useRequest((options) => api.settings(options), appKey);
  useAppChanges(appKey, state.reload);
  return state;
}
