import * as React from 'react';
import { DemoApp } from './demo-app.js';
import { ExtensionsRegistry } from './extensions-registry.js';

/** The parts of ReactDOM the host uses; React 16 has only `render`, React 18+ `createRoot`. */
interface HostReactDom {
  render?: (element: React.ReactElement, container: Element) => void;
  createRoot?: (container: Element) => { render(element: React.ReactElement): void };
}

const registry = new ExtensionsRegistry();
(window as unknown as { extensionsAPI: ExtensionsRegistry['api'] }).extensionsAPI = registry.api;

const container = document.getElementById('app');
const reactDom = (window as unknown as { ReactDOM: HostReactDom }).ReactDOM;
if (container) {
  const element = <DemoApp registry={registry} />;
  // Argo CD ≤ 3.4 renders with ReactDOM.render (React 16), 3.5+ with createRoot (React 19).
  if (reactDom.createRoot) reactDom.createRoot(container).render(element);
  else reactDom.render?.(element, container);
}

// Argo CD serves every installed extension concatenated as /extensions.js and loads it after the UI.
const script = document.createElement('script');
script.src = '/extensions.js';
document.body.appendChild(script);
