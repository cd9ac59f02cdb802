// Parses and normalises image references, so `docker.io/library/alpine:3.20` and
// `alpine:3.20` are the same image and registry ports are not mistaken for tags.

/** A parsed image reference. */
export interface ImageReference {
  /** Registry host (with port), or `docker.io`. */
  registry: string;
  /** Repository path without the registry; Docker Hub official images lose `library/`. */
  repository: string;
  tag: string | null;
  digest: string | null;
  /** `repository` for Docker Hub, `registry/repository` elsewhere: what the knowledge base matches. */
  name: string;
  /** True for Docker Hub images without a namespace (`alpine`, `library/alpine`). */
  official: boolean;
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** Parses an image reference; returns null when it is empty or not a valid reference. */
export function parseImageReference(text: string): ImageReference | null {
  let rest = text.trim();
  if (!rest || /\s/.test(rest)) return null;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || null;
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1) || null;
    rest = rest.slice(0, colon);
  }
  if (!rest) return null;
  const parts = rest.split('/');
  let registry = 'docker.io';
  const first = parts[0];
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first.toLowerCase();
    parts.shift();
  }
  if (DOCKER_HUB.has(registry)) registry = 'docker.io';
  let repository = parts.join('/').toLowerCase();
  const hub = registry === 'docker.io';
  if (hub && repository.startsWith('library/')) repository = repository.slice('library/'.length);
  if (!repository) return null;
  const official = hub && !repository.includes('/');
  return { registry, repository, tag, digest, name: hub ? repository : `${registry}/${repository}`, official };
}

/** The reference written in its shortest normal form (`alpine:3.20`). */
export function formatImageReference(ref: ImageReference): string {
  return `${ref.name}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
