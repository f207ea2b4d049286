import type { Static } from 'typebox';
import type { SymptomType } from '../../detectors/symptom.js';
import type { ResourceRef } from '../../kube/objects.js';
import type { ActionName, ActionSchemas } from '../schema.js';

/** An object as the API server and Git name it: the ref Argo CD's tree uses, plus its apiVersion. */
export type TargetRef = ResourceRef & { apiVersion: string };

/** The arguments of one action: `{from, to}` for setImageRegistry. */
export type ActionArguments<Name extends ActionName> = Static<(typeof ActionSchemas)[Name]>;

/**
 * One field to write on the object that lives in Git.
 *
 * `path` uses the syntax of scenarios/FORMAT.md, relative to the object. Writing `to` there creates
 * whatever the path names and the object lacks: missing maps, and for `[key=value]` selecting no
 * list item, a new item `{key: value}` appended to the list (so `env[name=LOG_LEVEL].value` adds
 * the variable when the container has none of that name). `[n]` always names an existing item.
 */
export interface ObjectEdit {
  object: TargetRef;
  path: string;
  /** The live value at the path; absent when the field is absent. */
  from?: unknown;
  to: unknown;
  /** The runbook action the edit comes from. */
  action: ActionName;
}

/**
 * What a runbook's actions change for one symptom, decided from the cluster snapshot alone.
 * The Git writer finds where each edit lands (a manifest, a kustomize overlay, Helm values).
 */
export interface FixPlan {
  runbook: string;
  symptom: { type: SymptomType; resource: ResourceRef };
  /** The object that lives in Git and owns the symptom's resource (Pod → ReplicaSet → Deployment). */
  target: TargetRef;
  /** In the order of the runbook's actions; no two edits touch the same field. */
  edits: ObjectEdit[];
  /** Revert the newest commit that touched the app's source path, before any edit. */
  revertLastChange: boolean;
  automation: 'approve' | 'auto';
}
