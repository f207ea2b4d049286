import type { AppApi } from '../api.js';
import { isInFlight } from '../support/remediation-states.js';
import type { Remediation } from '../types.js';
import { useAppChanges } from './use-app-changes.js';
import { type RequestState, useRequest } from './use-request.js';

/** While a fix is under way its state changes within seconds; otherwise a slow look suffices. */
export const POLL_IN_FLIGHT_MS = 2000;
export const POLL_IDLE_MS = 15_000;

/** The app's remediations, newest first, polled quickly while one is approved, committed or verifying. */
export function useRemediations(api: AppApi, appKey: string): RequestState<Remediation[]> {
  const state = useRequest(
    (options) => api.remediations(options),
    appKey,
    (records) => (records.some(isInFlight) ? POLL_IN_FLIGHT_MS : POLL_IDLE_MS),
  );
  useAppChanges(appKey, state.reload);
  return state;
}

/** The list with one record put in place of its older self, or added first when it is new. */
export function withRecord(records: readonly Remediation[] | undefined, record: Remediation): Remediation[] {
  const others = (records ?? []).filter((existing) => existing.id !== record.id);
  const position = (records ?? []).findIndex((existing) => existing.id === record.id);
  if (position < 0) return [record, ...others];
  others.splice(position, 0, record);
  return others;
}
