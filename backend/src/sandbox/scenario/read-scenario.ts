import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import type { Application } from '../../kube/application.js';
import type { KubeObject } from '../../kube/objects.js';
import { schemaErrors } from '../../validation.js';
import { ScenarioError } from './scenario-error.js';
import { type ScenarioSpec, ScenarioSpecSchema } from './schema.js';

export interface ScenarioObject {
  object: KubeObject;
  /** Relative to the scenario directory: `cluster/workloads.yaml`. */
  file: string;
}

export interface ScenarioLog {
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
  text: string;
}

/** A Git tree to commit: history/NN-slug directories in order, then repo/. */
export interface ScenarioTree {
  dir: string;
  message: string;
}

export interface Scenario {
  id: string;
  dir: string;
  spec: ScenarioSpec;
  application: Application;
  objects: ScenarioObject[];
  logs: ScenarioLog[];
  trees: ScenarioTree[];
  healed: KubeObject[];
  branch: string;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

async function yamlFiles(dir: string): Promise<string[]> {
  if (!(await isDirectory(dir))) return [];
  return (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
}

async function readObjects(scenarioDir: string, folder: string): Promise<ScenarioObject[]> {
  const objects: ScenarioObject[] = [];
  for (const name of await yamlFiles(join(scenarioDir, folder))) {
    const file = `${folder}/${name}`;
    const documents = parseAllDocuments(await readFile(join(scenarioDir, file), 'utf8'));
    for (const [position, document] of documents.entries()) {
      const error = document.errors[0];
      if (error) {
        const line = error.linePos?.[0].line;
        const problem = (error.message.split('\n')[0] ?? '').replace(/:$/, '');
        throw new ScenarioError(file, undefined, `${line ? `line ${line}: ` : ''}${problem}`);
      }
      const where = `document ${position + 1}`;
      let object: unknown;
      try {
        object = document.toJS();
      } catch (error) {
        // An alias to no anchor, say: the YAML parses but has no value.
        throw new ScenarioError(file, where, (error as Error).message.split('\n')[0] ?? 'cannot be read');
      }
      if (object === null || object === undefined) continue;
      if (typeof object !== 'object' || Array.isArray(object)) {
        throw new ScenarioError(file, where, 'must be a Kubernetes object (a mapping)');
      }
      const candidate = object as KubeObject;
      for (const field of ['apiVersion', 'kind'] as const) {
        if (typeof candidate[field] !== 'string' || !candidate[field]) {
          throw new ScenarioError(file, `${where}.${field}`, 'required');
        }
      }
      if (typeof candidate.metadata?.name !== 'string' || !candidate.metadata.name) {
        throw new ScenarioError(file, `${where}.metadata.name`, 'required');
      }
      objects.push({ object: candidate, file });
    }
  }
  return objects;
}

const logFileName = /^(?<container>[a-z0-9]([-a-z0-9]*[a-z0-9])?)(?<previous>\.previous)?\.log$/;

async function readLogs(scenarioDir: string, pods: ReadonlySet<string>): Promise<ScenarioLog[]> {
  const root = join(scenarioDir, 'logs');
  if (!(await isDirectory(root))) return [];
  const logs: ScenarioLog[] = [];
  for (const namespace of (await readdir(root)).sort()) {
    for (const pod of (await readdir(join(root, namespace))).sort()) {
      for (const name of (await readdir(join(root, namespace, pod))).sort()) {
        const file = `logs/${namespace}/${pod}/${name}`;
        const match = logFileName.exec(name);
        if (!match?.groups?.container) {
          throw new ScenarioError(
            file,
            undefined,
            'a log file is named <container>.log or <container>.previous.log',
          );
        }
        if (!pods.has(`${namespace}/${pod}`)) {
          throw new ScenarioError(file, undefined, `no Pod ${namespace}/${pod} in cluster/`);
        }
        logs.push({
          namespace,
          pod,
          container: match.groups.container,
          previous: match.groups.previous !== undefined,
          text: await readFile(join(root, namespace, pod, name), 'utf8'),
        });
      }
    }
  }
  return logs;
}

async function readTrees(scenarioDir: string): Promise<ScenarioTree[]> {
  const history = join(scenarioDir, 'history');
  const trees: ScenarioTree[] = [];
  if (await isDirectory(history)) {
    for (const name of (await readdir(history)).sort()) {
      if (!(await isDirectory(join(history, name)))) {
        throw new ScenarioError(
          `history/${name}`,
          undefined,
          'history/ holds one directory per earlier tree',
        );
      }
      trees.push({ dir: join(history, name), message: name.replace(/^\d+-/, '').replaceAll('-', ' ') });
    }
  }
  const repo = join(scenarioDir, 'repo');
  if (!(await isDirectory(repo)))
    throw new ScenarioError('repo/', undefined, 'missing: the app’s Git repository');
  trees.push({ dir: repo, message: 'synced revision' });
  return trees;
}

function readSpec(text: string): ScenarioSpec {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new ScenarioError(
      'scenario.yaml',
      undefined,
      (error as Error).message.split('\n')[0] ?? 'invalid YAML',
    );
  }
  const [first] = schemaErrors(ScenarioSpecSchema, value);
  if (first) throw new ScenarioError('scenario.yaml', first.path || undefined, first.message);
  return value as ScenarioSpec;
}

async function checkRepoPaths(scenarioDir: string, spec: ScenarioSpec): Promise<void> {
  const repo = resolve(scenarioDir, 'repo');
  const inRepo = (path: string) => {
    const full = resolve(repo, path);
    return !relative(repo, full).startsWith('..') ? full : undefined;
  };
  for (const [position, expectation] of (spec.expect.fix ?? []).entries()) {
    if (!inRepo(expectation.file)) {
      throw new ScenarioError('scenario.yaml', `expect.fix[${position}].file`, 'must be a path inside repo/');
    }
  }
  for (const [position, path] of (spec.expect.unchanged ?? []).entries()) {
    const full = inRepo(path);
    const exists = full
      ? await stat(full).then(
          () => true,
          () => false,
        )
      : false;
    if (!exists)
      throw new ScenarioError('scenario.yaml', `expect.unchanged[${position}]`, `${path} is not in repo/`);
  }
}

/** Reads and validates a scenario directory; an invalid one is rejected naming the file and field. */
export async function readScenario(dir: string): Promise<Scenario> {
  try {
    return await readValidScenario(dir);
  } catch (error) {
    if (error instanceof ScenarioError)
      throw new ScenarioError(join(dir, error.file), error.field, error.problem);
    throw error;
  }
}

async function readValidScenario(dir: string): Promise<Scenario> {
  const scenarioDir = resolve(dir);
  if (!(await isDirectory(scenarioDir))) throw new ScenarioError('', undefined, 'not a scenario directory');
  const specText = await readFile(join(scenarioDir, 'scenario.yaml'), 'utf8').catch(() => {
    throw new ScenarioError('scenario.yaml', undefined, 'missing');
  });
  const spec = readSpec(specText);
  const objects = await readObjects(scenarioDir, 'cluster');
  const [appNamespace, appName] = spec.application.split('/');
  const application = objects.find(
    ({ object }) =>
      object.kind === 'Application' &&
      object.metadata?.name === appName &&
      object.metadata?.namespace === appNamespace,
  )?.object as Application | undefined;
  if (!application) {
    throw new ScenarioError(
      'scenario.yaml',
      'application',
      `no Application ${spec.application} in cluster/*.yaml`,
    );
  }
  const source =
    application.spec?.source ?? application.spec?.sources?.[0] ?? application.spec?.sourceHydrator?.drySource;
  if (!source?.repoURL) {
    throw new ScenarioError('cluster/', `Application ${spec.application}.spec.source.repoURL`, 'required');
  }
  const pods = new Set(
    objects
      .filter(({ object }) => object.kind === 'Pod')
      .map(({ object }) => `${object.metadata?.namespace}/${object.metadata?.name}`),
  );
  const trees = await readTrees(scenarioDir);
  await checkRepoPaths(scenarioDir, spec);
  return {
    id: basename(scenarioDir),
    dir: scenarioDir,
    spec,
    application,
    objects,
    logs: await readLogs(scenarioDir, pods),
    trees,
    healed: (await readObjects(scenarioDir, 'healed')).map(({ object }) => object),
    branch: spec.git?.branch ?? 'main',
  };
}
