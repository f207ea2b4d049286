import * as React from 'react';
import type { Application } from '../../kube/application.js';

export interface ApplicationsState {
  applications: Application[] | undefined;
  error?: string;
}

/**
 * The sandbox's Applications, polled like Argo CD's UI keeps its list fresh, so the page shows an
 * app in auto mode going from Degraded to Healthy without a reload.
 */
export function useApplications(intervalMs: number): ApplicationsState {
  const [state, setState] = React.useState<ApplicationsState>({ applications: undefined });
  React.useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const response = await fetch('/api/applications');
        if (!response.ok) throw new Error(`the demo server answered ${response.status}`);
        const body = (await response.json()) as { items: Application[] };
        if (!stopped) setState({ applications: body.items });
      } catch (error) {
        if (!stopped) setState((previous) => ({ ...previous, error: (error as Error).message }));
      }
      if (!stopped) timer = setTimeout(load, intervalMs);
    };
    void load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [intervalMs]);
  return state;
}
