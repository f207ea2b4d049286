import { randomUUID } from 'node:crypto';
import type { KubeObject, ObjectMeta } from '../../kube/objects.js';
import { ApiError, badRequest, conflict, invalid, staleObjectCause } from './api-error.js';
import { isJsonObject, jsonEqual } from './patch/json-value.js';
import type { ResourceType } from './resource-type.js';
import { apiVersionOf, hasStatusSubresource } from './resource-type.js';
import { foldStringData } from './secret-string-data.js';

/** RFC 3339 with second precision, as metav1.Time serializes. */
export function formatTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The characters the API server's name generator draws from (no vowels, no look-alikes). */
const generatedNameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

function generatedSuffix(): string {
  let suffix = '';
  for (let index = 0; index < 5; index += 1) {
    suffix += generatedNameAlphabet.charAt(Math.floor(Math.random() * generatedNameAlphabet.length));
  }
  return suffix;
}

/** The status kube-apiserver gives new objects of these core kinds. */
const initialStatus = new Map<string, Record<string, string>>([
  ['Pod', { phase: 'Pending' }],
  ['Namespace', { phase: 'Active' }],
]);

/** Built-in kinds carry a generation when they have a spec; custom resources always do. */
function tracksGeneration(type: ResourceType, object: KubeObject): boolean {
  return !type.builtin || 'spec' in object;
}

/** Everything but metadata and status: a change here bumps the generation. */
function desiredState(object: KubeObject): Record<string, unknown> {
  const { metadata: _metadata, status: _status, ...rest } = object;
  return rest;
}

function requireObject(body: unknown): KubeObject {
  if (!isJsonObject(body)) throw badRequest('the request body must be a JSON object');
  const metadata = body.metadata;
  if (metadata !== undefined && !isJsonObject(metadata)) throw badRequest('metadata must be an object');
  return body as KubeObject;
}

function checkTypeMatches(type: ResourceType, object: KubeObject): void {
  const apiVersion = apiVersionOf(type);
  if (object.apiVersion !== undefined && object.apiVersion !== apiVersion) {
    throw badRequest(
      `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersion})`,
    );
  }
  if (object.kind !== undefined && object.kind !== type.kind) {
    throw badRequest(`the kind in the data (${object.kind}) does not match the expected kind (${type.kind})`);
  }
}

function checkNamespace(type: ResourceType, metadata: ObjectMeta, namespace: string | undefined): void {
  if (type.namespaced && metadata.namespace !== undefined && metadata.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}

/** A new object as the server stores it after a create request: identity, timestamps and generation assigned. */
export function objectForCreate(
  type: ResourceType,
  body: unknown,
  namespace: string | undefined,
  now: Date,
): KubeObject {
  const object = requireObject(body);
  checkTypeMatches(type, object);
  const metadata: ObjectMeta = { ...object.metadata };
  checkNamespace(type, metadata, namespace);
  if (!metadata.name && metadata.generateName) metadata.name = `${metadata.generateName}${generatedSuffix()}`;
  if (!metadata.name) {
    throw invalid(
      type.kind,
      type.group,
      '',
      'metadata.name',
      'Required value: name or generateName is required',
    );
  }
  if (metadata.resourceVersion) {
    throw new ApiError(500, 'InternalError', 'resourceVersion should not be set on objects to be created');
  }
  if (type.namespaced) metadata.namespace = namespace;
  else delete metadata.namespace;
  metadata.uid = randomUUID();
  metadata.creationTimestamp = formatTimestamp(now);
  delete metadata.deletionTimestamp;
  const created: KubeObject = {
    ...foldStringData(type, object),
    apiVersion: apiVersionOf(type),
    kind: type.kind,
    metadata,
  };
  if (tracksGeneration(type, created)) metadata.generation = 1;
  else delete metadata.generation;
  // Status belongs to controllers: kube-apiserver resets it on create where a status subresource exists.
  if (hasStatusSubresource(type)) {
    const initial = type.group === '' ? initialStatus.get(type.kind) : undefined;
    if (initial) created.status = { ...initial };
    else delete created.status;
  }
  return created;
}

export interface UpdateTarget {
  namespace?: string;
  name: string;
  /** A write to the /status subresource: only status changes. */
  statusOnly: boolean;
}

/**
 * The object an update (or a patch, once applied) stores: identity kept from the existing object,
 * optimistic concurrency on a given resourceVersion, status or spec kept according to the subresource.
 */
export function objectForUpdate(
  type: ResourceType,
  existing: KubeObject,
  body: unknown,
  target: UpdateTarget,
): KubeObject {
  const object = requireObject(body);
  checkTypeMatches(type, object);
  const metadata: ObjectMeta = { ...object.metadata };
  if (metadata.name !== undefined && metadata.name !== target.name) {
    throw badRequest(
      `the name of the object (${metadata.name}) does not match the name on the URL (${target.name})`,
    );
  }
  checkNamespace(type, metadata, target.namespace);
  const resourceName = { group: type.group, resource: type.plural, name: target.name };
  const existingMetadata = existing.metadata ?? {};
  if (metadata.resourceVersion && metadata.resourceVersion !== existingMetadata.resourceVersion) {
    throw conflict(resourceName, staleObjectCause);
  }
  if (metadata.uid && metadata.uid !== existingMetadata.uid) {
    throw conflict(
      resourceName,
      `Precondition failed: UID in precondition: ${metadata.uid}, UID in object meta: ${existingMetadata.uid ?? ''}`,
    );
  }
  if (target.statusOnly) {
    const updated: KubeObject = { ...existing, metadata: { ...existingMetadata } };
    if (object.status === undefined) delete updated.status;
    else updated.status = object.status;
    return updated;
  }
  const updated: KubeObject = {
    ...foldStringData(type, object),
    apiVersion: apiVersionOf(type),
    kind: type.kind,
  };
  if (hasStatusSubresource(type)) {
    if (existing.status === undefined) delete updated.status;
    else updated.status = existing.status;
  }
  const kept: ObjectMeta = {
    ...metadata,
    name: target.name,
    uid: existingMetadata.uid,
    creationTimestamp: existingMetadata.creationTimestamp,
  };
  if (type.namespaced) kept.namespace = target.namespace;
  else delete kept.namespace;
  if (existingMetadata.deletionTimestamp) kept.deletionTimestamp = existingMetadata.deletionTimestamp;
  if (tracksGeneration(type, updated)) {
    const generation = existingMetadata.generation ?? 1;
    kept.generation = jsonEqual(desiredState(existing), desiredState(updated)) ? generation : generation + 1;
  } else {
    delete kept.generation;
  }
  updated.metadata = kept;
  return updated;
}

/**
 * An object loaded by a fixture: stored as given (status included) but with server-owned fields filled,
 * a given uid and creationTimestamp kept, the fixture's resourceVersion ignored.
 */
export function objectForLoad(
  type: ResourceType,
  object: KubeObject,
  existing: KubeObject | undefined,
  now: Date,
): KubeObject {
  const loaded = foldStringData(type, structuredClone(object));
  const metadata: ObjectMeta = { ...loaded.metadata };
  if (!metadata.name) throw new Error(`a ${type.kind} needs metadata.name`);
  if (type.namespaced) metadata.namespace = metadata.namespace || 'default';
  else delete metadata.namespace;
  metadata.uid = metadata.uid ?? existing?.metadata?.uid ?? randomUUID();
  metadata.creationTimestamp =
    metadata.creationTimestamp ?? existing?.metadata?.creationTimestamp ?? formatTimestamp(now);
  if (metadata.generation === undefined && tracksGeneration(type, loaded)) {
    metadata.generation = existing?.metadata?.generation ?? 1;
  }
  delete metadata.resourceVersion;
  loaded.metadata = metadata;
  return loaded;
}
