import { withTimeout } from '../../support/limiter.js';
import { apiErrorCode } from '../api-error.js';
import { apiReader } from '../api-reader.js';
import type { Application } from '../application.js';
import type { ResourceRef } from '../objects.js';
import { ApplicationNotFoundError, type GatherRequest } from './request.js';

export async function readApplication(request: GatherRequest): Promise<Application> {
  const { namespace, name } = request.application;
  const path = `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(namespace)}/applications/${encodeURIComponent(name)}`;
  try {
    return await withTimeout(
      apiReader(request.control.kubeConfig, request.limits.callTimeoutMs).getJson<Application>(
        path,
        AbortSignal.timeout(request.limits.callTimeoutMs),
      ),
      request.limits.callTimeoutMs,
      `reading Application ${namespace}/${name}`,
    );
  } catch (error) {
    if (apiErrorCode(error) === 404)
      throw new ApplicationNotFoundError(`Application ${namespace}/${name} not found`);
    throw error;
  }
}

export interface ManagedResource extends ResourceRef {
  apiVersion: string;
}

export function managedResources(application: Application): ManagedResource[] {
  return (application.status?.resources ?? []).map((resource) => {
    const group = resource.group ?? '';
    const version = resource.version ?? 'v1';
    const ref: ManagedResource = {
      group,
      kind: resource.kind,
      name: resource.name,
      apiVersion: group ? `${group}/${version}` : version,
    };
    if (resource.namespace) ref.namespace = resource.namespace;
    return ref;
  });
}
