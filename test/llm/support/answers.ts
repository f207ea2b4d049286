import type { FakeChat, FakeReply, Responder } from '../../support/fake-ollama.js';

export type Use = 'explain' | 'choose-runbook' | 'draft-edit';

/** Which question a chat asks, told by the answer schema it sends. */
export function useOf(chat: FakeChat): Use {
  const properties = Object.keys((chat.schema.properties ?? {}) as Record<string, unknown>);
  if (properties.includes('summary')) return 'explain';
  if (properties.includes('runbook')) return 'choose-runbook';
  if (properties.includes('edits')) return 'draft-edit';
  throw new Error(`a chat with an unknown schema: ${JSON.stringify(chat.schema)}`);
}

/** The evidence ids (`E1`) a prompt offers, in order. */
export function offeredIds(chat: FakeChat): string[] {
  return [...chat.user.matchAll(/\[(E\d+)\]/g)].map((match) => match[1] ?? '');
}

export const json = (
  value: unknown,
  extra: Omit<Extract<FakeReply, { answer: string }>, 'answer'> = {},
): FakeReply => ({
  answer: JSON.stringify(value),
  ...extra,
});

/** An explanation that cites the first evidence the prompt offers: what a well-behaved model answers. */
export function groundedExplanation(chat: FakeChat): FakeReply {
  return json({
    summary: 'The new pods crash at start-up, so the rollout cannot finish.',
    rootCause: 'The container exits because a required setting is missing.',
    confidence: 'high',
    evidence: offeredIds(chat).slice(0, 1),
    nextStep: 'Set the missing value in the Deployment and let Argo CD sync it.',
  });
}

export type Script = Partial<Record<Use, (chat: FakeChat) => FakeReply>>;

/** Answers each use with the script's reply, else a valid, grounded default (no runbook, no edit). */
export function scripted(script: Script = {}): Responder {
  return (chat) => {
    const use = useOf(chat);
    const answer = script[use];
    if (answer) return answer(chat);
    if (use === 'explain') return groundedExplanation(chat);
    if (use === 'choose-runbook')
      return json({ runbook: null, reason: 'None of the runbooks describes this.' });
    return json({ edits: [], rationale: 'Nothing here says what to change.' });
  };
}
