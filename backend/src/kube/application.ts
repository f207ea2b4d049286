import type { ObjectMeta, ResourceRef } from './objects.js';

/** The fields of argoproj.io/v1alpha1 Application that this product reads (see Argo CD's types.go). */
export interface Application {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: ApplicationSpec;
  status?: ApplicationStatus;
}

export interface ApplicationSpec {
  project: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  sourceHydrator?: SourceHydrator;
  destination: { server?: string; name?: string; namespace?: string };
  syncPolicy?: Record<string, unknown>;
}

export interface ApplicationSource {
  repoURL: string;
  targetRevision?: string;
  path?: string;
  chart?: string;
  ref?: string;
  helm?: { valueFiles?: string[]; values?: string; valuesObject?: unknown; releaseName?: string };
  kustomize?: Record<string, unknown>;
  directory?: { recurse?: boolean; include?: string; exclude?: string };
}

export interface SourceHydrator {
  drySource: { repoURL: string; targetRevision?: string; path: string };
  syncSource: { targetBranch: string; path: string };
  hydrateTo?: { targetBranch: string };
}

export interface ApplicationStatus {
  sync?: { status?: string; revision?: string; revisions?: string[] };
  health?: { status?: string; message?: string; lastTransitionTime?: string };
  resources?: ResourceStatus[];
  conditions?: ApplicationCondition[];
  operationState?: OperationState;
  sourceType?: string;
  summary?: { images?: string[]; externalURLs?: string[] };
  history?: { id?: number; revision?: string; deployedAt?: string }[];
  reconciledAt?: string;
}

export interface ResourceStatus {
  group?: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  health?: { status?: string; message?: string };
  hook?: boolean;
  requiresPruning?: boolean;
}

export interface ApplicationCondition {
  type: string;
  message: string;
  lastTransitionTime?: string;
}

export interface OperationState {
  phase?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  syncResult?: {
    revision?: string;
    resources?: ResourceResult[];
  };
}

export interface ResourceResult {
  group?: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  message?: string;
  hookPhase?: string;
  syncPhase?: string;
}

/** Whether Argo CD lists the object among the application's resources: the objects its source defines. */
export function isManaged(application: Application, ref: ResourceRef): boolean {
  return (application.status?.resources ?? []).some(
    (resource) =>
      (resource.group ?? '') === ref.group &&
      resource.kind === ref.kind &&
      resource.name === ref.name &&
      (resource.namespace ?? '') === (ref.namespace ?? ''),
  );
}
