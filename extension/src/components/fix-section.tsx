import * as React from 'react';
import type { AppApi } from '../api.js';
import { useAction } from '../hooks/use-action.js';
import { withRecord } from '../hooks/use-remediations.js';
import type { RequestState } from '../hooks/use-request.js';
import { may } from '../support/permissions.js';
import { isInFlight, isWaiting } from '../support/remediation-states.js';
import type {
  AppSettings,
  ChosenRunbook,
  Permissions,
  Remediation,
  ResourceRef,
  ShownPlan,
} from '../types.js';
import { DraftedNotice } from './drafted-notice.js';
import { PermissionNote } from './permission-note.js';
import { PlanEdits } from './plan-edits.js';
import { RemediationCard } from './remediation-card.js';
import { RequestProblem } from './request-problem.js';
import { BOX, MUTED, SECTION_TITLE } from './theme.js';

/** A record made for this plan: same runbook, same symptom, same object in Git. */
function answers(record: Remediation, plan: ShownPlan): boolean {
  const target = record.plan.target;
  return (
    record.runbook.id === plan.runbook &&
    record.symptom.type === plan.symptom.type &&
    target.kind === plan.target.kind &&
    target.name === plan.target.name &&
    (target.namespace ?? '') === (plan.target.namespace ?? '')
  );
}

export interface FixSectionProps {
  api: AppApi;
  target: ResourceRef | undefined;
  runbook: ChosenRunbook | null;
  plan: ShownPlan | null;
  settings: RequestState<AppSettings>;
  remediations: RequestState<Remediation[]>;
  permissions: RequestState<Permissions>;
}

/**
 * The fix: what the runbook would change, then, when the user asks for it, the proposal as a diff
 * per file with Approve and Reject, and the remediation's state as it is committed and verified.
 * A proposal already waiting for this plan (made by someone else, or the controller) is shown as is.
 */
export function FixSection(props: FixSectionProps) {
  const { api, target, runbook, plan, settings, remediations, permissions } = props;
  const [followed, setFollowed] = React.useState<string>();
  const update = (record: Remediation) => remediations.replace((records) => withRecord(records, record));
  const propose = useAction(
    (options) => api.propose(target, options),
    (record: Remediation) => {
      setFollowed(record.id);
      update(record);
    },
  );
  if (!runbook) return null;
  if (!plan) {
    return (
      <div className="white-box ai-sre-fix" style={BOX}>
        <div style={SECTION_TITLE}>Fix</div>
        <p>
          Runbook {runbook.id} proposes no change to Git here: it has no actions, or they cannot apply (see
          the notes). {runbook.description}
        </p>
      </div>
    );
  }
  const records = remediations.data ?? [];
  const record =
    records.find((candidate) => candidate.id === followed) ??
    records.find((candidate) => answers(candidate, plan) && (isWaiting(candidate) || isInFlight(candidate)));
  const mode = settings.data?.mode;
  return (
    <div className="white-box ai-sre-fix" style={BOX}>
      <div style={SECTION_TITLE}>Fix</div>
      <PlanEdits plan={plan} />
      {plan.drafted && <DraftedNotice {...(plan.rationale ? { rationale: plan.rationale } : {})} />}
      {record && (
        <RemediationCard api={api} record={record} permissions={permissions.data} onChange={update} />
      )}
      {!record && mode === 'off' && (
        <p style={MUTED}>
          <i className="fa fa-power-off" /> AI SRE is off for this app: it diagnoses, and proposes no fix.
          Change the mode in the AI SRE panel of the app’s status bar.
        </p>
      )}
      {!record && mode !== 'off' && (
        <div style={{ marginTop: '0.8em' }}>
          {mode === 'auto' && plan.automation === 'auto' && !plan.drafted && (
            <p style={MUTED}>
              This app is in auto mode: the controller commits this fix by itself once the app has been in
              trouble for a while. You can also review and approve it now.
            </p>
          )}
          {may(permissions.data, 'propose') && (
            <>
              <button
                type="button"
                className="argo-button argo-button--base"
                disabled={propose.pending}
                onClick={() => propose.run()}
              >
                <i className={propose.pending ? 'fa fa-circle-notch fa-spin' : 'fa fa-wrench'} /> Propose fix
              </button>
              <span style={{ ...MUTED, marginLeft: '0.8em' }}>
                Shows the change to Git for approval; nothing is written yet.
              </span>
            </>
          )}
        </div>
      )}
      {(!record || isWaiting(record)) && mode !== 'off' && (
        <PermissionNote permissions={permissions} actions={record ? ['approve', 'reject'] : ['propose']} />
      )}
      {!record && remediations.error && <RequestProblem error={remediations.error} />}
      <RequestProblem
        {...(propose.error ? { error: propose.error } : {})}
        {...(propose.retry ? { retry: propose.retry } : {})}
      />
    </div>
  );
}
