/**
 * The scheduler's FitError text, as it appears in a pod's PodScheduled condition and its
 * FailedScheduling events:
 * `0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient memory.
 *  preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.`
 * The scheduler sorts the reasons as strings and counts the nodes that gave each one.
 */

export type SchedulingCause =
  | 'InsufficientResources'
  | 'NodeSelector'
  | 'Taint'
  | 'AntiAffinity'
  | 'UnboundPVC';

export interface SchedulingReason {
  /** Nodes that gave this reason; a reason that applies to the pod as a whole counts every node. */
  count: number;
  text: string;
  /** Undefined for reasons outside the known causes (cordoned nodes, too many pods, ports...). */
  cause: SchedulingCause | undefined;
  /** `memory`, `cpu`, `nvidia.com/gpu`: the resource an Insufficient reason names. */
  resource?: string;
  /** The taint a Taint reason names, as the scheduler prints it: key and value. */
  taint?: { key: string; value: string };
}

export interface FitError {
  /** Nodes in the cluster, as the scheduler counted them; undefined when the text has no count. */
  nodes: number | undefined;
  reasons: SchedulingReason[];
}

const HEAD = /^0\/(\d+) nodes are available:?\s*/;
const PREEMPTION = /\s*preemption:.*$/s;
const TAINT = /\{([^:}]+):\s*([^}]*)\}/;

function causeOf(text: string): Pick<SchedulingReason, 'cause' | 'resource' | 'taint'> {
  const insufficient = /^Insufficient (\S+?)\.?$/.exec(text);
  if (insufficient?.[1]) return { cause: 'InsufficientResources', resource: insufficient[1] };
  if (/taint/i.test(text)) {
    const taint = TAINT.exec(text);
    const key = taint?.[1]?.trim();
    if (/untolerated|didn't tolerate/.test(text) && key) {
      return { cause: 'Taint', taint: { key, value: taint?.[2]?.trim() ?? '' } };
    }
  }
  if (/anti-affinity/i.test(text)) return { cause: 'AntiAffinity' };
  if (/node affinity\/selector|node\(s\) didn't match node selector/i.test(text))
    return { cause: 'NodeSelector' };
  if (/unbound immediate PersistentVolumeClaims|persistentvolumeclaim "[^"]+" not found/i.test(text)) {
    return { cause: 'UnboundPVC' };
  }
  return { cause: undefined };
}

/**
 * Splits the reasons. They are separated by `, ` before the next count; an older taint reason
 * (`had taint {k: v}, that the pod didn't tolerate`) has a comma of its own, not followed by one.
 */
function reasonTexts(body: string): string[] {
  return body
    .replace(/\.\s*$/, '')
    .split(/,\s+(?=\d+\s)/)
    .map((text) => text.trim())
    .filter(Boolean);
}

export function parseFitError(message: string): FitError {
  const text = message.trim();
  const head = HEAD.exec(text);
  const nodes = head?.[1] === undefined ? undefined : Number(head[1]);
  const body = (head ? text.slice(head[0].length) : text).replace(PREEMPTION, '');
  const reasons = reasonTexts(body).map((reasonText) => {
    const counted = /^(\d+)\s+(.*)$/s.exec(reasonText);
    const count = counted?.[1] === undefined ? (nodes ?? 0) : Number(counted[1]);
    const textOnly = counted?.[2] ?? reasonText;
    return { count, text: textOnly, ...causeOf(textOnly) };
  });
  return { nodes, reasons };
}

/**
 * The reason that explains most: an unbound claim stops the pod before any node is tried, so it
 * comes first; then the known cause counted on the most nodes (the first written on a tie); an
 * unknown reason only when nothing else is known.
 */
export function dominantReason(fitError: FitError): SchedulingReason | undefined {
  const unbound = fitError.reasons.find((reason) => reason.cause === 'UnboundPVC');
  if (unbound) return unbound;
  const known = fitError.reasons.filter((reason) => reason.cause !== undefined);
  const candidates = known.length > 0 ? known : fitError.reasons;
  return candidates.reduce<SchedulingReason | undefined>(
    (best, reason) => (best === undefined || reason.count > best.count ? reason : best),
    undefined,
  );
}
