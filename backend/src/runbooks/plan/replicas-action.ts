import { describeRef, groupOf, refKey, refOf } from '../../kube/objects.js';
import type { ActionArguments, ObjectEdit } from './fix-plan.js';
import { editAt, type PlanContext } from './plan-context.js';
import { PlanError } from './plan-error.js';

/** Kinds whose spec.replicas sets how many pods run, by `group/kind`. */
const SCALABLE = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/ReplicaSet', 'argoproj.io/Rollout']);

/**
 * spec.replicas of the workload. An HPA that scales the workload would override the number at
 * once, so such a plan is refused rather than committed to no effect: the HPA's minReplicas is
 * what to change then, with setField on a runbook for the HPA.
 */
export function planReplicas(context: PlanContext, action: ActionArguments<'setReplicas'>): ObjectEdit[] {
  const { ref } = context.target;
  if (ref.group === 'apps' && ref.kind === 'DaemonSet') {
    throw new PlanError(`${describeRef(ref)} runs one pod per node; it has no replica count.`);
  }
  if (!SCALABLE.has(`${ref.group}/${ref.kind}`))
    throw new PlanError(`${describeRef(ref)} has no replica count.`);
  const autoscaler = context.snapshot.horizontalPodAutoscalers.find((hpa) => {
    const scaled = hpa.spec?.scaleTargetRef;
    if (!scaled || hpa.metadata?.namespace !== ref.namespace) return false;
    const scaledRef = {
      group: groupOf(scaled.apiVersion),
      kind: scaled.kind,
      namespace: ref.namespace,
      name: scaled.name,
    };
    return refKey(scaledRef) === refKey(ref);
  });
  if (autoscaler) {
    throw new PlanError(
      `${describeRef(refOf(autoscaler))} scales ${describeRef(ref)} and would override spec.replicas; change its minReplicas instead.`,
    );
  }
  return [
    editAt(
      context,
      'setReplicas',
      [
        { kind: 'key', key: 'spec' },
        { kind: 'key', key: 'replicas' },
      ],
      action.replicas,
    ),
  ];
}
