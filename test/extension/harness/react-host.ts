import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { vi } from 'vitest';
import type { createApi } from '../../../extension/src/api.js';
import type { DiagnoseTab } from '../../../extension/src/components/diagnose-tab.js';
import type { StatusFlyout } from '../../../extension/src/components/status-flyout.js';
import type { StatusPanelItem } from '../../../extension/src/components/status-panel-item.js';

/** The React versions Argo CD hosts: 16.14 up to Argo CD 3.4, 19 from 3.5. */
export const REACT_VERSIONS = ['16.14', '19'] as const;
export type ReactVersion = (typeof REACT_VERSIONS)[number];

type ReactModule = typeof import('react');

export interface HostedUi {
  React: ReactModule;
  /** From the same load as the components, so the errors it throws are the ones they know. */
  createApi: typeof createApi;
  DiagnoseTab: typeof DiagnoseTab;
  StatusPanelItem: typeof StatusPanelItem;
  StatusFlyout: typeof StatusFlyout;
  /** Renders into a fresh element of the document, as Argo CD renders an extension. */
  render(element: React.ReactElement): { container: HTMLElement; unmount: () => void };
}

interface LegacyReactDom {
  render(element: React.ReactElement, container: Element): void;
  unmountComponentAtNode(container: Element): boolean;
}

interface ReactDomClient {
  createRoot(container: Element): { render(element: React.ReactElement): void; unmount(): void };
}

const require = createRequire(import.meta.url);
// A variable specifier: react-dom ships no types, and none are needed past this interface.
const REACT_DOM_CLIENT: string = 'react-dom/client';

/**
 * Runs a UMD build as a <script> tag would: no module system, `this` is the window, and the
 * library lands on window.React or window.ReactDOM. (The CommonJS react-dom 16 would require
 * the installed React 19; its UMD build takes window.React, as in Argo CD 3.4.)
 */
function runUmd(file: string): void {
  const source = readFileSync(require.resolve(file), 'utf8');
  new Function('exports', 'module', 'define', 'require', source).call(window);
}

/** Every tree rendered since the last cleanup, so each test starts from an empty page. */
const mounted: (() => void)[] = [];

export function unmountAll(): void {
  for (const unmount of mounted.splice(0)) unmount();
  document.body.innerHTML = '';
}

const host = window as unknown as { React?: ReactModule; ReactDOM?: LegacyReactDom };

/**
 * Puts the chosen React on window as Argo CD does, then loads the extension's components afresh so
 * that their `import * as React from 'react'` is that React, the way the bundle's is window.React.
 */
export async function hostReact(version: ReactVersion): Promise<HostedUi> {
  vi.resetModules();
  let mount: HostedUi['render'];
  if (version === '16.14') {
    runUmd('react-16/umd/react.development.js');
    runUmd('react-dom-16/umd/react-dom.development.js');
    const dom = host.ReactDOM as LegacyReactDom;
    mount = (element) => {
      const container = document.body.appendChild(document.createElement('div'));
      dom.render(element, container);
      return { container, unmount: () => dom.unmountComponentAtNode(container) };
    };
  } else {
    // The real module, not the one an earlier hostReact mocked.
    host.React = await vi.importActual<ReactModule>('react');
    const client = (await import(REACT_DOM_CLIENT)) as ReactDomClient;
    mount = (element) => {
      const container = document.body.appendChild(document.createElement('div'));
      const root = client.createRoot(container);
      root.render(element);
      return { container, unmount: () => root.unmount() };
    };
  }
  const React = host.React as ReactModule;
  vi.doMock('react', () => ({ ...React, default: React }));
  const [{ createApi }, { DiagnoseTab }, { StatusPanelItem }, { StatusFlyout }] = await Promise.all([
    import('../../../extension/src/api.js'),
    import('../../../extension/src/components/diagnose-tab.js'),
    import('../../../extension/src/components/status-panel-item.js'),
    import('../../../extension/src/components/status-flyout.js'),
  ]);
  return {
    React,
    createApi,
    DiagnoseTab,
    StatusPanelItem,
    StatusFlyout,
    render(element) {
      const rendered = mount(element);
      mounted.push(rendered.unmount);
      return rendered;
    },
  };
}
