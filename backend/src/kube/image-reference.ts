/**
 * A container image reference split the way Docker (distribution/reference) splits it:
 * `[registry[:port]/]repository[:tag][@digest]`.
 */
export interface ImageReference {
  /** Registry host, with its port when one is given; `docker.io` when the reference names none. */
  registry: string;
  /** Path inside the registry, without the registry: `shop/web`, `library/nginx`. */
  repository: string;
  tag?: string;
  /** `sha256:<hex>` when the image is pinned by digest. */
  digest?: string;
  /**
   * True when the reference named no registry (`nginx:1.27`, `bitnami/redis`). Formatting then keeps
   * docker.io and `library/` implicit, so an edit changes only what it means to change.
   */
  familiar: boolean;
}

const DEFAULT_REGISTRY = 'docker.io';
const LEGACY_DEFAULT_REGISTRY = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';
const NAME_MAX_LENGTH = 255;

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const REGISTRY = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`,
);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** Docker refuses a bare image ID where a name is expected. */
const IMAGE_ID = /^[a-f0-9]{64}$/;

/**
 * The first path segment names a registry when it looks like a host (has a dot or a port, or is
 * localhost) or has upper-case letters, which a repository never has.
 */
function isRegistrySegment(segment: string): boolean {
  return (
    segment.includes('.') ||
    segment.includes(':') ||
    segment === 'localhost' ||
    segment.toLowerCase() !== segment
  );
}

/** Parses an image reference; undefined when Docker would reject it as an invalid reference format. */
export function parseImageReference(text: string): ImageReference | undefined {
  if (IMAGE_ID.test(text)) return undefined;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }

  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  const familiar = slash < 0 || !isRegistrySegment(first);
  let registry = familiar ? DEFAULT_REGISTRY : first;
  let repository = familiar ? rest : rest.slice(slash + 1);
  if (registry === LEGACY_DEFAULT_REGISTRY) registry = DEFAULT_REGISTRY;
  if (registry === DEFAULT_REGISTRY && !repository.includes('/')) repository = OFFICIAL_PREFIX + repository;

  if (!REGISTRY.test(registry) || !REPOSITORY.test(repository)) return undefined;
  if (registry.length + 1 + repository.length > NAME_MAX_LENGTH) return undefined;

  const reference: ImageReference = { registry, repository, familiar };
  if (tag !== undefined) reference.tag = tag;
  if (digest !== undefined) reference.digest = digest;
  return reference;
}

/** The reference as text: the registry and path, then `:tag` and `@digest` when present. */
export function formatImageReference(reference: ImageReference): string {
  let name = `${reference.registry}/${reference.repository}`;
  if (reference.familiar && reference.registry === DEFAULT_REGISTRY) {
    const path = reference.repository;
    const official = path.startsWith(OFFICIAL_PREFIX) && !path.slice(OFFICIAL_PREFIX.length).includes('/');
    name = official ? path.slice(OFFICIAL_PREFIX.length) : path;
  }
  if (reference.tag !== undefined) name += `:${reference.tag}`;
  if (reference.digest !== undefined) name += `@${reference.digest}`;
  return name;
}
