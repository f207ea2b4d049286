import * as clientNode from '@kubernetes/client-node';
import type { RenderedObject } from './render.js';

interface Attribute {
  baseName: string;
  type: string;
}

type ModelClass = { attributeTypeMap?: readonly Attribute[] };

const models = clientNode as unknown as Record<string, ModelClass | undefined>;

/** client-node's generated model for a kind: `apps/v1` Deployment is V1Deployment, `autoscaling/v2` HPA is V2HorizontalPodAutoscaler. */
function modelName(apiVersion: string, kind: string): string {
  const version = apiVersion.split('/').at(-1) ?? '';
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
}

/** Types whose content is free-form or a scalar: nothing further to check inside. */
const opaqueTypes = new Set(['string', 'number', 'boolean', 'Date', 'any', 'object', 'IntOrString']);

function unknownFields(value: unknown, type: string, path: string): string[] {
  if (value === null || value === undefined || opaqueTypes.has(type)) return [];
  const array = /^Array<(.+)>$/.exec(type);
  if (array?.[1]) {
    const itemType = array[1];
    return Array.isArray(value)
      ? value.flatMap((item, index) => unknownFields(item, itemType, `${path}[${index}]`))
      : [];
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map?.[1]) {
    const valueType = map[1];
    return Object.entries(value as object).flatMap(([key, item]) =>
      unknownFields(item, valueType, `${path}.${key}`),
    );
  }
  const attributes = models[type]?.attributeTypeMap;
  if (!attributes) throw new Error(`${path}: client-node has no model ${type}`);
  return Object.entries(value as object).flatMap(([key, item]) => {
    const attribute = attributes.find((candidate) => candidate.baseName === key);
    if (!attribute) return [`${path}.${key} is not a field of ${type}`];
    return unknownFields(item, attribute.type, `${path}.${key}`);
  });
}

/**
 * Fields the Kubernetes API does not know (a typo, or a field at the wrong level), which
 * `kubectl apply` rejects with strict validation or, worse, drops silently. Checked against
 * client-node's models, generated from the Kubernetes OpenAPI specification.
 */
export function unknownFieldsOf(object: RenderedObject): string[] {
  return unknownFields(object, modelName(object.apiVersion, object.kind), object.kind);
}

interface ValidatingModel {
  validate(): void;
}

/** kubernetes-models' class for a kind, which validates required fields, types and formats. */
async function kubernetesModel(object: RenderedObject): Promise<new (data: unknown) => ValidatingModel> {
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['', object.apiVersion];
  const specifier =
    group === 'monitoring.coreos.com'
      ? `@kubernetes-models/prometheus-operator/${group}/${version}/${object.kind}`
      : `kubernetes-models/${group ? `${group}/` : ''}${version}/${object.kind}`;
  const module = await import(/* @vite-ignore */ specifier);
  return module[object.kind];
}

/** The schema errors of one rendered object: missing required fields, wrong types, unknown fields. */
export async function schemaErrors(object: RenderedObject): Promise<string[]> {
  const Model = await kubernetesModel(object);
  const errors: string[] = [];
  try {
    new Model(object).validate();
  } catch (error) {
    errors.push((error as Error).message);
  }
  // A custom resource has no client-node model; kubernetes-models checks its schema alone.
  if (object.apiVersion !== 'monitoring.coreos.com/v1') errors.push(...unknownFieldsOf(object));
  return errors;
}
