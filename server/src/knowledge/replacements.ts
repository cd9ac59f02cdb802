// glibc base images to suggest instead of an alpine-glibc image, by what the image runs.
// Distroless catalogue facts: gcr.io/distroless (Debian 13 images, 2026).

/** A suggested glibc base. */
export interface Replacement {
  image: string;
  /** Why it fits, shown in the fix title. */
  note: string;
}

/** Distroless images by the runtime the alpine-glibc image carried. */
export function distrolessFor(repository: string, tag: string): Replacement {
  const text = `${repository}:${tag}`.toLowerCase();
  if (/java|jdk|jre|temurin|ibmjava|openj9/.test(text))
    return { image: 'gcr.io/distroless/java21-debian13', note: 'glibc, Java 21, no shell' };
  if (/node/.test(text)) return { image: 'gcr.io/distroless/nodejs22-debian13', note: 'glibc, Node.js 22, no shell' };
  if (/python|conda/.test(text)) return { image: 'gcr.io/distroless/python3-debian13', note: 'glibc, Python 3, no shell' };
  return { image: 'gcr.io/distroless/cc-debian13', note: 'glibc and libgcc, no shell' };
}

/** A plain glibc distribution base with a package manager. */
export const DEBIAN_SLIM: Replacement = { image: 'debian:13-slim', note: 'glibc, with apt' };
