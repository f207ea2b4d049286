/** The `details` of a Kubernetes Status. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: { reason?: string; message?: string; field?: string }[];
  retryAfterSeconds?: number;
}

/** A meta/v1 Status as the API server returns it for failures (and for some deletions). */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

const reasonByCode: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

function reasonForCode(code: number): string {
  return reasonByCode[code] ?? (code >= 500 ? 'InternalError' : 'BadRequest');
}

/** A failed request; the HTTP layer answers it with `toStatus()`. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): KubeStatus {
    const status: KubeStatus = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) status.details = this.details;
    return status;
  }
}

/** What a Status names: the plural resource, its group, and the object's name when there is one. */
export interface ResourceName {
  group: string;
  resource: string;
  name?: string;
}

/** `pods` or `deployments.apps`, the way the API server names a resource in messages. */
export function qualifiedResource(target: ResourceName): string {
  return target.group ? `${target.resource}.${target.group}` : target.resource;
}

function detailsOf(target: ResourceName): StatusDetails {
  const details: StatusDetails = {};
  if (target.name !== undefined) details.name = target.name;
  if (target.group) details.group = target.group;
  details.kind = target.resource;
  return details;
}

export function notFound(target: ResourceName): ApiError {
  return new ApiError(
    404,
    'NotFound',
    `${qualifiedResource(target)} "${target.name ?? ''}" not found`,
    detailsOf(target),
  );
}

export function alreadyExists(target: ResourceName): ApiError {
  return new ApiError(
    409,
    'AlreadyExists',
    `${qualifiedResource(target)} "${target.name ?? ''}" already exists`,
    detailsOf(target),
  );
}

export function conflict(target: ResourceName, cause: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(target)} "${target.name ?? ''}": ${cause}`,
    detailsOf(target),
  );
}

export const staleObjectCause =
  'the object has been modified; please apply your changes to the latest version and try again';

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function invalid(kind: string, group: string, name: string, field: string, message: string): ApiError {
  const details: StatusDetails = { name, kind, causes: [{ reason: 'FieldValueInvalid', message, field }] };
  if (group) details.group = group;
  return new ApiError(422, 'Invalid', `${kind} "${name}" is invalid: ${field}: ${message}`, details);
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function routeNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function methodNotAllowed(): ApiError {
  return new ApiError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );
}

export function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}

/** A Status for any code, as fault injection needs; 429 carries the retry hint the real server sends. */
export function errorForCode(code: number, message: string | undefined, target: ResourceName): ApiError {
  const reason = reasonForCode(code);
  const details = detailsOf(target);
  if (code === 429) details.retryAfterSeconds = 1;
  return new ApiError(code, reason, message ?? `${reason} (injected fault)`, details);
}
