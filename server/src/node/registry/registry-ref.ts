// What a registry request needs from an image reference: which host to contact, which
// repository, and which tag or digest. The reference is read by the core's parser
// (model/image-reference.ts); this module only maps its reading onto the registry API.
import { DOCKER_HUB_NAMES, parseImageReference } from '../../model/image-reference';

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
 * The request for `[registry/]repository[:tag][@digest]`, or the reason a registry cannot
 * serve it (variables left unexpanded, bad characters).
 */
export function registryRef(text: string): RegistryRef | string {
  const ref = parseImageReference(text);
  if (!ref) return `${text} is not a valid image reference`;
  if (ref.problem) return `${text} ${ref.problem}`;
  const registry = canonicalRegistry(ref.registry);
  const repository = ref.official ? `library/${ref.repository}` : ref.repository;
  if (ref.digest) return { registry, repository, digest: ref.digest, original: text };
  return { registry, repository, tag: ref.tag ?? 'latest', original: text };
}

/** `registry/repository:tag` or `registry/repository@digest`, a stable cache key. */
export function refKey(ref: RegistryRef): string {
  return `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`}`;
}
