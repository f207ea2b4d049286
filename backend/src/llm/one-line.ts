import { redactText } from '../kube/redact.js';

/** Text quoted in a prompt or a message: whitespace collapsed to one line, cut at `max` characters with `…`. */
export function oneLine(text: string, max: number): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length <= max ? single : `${single.slice(0, max - 1)}…`;
}

/** `oneLine` for text from the cluster, redacted before it is cut: a cut could leave half a credential that no pattern recognises. */
export function redactedLine(text: string, max: number): string {
  return oneLine(redactText(text), max);
}
