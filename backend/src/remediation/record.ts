import type { SymptomType } from '../detectors/symptom.js';
import type { ResourceRef } from '../kube/objects.js';
import type { FixPlan } from '../runbooks/plan/index.js';

/**
 * proposed → approved → committed → verifying → succeeded | failed → reverted,
 * or proposed → rejected | superseded | expired. A failed push ends in failed too.
 */
export const REMEDIATION_STATES = [
  'proposed',
  'approved',
  'committed',
  'verifying',
  'succeeded',
  'failed',
  'reverted',
  'rejected',
  'superseded',
  'expired',
] as const;

export type RemediationState = (typeof REMEDIATION_STATES)[number];

const allowed: Readonly<Record<RemediationState, readonly RemediationState[]>> = {
  proposed: ['approved', 'rejected', 'superseded', 'expired'],
  approved: ['committed', 'failed'],
  committed: ['verifying', 'failed'],
  verifying: ['succeeded', 'failed'],
  failed: ['reverted'],
  succeeded: [],
  reverted: [],
  rejected: [],
  superseded: [],
  expired: [],
};

/** States in which a remediation still has work to do: at most one per app. */
export const IN_FLIGHT: readonly RemediationState[] = ['approved', 'committed', 'verifying'];

export interface Transition {
  state: RemediationState;
  /** The user Argo CD named, or "controller". */
  by: string;
  at: string;
  detail?: string;
}

/** A file of the proposed change, with its unified diff. */
export interface ChangedFile {
  path: string;
  diff: string;
}

export interface Remediation {
  id: string;
  application: { namespace: string; name: string; project: string };
  /** App + resource + symptom type + key params: what makes two incidents the same. Never LLM text. */
  fingerprint: string;
  symptom: { type: SymptomType; resource: ResourceRef; message: string };
  runbook: {
    id: string;
    automation: 'approve' | 'auto';
    verify: { timeout: string; revertOnFailure: boolean };
  };
  plan: FixPlan;
  /** The edit drafted by a model: it needs a human's approval whatever the app's mode. */
  drafted: boolean;
  change: { repoURL: string; branch: string; baseCommit: string; files: ChangedFile[] };
  state: RemediationState;
  history: Transition[];
  commit?: { sha: string; branch: string; mode: 'push' | 'pull-request' | 'branch'; pullRequestUrl?: string };
  revertCommit?: string;
  /** Why the remediation failed, in words for the UI. */
  error?: string;
  /** Commit attempts of an approved remediation that failed for a reason that may pass (network, timeout). */
  retry?: { attempts: number; lastError: string; lastAt: string };
}

export class TransitionError extends Error {
  override name = 'TransitionError';
}

export function canTransition(from: RemediationState, to: RemediationState): boolean {
  return allowed[from].includes(to);
}

/** The record in its next state; refuses a transition the state machine does not have. */
export function transition(record: Remediation, next: Omit<Transition, 'at'>, at: Date): Remediation {
  if (!canTransition(record.state, next.state)) {
    throw new TransitionError(`remediation ${record.id} is ${record.state}; it cannot become ${next.state}`);
  }
  return { ...record, state: next.state, history: [...record.history, { ...next, at: at.toISOString() }] };
}

export function createdAt(record: Remediation): string {
  return record.history[0]?.at ?? '';
}

/** When the record entered its current state. */
export function enteredAt(record: Remediation): string {
  return record.history.at(-1)?.at ?? '';
}
