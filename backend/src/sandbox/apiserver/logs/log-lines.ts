/** One line of a container log with the time it was written, when known. */
export interface LogLine {
  text: string;
  time?: Date;
}

const leadingTimestamp = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))(?:\s|$)/;

/**
 * Splits a log into lines, each timed by its own leading RFC 3339 timestamp, else by the line before it,
 * else by `start` (when the container started): the closest a recorded log gets to the kubelet's clock.
 */
export function logLines(text: string, start: Date | undefined): LogLine[] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (body === '') return [];
  let time = start;
  return body.split('\n').map((line) => {
    const stamp = leadingTimestamp.exec(line)?.[1];
    if (stamp !== undefined) {
      const parsed = new Date(stamp);
      if (!Number.isNaN(parsed.getTime())) time = parsed;
    }
    return time ? { text: line, time } : { text: line };
  });
}

/** Go's time.RFC3339Nano, the form the kubelet prefixes with `timestamps=true`: nine digits at most, trailing zeros cut. */
export function formatLogTimestamp(time: Date): string {
  const iso = time.toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}
