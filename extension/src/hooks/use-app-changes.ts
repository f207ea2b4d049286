import * as React from 'react';
import { onAppChange } from '../support/app-changes.js';

/** Loads again whenever another part of the extension changed the app (a new mode, an approval). */
export function useAppChanges(appKey: string, reload: () => void): void {
  React.useEffect(() => onAppChange(appKey, reload), [appKey, reload]);
}
