import { createHash } from 'node:crypto';
import type { CoreV1Api } from '@kubernetes/client-node';
import type { ConfigMap } from '../kube/objects.js';
import { describeProblem } from './problems.js';
import type { RunbookProblem } from './schema.js';

/**
 * Reports each runbook problem once as a Warning Event on its ConfigMap, so `kubectl describe` and
 * Argo CD's events view show it where the platform team edits. A ConfigMap edit that keeps the problem
 * reports it again: its resourceVersion is part of what makes an event new.
 */
export class ProblemEvents {
  private readonly reported = new Set<string>();

  constructor(
    private readonly core: CoreV1Api,
    private readonly component: string,
    private readonly now: () => Date,
  ) {}

  async report(problems: readonly RunbookProblem[], configMaps: readonly ConfigMap[]): Promise<void> {
    const current = new Set<string>();
    for (const problem of problems) {
      const { namespace, configMap: name } = problem.source;
      const configMap = configMaps.find(
        (item) => item.metadata?.namespace === namespace && item.metadata?.name === name,
      );
      if (!configMap?.metadata?.uid) continue;
      const message = describeProblem(problem);
      const key = `${configMap.metadata.uid}/${configMap.metadata.resourceVersion}/${message}`;
      current.add(key);
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      const time = this.now();
      await this.core.createNamespacedEvent({
        namespace,
        body: {
          metadata: {
            name: `${name}.${createHash('sha256').update(key).digest('hex').slice(0, 16)}`,
            namespace,
          },
          involvedObject: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            namespace,
            name,
            uid: configMap.metadata.uid,
            resourceVersion: configMap.metadata.resourceVersion,
          },
          type: 'Warning',
          reason: 'InvalidRunbook',
          message,
          source: { component: this.component },
          reportingComponent: this.component,
          firstTimestamp: time,
          lastTimestamp: time,
          count: 1,
        },
      });
    }
    // Only the problems of now are remembered; fixed ones are forgotten.
    for (const key of this.reported) if (!current.has(key)) this.reported.delete(key);
  }
}
