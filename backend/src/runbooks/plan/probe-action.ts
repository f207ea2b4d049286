import { describeRef } from '../../kube/objects.js';
import { type ContainerLocation, containerName, locateContainer } from './container-location.js';
import type { PathSegment } from './field-path.js';
import type { ActionArguments, ObjectEdit } from './fix-plan.js';
import { editAt, type PlanContext } from './plan-context.js';
import { PlanError } from './plan-error.js';

type ProbeAction = ActionArguments<'setProbe'>;

/** The probe fields an action sets as they are, in the order a manifest usually lists them. */
const TIMINGS = [
  'initialDelaySeconds',
  'periodSeconds',
  'timeoutSeconds',
  'failureThreshold',
  'successThreshold',
] as const;

/** How a probe checks: the handler key it has, and whether that handler takes a port and a path. */
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc', 'exec'] as const;
type Handler = (typeof HANDLERS)[number];

type Probe = NonNullable<ContainerLocation['container']['readinessProbe']>;

function handlerOf(probe: Probe): Handler | undefined {
  return HANDLERS.find((handler) => probe[handler] !== undefined);
}

function checkPort(location: ContainerLocation, port: number | string, handler: Handler, what: string): void {
  if (handler === 'exec') throw new PlanError(`${what} runs a command; it has no port to set.`);
  if (typeof port === 'number') return;
  if (handler === 'grpc')
    throw new PlanError(`${what} is a gRPC probe, whose port must be a number, not ${port}.`);
  const declared = location.container.ports ?? [];
  if (!declared.some((candidate) => candidate.name === port)) {
    const names = declared.flatMap((candidate) => (candidate.name ? [candidate.name] : []));
    throw new PlanError(
      `${what} cannot use port ${port}: the container declares no port of that name (it names ${names.join(', ') || 'none'}).`,
    );
  }
}

/**
 * Fields of one probe of a container: the port and path of its handler (httpGet.port,
 * tcpSocket.port or grpc.port; httpGet.path), and its timing fields as given. A probe the
 * container does not have is not created: a runbook that adds one means more than a fix.
 */
export function planProbe(context: PlanContext, action: ProbeAction): ObjectEdit[] {
  const location = locateContainer(context.target, containerName(context.symptom, action.container));
  const field = `${action.probe}Probe` as const;
  const what = `the ${action.probe} probe of container ${location.name} of ${describeRef(context.target.ref)}`;
  const probe = location.container[field];
  if (!probe)
    throw new PlanError(
      `container ${location.name} of ${describeRef(context.target.ref)} has no ${action.probe} probe.`,
    );
  const probePath: PathSegment[] = [...location.path, { kind: 'key', key: field }];
  const at = (...keys: string[]): PathSegment[] => [
    ...probePath,
    ...keys.map((key) => ({ kind: 'key' as const, key })),
  ];
  const handler = handlerOf(probe);
  const edits: ObjectEdit[] = [];
  if (action.port !== undefined) {
    if (!handler) throw new PlanError(`${what} has no handler whose port could change.`);
    checkPort(location, action.port, handler, what);
    edits.push(editAt(context, 'setProbe', at(handler, 'port'), action.port));
  }
  if (action.path !== undefined) {
    if (handler !== 'httpGet') throw new PlanError(`${what} is not an HTTP probe; it has no path to set.`);
    edits.push(editAt(context, 'setProbe', at('httpGet', 'path'), action.path));
  }
  if (
    action.successThreshold !== undefined &&
    action.successThreshold !== 1 &&
    action.probe !== 'readiness'
  ) {
    throw new PlanError(
      `a ${action.probe} probe must have successThreshold 1; Kubernetes rejects ${action.successThreshold}.`,
    );
  }
  for (const timing of TIMINGS) {
    const value = action[timing];
    if (value !== undefined) edits.push(editAt(context, 'setProbe', at(timing), value));
  }
  if (edits.length === 0)
    throw new PlanError('the action names no probe field to set (port, path or a timing).');
  return edits;
}
