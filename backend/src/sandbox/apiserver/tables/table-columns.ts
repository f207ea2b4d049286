import type { KubeObject } from '../../../kube/objects.js';
import { ageSince } from './human-duration.js';

/** A meta.k8s.io/v1 TableColumnDefinition. */
export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface RowCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

/** The printer of one kind: its columns and, per object, the cells in the same order. */
export interface TablePrinter {
  columns: ColumnDefinition[];
  cells(object: KubeObject, now: Date): unknown[];
  conditions?(object: KubeObject): RowCondition[] | undefined;
}

export function column(
  name: string,
  description: string,
  options: Partial<ColumnDefinition> = {},
): ColumnDefinition {
  return { name, type: 'string', format: '', description, priority: 0, ...options };
}

export const nameColumn = column(
  'Name',
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  { format: 'name' },
);

export const ageColumn = column(
  'Age',
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
);

export function nameOf(object: KubeObject): string {
  return object.metadata?.name ?? '';
}

export function ageOf(object: KubeObject, now: Date): string {
  return ageSince(object.metadata?.creationTimestamp, now);
}

/** NAME AGE, for every kind without a printer of its own. */
export const genericPrinter: TablePrinter = {
  columns: [nameColumn, ageColumn],
  cells: (object, now) => [nameOf(object), ageOf(object, now)],
};
