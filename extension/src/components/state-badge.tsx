import * as React from 'react';
import { STATE_LOOKS } from '../support/remediation-states.js';
import type { RemediationState } from '../types.js';
import { toneColor } from './theme.js';

/** A remediation's state as Argo CD shows health: an icon in the state's colour and its name. */
export function StateBadge(props: { state: RemediationState }) {
  const look = STATE_LOOKS[props.state];
  return (
    <span className={`ai-sre-state ai-sre-state--${props.state}`} title={look.meaning}>
      <i className={look.icon} style={{ color: toneColor(look.tone) }} /> {look.label}
    </span>
  );
}
