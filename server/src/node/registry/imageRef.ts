// The few parts of an image reference the registry client needs: where the registry is,
// which repository, and which tag or digest. Kept inside registry/ so the network code
// does not depend on the core's richer reference model.

/** A reference split into what a registry request needs. */
export interface RegistryRef {
  /** Authority to contact: `host[:port]`, with Docker Hub mapped to its API host. */
  registry: string;
  /** Repository path, with `library/` added for Docker Hub's official images. */
  repository: string;
  /** Tag, when no digest was given (defaults to `latest`). */
  tag?: string;
  /** `algorithm:hex` digest, when given. */
  digest?: string;
  /** The reference as written, for messages. */
  original: string;
}

/** Docker Hub's API host; the names people write for Hub all lead here. */
export const DOCKER_HUB_API = 'registry-1.docker.io';
const DOCKER_HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** True for names that can only mean this machine: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return v4 !== null && v4.slice(1).every((n) => Number(n) <= 255);
}

/** Maps the names people write for a registry to the host its API answers on. */
export function canonicalRegistry(host: string): string {
  const h = host.toLowerCase();
  return DOCKER_HUB_NAMES.has(h) ? DOCKER_HUB_API : h;
}

/**
 * Splits `[registry/]repository[:tag][@digest]`. Returns a reason string for references
 * that cannot name a registry image (variables left unexpanded, bad characters).
 */
export function parseRegistryRef(text: string): RegistryRef | string {
  const original = text;
  if (text.includes('$')) return `${original} contains an unexpanded variable`;
  let rest = text.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return `${original} has an invalid digest`;
  }
  // The registry is the first component only when it looks like a host: it has a dot or
  // a port, or is localhost. Otherwise `mycorp/base` is a Docker Hub repository.
  let registry = 'docker.io';
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('[')) {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return `${original} has an invalid tag`;
  }
  if (rest === '' || !rest.split('/').every((c) => PATH_COMPONENT.test(c))) {
    return `${original} is not a valid repository name`;
  }
  registry = canonicalRegistry(registry);
  const repository = registry === DOCKER_HUB_API && !rest.includes('/') ? `library/${rest}` : rest;
  if (digest) return { registry, repository, digest, original };
  return { registry, repository, tag: tag ?? 'latest', original };
}

/** `registry/repository:tag` or `registry/repository@digest`, a stable cache key. */
export function refKey(ref: RegistryRef): string {
  return `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`}`;
}
