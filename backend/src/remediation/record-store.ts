import { createHash } from 'node:crypto';
import { ApiException, type CoreV1Api, type V1ConfigMap } from '@kubernetes/client-node';
import type { Remediation, RemediationState } from './record.js';

const LABEL = 'argocd-ai-sre/remediation';
const APP_LABEL = 'argocd-ai-sre/app';
const STATE_LABEL = 'argocd-ai-sre/state';
const FINGERPRINT_LABEL = 'argocd-ai-sre/fingerprint';
const DATA_KEY = 'remediation.json';

/** A record as stored, with the resourceVersion its next write must present. */
export interface StoredRemediation {
  record: Remediation;
  resourceVersion: string;
}

/** Another writer changed the record first (409): read it again and decide again. */
export class RecordConflictError extends Error {
  override name = 'RecordConflictError';
}

/** Label values are at most 63 characters; an app's namespace/name can be longer, so it is hashed. */
export function appLabel(application: { namespace: string; name: string }): string {
  return createHash('sha256')
    .update(`${application.namespace}/${application.name}`)
    .digest('hex')
    .slice(0, 32);
}

function configMapName(id: string): string {
  return `ai-sre-remediation-${id}`;
}

function toStored(configMap: V1ConfigMap): StoredRemediation | undefined {
  const text = configMap.data?.[DATA_KEY];
  if (!text) return undefined;
  try {
    return {
      record: JSON.parse(text) as Remediation,
      resourceVersion: configMap.metadata?.resourceVersion ?? '',
    };
  } catch {
    return undefined;
  }
}

function newestFirst(a: StoredRemediation, b: StoredRemediation): number {
  return b.record.id.localeCompare(a.record.id);
}

/**
 * Remediation records as labelled ConfigMaps in the backend's namespace, the way Helm keeps releases
 * (DESIGN.md principle 4). Every write presents the resourceVersion it read, so two replicas never
 * both win the same transition.
 */
export class RemediationStore {
  constructor(
    private readonly core: CoreV1Api,
    private readonly namespace: string,
  ) {}

  private body(record: Remediation, resourceVersion?: string): V1ConfigMap {
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: configMapName(record.id),
        namespace: this.namespace,
        ...(resourceVersion ? { resourceVersion } : {}),
        labels: {
          [LABEL]: 'true',
          [APP_LABEL]: appLabel(record.application),
          [STATE_LABEL]: record.state,
          [FINGERPRINT_LABEL]: record.fingerprint,
        },
        annotations: {
          'argocd-ai-sre/application': `${record.application.namespace}/${record.application.name}`,
        },
      },
      data: { [DATA_KEY]: JSON.stringify(record) },
    };
  }

  async create(record: Remediation): Promise<StoredRemediation> {
    const created = await this.core.createNamespacedConfigMap({
      namespace: this.namespace,
      body: this.body(record),
    });
    return { record, resourceVersion: created.metadata?.resourceVersion ?? '' };
  }

  async get(id: string): Promise<StoredRemediation | undefined> {
    try {
      return toStored(
        await this.core.readNamespacedConfigMap({ namespace: this.namespace, name: configMapName(id) }),
      );
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw error;
    }
  }

  private async list(selector: string): Promise<StoredRemediation[]> {
    const list = await this.core.listNamespacedConfigMap({
      namespace: this.namespace,
      labelSelector: `${LABEL}=true,${selector}`,
    });
    return list.items
      .map(toStored)
      .filter((stored): stored is StoredRemediation => stored !== undefined)
      .sort(newestFirst);
  }

  listForApp(application: { namespace: string; name: string }): Promise<StoredRemediation[]> {
    return this.list(`${APP_LABEL}=${appLabel(application)}`);
  }

  listInStates(states: readonly RemediationState[]): Promise<StoredRemediation[]> {
    return this.list(`${STATE_LABEL} in (${states.join(',')})`);
  }

  /** Replaces the record if nobody wrote it since `stored` was read. */
  async update(stored: StoredRemediation, next: Remediation): Promise<StoredRemediation> {
    try {
      const replaced = await this.core.replaceNamespacedConfigMap({
        namespace: this.namespace,
        name: configMapName(next.id),
        body: this.body(next, stored.resourceVersion),
      });
      return { record: next, resourceVersion: replaced.metadata?.resourceVersion ?? '' };
    } catch (error) {
      if (error instanceof ApiException && error.code === 409) {
        throw new RecordConflictError(`remediation ${next.id} changed meanwhile`);
      }
      throw error;
    }
  }

  /**
   * Reads the record, lets `change` decide its next version (undefined: leave it), writes it; on a
   * conflict, reads again and decides again.
   */
  async mutate(
    id: string,
    change: (record: Remediation) => Remediation | undefined,
  ): Promise<{ record: Remediation; changed: boolean } | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.get(id);
      if (!stored) return undefined;
      const next = change(stored.record);
      if (!next) return { record: stored.record, changed: false };
      try {
        return { record: (await this.update(stored, next)).record, changed: true };
      } catch (error) {
        if (!(error instanceof RecordConflictError)) throw error;
      }
    }
    throw new RecordConflictError(`remediation ${id} keeps changing; try again`);
  }
}
