import type { Event } from '../../../kube/objects.js';
import { ageSince } from './human-duration.js';
import { column, type TablePrinter } from './table-columns.js';

function lastSeen(event: Event): string | undefined {
  return event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? undefined;
}

function firstSeen(event: Event): string | undefined {
  return event.firstTimestamp ?? event.eventTime ?? undefined;
}

function source(event: Event): string {
  const component = event.source?.component || event.reportingComponent || '';
  const host = event.source?.host || event.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

/** kubectl's event columns: LAST SEEN TYPE REASON OBJECT MESSAGE (wide adds SUBOBJECT SOURCE FIRST SEEN COUNT NAME). */
export const eventPrinter: TablePrinter = {
  columns: [
    column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    column(
      'Reason',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    column('Object', 'The object that this event is about.'),
    column('Subobject', 'The path of the field of the involved object the event is about.', { priority: 1 }),
    column('Source', 'The component reporting this event.', { priority: 1 }),
    column('Message', 'A human-readable description of the status of this operation.'),
    column('First Seen', 'The time at which the event was first recorded.', { priority: 1 }),
    column('Count', 'The number of times this event has occurred.', { priority: 1 }),
    column('Name', 'The name of the event.', { priority: 1, format: 'name' }),
  ],
  cells: (object, now) => {
    const event = object as Event;
    const involved = event.involvedObject;
    return [
      ageSince(lastSeen(event), now),
      event.type ?? '',
      event.reason ?? '',
      `${(involved?.kind ?? '').toLowerCase()}/${involved?.name ?? ''}`,
      involved?.fieldPath ?? '',
      source(event),
      (event.message ?? '').trim(),
      ageSince(firstSeen(event), now),
      String(event.series?.count ?? event.count ?? 1),
      event.metadata?.name ?? '',
    ];
  },
};
