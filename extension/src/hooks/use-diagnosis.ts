import * as React from 'react';
import type { Diagnosis } from '../../../backend/src/diagnosis/diagnosis.js';
import type { ResourceRef } from '../../../backend/src/kube/objects.js';
import { type HostApplication, requestDiagnosis } from '../api.js';

export interface DiagnosisState {
  diagnosis?: Diagnosis;
  error?: string;
  loading: boolean;
  refresh: () => void;
}

/** Diagnoses on mount and on refresh; a response that arrives after a newer request is dropped. */
export function useDiagnosis(application: HostApplication, target: ResourceRef | undefined): DiagnosisState {
  const [state, setState] = React.useState<Omit<DiagnosisState, 'refresh'>>({ loading: true });
  const [generation, setGeneration] = React.useState(0);
  const targetKey = target ? `${target.group}/${target.kind}/${target.namespace ?? ''}/${target.name}` : '';
  React.useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    requestDiagnosis(application, target).then(
      (diagnosis) => current && setState({ diagnosis, loading: false }),
      (error: Error) => current && setState({ error: error.message, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [application.metadata.name, application.metadata.namespace, targetKey, generation]);
  return { ...state, refresh: () => setGeneration((value) => value + 1) };
}
