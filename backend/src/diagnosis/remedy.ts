import type { Symptom } from '../detectors/symptom.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import type { RunbookCatalog } from '../runbooks/catalog.js';
import { applicationScope, matchRunbook } from '../runbooks/match.js';
import type { FixPlan } from '../runbooks/plan/index.js';
import { PlanError, planFix } from '../runbooks/plan/index.js';
import type { Runbook, RunbookSource } from '../runbooks/schema.js';

export interface RunbookSummary {
  id: string;
  description?: string;
  automation: 'approve' | 'auto';
  verify: { timeout: string; revertOnFailure: boolean };
  source: RunbookSource;
}

/** The runbook chosen for a diagnosis: which symptom it answers, and the runbooks that also matched. */
export interface RunbookChoice extends RunbookSummary {
  /** Index of the symptom it matched in the diagnosis's ranked symptoms. */
  symptom: number;
  alternatives: RunbookSummary[];
}

export function summarizeRunbook(runbook: Runbook): RunbookSummary {
  const summary: RunbookSummary = {
    id: runbook.id,
    automation: runbook.automation,
    verify: runbook.verify,
    source: runbook.source,
  };
  if (runbook.description) summary.description = runbook.description;
  return summary;
}

/**
 * The runbook that answers the highest-ranked symptom it can, and its fix plan. A runbook whose
 * actions cannot apply here still shows as the match; the note says why there is no plan.
 */
export function chooseRemedy(
  snapshot: ClusterSnapshot,
  symptoms: readonly Symptom[],
  catalog: RunbookCatalog,
): { runbook: RunbookChoice | null; plan: FixPlan | null; notes: string[] } {
  const match = matchRunbook(symptoms, catalog.runbooks, applicationScope(snapshot.application));
  if (!match) return { runbook: null, plan: null, notes: [] };
  const runbook: RunbookChoice = {
    ...summarizeRunbook(match.runbook),
    symptom: symptoms.indexOf(match.symptom),
    alternatives: match.alternatives.map(summarizeRunbook),
  };
  if (match.runbook.solution.actions.length === 0) return { runbook, plan: null, notes: [] };
  try {
    return { runbook, plan: planFix(snapshot, match.symptom, match.runbook), notes: [] };
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    const reason = (error as PlanError).message;
    return {
      runbook,
      plan: null,
      notes: [`runbook ${match.runbook.id} matched, but its fix cannot apply: ${reason}`],
    };
  }
}
