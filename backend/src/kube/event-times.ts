import type { Event } from './objects.js';

/**
 * When an event was last seen. Components on the events.k8s.io API (the scheduler among them) keep
 * repeats in `series`, leaving lastTimestamp empty; older ones count in lastTimestamp and count.
 */
export function eventLastSeen(event: Event): string | undefined {
  return (
    event.series?.lastObservedTime ??
    event.lastTimestamp ??
    event.eventTime ??
    event.firstTimestamp ??
    event.metadata?.creationTimestamp
  );
}

export function eventCount(event: Event): number {
  return event.series?.count ?? event.count ?? 1;
}
