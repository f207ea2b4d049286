import * as React from 'react';
import { createApi } from './api.js';
import { DiagnoseTab } from './components/diagnose-tab.js';
import { StatusFlyout } from './components/status-flyout.js';
import { StatusPanelItem } from './components/status-panel-item.js';
import type { HostApplication, HostResource } from './types.js';

/** The registration functions of Argo CD's UI (ui/src/app/shared/services/extensions-service.ts). */
interface ExtensionsApi {
  registerResourceExtension(
    component: React.ComponentType<{ application: HostApplication; resource: HostResource }>,
    group: string,
    kind: string,
    tabTitle: string,
    options?: { icon?: string },
  ): void;
  /** Argo CD 2.9 and later. */
  registerStatusPanelExtension?(
    component: React.ComponentType<{ application: HostApplication; openFlyout: () => void }>,
    title: string,
    id: string,
    flyout?: React.ComponentType<{ application: HostApplication }>,
  ): void;
}

const api = createApi();
const host = (window as unknown as { extensionsAPI: ExtensionsApi }).extensionsAPI;

host.registerResourceExtension(
  (props) => <DiagnoseTab api={api} application={props.application} resource={props.resource} />,
  '**',
  '*',
  'AI Diagnose',
  { icon: 'fa fa-stethoscope' },
);

host.registerStatusPanelExtension?.(
  (props) => <StatusPanelItem api={api} application={props.application} openFlyout={props.openFlyout} />,
  'AI SRE',
  'ai-sre',
  (props) => <StatusFlyout api={api} application={props.application} />,
);
