import { describeRef } from '../../kube/objects.js';
import {
  compareQuantities,
  formatQuantity,
  type Multiplier,
  minQuantity,
  multiplyQuantity,
  parseMultiplier,
  parseQuantity,
  type Quantity,
} from '../../kube/quantity.js';
import { containerName, locateContainer } from './container-location.js';
import type { ActionArguments, ObjectEdit } from './fix-plan.js';
import { editAt, type PlanContext } from './plan-context.js';
import { PlanError } from './plan-error.js';

type Bound = 'requests' | 'limits';
const BOUNDS: readonly Bound[] = ['requests', 'limits'];

interface Cap {
  text: string;
  quantity: Quantity;
}

/** One resource amount to settle: `limits.memory: x2` for container web. */
interface Amount {
  bound: Bound;
  resource: string;
  /** As the runbook writes it: `512Mi` or `x2`. */
  wanted: string;
  current: string | undefined;
  cap: Cap | undefined;
  /** `the memory limit of container web of Deployment shop/web`, for errors. */
  label: string;
}

function capsOf(max: Record<string, string>): Map<string, Cap> {
  const caps = new Map<string, Cap>();
  for (const [resource, text] of Object.entries(max)) {
    const quantity = parseQuantity(text);
    if (!quantity) throw new PlanError(`the max ${text} for ${resource} is not a quantity.`);
    caps.set(resource, { text, quantity });
  }
  return caps;
}

function isGrowth(multiplier: Multiplier): boolean {
  return multiplier.scaled > 10n ** BigInt(multiplier.scale);
}

function parsedCurrent(amount: Amount): Quantity | undefined {
  if (amount.current === undefined) return undefined;
  const current = parseQuantity(amount.current);
  if (!current) throw new PlanError(`${amount.label}, ${amount.current}, is not a quantity.`);
  return current;
}

/**
 * The text to write, or undefined when the value would not change. A multiplied value keeps the
 * unit of the current one; a capped value is the cap as the runbook spells it.
 */
function settle(amount: Amount): string | undefined {
  const current = parsedCurrent(amount);
  const multiplier = parseMultiplier(amount.wanted);
  let result: Quantity;
  if (multiplier) {
    if (!current)
      throw new PlanError(`${amount.label} is not set, so ${amount.wanted} has nothing to multiply.`);
    result = multiplyQuantity(current, multiplier);
  } else {
    const absolute = parseQuantity(amount.wanted);
    if (!absolute) {
      throw new PlanError(
        `${amount.wanted} for ${amount.resource} is neither a quantity nor a multiplier like x2.`,
      );
    }
    result = absolute;
  }
  const { cap } = amount;
  const capped = cap ? minQuantity(result, cap.quantity) : result;
  if (cap && current && multiplier && isGrowth(multiplier) && compareQuantities(capped, current) < 0) {
    throw new PlanError(
      `${amount.label} is already ${amount.current}, above the runbook's max of ${cap.text}; ${amount.wanted} must not lower it.`,
    );
  }
  if (current && compareQuantities(capped, current) === 0) return undefined;
  if (cap && capped !== result) return cap.text;
  return multiplier ? formatQuantity(result) : amount.wanted;
}

function checkRequestWithinLimit(
  resources: Record<Bound, Record<string, string>>,
  resource: string,
  where: string,
): void {
  const request = resources.requests[resource];
  const limit = resources.limits[resource];
  if (request === undefined || limit === undefined) return;
  const requested = parseQuantity(request);
  const limited = parseQuantity(limit);
  if (requested && limited && compareQuantities(requested, limited) > 0) {
    throw new PlanError(
      `the ${resource} request of ${where} would be ${request}, above its limit of ${limit}, which Kubernetes rejects.`,
    );
  }
}

/**
 * Requests and limits of one container: absolute quantities or multiples of the current value,
 * each capped by `max`. Only the resources the action names change, and a request never ends up
 * above its limit.
 */
export function planResources(context: PlanContext, action: ActionArguments<'setResources'>): ObjectEdit[] {
  const location = locateContainer(context.target, containerName(context.symptom, action.container));
  const where = `container ${location.name} of ${describeRef(context.target.ref)}`;
  const named = new Set(BOUNDS.flatMap((bound) => Object.keys(action[bound] ?? {})));
  if (named.size === 0) throw new PlanError('the action names no requests or limits to set.');
  for (const resource of Object.keys(action.max ?? {})) {
    if (!named.has(resource)) {
      throw new PlanError(`max names ${resource}, which the action neither requests nor limits.`);
    }
  }
  const caps = capsOf(action.max ?? {});
  const resources: Record<Bound, Record<string, string>> = {
    requests: { ...location.container.resources?.requests },
    limits: { ...location.container.resources?.limits },
  };
  const edits: ObjectEdit[] = [];
  for (const bound of BOUNDS) {
    for (const [resource, wanted] of Object.entries(action[bound] ?? {})) {
      const to = settle({
        bound,
        resource,
        wanted,
        current: resources[bound][resource],
        cap: caps.get(resource),
        label: `the ${resource} ${bound === 'requests' ? 'request' : 'limit'} of ${where}`,
      });
      if (to === undefined) continue;
      const path = [
        ...location.path,
        ...['resources', bound, resource].map((key) => ({ kind: 'key' as const, key })),
      ];
      edits.push(editAt(context, 'setResources', path, to));
      resources[bound][resource] = to;
    }
  }
  for (const resource of named) checkRequestWithinLimit(resources, resource, where);
  return edits;
}
