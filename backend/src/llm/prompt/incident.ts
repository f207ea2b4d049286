import type { Symptom } from '../../detectors/symptom.js';
import { describeRef } from '../../kube/objects.js';
import type { ClusterSnapshot } from '../../kube/snapshot.js';
import { redactedLine } from '../one-line.js';
import { digestEvidence } from './evidence-digest.js';
import type { PromptBlock } from './fit-blocks.js';

/** How prompt blocks rank: what frames the question, then the primary symptom, then the rest. */
export const PRIORITY = {
  frame: 0,
  primary: 1,
  primaryEvidence: 2,
  /** What a use adds: the runbook, the candidates, the editable fields. */
  task: 3,
  /** Secondary symptom at rank r: `secondary + r`, its evidence half a step after. */
  secondary: 10,
} as const;

const MAX_SYMPTOMS = 8;
const MAX_EVIDENCE_PER_SYMPTOM = 8;
const MAX_PARAMS = 200;

export interface IncidentPrompt {
  blocks: PromptBlock[];
  /** `E1` → the evidence ids of the diagnosis it stands for. */
  evidence: ReadonlyMap<string, readonly string[]>;
}

function applicationLine(snapshot: ClusterSnapshot): string {
  const { application } = snapshot;
  const status = application.status;
  const parts = [
    `Application ${application.metadata.namespace}/${application.metadata.name} (project ${application.spec.project})`,
    `health ${status?.health?.status ?? 'unknown'}`,
    `sync ${status?.sync?.status ?? 'unknown'}`,
  ];
  const message = status?.health?.message;
  const target = snapshot.target ? ` The user asked about ${describeRef(snapshot.target)}.` : '';
  return `${parts.join(', ')}.${message ? ` Health message: ${redactedLine(message, 200)}.` : ''}${target}`;
}

function symptomLine(symptom: Symptom, rank: number): string {
  const params = Object.entries(symptom.params)
    // A long value the sentence already quotes (a log excerpt, a message) would only repeat it.
    .filter(([, value]) => String(value).length < 24 || !symptom.message.includes(String(value)))
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return `S${rank + 1} ${symptom.type} on ${describeRef(symptom.resource)}: ${redactedLine(symptom.message, 300)}${params ? ` [${redactedLine(params, MAX_PARAMS)}]` : ''}`;
}

/**
 * The incident as prompt blocks: the application, the symptoms in rank order, each followed by
 * the evidence it brought first (deduplicated, redacted, logs cut to their errors). The primary
 * symptom and the frame are required; the rest goes first when the budget is short.
 */
export function incidentBlocks(snapshot: ClusterSnapshot, symptoms: readonly Symptom[]): IncidentPrompt {
  const shown = symptoms.slice(0, MAX_SYMPTOMS);
  const items = digestEvidence(shown, MAX_EVIDENCE_PER_SYMPTOM);
  const blocks: PromptBlock[] = [
    { text: applicationLine(snapshot), priority: PRIORITY.frame, required: true },
    { text: 'Symptoms, most likely root cause first:', priority: PRIORITY.frame, required: true },
  ];
  shown.forEach((symptom, rank) => {
    const primary = rank === 0;
    blocks.push({
      text: symptomLine(symptom, rank),
      priority: primary ? PRIORITY.primary : PRIORITY.secondary + rank,
      ...(primary ? { required: true } : {}),
    });
    for (const item of items.filter((candidate) => candidate.symptom === rank)) {
      const [text = '', ...shorter] = item.forms;
      blocks.push({
        text,
        shorter,
        priority: primary ? PRIORITY.primaryEvidence : PRIORITY.secondary + rank + 0.5,
        evidenceId: item.shortId,
      });
    }
  });
  return { blocks, evidence: new Map(items.map((item) => [item.shortId, item.ids])) };
}
