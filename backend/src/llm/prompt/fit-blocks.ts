import { countTokens } from './token-count.js';

/** One piece of a prompt: a line or a few, kept whole, shortened or left out as a unit. */
export interface PromptBlock {
  text: string;
  /** Lower is kept first; ties keep document order. */
  priority: number;
  /** Shorter forms of the block, tried in order when the full one does not fit. */
  shorter?: readonly string[];
  /** Clipped to what fits rather than left out: the question cannot be asked without it. */
  required?: boolean;
  /** The evidence id the block introduces; an id whose block is left out may not be cited. */
  evidenceId?: string;
}

export interface FittedBlocks {
  text: string;
  tokens: number;
  /** Evidence ids whose blocks made it into the text. */
  evidenceIds: string[];
  omitted: number;
}

/** Room kept for the line that says how many blocks were left out. */
const OMISSION_NOTE_TOKENS = 16;

function omissionNote(omitted: number): string {
  return `(${omitted} more ${omitted === 1 ? 'item was' : 'items were'} left out to keep the prompt short)`;
}

/** The longest prefix of `text` within `budget` tokens, found by halving; the cut is marked. */
function clipToTokens(text: string, budget: number): string {
  if (countTokens(text) <= budget) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (countTokens(`${text.slice(0, middle)}…`) <= budget) low = middle;
    else high = middle - 1;
  }
  return `${text.slice(0, low)}…`;
}

/**
 * Chooses blocks by priority until `budget` tokens are used, each in its longest form that fits,
 * and joins the chosen ones in document order with a line saying how many were left out. Blocks
 * are masked (anonymised) before they are measured, so the count is of what is sent.
 */
export function fitBlocks(
  blocks: readonly PromptBlock[],
  budget: number,
  mask: (text: string) => string,
): FittedBlocks {
  const order = blocks
    .map((_, index) => index)
    .sort((a, b) => (blocks[a]?.priority ?? 0) - (blocks[b]?.priority ?? 0) || a - b);
  const chosen = new Map<number, { text: string; tokens: number }>();
  // Each block is joined by a newline, about one token.
  const available = budget - OMISSION_NOTE_TOKENS;
  let used = 0;
  for (const index of order) {
    const block = blocks[index];
    if (!block) continue;
    for (const form of [block.text, ...(block.shorter ?? [])]) {
      const text = mask(form);
      const tokens = countTokens(text) + 1;
      if (used + tokens <= available) {
        chosen.set(index, { text, tokens });
        used += tokens;
        break;
      }
    }
    if (!chosen.has(index) && block.required) {
      const text = clipToTokens(mask(block.shorter?.at(-1) ?? block.text), Math.max(0, available - used - 1));
      const tokens = countTokens(text) + 1;
      chosen.set(index, { text, tokens });
      used += tokens;
    }
  }
  const render = () => {
    const kept = [...chosen.keys()].sort((a, b) => a - b);
    const omitted = blocks.length - kept.length;
    const lines = kept.map((index) => chosen.get(index)?.text ?? '');
    if (omitted > 0) lines.push(omissionNote(omitted));
    const text = lines.join('\n');
    return { text, tokens: countTokens(text), kept, omitted };
  };
  let fitted = render();
  // Tokens of joined text can differ by one or two from the sum of its parts: drop the last chosen block until it fits.
  while (fitted.tokens > budget) {
    const droppable = [...chosen.keys()].reverse().find((index) => !blocks[index]?.required);
    if (droppable === undefined) break;
    chosen.delete(droppable);
    fitted = render();
  }
  return {
    text: fitted.text,
    tokens: fitted.tokens,
    evidenceIds: fitted.kept.flatMap((index) => {
      const id = blocks[index]?.evidenceId;
      return id ? [id] : [];
    }),
    omitted: fitted.omitted,
  };
}
