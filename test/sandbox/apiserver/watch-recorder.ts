import { type KubeConfig, Watch } from '@kubernetes/client-node';
import { vi } from 'vitest';

export interface RecordedEvent {
  type: string;
  // biome-ignore lint/suspicious/noExplicitAny: watch events carry any kind of object
  object: any;
}

/** A client-node Watch whose events and end are recorded for assertions. */
export interface WatchRecording {
  events: RecordedEvent[];
  /** Set once the watch ended: null when the server closed it, else the error. */
  ended: { error: unknown } | undefined;
  /** Waits (without a fixed delay) until the recorded events satisfy `check`. */
  until(check: (events: RecordedEvent[]) => boolean): Promise<RecordedEvent[]>;
  untilEnded(): Promise<unknown>;
  stop(): void;
}

export async function recordWatch(
  config: KubeConfig,
  path: string,
  query: Record<string, string | number | boolean>,
): Promise<WatchRecording> {
  const recording: WatchRecording = {
    events: [],
    ended: undefined,
    until: async (check) => {
      await vi.waitFor(
        () => {
          if (!check(recording.events)) throw new Error(`events so far: ${describe(recording.events)}`);
        },
        { timeout: 10_000, interval: 10 },
      );
      return recording.events;
    },
    untilEnded: async () => {
      await vi.waitFor(
        () => {
          if (!recording.ended) throw new Error('the watch is still open');
        },
        { timeout: 10_000, interval: 10 },
      );
      return recording.ended?.error;
    },
    stop: () => controller.abort(),
  };
  const controller = await new Watch(config).watch(
    path,
    query,
    (type, object) => recording.events.push({ type, object }),
    (error) => {
      recording.ended = { error };
    },
  );
  return recording;
}

function describe(events: RecordedEvent[]): string {
  return events.map((event) => `${event.type} ${event.object?.metadata?.name ?? ''}`).join(', ') || 'none';
}
