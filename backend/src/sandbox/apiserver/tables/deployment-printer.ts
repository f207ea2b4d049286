import type { Deployment } from '../../../kube/objects.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, type TablePrinter } from './table-columns.js';

type LabelSelector = NonNullable<NonNullable<Deployment['spec']>['selector']>;

/** metav1.FormatLabelSelector: `app=web,tier in (a,b)`, `<none>` when empty. */
function formatSelector(selector: LabelSelector | undefined): string {
  const terms = Object.entries(selector?.matchLabels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`);
  for (const expression of selector?.matchExpressions ?? []) {
    const values = [...(expression.values ?? [])].sort().join(',');
    switch (expression.operator) {
      case 'In':
        terms.push(`${expression.key} in (${values})`);
        break;
      case 'NotIn':
        terms.push(`${expression.key} notin (${values})`);
        break;
      case 'Exists':
        terms.push(expression.key);
        break;
      case 'DoesNotExist':
        terms.push(`!${expression.key}`);
        break;
    }
  }
  return terms.length > 0 ? terms.join(',') : '<none>';
}

/** kubectl's deployment columns: NAME READY UP-TO-DATE AVAILABLE AGE (wide: CONTAINERS IMAGES SELECTOR). */
export const deploymentPrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Ready', 'Number of the pod with ready state'),
    column(
      'Up-to-date',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      {
        type: 'integer',
      },
    ),
    column(
      'Available',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
      {
        type: 'integer',
      },
    ),
    ageColumn,
    column('Containers', 'Names of each container in the template.', { priority: 1 }),
    column('Images', 'Images referenced by each container in the template.', { priority: 1 }),
    column(
      'Selector',
      'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
      {
        priority: 1,
      },
    ),
  ],
  cells: (object, now) => {
    const deployment = object as Deployment;
    const containers = deployment.spec?.template?.spec?.containers ?? [];
    const status = deployment.status;
    return [
      nameOf(object),
      `${status?.readyReplicas ?? 0}/${deployment.spec?.replicas ?? 1}`,
      status?.updatedReplicas ?? 0,
      status?.availableReplicas ?? 0,
      ageOf(object, now),
      containers.map((container) => container.name).join(','),
      containers.map((container) => container.image ?? '').join(','),
      formatSelector(deployment.spec?.selector),
    ];
  },
};
