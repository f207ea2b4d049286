import { parse } from 'yaml';
import { describeRef } from '../../../kube/objects.js';
import {
  formatFieldPath,
  type ObjectEdit,
  type PathSegment,
  parseFieldPath,
  valueAt,
} from '../../../runbooks/plan/index.js';
import { GitOpsError } from '../../gitops-error.js';
import type { GitSource } from '../../source/application-sources.js';
import { type Placement, placement, setInFile, yamlFilesUnder } from '../placement.js';
import type { WorkTree } from '../work-tree.js';
import { type FieldMapping, mapField, rendersObject } from './template-fields.js';
import { parseTemplate } from './template-structure.js';
import { readValueFiles, type SourceTrees, type ValueFile } from './value-files.js';
import { candidateKeys, rendersAs } from './values-match.js';

/** One chart value to change, with the value it renders now (absent when the field is). */
interface ValuesEdit {
  path: PathSegment[];
  from?: unknown;
  to: unknown;
  /** The template falls back to another value when this one is empty. */
  defaulted: boolean;
}

function unclear(edit: ObjectEdit, reason: string): GitOpsError {
  return new GitOpsError(
    'ambiguous',
    `cannot tell which Helm value produces ${edit.path} of ${describeRef(edit.object)}: ${reason}. ` +
      'The runbook can name the values key itself with a setField action on the values path.',
  );
}

async function templateMappings(
  tree: WorkTree,
  source: GitSource,
  edit: ObjectEdit,
): Promise<FieldMapping[]> {
  const path = parseFieldPath(edit.path);
  const mappings: FieldMapping[] = [];
  const templates = source.path === '' ? 'templates' : `${source.path}/templates`;
  for (const file of await yamlFilesUnder(tree, templates, true)) {
    for (const document of parseTemplate(file, (await tree.read(file)) ?? '')) {
      if (rendersObject(document, edit.object)) mappings.push(...mapField(document, path));
    }
  }
  return mappings;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The values a mapping says to change: the one it renders, or each part of a composite that differs. */
function valuesEdits(mapping: FieldMapping, edit: ObjectEdit): ValuesEdit[] {
  if (mapping.kind === 'literal') {
    throw new GitOpsError(
      'locate',
      `${edit.path} of ${describeRef(edit.object)} is written into ${mapping.file} itself; no chart value sets it`,
    );
  }
  if (mapping.kind === 'value') {
    const values: ValuesEdit = {
      path: [...mapping.reference.path, ...mapping.rest],
      to: edit.to,
      defaulted: mapping.reference.defaulted,
    };
    if (edit.from !== undefined) values.from = edit.from;
    return [values];
  }
  const pattern = new RegExp(
    `^${mapping.parts.map((part) => (typeof part === 'string' ? escapeRegExp(part) : '(.*)')).join('')}$`,
    's',
  );
  const before = edit.from === undefined ? null : pattern.exec(String(edit.from));
  const after = pattern.exec(String(edit.to));
  if (!before || !after) {
    throw unclear(
      edit,
      `the template writes it as ${mapping.parts.map((p) => (typeof p === 'string' ? p : '{{…}}')).join('')}, which ${before ? String(edit.to) : String(edit.from)} does not fit`,
    );
  }
  const references = mapping.parts.filter((part) => typeof part !== 'string');
  return references.flatMap((reference, index) => {
    const from = before[index + 1] ?? '';
    const to = after[index + 1] ?? '';
    if (from === to) return [];
    if (!reference)
      throw unclear(edit, 'the part that changes comes from a helper or a built-in, not from a value');
    return [{ path: reference.path, from, to, defaulted: reference.defaulted }];
  });
}

/** Where the Application itself sets a value (helm.parameters, values, valuesObject), which no commit to the chart can change. */
function applicationOverride(source: GitSource, path: readonly PathSegment[]): string | undefined {
  const helm = source.helm ?? {};
  const dotted = formatFieldPath(path);
  if (
    helm.parameters?.some((parameter) => dotted === parameter.name || dotted.startsWith(`${parameter.name}.`))
  ) {
    return `${source.field}.helm.parameters`;
  }
  if (helm.valuesObject !== undefined && valueAt(helm.valuesObject, path) !== undefined)
    return `${source.field}.helm.valuesObject`;
  if (helm.values) {
    try {
      if (valueAt(parse(helm.values) as unknown, path) !== undefined) return `${source.field}.helm.values`;
    } catch {
      // Values Helm cannot parse fail the app before any fix; they set nothing here.
    }
  }
  return undefined;
}

async function writeValue(
  files: readonly ValueFile[],
  values: ValuesEdit,
  edit: ObjectEdit,
  source: GitSource,
): Promise<Placement> {
  const key = formatFieldPath(values.path);
  const override = applicationOverride(source, values.path);
  if (override) {
    throw new GitOpsError(
      'source',
      `${key} is set by the Application's ${override}, which overrides every values file; the fix belongs there`,
    );
  }
  const setter = files.filter((file) => valueAt(file.values, values.path) !== undefined).at(-1);
  const target = setter ?? files.at(-1);
  if (!target)
    throw new GitOpsError(
      'locate',
      `the Helm source at ${source.path || 'the repository root'} has no values file to write ${key} into`,
    );
  const current = setter ? valueAt(setter.values, values.path) : undefined;
  const emptyWithDefault = values.defaulted && (current === undefined || current === '' || current === null);
  if (values.from !== undefined && !rendersAs(current, values.from) && !emptyWithDefault) {
    throw unclear(
      edit,
      setter
        ? `${key} is ${JSON.stringify(current)} in ${setter.label}, but the live value is ${JSON.stringify(values.from)}`
        : `no values file sets ${key}, yet the live value is ${JSON.stringify(values.from)}`,
    );
  }
  await setInFile(target.tree, target.file, 0, values.path, values.to);
  return placement(target.tree, edit, target.file, values.path);
}

/**
 * Writes an edit into the values file whose key produces the field: the template says which key
 * (`{{ .Values.replicaCount }}` at spec.replicas, `toYaml .Values.resources` above a resource), the
 * last values file that sets it gets the change, and the first is left alone; a key no file sets
 * goes into the last values file. Without templates (a chart from a Helm repository) the key is the
 * one whose value is the live value and whose name fits the field, when exactly one does.
 */
export async function locateHelm(
  trees: SourceTrees,
  source: GitSource,
  edit: ObjectEdit,
): Promise<Placement[]> {
  const files = await readValueFiles(source, trees);
  const mappings = trees.main ? await templateMappings(trees.main, source, edit) : [];
  let edits: ValuesEdit[];
  if (mappings.length > 0) {
    const options = mappings.map((mapping) => valuesEdits(mapping, edit));
    const distinct = new Set(options.map((option) => JSON.stringify(option)));
    if (distinct.size > 1)
      throw unclear(edit, `the templates produce it from several values (${[...distinct].join('; ')})`);
    edits = options[0] ?? [];
  } else {
    if (edit.from === undefined)
      throw unclear(edit, 'no template shows where it comes from and it has no live value to look for');
    const keys = candidateKeys(files, parseFieldPath(edit.path), edit.from);
    const [only, ...others] = keys;
    if (!only)
      throw unclear(
        edit,
        `no values key holds ${JSON.stringify(edit.from)} under a name that fits the field`,
      );
    if (others.length > 0)
      throw unclear(edit, `${keys.map(formatFieldPath).join(', ')} all hold ${JSON.stringify(edit.from)}`);
    edits = [{ path: only, from: edit.from, to: edit.to, defaulted: false }];
  }
  const placements: Placement[] = [];
  for (const values of edits) placements.push(await writeValue(files, values, edit, source));
  return placements;
}
