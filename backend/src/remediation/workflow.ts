import type { Diagnosis } from '../diagnosis/diagnosis.js';
import { HttpError } from '../http-error.js';
import type { Application } from '../kube/application.js';
import { describeRef } from '../kube/objects.js';
import type { ApplicationEvents } from './app-events.js';
import { MAX_COMMIT_ATTEMPTS, withFailedAttempt } from './commit-retry.js';
import { fingerprintOf } from './fingerprint.js';
import type { Proposal, RemediationGit } from './git-port.js';
import {
  canTransition,
  IN_FLIGHT,
  type Remediation,
  type RemediationState,
  TransitionError,
  transition,
} from './record.js';
import type { RemediationStore } from './record-store.js';
import { isTransient } from './transient.js';

export interface WorkflowDeps {
  store: RemediationStore;
  events: ApplicationEvents;
  git: RemediationGit;
  readApplication: (application: { namespace: string; name: string }) => Promise<Application>;
  argocdNamespace: string;
  now: () => Date;
  newId: () => string;
  log: (message: string, error?: unknown) => void;
}

export interface AppRef {
  namespace: string;
  name: string;
}

/** States a user may still act on (approve or reject). */
const OPEN: readonly RemediationState[] = ['proposed'];
/** A remediation that got this far was accepted: approving it again changes nothing. */
const ACCEPTED: readonly RemediationState[] = ['approved', 'committed', 'verifying', 'succeeded'];

/** What a person approves: each file's path and diff (not the files' full text, which stays in Git). */
function approvedFiles(change: Pick<Proposal, 'files'>): { path: string; diff: string }[] {
  return change.files.map(({ path, diff }) => ({ path, diff }));
}

function sameChange(a: Pick<Proposal, 'files'>, b: Pick<Proposal, 'files'>): boolean {
  return JSON.stringify(approvedFiles(a)) === JSON.stringify(approvedFiles(b));
}

/** The operations of the remediation state machine, each a compare-and-swap on the record. */
export class RemediationWorkflow {
  constructor(private readonly deps: WorkflowDeps) {}

  /** Moves a record to `state` if the state machine allows it, records who and why, tells Argo CD's events. */
  async advance(
    id: string,
    state: RemediationState,
    by: string,
    detail?: string,
    extra: (record: Remediation) => Partial<Remediation> = () => ({}),
  ): Promise<Remediation | undefined> {
    const result = await this.deps.store.mutate(id, (record) =>
      canTransition(record.state, state)
        ? {
            ...transition(record, { state, by, ...(detail ? { detail } : {}) }, this.deps.now()),
            ...extra(record),
          }
        : undefined,
    );
    if (result?.changed) await this.announce(result.record);
    return result?.changed ? result.record : undefined;
  }

  private async announce(record: Remediation): Promise<void> {
    try {
      const application = await this.deps.readApplication(record.application).catch(() => undefined);
      await this.deps.events.record(record, application?.metadata.uid);
    } catch (error) {
      this.deps.log(`cannot record an Event for remediation ${record.id}`, error);
    }
  }

  async list(application: AppRef): Promise<Remediation[]> {
    return (await this.deps.store.listForApp(application)).map((stored) => stored.record);
  }

  async find(application: AppRef, id: string): Promise<Remediation> {
    const stored = await this.deps.store.get(id);
    if (
      !stored ||
      stored.record.application.namespace !== application.namespace ||
      stored.record.application.name !== application.name
    ) {
      throw new HttpError(404, `no remediation ${id} for this application`);
    }
    return stored.record;
  }

  /**
   * A proposal from a diagnosis that found a runbook and a plan. The same incident already waiting
   * with the same change is returned as it is; waiting with another change, it is superseded.
   */
  async propose(
    diagnosis: Diagnosis,
    application: Application,
    by: string,
    drafted = false,
  ): Promise<{ record: Remediation; created: boolean }> {
    const { plan, runbook } = diagnosis;
    const symptom = runbook ? diagnosis.symptoms[runbook.symptom] : undefined;
    if (!plan || !runbook || !symptom) {
      throw new HttpError(409, 'the diagnosis has no fix to propose: no runbook with actions matched');
    }
    const app = { namespace: diagnosis.application.namespace, name: diagnosis.application.name };
    const fingerprint = fingerprintOf(app, describeRef(plan.target), symptom);
    const change = await this.deps.git.propose({
      application,
      plan,
      argocdNamespace: this.deps.argocdNamespace,
    });
    const records = (await this.list(app)).filter((record) => record.fingerprint === fingerprint);
    // Read after the slow part: a person may have approved the same fix while this one was computed.
    const underWay = records.find((record) => IN_FLIGHT.includes(record.state));
    if (underWay) return { record: underWay, created: false };
    const open = records.filter((record) => OPEN.includes(record.state));
    const same = open.find((record) => sameChange(record.change, change));
    if (same) return { record: same, created: false };
    for (const stale of open) await this.advance(stale.id, 'superseded', by, 'a newer proposal replaces it');
    const record: Remediation = {
      id: this.deps.newId(),
      application: { ...app, project: diagnosis.application.project },
      fingerprint,
      symptom: { type: symptom.type, resource: symptom.resource, message: symptom.message },
      runbook: {
        id: runbook.id,
        automation: drafted ? 'approve' : runbook.automation,
        verify: runbook.verify,
      },
      plan,
      drafted,
      change: {
        repoURL: change.repoURL,
        branch: change.branch,
        baseCommit: change.baseCommit,
        files: approvedFiles(change),
      },
      state: 'proposed',
      history: [{ state: 'proposed', by, at: this.deps.now().toISOString() }],
    };
    await this.deps.store.create(record);
    await this.announce(record);
    return { record, created: true };
  }

  /** Idempotent: ten concurrent approvals make one transition, and so one commit. */
  async approve(application: AppRef, id: string, by: string): Promise<Remediation> {
    const record = await this.find(application, id);
    if (ACCEPTED.includes(record.state)) return record;
    const approved = await this.advance(id, 'approved', by);
    if (approved) return approved;
    const current = await this.find(application, id);
    if (ACCEPTED.includes(current.state)) return current;
    throw new HttpError(409, `remediation ${id} is ${current.state}; it can no longer be approved`);
  }

  async reject(application: AppRef, id: string, by: string, reason?: string): Promise<Remediation> {
    const record = await this.find(application, id);
    if (record.state === 'rejected') return record;
    const rejected = await this.advance(id, 'rejected', by, reason);
    if (rejected) return rejected;
    const current = await this.find(application, id);
    throw new HttpError(409, `remediation ${id} is ${current.state}; it can no longer be rejected`);
  }

  /**
   * Commits an approved remediation. The change is proposed again on the repository as it is now:
   * if it is not what was approved, nothing is pushed. A commit that already carries the record's id
   * (the backend stopped after pushing) is recorded instead of pushing a second one.
   */
  async commitApproved(record: Remediation): Promise<Remediation | undefined> {
    const { git, argocdNamespace } = this.deps;
    try {
      const application = await this.deps.readApplication(record.application);
      const existing = await git.findCommit({ application, argocdNamespace, remediationId: record.id });
      if (existing) return this.recordPushed(record, existing);
      const change = await git.propose({ application, plan: record.plan, argocdNamespace });
      if (!sameChange(change, record.change)) {
        return this.advance(
          record.id,
          'failed',
          'controller',
          'the repository changed since the approval; propose the fix again',
          () => ({
            error: 'the repository changed since the approval: the change would differ from the one approved',
          }),
        );
      }
      const outcome = await git.commit(change, {
        remediationId: record.id,
        app: `${record.application.namespace}/${record.application.name}`,
        symptom: record.symptom.type,
        runbook: record.runbook.id,
      });
      const where =
        outcome.mode === 'push'
          ? `pushed ${outcome.commit.slice(0, 12)} to ${outcome.branch}`
          : `pushed branch ${outcome.branch}${outcome.pullRequestUrl ? `, ${outcome.pullRequestUrl}` : ''}`;
      return this.advance(record.id, 'committed', 'controller', where, () => ({
        commit: {
          sha: outcome.commit,
          branch: outcome.branch,
          mode: outcome.mode,
          ...(outcome.pullRequestUrl ? { pullRequestUrl: outcome.pullRequestUrl } : {}),
        },
      }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.log(`remediation ${record.id} could not be committed`, error);
      const attempts = (record.retry?.attempts ?? 0) + 1;
      if (isTransient(error) && attempts < MAX_COMMIT_ATTEMPTS) {
        await this.deps.store.mutate(record.id, (current) =>
          current.state === 'approved' ? withFailedAttempt(current, reason, this.deps.now()) : undefined,
        );
        return undefined;
      }
      const landed = await this.pushedDespite(record);
      if (landed) return landed;
      const final = attempts > 1 ? `${reason} (attempt ${attempts} of ${MAX_COMMIT_ATTEMPTS})` : reason;
      return this.advance(record.id, 'failed', 'controller', final, () => ({ error: final }));
    }
  }

  private recordPushed(record: Remediation, sha: string): Promise<Remediation | undefined> {
    return this.advance(
      record.id,
      'committed',
      'controller',
      `found commit ${sha.slice(0, 12)} already pushed`,
      () => ({
        commit: { sha, branch: record.change.branch, mode: 'push' },
      }),
    );
  }

  /**
   * A push whose answer was lost may have landed, and Git's own retry of it then looks like a
   * conflict with ourselves: the branch holds the fix because this very remediation put it there.
   */
  private async pushedDespite(record: Remediation): Promise<Remediation | undefined> {
    try {
      const application = await this.deps.readApplication(record.application);
      const sha = await this.deps.git.findCommit({
        application,
        argocdNamespace: this.deps.argocdNamespace,
        remediationId: record.id,
      });
      return sha ? this.recordPushed(record, sha) : undefined;
    } catch (error) {
      this.deps.log(`cannot tell whether remediation ${record.id} was pushed before it failed`, error);
      return undefined;
    }
  }

  /** After a failed verification: the revert commit, when the runbook asks for one. */
  async revert(record: Remediation): Promise<Remediation | undefined> {
    try {
      const application = await this.deps.readApplication(record.application);
      const outcome = await this.deps.git.revert({
        application,
        argocdNamespace: this.deps.argocdNamespace,
        remediationId: record.id,
        reason: record.error ?? 'the fix did not heal the application',
      });
      return this.advance(
        record.id,
        'reverted',
        'controller',
        `reverted in ${outcome.commit.slice(0, 12)}`,
        () => ({
          revertCommit: outcome.commit,
        }),
      );
    } catch (error) {
      this.deps.log(`remediation ${record.id} could not be reverted`, error);
      await this.deps.store.mutate(record.id, (current) => ({
        ...current,
        error: `${current.error ?? 'verification failed'}; the revert failed too: ${error instanceof Error ? error.message : String(error)}`,
      }));
      return undefined;
    }
  }
}

export { TransitionError };
