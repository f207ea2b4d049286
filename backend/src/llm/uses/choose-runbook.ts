import Type, { type Static } from 'typebox';
import type { Symptom } from '../../detectors/symptom.js';
import type { ClusterSnapshot } from '../../kube/snapshot.js';
import type { Runbook } from '../../runbooks/schema.js';
import { modelSchema, readJsonAnswer } from '../json-answer.js';
import { LlmError } from '../llm-error.js';
import { oneLine } from '../one-line.js';
import { unmaskDeep } from '../prompt/anonymizer.js';
import { buildPrompt, type PromptSettings } from '../prompt/build-prompt.js';
import type { PromptBlock } from '../prompt/fit-blocks.js';
import { incidentBlocks, PRIORITY } from '../prompt/incident.js';
import { type Question, questionOf } from './question.js';

export const CHOOSE_RUNBOOK_SYSTEM = [
  'You are a site reliability engineer. Your platform team wrote runbooks, each describing the situation it is for.',
  'No runbook matched the incident by its rules. Decide whether one of the runbooks listed describes this incident.',
  'Choose a runbook only when its situation clearly is this incident; when none fits, answer null. A wrong choice is worse than none.',
  'Answer with JSON only: runbook (the id of the runbook, or null) and reason (one sentence).',
].join('\n');

export const ChooseAnswerSchema = Type.Object(
  {
    runbook: Type.Union([Type.String(), Type.Null()]),
    reason: Type.String({ minLength: 1, maxLength: 600 }),
  },
  { additionalProperties: false },
);

export type ChooseAnswer = Static<typeof ChooseAnswerSchema>;

/** The model's choice among free-text runbooks; `runbook` null when none fits. */
export interface RunbookPick {
  runbook: Runbook | null;
  reason: string;
}

/** A runbook as the prompt offers it: its texts are the platform team's, still clipped so one long runbook cannot crowd out the rest. */
function candidateBlock(runbook: Runbook): PromptBlock {
  const situation = `  situation: ${oneLine(runbook.symptom.text ?? '', 400)}`;
  const solution = runbook.solution.text ? [`  what it does: ${oneLine(runbook.solution.text, 300)}`] : [];
  return {
    text: [`- id: ${runbook.id}`, situation, ...solution].join('\n'),
    shorter: [[`- id: ${runbook.id}`, situation].join('\n')],
    priority: PRIORITY.task,
    required: true,
  };
}

/**
 * Asks which free-text runbook (one with only `symptom.text`) fits the incident. "None fits" is a
 * valid answer; an id that was not offered is not.
 */
export function chooseRunbookQuestion(
  snapshot: ClusterSnapshot,
  symptoms: readonly Symptom[],
  candidates: readonly Runbook[],
  settings: PromptSettings,
): Question<ChooseAnswer, RunbookPick> {
  const incident = incidentBlocks(snapshot, symptoms);
  const blocks: PromptBlock[] = [
    ...incident.blocks,
    { text: 'Runbooks:', priority: PRIORITY.frame, required: true },
    ...candidates.map(candidateBlock),
  ];
  const prompt = buildPrompt(snapshot, CHOOSE_RUNBOOK_SYSTEM, blocks, settings);
  const ids = candidates.map((runbook) => runbook.id);
  const schema = modelSchema(ChooseAnswerSchema);
  // The ids as the prompt shows them: an id that is also an object's name is masked there too.
  (schema.properties as Record<string, unknown>).runbook = {
    anyOf: [{ type: 'string', enum: ids.map((id) => prompt.mask.mask(id)) }, { type: 'null' }],
  };
  return questionOf(
    prompt,
    {
      schemaName: 'runbook_choice',
      schema,
      read(text) {
        const answer = readJsonAnswer(text, ChooseAnswerSchema);
        const chosen = answer.runbook === null ? null : prompt.mask.unmask(answer.runbook);
        if (chosen !== null && !ids.includes(chosen)) {
          throw new LlmError(
            'invalid',
            `the answer chose runbook ${JSON.stringify(chosen)}, which was not offered (offered: ${ids.join(', ')})`,
          );
        }
        return answer;
      },
    },
    (answer) => {
      const { runbook, reason } = unmaskDeep(answer, prompt.mask);
      return { runbook: candidates.find((candidate) => candidate.id === runbook) ?? null, reason };
    },
  );
}
