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
