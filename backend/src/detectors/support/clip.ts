/**
 * Shortens raw controller text to fit in a one-sentence message: whitespace collapsed, a trailing
 * period dropped (the sentence adds its own), and anything past `max` characters replaced by `…`.
 * The full text stays in params and evidence, where runbooks match it.
 */
export function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** `clip` for the end of a sentence: a period, unless the cut's `…` already ends it. */
export function clipSentenceEnd(text: string, max = 200): string {
  const clipped = clip(text, max);
  return clipped.endsWith('…') ? clipped : `${clipped}.`;
}
