import type { Pod } from '../../../kube/objects.js';
import { badRequest } from '../api-error.js';
import { formatLogTimestamp, type LogLine, logLines } from './log-lines.js';
import type { LogQuery } from './log-query.js';

type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];

function logKey(namespace: string, pod: string, container: string, previous: boolean): string {
  return `${namespace}/${pod}/${container}/${previous ? 'previous' : 'current'}`;
}

function containerNames(pod: Pod): { all: string[]; regular: string[] } {
  const names = (list: { name: string }[] | undefined) => (list ?? []).map((container) => container.name);
  const regular = names(pod.spec?.containers);
  return {
    regular,
    all: [...names(pod.spec?.initContainers), ...regular, ...names(pod.spec?.ephemeralContainers)],
  };
}

/** The container a log request is for, with the messages kube-apiserver gives when it cannot tell. */
function resolveContainer(pod: Pod, requested: string | undefined): string {
  const podName = pod.metadata?.name ?? '';
  const names = containerNames(pod);
  if (requested !== undefined) {
    if (!names.all.includes(requested))
      throw badRequest(`container ${requested} is not valid for pod ${podName}`);
    return requested;
  }
  const [only, ...others] = names.regular;
  if (only === undefined) throw badRequest(`pod ${podName} does not have a container`);
  if (others.length > 0) {
    throw badRequest(
      `a container name must be specified for pod ${podName}, choose one of: [${names.all.join(' ')}]`,
    );
  }
  return only;
}

function statusOf(pod: Pod, container: string): ContainerStatus | undefined {
  const status = pod.status;
  return [
    ...(status?.initContainerStatuses ?? []),
    ...(status?.containerStatuses ?? []),
    ...(status?.ephemeralContainerStatuses ?? []),
  ].find((candidate) => candidate.name === container);
}

function parseTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

/** Container logs recorded for the sandbox, served with the kubelet's options and errors. */
export class PodLogs {
  private readonly texts = new Map<string, string>();

  set(namespace: string, pod: string, container: string, text: string, previous: boolean): void {
    this.texts.set(logKey(namespace, pod, container, previous), text);
  }

  read(pod: Pod, query: LogQuery, now: Date): string {
    const namespace = pod.metadata?.namespace ?? '';
    const podName = pod.metadata?.name ?? '';
    const container = resolveContainer(pod, query.container);
    const status = statusOf(pod, container);
    const recorded = (previous: boolean) => this.texts.get(logKey(namespace, podName, container, previous));
    let text: string;
    let start: Date | undefined;
    if (query.previous) {
      const previous = recorded(true);
      if (previous === undefined && !status?.lastState?.terminated) {
        throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
      }
      text = previous ?? '';
      start = parseTime(status?.lastState?.terminated?.startedAt);
    } else {
      const current = recorded(false);
      text = current ?? this.currentFromStatus(status, container, podName, recorded(true));
      start = parseTime(status?.state?.running?.startedAt ?? status?.state?.terminated?.startedAt);
    }
    return this.render(logLines(text, start), query, now);
  }

  /**
   * Without a recorded current log, what the kubelet would serve: a container waiting after a crash shows
   * its last terminated instance; one that never started is an error naming why.
   */
  private currentFromStatus(
    status: ContainerStatus | undefined,
    container: string,
    pod: string,
    previous: string | undefined,
  ): string {
    const state = status?.state;
    if (!status || state?.running || state?.terminated) return '';
    if (status.lastState?.terminated) return previous ?? '';
    const reason = state?.waiting?.reason;
    const waiting = `container "${container}" in pod "${pod}" is waiting to start`;
    if (reason === 'ErrImagePull') throw badRequest(`${waiting}: image can't be pulled`);
    if (reason === 'ImagePullBackOff') throw badRequest(`${waiting}: trying and failing to pull image`);
    if (reason) throw badRequest(`${waiting}: ${reason}`);
    throw badRequest(`${waiting} - no logs yet`);
  }

  private render(lines: LogLine[], query: LogQuery, now: Date): string {
    let selected = lines;
    if (query.tailLines !== undefined)
      selected = query.tailLines === 0 ? [] : selected.slice(-query.tailLines);
    const since =
      query.sinceTime ??
      (query.sinceSeconds !== undefined ? new Date(now.getTime() - query.sinceSeconds * 1000) : undefined);
    if (since) selected = selected.filter((line) => !line.time || line.time >= since);
    const text = selected
      .map((line) => {
        const prefix = query.timestamps ? `${formatLogTimestamp(line.time ?? now)} ` : '';
        return `${prefix}${line.text}\n`;
      })
      .join('');
    if (query.limitBytes === undefined) return text;
    const bytes = Buffer.from(text, 'utf8');
    return bytes.length <= query.limitBytes ? text : bytes.subarray(0, query.limitBytes).toString('utf8');
  }
}
