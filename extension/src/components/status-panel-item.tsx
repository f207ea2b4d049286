import * as React from 'react';
import type { Api } from '../api.js';
import { useRemediations } from '../hooks/use-remediations.js';
import { useSettings } from '../hooks/use-settings.js';
import { MODE_NAMES } from '../support/mode-names.js';
import { enteredAt, isInFlight, isWaiting, lastFinished } from '../support/remediation-states.js';
import { applicationHeader } from '../support/resource-target.js';
import type { HostApplication } from '../types.js';
import { StateBadge } from './state-badge.js';
import { COLORS } from './theme.js';

export interface StatusPanelItemProps {
  api: Api;
  application: HostApplication;
  openFlyout: () => void;
}

/** Argo CD's own status items: a small grey title over the value. */
const TITLE: React.CSSProperties = {
  display: 'block',
  fontSize: '12px',
  fontWeight: 600,
  color: COLORS.text,
  marginBottom: '0.5em',
};

/** A button may hold only inline elements; these lines stack all the same. */
const LINE: React.CSSProperties = { display: 'block' };

/** The whole item opens the flyout, as Argo CD's sync and health items open their panels. */
const PLAIN_BUTTON: React.CSSProperties = {
  background: 'none',
  border: 0,
  padding: 0,
  margin: 0,
  font: 'inherit',
  color: 'inherit',
  textAlign: 'left',
  cursor: 'pointer',
};

/**
 * "AI SRE" in the app's status panel, beside health and sync: the app's mode, the proposals waiting
 * and the last result. A click opens the flyout with the details.
 */
export function StatusPanelItem(props: StatusPanelItemProps) {
  const api = props.api(props.application);
  const appKey = applicationHeader(props.application);
  const settings = useSettings(api, appKey);
  const remediations = useRemediations(api, appKey);
  const records = remediations.data ?? [];
  const waiting = records.filter(isWaiting).length;
  const underWay = records.find(isInFlight);
  const last = lastFinished(records);
  const error = settings.error ?? remediations.error;
  const mode = settings.data ? MODE_NAMES[settings.data.mode] : undefined;
  return (
    <div className="application-status-panel__item ai-sre-status">
      <button
        type="button"
        style={PLAIN_BUTTON}
        onClick={() => props.openFlyout()}
        title={error ? error.message : mode?.meaning}
      >
        <span style={TITLE}>AI SRE</span>
        <span className="application-status-panel__item-value" style={LINE}>
          {error ? (
            <>
              <i className="fa fa-exclamation-triangle" style={{ color: COLORS.waiting }} /> Unavailable
            </>
          ) : (
            <>
              <i className="fa fa-robot" /> Mode: {mode ? mode.label : '…'}
              {settings.data?.paused ? ' (paused)' : ''}
            </>
          )}
        </span>
        <span className="application-status-panel__item-name" style={LINE}>
          {waiting > 0 ? (
            <strong style={{ color: COLORS.waiting }}>
              {waiting} proposal{waiting === 1 ? '' : 's'} waiting
            </strong>
          ) : (
            'No proposal waiting'
          )}
        </span>
        <span className="application-status-panel__item-name" style={LINE}>
          {underWay ? (
            <StateBadge state={underWay.state} />
          ) : last ? (
            <>
              Last: <StateBadge state={last.state} /> {new Date(enteredAt(last)).toLocaleString()}
            </>
          ) : (
            'No fix yet'
          )}
        </span>
      </button>
    </div>
  );
}
