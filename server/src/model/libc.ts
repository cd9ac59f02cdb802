// Decides the C library of a base image from its normalised reference, using the
// knowledge base and the tag conventions of official images (`-alpine`, `-slim`, ...).
import {
  ALPINE_GLIBC_IMAGES,
  GLIBC_BY_DEFAULT,
  GLIBC_REPOSITORIES,
  GLIBC_TAG_WORDS,
  MUSL_REPOSITORIES,
  NO_LIBC_REPOSITORIES,
  WINDOWS_TAG_WORDS,
  type Libc,
} from '../knowledge/images';
import { familyRuntime, findFamily, runtimeFromName, type Runtime } from '../knowledge/runtime-images';
import { formatImageReference, type ImageReference } from './image-reference';

/** What we concluded about an image, with a sentence a person can check. */
export interface ImageLibc {
  libc: Libc;
  /** True for Alpine images with glibc bolted on. */
  glibcOnMusl: boolean;
  reason: string;
  /** What showed glibc on musl when it came from outside the knowledge base (a registry history line). */
  evidence?: string;
  /** For glibc on musl: the runtime the image carries, as far as it can be told. */
  runtime?: Runtime;
  /** True when only the image's name says glibc on musl (lower confidence). */
  byName?: boolean;
}

/** Extra image facts supplied by configuration or a registry lookup. */
export interface ImageFact {
  /** Matches `name` (`mycorp/base`) or `name:tag`. */
  image: string;
  libc: Libc;
  glibcOnMusl?: boolean;
  reason: string;
  /** The runtime the image carries, when its history shows one. */
  runtime?: Runtime;
}

/**
 * Classifies an image; `facts` from configuration take precedence over built-in knowledge.
 * An image on another registry whose path is a Docker Hub image muslcheck knows (a pull-
 * through mirror such as `mirror.example.com/library/alpine`) is judged as that image.
 */
export function classifyImage(ref: ImageReference, facts: readonly ImageFact[] = []): ImageLibc {
  const direct = classifyDirect(ref, facts);
  if (direct.libc !== 'unknown' || ref.registry === 'docker.io') return direct;
  const hubRepository = ref.repository.startsWith('library/') ? ref.repository.slice('library/'.length) : ref.repository;
  const hub: ImageReference = {
    ...ref,
    registry: 'docker.io',
    repository: hubRepository,
    name: hubRepository,
    official: !hubRepository.includes('/'),
  };
  const mirrored = classifyDirect(hub, facts);
  if (mirrored.libc === 'unknown') return direct;
  return { ...mirrored, reason: `${formatImageReference(ref)}: mirror of Docker Hub's ${hubRepository} (${mirrored.reason})` };
}

function classifyDirect(ref: ImageReference, facts: readonly ImageFact[]): ImageLibc {
  const shown = formatImageReference(ref);
  const tag = (ref.tag ?? '').toLowerCase();
  const fact = facts.find((f) => f.image === ref.name || f.image === `${ref.name}:${ref.tag ?? 'latest'}` || f.image === shown);
  // A lookup that found nothing (it failed) does not overrule a name that says glibc.
  if (fact && !(fact.libc === 'unknown' && !fact.glibcOnMusl && namesGlibcOnAlpine(ref))) {
    const glibcOnMusl = fact.glibcOnMusl ?? false;
    return {
      libc: fact.libc,
      glibcOnMusl,
      reason: `${shown}: ${fact.reason}`,
      evidence: glibcOnMusl ? fact.reason : undefined,
      runtime: glibcOnMusl ? fact.runtime : undefined,
    };
  }

  if (ref.name === 'scratch') return { libc: 'none', glibcOnMusl: false, reason: 'scratch: empty image, no C library' };

  const alpineGlibc = ALPINE_GLIBC_IMAGES.find(
    (image) => image.repository === ref.name && (!image.tagContains || tag.includes(image.tagContains)),
  );
  if (alpineGlibc) {
    const family = findFamily(ref.name, tag);
    return {
      libc: 'musl',
      glibcOnMusl: true,
      reason: `${shown}: alpine-glibc image (${alpineGlibc.source})`,
      runtime: family ? familyRuntime(family, tag) : runtimeFromName(ref.name, tag),
    };
  }
  if (namesGlibcOnAlpine(ref)) {
    return {
      libc: 'musl',
      glibcOnMusl: true,
      reason: `${shown}: the name says glibc on Alpine`,
      evidence: 'the name says glibc',
      runtime: runtimeFromName(ref.name, tag),
      byName: true,
    };
  }

  const words = tag.split(/[-_.]/).filter(Boolean);
  if (WINDOWS_TAG_WORDS.some((w) => words.includes(w) || tag.includes(w))) {
    return { libc: 'unknown', glibcOnMusl: false, reason: `${shown}: Windows image, no Linux C library applies` };
  }
  const none = NO_LIBC_REPOSITORIES.find((r) => ref.name.startsWith(r.prefix));
  if (none) return { libc: 'none', glibcOnMusl: false, reason: `${shown}: ${none.source}` };

  if (ref.name === 'busybox' || ref.name.endsWith('/busybox')) {
    if (words.includes('musl')) return { libc: 'musl', glibcOnMusl: false, reason: `${shown}: busybox musl variant` };
    if (words.includes('uclibc')) return { libc: 'unknown', glibcOnMusl: false, reason: `${shown}: busybox uclibc variant` };
    return { libc: 'glibc', glibcOnMusl: false, reason: `${shown}: busybox defaults to its glibc variant` };
  }

  const musl = MUSL_REPOSITORIES.find((r) => r.repository === ref.name);
  if (musl) return { libc: 'musl', glibcOnMusl: false, reason: `${shown}: ${musl.source}` };
  if (/(^|[-_.])alpine/.test(tag)) {
    const kind = ref.official ? 'official image with an Alpine tag' : 'tag names an Alpine variant';
    return { libc: 'musl', glibcOnMusl: false, reason: `${shown}: ${kind}` };
  }
  if (/(^|[-_.])(wolfi|chainguard)/.test(tag)) return { libc: 'glibc', glibcOnMusl: false, reason: `${shown}: Wolfi-based tag (glibc)` };
  if (/(^|[-_.])musl($|[-_.])/.test(tag)) return { libc: 'musl', glibcOnMusl: false, reason: `${shown}: tag names a musl variant` };

  const repository = GLIBC_REPOSITORIES.find((r) => ref.name.startsWith(r.prefix));
  if (repository) return { libc: 'glibc', glibcOnMusl: false, reason: `${shown}: ${repository.source}` };
  const glibcWord = words.find((w) => GLIBC_TAG_WORDS.includes(w) || /^(ubi|al|ol|centos|jammy|focal)\d*$/.test(w));
  if (glibcWord) return { libc: 'glibc', glibcOnMusl: false, reason: `${shown}: tag '${glibcWord}' names a glibc distribution` };
  if (GLIBC_BY_DEFAULT.includes(ref.name)) {
    return { libc: 'glibc', glibcOnMusl: false, reason: `${shown}: official image, Debian/Ubuntu/RHEL based unless tagged alpine` };
  }
  return { libc: 'unknown', glibcOnMusl: false, reason: `${shown}: not in muslcheck's knowledge base` };
}

// Words of an image name that say the image is not Alpine, or builds glibc rather than
// running on it (sgerrand/glibc-builder runs on Ubuntu and makes the apks).
const NOT_ALPINE_WORDS = new Set([
  ...GLIBC_TAG_WORDS.filter((w) => w !== 'glibc' && w !== 'slim'),
  'builder',
  'build',
  'wolfi',
  'busybox',
  'musl',
]);

/**
 * True when the repository or tag says glibc and something in the reference says Alpine:
 * `x/alpine-glibc`, `alpine/glibc`, `x/alpine-java:8-glibc`, `x/glibc-alpine-node`.
 */
function namesGlibcOnAlpine(ref: ImageReference): boolean {
  // The repository path and tag only: a registry host (glibc.example.com) is not the image's name.
  const words = `${ref.repository}:${(ref.tag ?? '').toLowerCase()}`.split(/[-_./:]+/).filter(Boolean);
  const glibc = words.some((w) => /^(?:alpine)?glibc(?:alpine)?$/.test(w));
  const alpine = words.some((w) => /^alpine(?:\d[\d.]*)?(?:glibc)?$/.test(w) || w === 'glibcalpine');
  return glibc && alpine && !words.some((w) => NOT_ALPINE_WORDS.has(w));
}
