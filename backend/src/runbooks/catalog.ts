import type { ConfigMap, KubeObject } from '../kube/objects.js';
import type { Runbook, RunbookProblem } from './schema.js';

/** The runbooks in force and the problems of those that were skipped. */
export interface RunbookCatalog {
  runbooks: Runbook[];
  problems: RunbookProblem[];
}

export const EMPTY_CATALOG: RunbookCatalog = { runbooks: [], problems: [] };

/** ConfigMaps carrying this label hold runbooks, one per data key. */
export const RUNBOOK_LABEL = 'argocd-ai-sre/runbook';
export const RUNBOOK_SELECTOR = `${RUNBOOK_LABEL}=true`;

/** Whether an object is a runbook ConfigMap, as RUNBOOK_SELECTOR selects them from the API. */
export function isRunbookConfigMap(object: KubeObject): object is ConfigMap {
  return object.kind === 'ConfigMap' && object.metadata?.labels?.[RUNBOOK_LABEL] === 'true';
}
