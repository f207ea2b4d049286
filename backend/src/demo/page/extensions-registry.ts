import type * as React from 'react';

/**
 * The host side of Argo CD's UI extension API (ui/src/app/shared/services/extensions-service.ts):
 * what `window.extensionsAPI` accepts, and how the UI looks registrations up.
 */
export interface ResourceTabExtension {
  component: React.ComponentType<Record<string, unknown>>;
  group: string;
  kind: string;
  title: string;
  icon?: string;
}

export interface StatusPanelExtension {
  component: React.ComponentType<Record<string, unknown>>;
  flyout?: React.ComponentType<Record<string, unknown>>;
  title: string;
  id: string;
}

export interface ExtensionsApi {
  registerResourceExtension(
    component: ResourceTabExtension['component'],
    group: string,
    kind: string,
    tabTitle: string,
    opts?: { icon?: string },
  ): void;
  registerStatusPanelExtension(
    component: StatusPanelExtension['component'],
    title: string,
    id: string,
    flyout?: StatusPanelExtension['flyout'],
  ): void;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/**
 * Argo CD matches group and kind with minimatch: `*` is any run of characters but never the empty
 * core group, `**` matches everything including it, `?` one character.
 */
export function globMatches(pattern: string, value: string): boolean {
  if (pattern === '**') return true;
  if (pattern === '*') return value !== '';
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : escapeRegExp(char)))
    .join('');
  return new RegExp(`^${source}$`).test(value);
}

export class ExtensionsRegistry {
  private readonly resourceTabs: ResourceTabExtension[] = [];
  private readonly statusPanels: StatusPanelExtension[] = [];
  private readonly listeners = new Set<() => void>();

  /** The object the page installs as `window.extensionsAPI` before it loads the extensions. */
  readonly api: ExtensionsApi = {
    registerResourceExtension: (component, group, kind, title, opts) => {
      this.resourceTabs.push({ component, group, kind, title, ...(opts?.icon ? { icon: opts.icon } : {}) });
      this.changed();
    },
    registerStatusPanelExtension: (component, title, id, flyout) => {
      this.statusPanels.push({ component, title, id, ...(flyout ? { flyout } : {}) });
      this.changed();
    },
  };

  /** Tabs for a resource, sorted by title as Argo CD sorts them. */
  resourceTabsFor(group: string, kind: string): ResourceTabExtension[] {
    return this.resourceTabs
      .filter((tab) => globMatches(tab.group, group) && globMatches(tab.kind, kind))
      .sort((a, b) => a.title.localeCompare(b.title));
  }

  statusPanelExtensions(): StatusPanelExtension[] {
    return this.statusPanels.slice();
  }

  /** Extensions register after the page has rendered; subscribers render again. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
