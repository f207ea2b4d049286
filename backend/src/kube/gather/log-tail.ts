import type { GatherLimits } from './request.js';

/** The tail of a log within the line and byte limits, and whether anything older was cut. */
export function cutLog(text: string, limits: GatherLimits): { lines: string[]; truncated: boolean } {
  let body = text;
  let truncated = false;
  if (Buffer.byteLength(body) > limits.logLimitBytes) {
    body = Buffer.from(body).subarray(-limits.logLimitBytes).toString('utf8');
    truncated = true;
  }
  const lines = body.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length > limits.logTailLines) {
    truncated = true;
    return { lines: lines.slice(-limits.logTailLines), truncated };
  }
  return { lines, truncated: truncated || lines.length >= limits.logTailLines };
}
