// @vitest-environment happy-dom
import { within } from '@testing-library/dom';
import type * as React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backendWith } from './harness/diagnosing-backend.js';
import { APPLICATION, DIAGNOSIS, RESOURCE } from './harness/fixtures.js';
import { hostReact, REACT_VERSIONS, unmountAll } from './harness/react-host.js';

interface Registration {
  method: string;
  args: unknown[];
}

/** Argo CD's window.extensionsAPI, recording what the extension registers. */
function fakeExtensionsApi(registrations: Registration[]) {
  const record =
    (method: string) =>
    (...args: unknown[]) =>
      registrations.push({ method, args });
  return {
    registerResourceExtension: record('registerResourceExtension'),
    registerStatusPanelExtension: record('registerStatusPanelExtension'),
  };
}

describe.each(REACT_VERSIONS)('the extension entry point on React %s', (version) => {
  afterEach(() => {
    unmountAll();
    vi.unstubAllGlobals();
  });

  it('registers the AI Diagnose tab for every resource and the AI SRE status item with its flyout', async () => {
    const ui = await hostReact(version);
    const registrations: Registration[] = [];
    vi.stubGlobal('extensionsAPI', fakeExtensionsApi(registrations));
    await import('../../extension/src/index.js');

    const [tab, status] = registrations;
    expect(tab?.method).toBe('registerResourceExtension');
    expect(tab?.args.slice(1)).toEqual(['**', '*', 'AI Diagnose', { icon: 'fa fa-stethoscope' }]);
    expect(status?.method).toBe('registerStatusPanelExtension');
    expect(status?.args.slice(1, 3)).toEqual(['AI SRE', 'ai-sre']);

    // The registered components call the backend through the page's fetch, as in Argo CD.
    const backend = backendWith();
    vi.stubGlobal('fetch', backend.fetch);
    const Tab = tab?.args[0] as React.ComponentType<{
      application: unknown;
      resource: unknown;
      tree: unknown;
    }>;
    const { container } = ui.render(
      ui.React.createElement(Tab, { application: APPLICATION, resource: RESOURCE, tree: { nodes: [] } }),
    );
    await within(container).findByText(DIAGNOSIS.primary?.message ?? '');
    expect(backend.requestsTo('POST /diagnoses')[0]?.headers['argocd-application-name']).toBe(
      'argocd:checkout',
    );
  });
});
