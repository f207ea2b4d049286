import { ApiError } from './api-error.js';
import { EventStreamParser } from './support/event-stream.js';
import type {
  ChosenRunbook,
  DiagnosisResult,
  Explanation,
  ExplanationField,
  LlmOutcome,
  ShownPlan,
} from './types.js';

/** What POST /diagnoses streams (routes/diagnoses.ts), in the order it may arrive. */
export type DiagnosisEvent =
  | { type: 'diagnosis'; diagnosis: DiagnosisResult }
  | { type: 'runbook'; runbook: ChosenRunbook }
  | { type: 'plan'; plan: ShownPlan }
  | { type: 'explanation-delta'; field: ExplanationField; text: string }
  | { type: 'explanation'; explanation: Explanation }
  | { type: 'llm-status'; llm: LlmOutcome }
  | { type: 'done'; diagnosis: DiagnosisResult };

function typed(name: string, data: unknown): DiagnosisEvent | undefined {
  switch (name) {
    case 'diagnosis':
    case 'done':
      return { type: name, diagnosis: data as DiagnosisResult };
    case 'runbook':
      return { type: name, runbook: data as ChosenRunbook };
    case 'plan':
      return { type: name, plan: data as ShownPlan };
    case 'explanation-delta': {
      const delta = data as { field: ExplanationField; text: string };
      return { type: name, field: delta.field, text: delta.text };
    }
    case 'explanation':
      return { type: name, explanation: data as Explanation };
    case 'llm-status':
      return { type: name, llm: data as LlmOutcome };
    default:
      // A newer backend may send more; this version shows what it knows.
      return undefined;
  }
}

export interface StreamOptions {
  onEvent: (event: DiagnosisEvent) => void;
  /** Longest silence between chunks; the backend sends a heartbeat every 15 s. */
  idleMs: number;
  /** Stops reading (the tab closed, or a refresh replaced this diagnosis); nothing more is handed on. */
  signal?: AbortSignal;
}

/** A JSON answer (a proxy that dropped the Accept header): the same events, all at once. */
function replayJson(text: string, onEvent: (event: DiagnosisEvent) => void): void {
  let diagnosis: DiagnosisResult;
  try {
    diagnosis = JSON.parse(text) as DiagnosisResult;
  } catch {
    throw new ApiError('stream', 'The AI SRE backend sent an answer that is not a diagnosis.');
  }
  onEvent({ type: 'diagnosis', diagnosis });
  if (diagnosis.explanation) onEvent({ type: 'explanation', explanation: diagnosis.explanation });
  if (diagnosis.llm) onEvent({ type: 'llm-status', llm: diagnosis.llm });
  onEvent({ type: 'done', diagnosis });
}

async function readChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleMs: number,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silence = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ApiError('stream', `The diagnosis stream went silent for ${Math.round(idleMs / 1000)} s.`),
        ),
      idleMs,
    );
  });
  try {
    return await Promise.race([reader.read(), silence]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads a diagnosis response to its end, handing each event on as it arrives. Rejects with an
 * ApiError when the stream breaks off before `done`, goes silent, or sends unreadable data.
 */
export async function readDiagnosisStream(response: Response, options: StreamOptions): Promise<void> {
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('text/event-stream') || !response.body) {
    replayJson(await response.text(), options.onEvent);
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = new EventStreamParser();
  let done = false;
  const stop = () => {
    reader.cancel().catch(() => undefined);
  };
  options.signal?.addEventListener('abort', stop);
  try {
    while (!options.signal?.aborted) {
      const chunk = await readChunk(reader, options.idleMs);
      const text = chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
      for (const raw of parser.push(chunk.done ? `${text}\n\n` : text)) {
        let data: unknown;
        try {
          data = JSON.parse(raw.data);
        } catch {
          throw new ApiError('stream', `The AI SRE backend sent an unreadable "${raw.event}" event.`);
        }
        const event = typed(raw.event, data);
        if (event && !options.signal?.aborted) options.onEvent(event);
        if (event?.type === 'done') done = true;
      }
      if (chunk.done) break;
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    stop();
  }
  if (options.signal?.aborted) return;
  if (!done) throw new ApiError('stream', 'The diagnosis stream ended before the diagnosis was complete.');
}
