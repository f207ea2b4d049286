import type { KubeObject } from '../../../kube/objects.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One committed write, as watches replay it. */
export interface Change {
  type: ChangeType;
  /** The object after the write; for DELETED, its last state stamped with the deletion's resourceVersion. */
  object: KubeObject;
  /** The object before a MODIFIED write, so a filtered watch can tell an object entering or leaving it. */
  previous?: KubeObject;
  revision: number;
}

export type ChangeListener = (change: Change) => void;
