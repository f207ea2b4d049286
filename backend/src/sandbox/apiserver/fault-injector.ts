import { type ApiError, errorForCode } from './api-error.js';
import { type RequestAttributes, resourcePath } from './request-attributes.js';
import type { Fault } from './types.js';

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

/** Injected failures: the first fault matching a request answers it, and counts down its `times`. */
export class FaultInjector {
  private active: ActiveFault[] = [];

  add(fault: Fault): () => void {
    const entry: ActiveFault = { fault, remaining: fault.times ?? Number.POSITIVE_INFINITY };
    this.active.push(entry);
    return () => {
      this.active = this.active.filter((candidate) => candidate !== entry);
    };
  }

  /** The error for this request, or `stall` to leave it unanswered, if a fault matches it. */
  take(attributes: RequestAttributes): ApiError | 'stall' | undefined {
    const resource = resourcePath(attributes);
    const entry = this.active.find(
      ({ fault }) =>
        (fault.resource === '*' || fault.resource === resource) &&
        (fault.verb === undefined || fault.verb === attributes.verb) &&
        (fault.namespace === undefined || fault.namespace === attributes.namespace),
    );
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.active = this.active.filter((candidate) => candidate !== entry);
    if (entry.fault.stall) return 'stall';
    const target = { group: attributes.group, resource: attributes.resource };
    return errorForCode(
      entry.fault.code ?? 500,
      entry.fault.message,
      attributes.name !== undefined ? { ...target, name: attributes.name } : target,
    );
  }
}
