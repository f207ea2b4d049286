import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../../backend/src/kube/objects.js';
import type { ClusterSnapshot, ContainerLog } from '../../backend/src/kube/snapshot.js';
import { logOf, objectsFromFiles, snapshotOf } from '../support/snapshot.js';

const here = dirname(fileURLToPath(import.meta.url));
export const scenariosDir = join(here, '..', 'scenarios');

/** Objects recorded in `test/detectors/fixtures/<type>/<file>`. */
export function fixtureObjects(type: string, ...files: string[]): KubeObject[] {
  return objectsFromFiles(...files.map((file) => join(here, 'fixtures', type, file)));
}

/** The cluster and the container logs of a scenario, as FORMAT.md lays them out. */
export function scenarioInputs(id: string): { objects: KubeObject[]; logs: ContainerLog[] } {
  const dir = join(scenariosDir, id);
  const clusterDir = join(dir, 'cluster');
  const files = readdirSync(clusterDir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => join(clusterDir, file));
  return { objects: objectsFromFiles(...files), logs: scenarioLogs(join(dir, 'logs')) };
}

export function scenarioSnapshot(id: string): ClusterSnapshot {
  const { objects, logs } = scenarioInputs(id);
  return snapshotOf(objects, { logs });
}

/** `logs/<namespace>/<pod>/<container>.log` and `<container>.previous.log`; none when the folder is absent. */
function scenarioLogs(logsDir: string): ContainerLog[] {
  if (!existsSync(logsDir)) return [];
  const logs: ContainerLog[] = [];
  for (const namespace of readdirSync(logsDir).sort()) {
    for (const pod of readdirSync(join(logsDir, namespace)).sort()) {
      for (const file of readdirSync(join(logsDir, namespace, pod)).sort()) {
        if (!file.endsWith('.log')) continue;
        const previous = file.endsWith('.previous.log');
        const container = basename(file, previous ? '.previous.log' : '.log');
        const text = readFileSync(join(logsDir, namespace, pod, file), 'utf8');
        logs.push(logOf(namespace, pod, container, text, previous));
      }
    }
  }
  return logs;
}
