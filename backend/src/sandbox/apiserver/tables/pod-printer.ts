import type { Pod } from '../../../kube/objects.js';
import { humanDuration } from './human-duration.js';
import {
  ageColumn,
  ageOf,
  column,
  nameColumn,
  nameOf,
  type RowCondition,
  type TablePrinter,
} from './table-columns.js';

type PodStatus = NonNullable<Pod['status']>;
type ContainerStatus = NonNullable<PodStatus['containerStatuses']>[number];
type Container = NonNullable<NonNullable<Pod['spec']>['containers']>[number];

function isRestartableInit(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function conditionTrue(status: PodStatus | undefined, type: string): boolean {
  return (status?.conditions ?? []).some(
    (condition) => condition.type === type && condition.status === 'True',
  );
}

function laterTime(current: number, candidate: string | undefined): number {
  const time = candidate ? new Date(candidate).getTime() : Number.NaN;
  return Number.isNaN(time) || time <= current ? current : time;
}

function terminatedReason(
  terminated: NonNullable<NonNullable<ContainerStatus['state']>['terminated']>,
  prefix: string,
): string {
  if (terminated.reason) return `${prefix}${terminated.reason}`;
  if (terminated.signal) return `${prefix}Signal:${terminated.signal}`;
  return `${prefix}ExitCode:${terminated.exitCode}`;
}

interface PodSummary {
  ready: string;
  status: string;
  restarts: number;
  lastRestart: number;
}

/** What `kubectl get pods` shows in READY, STATUS and RESTARTS, following kube's pod printer. */
function summarizePod(pod: Pod): PodSummary {
  const spec = pod.spec;
  const status = pod.status;
  let restarts = 0;
  let readyContainers = 0;
  let lastRestart = 0;
  let totalContainers = spec?.containers?.length ?? 0;
  let reason = status?.reason || status?.phase || '';
  if ((status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }
  const initContainers = new Map(
    (spec?.initContainers ?? []).map((container) => [container.name, container]),
  );
  for (const container of initContainers.values()) if (isRestartableInit(container)) totalContainers += 1;

  let initializing = false;
  const initStatuses = status?.initContainerStatuses ?? [];
  for (const [index, container] of initStatuses.entries()) {
    restarts += container.restartCount ?? 0;
    lastRestart = laterTime(lastRestart, container.lastState?.terminated?.finishedAt);
    if (isRestartableInit(initContainers.get(container.name)) && container.started) {
      if (container.ready) readyContainers += 1;
      continue;
    }
    const state = container.state;
    if (state?.terminated && state.terminated.exitCode === 0) continue;
    initializing = true;
    if (state?.terminated) reason = terminatedReason(state.terminated, 'Init:');
    else if (state?.waiting?.reason && state.waiting.reason !== 'PodInitializing')
      reason = `Init:${state.waiting.reason}`;
    else reason = `Init:${index}/${initContainers.size}`;
    break;
  }

  if (!initializing || conditionTrue(status, 'Initialized')) {
    restarts = 0;
    let hasRunning = false;
    const statuses = status?.containerStatuses ?? [];
    for (let index = statuses.length - 1; index >= 0; index -= 1) {
      const container = statuses[index];
      if (!container) continue;
      restarts += container.restartCount ?? 0;
      lastRestart = laterTime(lastRestart, container.lastState?.terminated?.finishedAt);
      const state = container.state;
      if (state?.waiting?.reason) reason = state.waiting.reason;
      else if (state?.terminated) reason = terminatedReason(state.terminated, '');
      else if (container.ready && state?.running) {
        hasRunning = true;
        readyContainers += 1;
      }
    }
    if (reason === 'Completed' && hasRunning)
      reason = conditionTrue(status, 'Ready') ? 'Running' : 'NotReady';
  }

  const terminal = status?.phase === 'Succeeded' || status?.phase === 'Failed';
  if (pod.metadata?.deletionTimestamp && status?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !terminal) reason = 'Terminating';

  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts, lastRestart };
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const ready = gates.filter((gate) => conditionTrue(pod.status, gate.conditionType)).length;
  return `${ready}/${gates.length}`;
}

function completedCondition(pod: Pod): RowCondition[] | undefined {
  if (pod.status?.phase === 'Succeeded') {
    return [
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ];
  }
  if (pod.status?.phase === 'Failed') {
    return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  }
  return undefined;
}

/** kubectl's pod columns: NAME READY STATUS RESTARTS AGE (wide: IP NODE NOMINATED NODE READINESS GATES). */
export const podPrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    ageColumn,
    column(
      'IP',
      'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
      {
        priority: 1,
      },
    ),
    column('Node', 'NodeName is a request to schedule this pod onto a specific node.', { priority: 1 }),
    column('Nominated Node', 'nominatedNodeName is set when this pod preempts other pods on the node.', {
      priority: 1,
    }),
    column('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', {
      priority: 1,
    }),
  ],
  cells: (object, now) => {
    const pod = object as Pod;
    const summary = summarizePod(pod);
    const restarts =
      summary.restarts !== 0 && summary.lastRestart !== 0
        ? `${summary.restarts} (${humanDuration(now.getTime() - summary.lastRestart)} ago)`
        : String(summary.restarts);
    return [
      nameOf(object),
      summary.ready,
      summary.status,
      restarts,
      ageOf(object, now),
      pod.status?.podIP || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates(pod),
    ];
  },
  conditions: (object) => completedCondition(object as Pod),
};
