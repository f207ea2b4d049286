import type { Remediation, RemediationState } from '../types.js';

export type Tone = 'success' | 'failure' | 'running' | 'waiting' | 'neutral';

interface StateLook {
  label: string;
  /** Font Awesome classes, as Argo CD's own status icons use them. */
  icon: string;
  tone: Tone;
  /** One sentence for whoever looks at the record now. */
  meaning: string;
}

export const STATE_LOOKS: Readonly<Record<RemediationState, StateLook>> = {
  proposed: {
    label: 'Waiting for approval',
    icon: 'fa fa-pause-circle',
    tone: 'waiting',
    meaning: 'Nothing is written to Git until a person approves.',
  },
  approved: {
    label: 'Approved',
    icon: 'fa fa-circle-notch fa-spin',
    tone: 'running',
    meaning: 'The commit is being written.',
  },
  committed: {
    label: 'Committed',
    icon: 'fa fa-circle-notch fa-spin',
    tone: 'running',
    meaning: 'The fix is in Git; waiting for Argo CD to sync it.',
  },
  verifying: {
    label: 'Verifying',
    icon: 'fa fa-circle-notch fa-spin',
    tone: 'running',
    meaning: 'Argo CD synced the fix; waiting for the app to turn Healthy.',
  },
  succeeded: {
    label: 'Healed',
    icon: 'fa fa-check-circle',
    tone: 'success',
    meaning: 'The app turned Healthy after the fix.',
  },
  failed: {
    label: 'Failed',
    icon: 'fa fa-times-circle',
    tone: 'failure',
    meaning: 'The fix did not heal the app.',
  },
  reverted: {
    label: 'Reverted',
    icon: 'fa fa-undo',
    tone: 'failure',
    meaning: 'The fix did not heal the app and was reverted in Git.',
  },
  rejected: { label: 'Rejected', icon: 'fa fa-ban', tone: 'neutral', meaning: 'A person rejected the fix.' },
  superseded: {
    label: 'Superseded',
    icon: 'fa fa-forward',
    tone: 'neutral',
    meaning: 'A newer proposal replaced this one.',
  },
  expired: {
    label: 'Expired',
    icon: 'fa fa-hourglass-end',
    tone: 'neutral',
    meaning: 'Nobody decided in time; the app changed since.',
  },
};

/** Work under way after an approval: the UI polls until it ends. */
export function isInFlight(record: Remediation): boolean {
  return record.state === 'approved' || record.state === 'committed' || record.state === 'verifying';
}

export function isWaiting(record: Remediation): boolean {
  return record.state === 'proposed';
}

/** The newest record that reached an end: what the status panel reports as the last result. */
export function lastFinished(records: readonly Remediation[]): Remediation | undefined {
  return records.find((record) => !isWaiting(record) && !isInFlight(record));
}

/** When the record entered its current state. */
export function enteredAt(record: Remediation): string {
  return record.history[record.history.length - 1]?.at ?? '';
}

/** A time of the record in the reader's locale; the text as sent when it is no date. */
export function localTime(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toLocaleString();
}
