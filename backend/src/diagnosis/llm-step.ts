import type { Symptom } from '../detectors/symptom.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { FieldTextStream } from '../llm/field-text-stream.js';
import type { LlmOutcome } from '../llm/outcome.js';
import type { PromptSettings } from '../llm/prompt/build-prompt.js';
import type { LlmService } from '../llm/service.js';
import { chooseRunbookQuestion } from '../llm/uses/choose-runbook.js';
import { type DraftedFixPlan, draftEditQuestion } from '../llm/uses/draft-edit.js';
import { explainQuestion, STREAMED_FIELDS } from '../llm/uses/explain.js';
import type { RunbookCatalog } from '../runbooks/catalog.js';
import { applicationScope, freeTextCandidates } from '../runbooks/match.js';
import { PlanError, planFix } from '../runbooks/plan/index.js';
import type { Runbook } from '../runbooks/schema.js';
import { type DiagnosisTools, diagnose, type Stopwatch } from './diagnose.js';
import type { Diagnosis } from './diagnosis.js';
import { LlmQuestions } from './llm-questions.js';
import { type RunbookChoice, summarizeRunbook } from './remedy.js';

/**
 * A free-text runbook the model chose. Its choice is not a rule's, so whatever the runbook says,
 * a fix from it waits for a person (`automation: approve`).
 */
export interface LlmRunbookChoice extends RunbookChoice {
  automation: 'approve';
  chosenBy: 'llm';
  /** The model's one sentence on why it fits. */
  reason: string;
}

/** What the LLM step adds to a diagnosis, as it happens: a streaming client shows each at once. */
export type LlmStepEvent =
  | { type: 'runbook'; runbook: LlmRunbookChoice }
  | { type: 'plan'; plan: DraftedFixPlan }
  | { type: 'explanation-delta'; field: string; text: string };

export interface LlmStepOptions {
  /** The client left: the model call is aborted and the step rejects with LlmError('aborted'). */
  signal?: AbortSignal;
  onEvent?: (event: LlmStepEvent) => void;
  stopwatch?: Stopwatch;
}

/** What the step works on besides the diagnosis: the snapshot it came from and the runbooks in force. */
export interface LlmStepContext {
  snapshot: ClusterSnapshot;
  runbooks: RunbookCatalog;
}

/** The diagnosis as the step builds it up, and the runbook (with the symptom it answers) in play. */
interface Working {
  result: Diagnosis;
  runbook: Runbook | undefined;
  symptom: Symptom | undefined;
}

/** With no structured runbook, the model may pick a free-text one in scope; its actions, if any, plan at once. */
async function chooseFreeTextRunbook(
  working: Working,
  context: LlmStepContext,
  questions: LlmQuestions,
  settings: PromptSettings,
  options: LlmStepOptions,
): Promise<void> {
  const { result } = working;
  const { snapshot } = context;
  const primary = result.primary;
  if (result.runbook || !primary) return;
  const candidates = freeTextCandidates(context.runbooks.runbooks, applicationScope(snapshot.application));
  if (candidates.length === 0) return;
  const pick = await questions.ask(
    'choose-runbook',
    chooseRunbookQuestion(snapshot, result.symptoms, candidates, settings),
  );
  if (!pick) return;
  if (!pick.runbook) {
    result.notes.push(`the model found no free-text runbook that fits: ${pick.reason}`);
    return;
  }
  const runbook: Runbook = { ...pick.runbook, automation: 'approve' };
  const choice: LlmRunbookChoice = {
    ...summarizeRunbook(runbook),
    automation: 'approve',
    symptom: 0,
    alternatives: [],
    chosenBy: 'llm',
    reason: pick.reason,
  };
  Object.assign(working, { runbook, symptom: primary });
  result.runbook = choice;
  options.onEvent?.({ type: 'runbook', runbook: choice });
  if (runbook.solution.actions.length === 0) return;
  try {
    result.plan = planFix(snapshot, primary, runbook);
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    result.notes.push(
      `runbook ${runbook.id} was chosen by the model, but its fix cannot apply: ${error.message}`,
    );
  }
}

/** A runbook with text and no actions gets an edit drafted by the model: a plan that waits for approval. */
async function draftPlan(
  working: Working,
  context: LlmStepContext,
  questions: LlmQuestions,
  settings: PromptSettings,
  options: LlmStepOptions,
): Promise<void> {
  const { result, runbook, symptom } = working;
  if (!runbook || !symptom || result.plan || runbook.solution.actions.length > 0 || !runbook.solution.text)
    return;
  let question: ReturnType<typeof draftEditQuestion>;
  try {
    question = draftEditQuestion(
      { snapshot: context.snapshot, symptoms: result.symptoms, symptom, runbook },
      settings,
    );
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    result.notes.push(`no edit was drafted for runbook ${runbook.id}: ${error.message}`);
    return;
  }
  const drafted = await questions.ask('draft-edit', question);
  if (drafted?.plan) {
    result.plan = drafted.plan;
    options.onEvent?.({ type: 'plan', plan: drafted.plan });
  } else if (drafted) {
    result.notes.push(`the model drafted no edit for runbook ${runbook.id}: ${drafted.rationale}`);
  }
}

/**
 * The LLM step of the pipeline, after the deterministic diagnosis: when no structured runbook
 * matched, the model may choose a free-text one; when the runbook has text but no actions, it
 * drafts an edit (a plan that always waits for approval); then it explains the whole, grounded in
 * cited evidence, streaming the explanation's text through `onEvent`. Every answer is validated;
 * a question that fails leaves the deterministic result as it was and says why in `llm`.
 */
export async function explainDiagnosis(
  diagnosis: Diagnosis,
  context: LlmStepContext,
  service: LlmService,
  options: LlmStepOptions = {},
): Promise<Diagnosis> {
  if (!service.enabled) return { ...diagnosis, llm: { status: 'off', detail: service.reason, steps: [] } };
  const { assistant } = service;
  const llm: LlmOutcome = { status: 'ok', provider: assistant.provider, model: assistant.model, steps: [] };
  if (!diagnosis.primary)
    return { ...diagnosis, llm: { ...llm, detail: 'nothing to explain: no symptom was found' } };
  const questions = new LlmQuestions(
    assistant,
    options.stopwatch ?? (() => performance.now()),
    options.signal,
  );
  const settings: PromptSettings = {
    budget: assistant.limits.promptBudget,
    anonymize: assistant.limits.anonymize,
  };
  const working: Working = {
    result: { ...diagnosis, notes: [...diagnosis.notes] },
    runbook: context.runbooks.runbooks.find((known) => known.id === diagnosis.runbook?.id),
    symptom: diagnosis.runbook ? diagnosis.symptoms[diagnosis.runbook.symptom] : undefined,
  };
  await chooseFreeTextRunbook(working, context, questions, settings, options);
  await draftPlan(working, context, questions, settings, options);

  const { result, runbook } = working;
  const solution = runbook?.solution.text;
  const explain = explainQuestion(
    {
      snapshot: context.snapshot,
      symptoms: result.symptoms,
      runbook: runbook ? { id: runbook.id, ...(solution ? { solution } : {}) } : null,
      plan: result.plan,
    },
    settings,
    assistant.model,
  );
  const { onEvent } = options;
  const stream = onEvent
    ? new FieldTextStream(STREAMED_FIELDS, explain.mask, (delta) =>
        onEvent({ type: 'explanation-delta', ...delta }),
      )
    : undefined;
  const explanation = await questions.ask(
    'explain',
    explain,
    stream ? (text) => stream.push(text) : undefined,
  );
  if (explanation) {
    stream?.end();
    result.explanation = explanation;
  }
  return { ...result, llm: { ...llm, ...questions.outcome(), steps: questions.steps } };
}

/** The pipeline with the LLM step: what `diagnose` returns, explained, for the CLI and the controller. */
export async function diagnoseWithLlm(
  gather: () => Promise<ClusterSnapshot>,
  tools: DiagnosisTools,
  service: LlmService,
  options: Omit<LlmStepOptions, 'stopwatch'> = {},
): Promise<{ diagnosis: Diagnosis; snapshot: ClusterSnapshot }> {
  const { diagnosis, snapshot } = await diagnose(gather, tools);
  const explained = await explainDiagnosis(diagnosis, { snapshot, runbooks: tools.runbooks }, service, {
    ...options,
    stopwatch: tools.stopwatch,
  });
  return { diagnosis: explained, snapshot };
}
