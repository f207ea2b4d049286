import type { KubeObject } from '../../../kube/objects.js';
import type { ResourceType } from '../resource-type.js';
import { deploymentPrinter } from './deployment-printer.js';
import { eventPrinter } from './event-printer.js';
import { podPrinter } from './pod-printer.js';
import {
  type ColumnDefinition,
  genericPrinter,
  type RowCondition,
  type TablePrinter,
} from './table-columns.js';
import type { TableFormat } from './table-format.js';

export interface TableRow {
  cells: unknown[];
  conditions?: RowCondition[];
  object?: KubeObject;
}

export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: ColumnDefinition[];
  rows: TableRow[];
}

function printerFor(type: ResourceType): TablePrinter {
  if (type.group === '' && type.kind === 'Pod') return podPrinter;
  if (type.group === '' && type.kind === 'Event') return eventPrinter;
  if (type.group === 'apps' && type.kind === 'Deployment') return deploymentPrinter;
  return genericPrinter;
}

function rowObject(object: KubeObject, format: TableFormat): KubeObject | undefined {
  if (format.includeObject === 'None') return undefined;
  if (format.includeObject === 'Object') return object;
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: `meta.k8s.io/${format.version}`,
    metadata: object.metadata ?? {},
  };
}

/** A meta.k8s.io Table of `objects` (all of `type`), as kube-apiserver prints for kubectl. */
export function buildTable(
  type: ResourceType,
  objects: readonly KubeObject[],
  format: TableFormat,
  now: Date,
  metadata: Table['metadata'],
  withColumns = true,
): Table {
  const printer = printerFor(type);
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${format.version}`,
    metadata,
    columnDefinitions: withColumns ? printer.columns : [],
    rows: objects.map((object) => {
      const row: TableRow = { cells: printer.cells(object, now) };
      const conditions = printer.conditions?.(object);
      if (conditions) row.conditions = conditions;
      const included = rowObject(object, format);
      if (included) row.object = included;
      return row;
    }),
  };
}
