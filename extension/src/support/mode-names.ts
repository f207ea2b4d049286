import type { Mode } from '../types.js';

/** Each mode in a word and in a sentence, the same in the status panel and the flyout. */
export const MODE_NAMES: Readonly<Record<Mode, { label: string; meaning: string }>> = {
  off: { label: 'Off', meaning: 'diagnoses only; proposes no fix' },
  approve: { label: 'Approve', meaning: 'fixes wait for a person’s approval' },
  auto: { label: 'Auto', meaning: 'fixes from auto runbooks are committed without asking' },
};
