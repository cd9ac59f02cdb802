// Official Docker Hub images whose default user is not root: a RUN of apk there fails with
// "Permission denied". Data only, each entry with where the fact comes from.

/** An official image that ends its Dockerfile with a non-root USER. */
export interface NonRootImage {
  /** Repository as normalised by `parseImageReference` (`haproxy`). */
  repository: string;
  /** Only tags containing this text, when set. */
  tagContains?: string;
  source: string;
}

export const NON_ROOT_OFFICIAL_IMAGES: readonly NonRootImage[] = [
  { repository: 'haproxy', source: 'docker-library/haproxy Dockerfiles end with `USER haproxy` (since 2.4)' },
  { repository: 'wordpress', tagContains: 'cli', source: 'docker-library/wordpress cli/*/alpine/Dockerfile ends with `USER www-data`' },
];
