import Type, { type Static } from 'typebox';
import type { Symptom } from '../../detectors/symptom.js';
import type { ClusterSnapshot } from '../../kube/snapshot.js';
import { type FixPlan, PlanError, planFix } from '../../runbooks/plan/index.js';
import { type PlanTarget, resolveTarget } from '../../runbooks/plan/target.js';
import type { Runbook } from '../../runbooks/schema.js';
import { modelSchema, readJsonAnswer } from '../json-answer.js';
import { LlmError } from '../llm-error.js';
import { unmaskDeep } from '../prompt/anonymizer.js';
import { buildPrompt, type PromptSettings } from '../prompt/build-prompt.js';
import type { PromptBlock } from '../prompt/fit-blocks.js';
import { incidentBlocks, PRIORITY } from '../prompt/incident.js';
import { draftedActions } from './draft-actions.js';
import { editableFields } from './editable-fields.js';
import { type Question, questionOf } from './question.js';

export const DRAFT_EDIT_SYSTEM = [
  'You are a site reliability engineer drafting a change to the Kubernetes manifest of an application in Git.',
  'A runbook written by the platform team says what to do; carry it out with the smallest edit. A person reviews the edit before it is committed.',
  'Set only fields listed under "Editable fields", by their exact path; a new environment variable uses the NEW_NAME path with its real name.',
  'Values: image, env values and resource quantities are strings; replicas, ports and probe timings are integers.',
  'Never write a password, token or key as a value: when the fix needs a credential, answer an empty edits list.',
  'When nothing given says which value is right, propose the most plausible one and say in rationale that it must be checked.',
  'When the runbook cannot be carried out with these fields, answer an empty edits list.',
  'Answer with JSON only: edits (a list of {path, value}) and rationale (one or two sentences for the reviewer).',
].join('\n');

export const DraftAnswerSchema = Type.Object(
  {
    edits: Type.Array(
      Type.Object(
        {
          path: Type.String({ minLength: 1, maxLength: 300 }),
          value: Type.Union([Type.String(), Type.Integer()]),
        },
        { additionalProperties: false },
      ),
      { maxItems: 5 },
    ),
    rationale: Type.String({ minLength: 1, maxLength: 800 }),
  },
  { additionalProperties: false },
);

export type DraftAnswer = Static<typeof DraftAnswerSchema>;

/**
 * A fix plan the model drafted for a runbook without actions. Whatever the runbook or the app's
 * mode allow, it waits for a person: `automation` is always `approve`.
 */
export interface DraftedFixPlan extends FixPlan {
  automation: 'approve';
  drafted: true;
  /** The model's words to the reviewer. */
  rationale: string;
}

export type DraftResult = { plan: DraftedFixPlan } | { plan: null; rationale: string };

export interface DraftInput {
  snapshot: ClusterSnapshot;
  /** Ranked, primary first: the incident as the prompt tells it. */
  symptoms: readonly Symptom[];
  /** The symptom the runbook answers; its resource decides the object to edit. */
  symptom: Symptom;
  runbook: Runbook;
}

function planFor(input: DraftInput, answer: DraftAnswer, target: PlanTarget): DraftResult {
  if (answer.edits.length === 0) return { plan: null, rationale: answer.rationale };
  const actions = draftedActions(target, answer.edits);
  const drafted: Runbook = {
    ...input.runbook,
    solution: { ...input.runbook.solution, actions },
    automation: 'approve',
  };
  try {
    const plan = planFix(input.snapshot, input.symptom, drafted);
    return { plan: { ...plan, automation: 'approve', drafted: true, rationale: answer.rationale } };
  } catch (error) {
    if (error instanceof PlanError)
      throw new LlmError('invalid', `the drafted edit cannot apply: ${error.message}`);
    throw error;
  }
}

/**
 * Asks for the edit a runbook's text describes, on the object that lives in Git and owns the
 * symptom's resource. Throws PlanError when there is no such object to edit.
 */
export function draftEditQuestion(
  input: DraftInput,
  settings: PromptSettings,
): Question<DraftAnswer, DraftResult> {
  const target = resolveTarget(input.snapshot, input.symptom);
  const container = input.symptom.params.container;
  const fields = editableFields(target, typeof container === 'string' ? container : undefined);
  if (fields.groups.length === 0) {
    throw new PlanError(`${target.ref.kind} ${target.ref.name} has no field a drafted edit may change.`);
  }
  const blocks: PromptBlock[] = [
    ...incidentBlocks(input.snapshot, input.symptoms).blocks,
    {
      text: `Runbook ${input.runbook.id} says: ${input.runbook.solution.text ?? input.runbook.description ?? ''}`,
      priority: PRIORITY.frame,
      required: true,
    },
    { text: fields.heading, priority: PRIORITY.frame, required: true },
    ...fields.groups.map((lines, position) => ({
      text: lines.join('\n'),
      shorter: [lines.slice(0, 6).join('\n')],
      priority: position === 0 ? PRIORITY.primary : PRIORITY.task,
      ...(position === 0 ? { required: true } : {}),
    })),
  ];
  const prompt = buildPrompt(input.snapshot, DRAFT_EDIT_SYSTEM, blocks, settings);
  return questionOf(
    prompt,
    {
      schemaName: 'drafted_edit',
      schema: modelSchema(DraftAnswerSchema),
      read: (text) => readJsonAnswer(text, DraftAnswerSchema),
    },
    (answer) => planFor(input, unmaskDeep(answer, prompt.mask), target),
  );
}
