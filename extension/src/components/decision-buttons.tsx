import * as React from 'react';

export interface DecisionButtonsProps {
  pending: boolean;
  canApprove: boolean;
  canReject: boolean;
  onApprove: () => void;
  onReject: (reason: string) => void;
}

/**
 * Approve or reject a proposal, each in one click; a rejection takes the optional reason typed
 * beside the buttons, which the record keeps. Buttons the user may not use are not shown.
 */
export function DecisionButtons(props: DecisionButtonsProps) {
  const [reason, setReason] = React.useState('');
  if (!props.canApprove && !props.canReject) return null;
  return (
    <div
      className="ai-sre-decision"
      style={{ display: 'flex', gap: '0.5em', alignItems: 'center', margin: '0.6em 0' }}
    >
      {props.canApprove && (
        <button
          type="button"
          className="argo-button argo-button--base"
          disabled={props.pending}
          onClick={props.onApprove}
        >
          <i className={props.pending ? 'fa fa-circle-notch fa-spin' : 'fa fa-check'} /> Approve
        </button>
      )}
      {props.canReject && (
        <>
          <button
            type="button"
            className="argo-button argo-button--base-o"
            disabled={props.pending}
            onClick={() => props.onReject(reason.trim())}
          >
            <i className="fa fa-times" /> Reject
          </button>
          <input
            className="argo-field"
            aria-label="Reason for rejecting (optional)"
            placeholder="Reason for rejecting (optional)"
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            style={{ flex: 1, minWidth: '12em' }}
          />
        </>
      )}
    </div>
  );
}
