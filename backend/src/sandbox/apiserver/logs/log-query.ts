import { ApiError, badRequest } from '../api-error.js';

/** The options of `GET .../pods/<name>/log`. */
export interface LogQuery {
  container?: string;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: Date;
  limitBytes?: number;
}

function invalidOption(field: string, value: string, detail: string): ApiError {
  return new ApiError(
    422,
    'Invalid',
    `PodLogOptions "" is invalid: ${field}: Invalid value: ${value}: ${detail}`,
    {
      kind: 'PodLogOptions',
      causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${value}: ${detail}`, field }],
    },
  );
}

function integer(query: URLSearchParams, field: string, minimum: number): number | undefined {
  const text = query.get(field);
  if (text === null || text === '') return undefined;
  if (!/^-?\d+$/.test(text)) throw badRequest(`${field}: invalid integer "${text}"`);
  const value = Number(text);
  if (value < minimum) throw invalidOption(field, text, `must be greater than or equal to ${minimum}`);
  return value;
}

function flag(query: URLSearchParams, field: string): boolean {
  const text = query.get(field);
  return text === 'true' || text === '1';
}

export function parseLogQuery(query: URLSearchParams): LogQuery {
  const options: LogQuery = { previous: flag(query, 'previous'), timestamps: flag(query, 'timestamps') };
  const container = query.get('container');
  if (container) options.container = container;
  const tailLines = integer(query, 'tailLines', 0);
  if (tailLines !== undefined) options.tailLines = tailLines;
  const sinceSeconds = integer(query, 'sinceSeconds', 1);
  if (sinceSeconds !== undefined) options.sinceSeconds = sinceSeconds;
  const limitBytes = integer(query, 'limitBytes', 1);
  if (limitBytes !== undefined) options.limitBytes = limitBytes;
  const sinceTime = query.get('sinceTime');
  if (sinceTime) {
    if (sinceSeconds !== undefined) {
      throw invalidOption(
        'sinceTime',
        sinceTime,
        'at most one of sinceTime or sinceSeconds may be specified',
      );
    }
    const parsed = new Date(sinceTime);
    if (Number.isNaN(parsed.getTime())) throw badRequest(`sinceTime: invalid timestamp "${sinceTime}"`);
    options.sinceTime = parsed;
  }
  return options;
}
