import Type, { type Static } from 'typebox';
import type { Symptom } from '../../detectors/symptom.js';
import { describeRef } from '../../kube/objects.js';
import type { ClusterSnapshot } from '../../kube/snapshot.js';
import type { FixPlan } from '../../runbooks/plan/index.js';
import { modelSchema, readJsonAnswer } from '../json-answer.js';
import { LlmError } from '../llm-error.js';
import type { Explanation } from '../outcome.js';
import { unmaskDeep } from '../prompt/anonymizer.js';
import { buildPrompt, type PromptSettings } from '../prompt/build-prompt.js';
import type { PromptBlock } from '../prompt/fit-blocks.js';
import { incidentBlocks, PRIORITY } from '../prompt/incident.js';
import { type Question, questionOf } from './question.js';

export const EXPLAIN_SYSTEM = [
  'You are a site reliability engineer. You explain to a developer why their Argo CD application is unhealthy.',
  'Use only the symptoms and evidence given; do not invent names, values or causes.',
  'Answer with JSON only:',
  '- summary: at most two sentences on what is wrong and its effect;',
  '- rootCause: one sentence naming the cause;',
  '- confidence: low, medium or high; low when the evidence does not show the cause;',
  '- evidence: the ids in square brackets (like E1) of the items that support the root cause; only ids given;',
  '- nextStep: what a person should do next; when a fix is proposed, whether to approve it.',
].join('\n');

const Text = Type.String({ minLength: 1, maxLength: 1200 });

export const ExplainAnswerSchema = Type.Object(
  {
    summary: Text,
    rootCause: Text,
    confidence: Type.Unsafe<'low' | 'medium' | 'high'>({ type: 'string', enum: ['low', 'medium', 'high'] }),
    evidence: Type.Array(Type.String(), { maxItems: 12 }),
    nextStep: Text,
  },
  { additionalProperties: false },
);

export type ExplainAnswer = Static<typeof ExplainAnswerSchema>;

/** The fields whose text streams to the user as the model writes them. */
export const STREAMED_FIELDS = ['summary', 'rootCause', 'nextStep'] as const;

export interface ExplainInput {
  snapshot: ClusterSnapshot;
  symptoms: readonly Symptom[];
  /** The runbook that answers the incident, with what it says to do. */
  runbook: { id: string; solution?: string } | null;
  plan: FixPlan | null;
}

function planLines(plan: FixPlan): string {
  const edits = plan.edits.map(
    (edit) =>
      `  ${describeRef(edit.object)} ${edit.path}: ${edit.from === undefined ? '(absent)' : JSON.stringify(edit.from)} -> ${JSON.stringify(edit.to)}`,
  );
  const revert = plan.revertLastChange ? ['  revert the newest commit of the app’s source'] : [];
  const approval =
    plan.automation === 'approve' ? 'it waits for a person’s approval' : 'it may apply unattended';
  return [`Proposed fix (a Git commit; ${approval}):`, ...revert, ...edits].join('\n');
}

function taskBlocks(input: ExplainInput): PromptBlock[] {
  const blocks: PromptBlock[] = [];
  if (input.runbook) {
    const solution = input.runbook.solution ? `: ${input.runbook.solution}` : '';
    blocks.push({
      text: `Runbook ${input.runbook.id} answers it${solution}`,
      shorter: [`Runbook ${input.runbook.id} answers it.`],
      priority: PRIORITY.task,
    });
  } else {
    blocks.push({ text: 'No runbook answers it.', priority: PRIORITY.task });
  }
  if (input.plan) blocks.push({ text: planLines(input.plan), priority: PRIORITY.task });
  return blocks;
}

/** Checks what the schema cannot: the answer cites evidence, and only evidence it was given. */
function checkCitations(answer: ExplainAnswer, given: readonly string[]): void {
  const unknown = answer.evidence.filter((id) => !given.includes(id));
  if (unknown.length > 0) {
    throw new LlmError(
      'invalid',
      `the answer cites ${unknown.join(', ')}, which the prompt did not give (it gave ${given.join(', ') || 'none'})`,
    );
  }
  if (given.length > 0 && answer.evidence.length === 0)
    throw new LlmError('invalid', 'the answer cites no evidence');
}

/** The explanation question: the incident, its runbook and fix, and a summary grounded in cited evidence. */
export function explainQuestion(
  input: ExplainInput,
  settings: PromptSettings,
  model: string,
): Question<ExplainAnswer, Explanation> {
  const incident = incidentBlocks(input.snapshot, input.symptoms);
  const prompt = buildPrompt(
    input.snapshot,
    EXPLAIN_SYSTEM,
    [...incident.blocks, ...taskBlocks(input)],
    settings,
  );
  const schema = modelSchema(ExplainAnswerSchema);
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  // The server may only produce ids the prompt holds; reading the answer checks it again.
  if (prompt.evidenceIds.length > 0) {
    properties.evidence = { type: 'array', items: { type: 'string', enum: prompt.evidenceIds } };
  }
  return questionOf(
    prompt,
    {
      schemaName: 'explanation',
      schema,
      read(text) {
        const answer = readJsonAnswer(text, ExplainAnswerSchema);
        checkCitations(answer, prompt.evidenceIds);
        return answer;
      },
    },
    (answer) => {
      const { evidence, ...texts } = unmaskDeep(answer, prompt.mask);
      const ids = [...new Set(evidence.flatMap((shortId) => incident.evidence.get(shortId) ?? []))];
      return { ...texts, evidence: ids, model };
    },
  );
}
