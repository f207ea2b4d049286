import { DiagnoseTab } from './components/diagnose-tab.js';

interface ExtensionsApi {
  registerResourceExtension(
    component: unknown,
    group: string,
    kind: string,
    tabTitle: string,
    options?: { icon?: string },
  ): void;
}

(window as unknown as { extensionsAPI: ExtensionsApi }).extensionsAPI.registerResourceExtension(
  DiagnoseTab,
  '**',
  '*',
  'AI Diagnose',
  { icon: 'fa fa-stethoscope' },
);
