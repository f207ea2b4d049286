import type { Container } from '../../detectors/support/containers.js';
import type { Symptom } from '../../detectors/symptom.js';
import { describeRef } from '../../kube/objects.js';
import type { PathSegment } from './field-path.js';
import { valueAt } from './field-path.js';
import { PlanError } from './plan-error.js';
import type { PlanTarget } from './target.js';

const key = (name: string): PathSegment => ({ kind: 'key', key: name });
const TEMPLATE_POD_SPEC = ['spec', 'template', 'spec'].map(key);

/** Where each workload kind keeps its pod spec, by `group/kind`. */
const POD_SPEC_PATHS: ReadonlyMap<string, readonly PathSegment[]> = new Map([
  ['/Pod', [key('spec')]],
  ['apps/Deployment', TEMPLATE_POD_SPEC],
  ['apps/StatefulSet', TEMPLATE_POD_SPEC],
  ['apps/DaemonSet', TEMPLATE_POD_SPEC],
  ['apps/ReplicaSet', TEMPLATE_POD_SPEC],
  ['batch/Job', TEMPLATE_POD_SPEC],
  ['argoproj.io/Rollout', TEMPLATE_POD_SPEC],
  ['batch/CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec'].map(key)],
]);

/** One container of the target's pod template, and the path to it: `spec.template.spec.containers[name=web]`. */
export interface ContainerLocation {
  name: string;
  path: PathSegment[];
  container: Container;
}

/** The container an action names, else the one the symptom names. */
export function containerName(symptom: Symptom, named: string | undefined): string | undefined {
  if (named !== undefined) return named;
  const fromSymptom = symptom.params.container;
  return typeof fromSymptom === 'string' ? fromSymptom : undefined;
}

/** Finds the container among the app containers, then the init containers (names are unique across both). */
export function locateContainer(target: PlanTarget, name: string | undefined): ContainerLocation {
  const where = describeRef(target.ref);
  const podSpecPath = POD_SPEC_PATHS.get(`${target.ref.group}/${target.ref.kind}`);
  if (!podSpecPath)
    throw new PlanError(`${where} has no pod template whose containers an action could change.`);
  if (name === undefined) {
    throw new PlanError(
      `the symptom names no container; the action must name one with container: for ${where}.`,
    );
  }
  const names: string[] = [];
  for (const list of ['containers', 'initContainers']) {
    const listPath = [...podSpecPath, key(list)];
    const containers = valueAt(target.object, listPath);
    for (const container of Array.isArray(containers) ? (containers as Container[]) : []) {
      if (container.name === name) {
        return { name, path: [...listPath, { kind: 'match', key: 'name', value: name }], container };
      }
      names.push(container.name);
    }
  }
  throw new PlanError(`${where} has no container named ${name} (it has ${names.join(', ') || 'none'}).`);
}
