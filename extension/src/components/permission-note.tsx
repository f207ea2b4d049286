import * as React from 'react';
import type { RequestState } from '../hooks/use-request.js';
import { type Action, whyNot } from '../support/permissions.js';
import type { Permissions } from '../types.js';
import { MUTED } from './theme.js';

/** The one line that says why buttons are missing: the user's role, or permissions that could not be checked. */
export function PermissionNote(props: {
  permissions: RequestState<Permissions>;
  actions: readonly Action[];
}) {
  const why = whyNot(props.permissions, props.actions);
  if (!why) return null;
  return (
    <p className="ai-sre-permissions" style={{ ...MUTED, margin: '0.5em 0' }}>
      <i className="fa fa-lock" /> {why}
    </p>
  );
}
