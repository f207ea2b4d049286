/** What a resource request does, in the terms RBAC, fault injection and the request log use. */
export interface RequestAttributes {
  verb: string;
  group: string;
  /** Plural resource name. */
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** `pods` or `pods/log`. */
export function resourcePath(attributes: RequestAttributes): string {
  return attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
}
