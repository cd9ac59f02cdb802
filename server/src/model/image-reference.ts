// Parses and normalises image references, so `docker.io/library/alpine:3.20` and
// `alpine:3.20` are the same image and registry ports are not mistaken for tags. The one
// reader of the syntax: the registry client builds its requests from this reading too, so a
// reference it refuses carries the reason (`problem`) rather than being parsed differently.

/** A parsed image reference. */
export interface ImageReference {
  /** Registry host (with port), lower-case, or `docker.io`. */
  registry: string;
  /** Repository path without the registry, lower-case; Docker Hub official images lose `library/`. */
  repository: string;
  tag: string | null;
  digest: string | null;
  /** `repository` for Docker Hub, `registry/repository` elsewhere: what the knowledge base matches. */
  name: string;
  /** True for Docker Hub images without a namespace (`alpine`, `library/alpine`). */
  official: boolean;
  /**
   * Why a registry would refuse the reference as written (`contains an unexpanded variable`,
   * `has an invalid tag`, an upper-case repository, ...), or null. The other fields are still
   * the best reading, so the knowledge base can match `FROM Frolvlad/Alpine-Glibc`.
   */
  problem: string | null;
}

/** The names people write for Docker Hub. */
export const DOCKER_HUB_NAMES: ReadonlySet<string> = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

// The grammar of github.com/distribution/reference, as registries enforce it.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const HOST = /^(?:\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?)(?::\d+)?$/;
const MAX_NAME_LENGTH = 255;

/** Parses an image reference; returns null when it is empty or has no repository at all. */
export function parseImageReference(text: string): ImageReference | null {
  const written = text.trim();
  if (!written || /\s/.test(written)) return null;
  let rest = written;
  let digest: string | null = null;
  let digestWritten: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digestWritten = rest.slice(at + 1);
    digest = digestWritten || null;
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  let tagWritten: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tagWritten = rest.slice(colon + 1);
    tag = tagWritten || null;
    rest = rest.slice(0, colon);
  }
  if (!rest) return null;
  const parts = rest.split('/');
  let registry = 'docker.io';
  let host: string | null = null;
  const first = parts[0];
  // The first component is a registry only when it looks like a host: it has a dot or a
  // port, or is localhost. Otherwise `mycorp/base` is a Docker Hub repository.
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    host = first;
    registry = first.toLowerCase();
    parts.shift();
  }
  if (DOCKER_HUB_NAMES.has(registry)) registry = 'docker.io';
  const path = parts.join('/');
  let repository = path.toLowerCase();
  const hub = registry === 'docker.io';
  // `library/alpine` is the official `alpine`; `library/a/b` is a repository of its own.
  if (hub && parts.length === 2 && repository.startsWith('library/')) repository = repository.slice('library/'.length);
  if (!repository) return null;
  const official = hub && !repository.includes('/');
  const name = hub ? repository : `${registry}/${repository}`;
  const problem = referenceProblem(written, host, parts, tagWritten, digestWritten, name);
  return { registry, repository, tag, digest, name, official, problem };
}

function referenceProblem(
  written: string,
  host: string | null,
  parts: readonly string[],
  tag: string | null,
  digest: string | null,
  name: string,
): string | null {
  if (written.includes('$')) return 'contains an unexpanded variable';
  if (digest !== null && !DIGEST.test(digest)) return 'has an invalid digest';
  if (host !== null && !HOST.test(host)) return 'has an invalid registry host';
  if (tag !== null && !TAG.test(tag)) return 'has an invalid tag';
  if (!parts.every((p) => PATH_COMPONENT.test(p)) || name.length > MAX_NAME_LENGTH) return 'is not a valid repository name';
  return null;
}

/** The reference written in its shortest normal form (`alpine:3.20`). */
export function formatImageReference(ref: ImageReference): string {
  return `${ref.name}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
