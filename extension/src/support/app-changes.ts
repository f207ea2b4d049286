const APP_CHANGED = 'ai-sre:app-changed';

/**
 * Argo CD mounts the status panel item, its flyout and each resource tab as separate React trees;
 * a write made in one of them reaches the others through this window event.
 */
export function announceAppChange(appKey: string): void {
  window.dispatchEvent(new CustomEvent(APP_CHANGED, { detail: appKey }));
}

/** Calls `listener` after each write to the app; returns the unsubscribe function. */
export function onAppChange(appKey: string, listener: () => void): () => void {
  const handler = (event: Event) => {
    if ((event as CustomEvent<string>).detail === appKey) listener();
  };
  window.addEventListener(APP_CHANGED, handler);
  return () => window.removeEventListener(APP_CHANGED, handler);
}
