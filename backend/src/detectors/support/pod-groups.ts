import type { KubeObject, Pod } from '../../kube/objects.js';
import { describeRef, newestFirst, refKey, refOf } from '../../kube/objects.js';
import type { ClusterSnapshot } from '../../kube/snapshot.js';
import { indexSnapshot } from '../../kube/snapshot-index.js';
import type { Symptom, SymptomType } from '../symptom.js';

/** One pod that shows a failure; pods of one workload with the same signature are one symptom. */
export interface PodFinding {
  pod: Pod;
  /** What makes two failures the same: container name plus the detector's key params. */
  signature: string;
}

interface FindingGroup<T extends PodFinding> {
  /** The newest pod of the group: its status and events are the freshest evidence. */
  representative: T;
  /** The object in Git that owns the pods (Deployment, StatefulSet, Job...) or the pod itself. */
  owner: KubeObject;
  /** How many more pods of the same owner fail the same way. */
  others: number;
}

/**
 * Groups findings by owning workload and signature, so ten crash-looping replicas make one symptom.
 * Groups come out ordered by owner then signature, which keeps diagnoses deterministic.
 */
function groupByOwner<T extends PodFinding>(
  snapshot: ClusterSnapshot,
  findings: readonly T[],
): FindingGroup<T>[] {
  const index = indexSnapshot(snapshot);
  const groups = new Map<string, { owner: KubeObject; members: T[] }>();
  for (const finding of findings) {
    const owner = index.topOwner(finding.pod);
    const key = `${refKey(refOf(owner))}\u0000${finding.signature}`;
    const group = groups.get(key);
    if (group) group.members.push(finding);
    else groups.set(key, { owner, members: [finding] });
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, { owner, members }]) => {
      const sorted = [...members].sort((a, b) => newestFirst(a.pod, b.pod));
      return { representative: sorted[0] as T, owner, others: sorted.length - 1 };
    });
}

/** ` (and 2 more pods of Deployment shop/web)`, or nothing for a lone pod. */
function othersClause(group: FindingGroup<PodFinding>): string {
  if (group.others === 0) return '';
  const plural = group.others === 1 ? 'pod' : 'pods';
  return ` (and ${group.others} more ${plural} of ${describeRef(refOf(group.owner))})`;
}

/** What a detector says about one group: its sentence (after the subject), params and evidence. */
export type GroupDescription = Omit<Symptom, 'type' | 'resource'>;

/**
 * One symptom per group of findings, about the group's newest pod. `describe` gets the subject of the
 * sentence already written: `Pod shop/web-5c9f-x2k (and 2 more pods of Deployment shop/web)`.
 */
export function symptomsByOwner<T extends PodFinding>(
  snapshot: ClusterSnapshot,
  type: SymptomType,
  findings: readonly T[],
  describe: (finding: T, subject: string) => GroupDescription,
): Symptom[] {
  return groupByOwner(snapshot, findings).map((group) => {
    const resource = refOf(group.representative.pod);
    return {
      type,
      resource,
      ...describe(group.representative, `${describeRef(resource)}${othersClause(group)}`),
    };
  });
}
