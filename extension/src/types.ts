// What the backend answers, as the extension reads it. Type-only imports: nothing of the backend is bundled.
import type { Diagnosis } from '../../backend/src/diagnosis/diagnosis.js';
import type { RunbookChoice, RunbookSummary } from '../../backend/src/diagnosis/remedy.js';
import type { Explanation, LlmOutcome } from '../../backend/src/llm/outcome.js';
import type { Remediation, RemediationState } from '../../backend/src/remediation/record.js';
import type { Mode } from '../../backend/src/remediation/settings.js';
import type { FixPlan } from '../../backend/src/runbooks/plan/index.js';
import type { RunbookProblem } from '../../backend/src/runbooks/schema.js';

export type { Evidence, Symptom } from '../../backend/src/detectors/symptom.js';
export type { ResourceRef } from '../../backend/src/kube/objects.js';
export type { ObjectEdit } from '../../backend/src/runbooks/plan/index.js';
export type { Explanation, LlmOutcome, Mode, Remediation, RemediationState, RunbookSummary };

/** A runbook as a diagnosis names it; the model may have chosen it among free-text runbooks. */
export type ChosenRunbook = RunbookChoice & { chosenBy?: 'llm'; reason?: string };

/** A fix plan; a model's draft says so and gives the reviewer its rationale. */
export type ShownPlan = FixPlan & { drafted?: true; rationale?: string };

/** POST /diagnoses as the route serialises it (routes/diagnoses.ts, ExplainedDiagnosisSchema). */
export interface DiagnosisResult extends Omit<Diagnosis, 'runbook' | 'plan'> {
  runbook: ChosenRunbook | null;
  plan: ShownPlan | null;
}

/** The streamed fields of an explanation (`explanation-delta` events). */
export type ExplanationField = 'summary' | 'rootCause' | 'nextStep';

/** GET /runbooks (routes/runbooks.ts). */
export interface RunbookListing extends RunbookSummary {
  symptomType?: string;
  symptomText?: string;
  solution?: string;
  actions: string[];
}

export interface RunbookProblemListing extends RunbookProblem {
  description: string;
}

export interface RunbookList {
  runbooks: RunbookListing[];
  problems: RunbookProblemListing[];
}

/** GET and PUT /settings (routes/settings.ts). */
export interface AppSettings {
  mode: Mode;
  defaultMode: Mode;
  paused: boolean;
}

/** What the user Argo CD names may do in this app (GET /me), by Argo CD's RBAC. */
export interface Permissions {
  username?: string;
  groups: string[];
  /** The backend runs without Argo CD in front of it (the demo, a local sandbox). */
  local: boolean;
  can: { propose: boolean; approve: boolean; reject: boolean; changeMode: boolean };
  /** Why something is not allowed, in sentences written for the user. */
  reasons?: string[];
}

/** The Application as Argo CD's UI hands it to extensions; only what the extension reads. */
export interface HostApplication {
  metadata: { name: string; namespace?: string };
  spec: {
    project: string;
    source?: { repoURL?: string };
    sources?: { repoURL?: string }[];
  };
}

/** The resource of a resource tab: the live object as Argo CD shows it. */
export interface HostResource {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}
