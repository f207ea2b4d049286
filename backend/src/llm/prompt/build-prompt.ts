import { redactText } from '../../kube/redact.js';
import type { ClusterSnapshot } from '../../kube/snapshot.js';
import { Anonymizer, type NameMask, NO_MASK, namesOf } from './anonymizer.js';
import { fitBlocks, type PromptBlock } from './fit-blocks.js';
import { countTokens, MESSAGE_OVERHEAD_TOKENS, promptTokens } from './token-count.js';

export interface PromptSettings {
  /** Prompt tokens, system message included. */
  budget: number;
  anonymize: boolean;
}

export interface BuiltPrompt {
  system: string;
  user: string;
  /** Both messages with their template overhead, as counted before sending. */
  tokens: number;
  /** Evidence ids (`E1`) whose blocks are in the prompt: the only ones an answer may cite. */
  evidenceIds: string[];
  /** Puts the names back into the answer. */
  mask: NameMask;
}

/**
 * The messages of one question: the user message made of the blocks that fit the budget left by
 * the system message, every block redacted, then anonymised when asked, before it is counted.
 */
export function buildPrompt(
  snapshot: ClusterSnapshot,
  system: string,
  blocks: readonly PromptBlock[],
  settings: PromptSettings,
): BuiltPrompt {
  const corpus = blocks.flatMap((block) => [block.text, ...(block.shorter ?? [])]).join('\n');
  const mask = settings.anonymize ? new Anonymizer(namesOf(snapshot), corpus) : NO_MASK;
  const userBudget = settings.budget - countTokens(system) - 2 * MESSAGE_OVERHEAD_TOKENS;
  const fitted = fitBlocks(blocks, userBudget, (text) => mask.mask(redactText(text)));
  return {
    system,
    user: fitted.text,
    tokens: promptTokens(system, fitted.text),
    evidenceIds: fitted.evidenceIds,
    mask,
  };
}
