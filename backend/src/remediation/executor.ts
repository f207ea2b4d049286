import type { Application } from '../kube/application.js';
import { durationMs } from '../support/duration.js';
import { retryDue } from './commit-retry.js';
import { enteredAt, type Remediation } from './record.js';
import type { RemediationStore } from './record-store.js';
import type { RemediationWorkflow } from './workflow.js';

export interface ExecutorDeps {
  workflow: RemediationWorkflow;
  store: RemediationStore;
  readApplication: (application: { namespace: string; name: string }) => Promise<Application>;
  isLeader: () => boolean;
  now: () => Date;
  /** The wait before a commit that failed for a passing reason is tried again; it doubles each time. */
  retryBaseMs: number;
  log: (message: string, error?: unknown) => void;
}

/** Argo CD synced the commit (its revision is the sync revision) and calls the app Healthy. */
function healedBy(application: Application, commit: string): boolean {
  const sync = application.status?.sync;
  const synced = sync?.revision === commit || (sync?.revisions ?? []).includes(commit);
  return synced && application.status?.health?.status === 'Healthy';
}

/**
 * Carries approved remediations through commit and verification. Only the leader acts, one pass at a
 * time; records are the only state, so a restarted backend finishes what the last one started.
 */
export class RemediationExecutor {
  private running: Promise<void> | undefined;
  private again = false;
  /** Apps with a remediation under way: their Application's changes are worth a pass. */
  readonly activeApps = new Set<string>();

  constructor(private readonly deps: ExecutorDeps) {}

  /**
   * Runs a pass now, or right after the one under way. Never rejects: what a pass could not do (the
   * API server or Git unreachable) is logged and left to the next pass, which the records make exact.
   */
  wake(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass().catch((error: unknown) =>
            this.deps.log('the remediation executor could not finish its pass', error),
          );
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async pass(): Promise<void> {
    if (!this.deps.isLeader()) return;
    const { store } = this.deps;
    for (const { record } of await store.listInStates(['approved'])) {
      if (!retryDue(record, this.deps.now(), this.deps.retryBaseMs)) continue;
      await this.step(record, async () => {
        const committed = await this.deps.workflow.commitApproved(record);
        if (committed) await this.startVerifying(committed);
      });
    }
    for (const { record } of await store.listInStates(['committed']))
      await this.step(record, () => this.startVerifying(record));
    for (const { record } of await store.listInStates(['verifying']))
      await this.step(record, () => this.verify(record));
    this.activeApps.clear();
    for (const { record } of await store.listInStates(['approved', 'committed', 'verifying'])) {
      this.activeApps.add(`${record.application.namespace}/${record.application.name}`);
    }
  }

  /** One record's step; its failure does not hold up the others. */
  private async step(record: Remediation, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.deps.log(`remediation ${record.id} could not move on; trying again at the next pass`, error);
    }
  }

  private async startVerifying(record: Remediation): Promise<void> {
    // A pull request is verified by the people who merge it; only a pushed commit is watched.
    if (record.state !== 'committed' || record.commit?.mode !== 'push') return;
    await this.deps.workflow.advance(
      record.id,
      'verifying',
      'controller',
      `waiting for Argo CD to sync ${record.commit.sha.slice(0, 12)} and report Healthy within ${record.runbook.verify.timeout}`,
    );
  }

  private async verify(record: Remediation): Promise<void> {
    const commit = record.commit?.sha;
    if (!commit) return;
    let application: Application;
    try {
      application = await this.deps.readApplication(record.application);
    } catch (error) {
      this.deps.log(`cannot read the Application of remediation ${record.id}`, error);
      return;
    }
    if (healedBy(application, commit)) {
      await this.deps.workflow.advance(
        record.id,
        'succeeded',
        'controller',
        `Argo CD synced ${commit.slice(0, 12)} and the app is Healthy`,
      );
      return;
    }
    const deadline = new Date(enteredAt(record)).getTime() + durationMs(record.runbook.verify.timeout);
    if (this.deps.now().getTime() < deadline) return;
    const health = application.status?.health?.status ?? 'unknown';
    const reason = `not healed within ${record.runbook.verify.timeout}: health ${health}, sync revision ${(application.status?.sync?.revision ?? 'none').slice(0, 12)}`;
    const failed = await this.deps.workflow.advance(record.id, 'failed', 'controller', reason, () => ({
      error: reason,
    }));
    if (failed && record.runbook.verify.revertOnFailure) await this.deps.workflow.revert(failed);
  }
}
