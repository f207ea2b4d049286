import { randomBytes } from 'node:crypto';
import type { CoreV1Api } from '@kubernetes/client-node';
import type { Remediation } from './record.js';

const reasons: Readonly<Record<Remediation['state'], { reason: string; type: 'Normal' | 'Warning' }>> = {
  proposed: { reason: 'RemediationProposed', type: 'Normal' },
  approved: { reason: 'RemediationApproved', type: 'Normal' },
  committed: { reason: 'RemediationCommitted', type: 'Normal' },
  verifying: { reason: 'RemediationVerifying', type: 'Normal' },
  succeeded: { reason: 'RemediationSucceeded', type: 'Normal' },
  failed: { reason: 'RemediationFailed', type: 'Warning' },
  reverted: { reason: 'RemediationReverted', type: 'Warning' },
  rejected: { reason: 'RemediationRejected', type: 'Normal' },
  superseded: { reason: 'RemediationSuperseded', type: 'Normal' },
  expired: { reason: 'RemediationExpired', type: 'Normal' },
};

function sentence(record: Remediation): string {
  const last = record.history.at(-1);
  const who = last?.by ? ` by ${last.by}` : '';
  const detail = last?.detail ? `: ${last.detail}` : '';
  return `AI SRE remediation ${record.id} (runbook ${record.runbook.id}, ${record.symptom.type}) ${record.state}${who}${detail}`.slice(
    0,
    1024,
  );
}

/** Every transition also shows in Argo CD's events view of the app, as an Event on the Application. */
export class ApplicationEvents {
  constructor(
    private readonly core: CoreV1Api,
    private readonly component: string,
    private readonly now: () => Date,
  ) {}

  async record(record: Remediation, applicationUid: string | undefined): Promise<void> {
    const { namespace, name } = record.application;
    const { reason, type } = reasons[record.state];
    const time = this.now();
    await this.core.createNamespacedEvent({
      namespace,
      body: {
        metadata: { name: `${name}.${randomBytes(8).toString('hex')}`, namespace },
        involvedObject: {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          namespace,
          name,
          ...(applicationUid ? { uid: applicationUid } : {}),
        },
        type,
        reason,
        message: sentence(record),
        source: { component: this.component },
        reportingComponent: this.component,
        firstTimestamp: time,
        lastTimestamp: time,
        count: 1,
      },
    });
  }
}
