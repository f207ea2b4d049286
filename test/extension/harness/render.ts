import type { FakeBackend } from './fake-backend.js';
import { APPLICATION, RESOURCE } from './fixtures.js';
import type { HostedUi } from './react-host.js';

/** Retries without a pause, so a test sees them at once; deadlines far above a loaded machine's hiccups. */
export const QUICK = { timeoutMs: 5000, streamTimeoutMs: 5000, retryDelaysMs: [10, 10], streamIdleMs: 5000 };

export function renderDiagnoseTab(ui: HostedUi, backend: FakeBackend, options: Partial<typeof QUICK> = {}) {
  const api = ui.createApi({ fetch: backend.fetch, ...QUICK, ...options });
  return ui.render(
    ui.React.createElement(ui.DiagnoseTab, { api, application: APPLICATION, resource: RESOURCE }),
  );
}

export function renderStatusPanel(ui: HostedUi, backend: FakeBackend, openFlyout: () => void) {
  const api = ui.createApi({ fetch: backend.fetch, ...QUICK });
  return ui.render(ui.React.createElement(ui.StatusPanelItem, { api, application: APPLICATION, openFlyout }));
}

export function renderFlyout(ui: HostedUi, backend: FakeBackend) {
  const api = ui.createApi({ fetch: backend.fetch, ...QUICK });
  return ui.render(ui.React.createElement(ui.StatusFlyout, { api, application: APPLICATION }));
}
