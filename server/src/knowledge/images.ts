// What muslcheck knows about base images: which are alpine-glibc, and which C library the
// common bases use. Data only, each entry with where the fact comes from.

/** The C library family of an image. */
export type Libc = 'musl' | 'glibc' | 'none' | 'unknown';

/** An image known to bolt glibc onto Alpine. */
export interface AlpineGlibcImage {
  /** Repository as normalised by `parseImageReference` (`frolvlad/alpine-glibc`). */
  repository: string;
  /** Only tags containing this text, when set. */
  tagContains?: string;
  /** Why we believe it, and where that was read. */
  source: string;
}

/** Images that install glibc on Alpine in their own build. */
export const ALPINE_GLIBC_IMAGES: readonly AlpineGlibcImage[] = [
  { repository: 'frolvlad/alpine-glibc', source: 'Docker-Hub-frolvlad/docker-alpine-glibc Dockerfile builds glibc into /usr/glibc-compat' },
  { repository: 'frolvlad/alpine-oraclejdk8', source: 'built on frolvlad/alpine-glibc (docker-alpine-glibc README)' },
  { repository: 'frolvlad/alpine-mono', source: 'built on frolvlad/alpine-glibc (docker-alpine-glibc README)' },
  { repository: 'frolvlad/alpine-miniconda3', source: 'built on frolvlad/alpine-glibc (docker-alpine-glibc README)' },
  { repository: 'frolvlad/alpine-miniconda2', source: 'built on frolvlad/alpine-glibc (docker-alpine-glibc README)' },
  { repository: 'frolvlad/alpine-python-machinelearning', source: 'built on frolvlad/alpine-glibc (docker-alpine-glibc README)' },
  { repository: 'anapsix/alpine-java', source: 'anapsix/docker-alpine-java Dockerfiles install sgerrand glibc' },
  { repository: 'jeanblanchard/alpine-glibc', source: 'jeanblanchard/docker-alpine-glibc Dockerfile' },
  { repository: 'jeanblanchard/java', source: 'built on jeanblanchard/alpine-glibc' },
  {
    repository: 'adoptopenjdk/openjdk8',
    tagContains: 'alpine',
    source: 'AdoptOpenJDK/openjdk-docker alpine Dockerfiles unpack glibc into /usr/glibc-compat',
  },
  { repository: 'adoptopenjdk/openjdk11', tagContains: 'alpine', source: 'AdoptOpenJDK/openjdk-docker alpine Dockerfiles' },
  { repository: 'adoptopenjdk/openjdk14', tagContains: 'alpine', source: 'AdoptOpenJDK/openjdk-docker alpine Dockerfiles' },
  { repository: 'adoptopenjdk/openjdk15', tagContains: 'alpine', source: 'AdoptOpenJDK/openjdk-docker alpine Dockerfiles' },
  { repository: 'adoptopenjdk/openjdk16', tagContains: 'alpine', source: 'AdoptOpenJDK/openjdk-docker alpine Dockerfiles' },
  { repository: 'adoptopenjdk', tagContains: 'alpine', source: 'AdoptOpenJDK/openjdk-docker alpine Dockerfiles' },
  { repository: 'ibmjava', tagContains: 'alpine', source: 'docker-library repo-info for ibmjava 8-sdk-alpine' },
  { repository: 'continuumio/miniconda3', tagContains: 'alpine', source: 'ContinuumIO/docker-images miniconda3/alpine/Dockerfile' },
  { repository: 'prantlf/alpine-glibc', source: 'prantlf/docker-alpine-glibc README' },
  { repository: 'sirmark/node', tagContains: 'alpine-glibc', source: 'sirmark/node README' },
];

/** Official images whose default and non-Alpine tags are glibc-based (Debian, Ubuntu, RHEL...). */
export const GLIBC_BY_DEFAULT: readonly string[] = [
  'almalinux',
  'amazoncorretto',
  'amazonlinux',
  'bash',
  'buildpack-deps',
  'centos',
  'clojure',
  'debian',
  'eclipse-temurin',
  'elixir',
  'erlang',
  'fedora',
  'gcc',
  'golang',
  'gradle',
  'haskell',
  'httpd',
  'jruby',
  'julia',
  'maven',
  'mono',
  'nginx',
  'node',
  'openjdk',
  'oraclelinux',
  'perl',
  'php',
  'postgres',
  'pypy',
  'python',
  'rockylinux',
  'ruby',
  'rust',
  'swift',
  'tomcat',
  'ubuntu',
  'redis',
  'mysql',
  'mariadb',
  'sapmachine',
  'ibm-semeru-runtimes',
  'archlinux',
  'opensuse/leap',
  'opensuse/tumbleweed',
  'photon',
  'clearlinux',
  'mageia',
  'kalilinux/kali-rolling',
  'composer',
  'dart',
  'neurodebian',
  'r-base',
];

/** Image repositories (any registry) that are glibc-based whatever the tag. */
export const GLIBC_REPOSITORIES: readonly { prefix: string; source: string }[] = [
  { prefix: 'gcr.io/distroless/', source: 'distroless images are Debian based' },
  { prefix: 'cgr.dev/chainguard/', source: 'Chainguard images are built on Wolfi (glibc)' },
  { prefix: 'chainguard/', source: 'Chainguard images are built on Wolfi (glibc)' },
  { prefix: 'cgr.dev/chainguard/wolfi-base', source: 'Wolfi is glibc based' },
  { prefix: 'registry.access.redhat.com/', source: 'Red Hat UBI images' },
  { prefix: 'redhat/ubi', source: 'Red Hat UBI images' },
  { prefix: 'mcr.microsoft.com/', source: 'Microsoft images are Debian/Ubuntu/Azure Linux based unless tagged alpine' },
  { prefix: 'container-registry.oracle.com/', source: 'Oracle Linux based' },
  { prefix: 'oracle/graalvm-ce', source: 'Oracle Linux based GraalVM images' },
  { prefix: 'ghcr.io/graalvm/', source: 'Oracle Linux based GraalVM images' },
  { prefix: 'public.ecr.aws/lambda/', source: 'Amazon Linux based' },
  { prefix: 'public.ecr.aws/amazonlinux/', source: 'Amazon Linux' },
  { prefix: 'quay.io/centos/', source: 'CentOS Stream' },
  { prefix: 'quay.io/fedora/', source: 'Fedora' },
  { prefix: 'nvidia/cuda', source: 'Ubuntu/UBI based CUDA images' },
  { prefix: 'adoptopenjdk/', source: 'AdoptOpenJDK images are Ubuntu based unless tagged alpine' },
  { prefix: 'adoptopenjdk', source: 'AdoptOpenJDK images are Ubuntu based unless tagged alpine' },
];

/** Repositories that have no C library at all. */
export const NO_LIBC_REPOSITORIES: readonly { prefix: string; source: string }[] = [
  { prefix: 'gcr.io/distroless/static', source: 'distroless static: no libc, for static binaries' },
  { prefix: 'cgr.dev/chainguard/static', source: 'Chainguard static: no libc' },
  { prefix: 'chainguard/static', source: 'Chainguard static: no libc' },
];

/** Official images that are Alpine (musl) in every tag. */
export const MUSL_REPOSITORIES: readonly { repository: string; source: string }[] = [
  { repository: 'alpine', source: 'official alpine image' },
  { repository: 'docker', source: 'official docker image is Alpine based' },
  { repository: 'traefik', source: 'official traefik image is Alpine based' },
  { repository: 'registry', source: 'official registry image is Alpine based' },
  { repository: 'vault', source: 'official vault image is Alpine based' },
  { repository: 'consul', source: 'official consul image is Alpine based' },
  { repository: 'hashicorp/terraform', source: 'hashicorp/terraform image is Alpine based' },
];

/** Tag words that name a glibc distribution release or variant. */
export const GLIBC_TAG_WORDS: readonly string[] = [
  'bookworm',
  'bullseye',
  'buster',
  'stretch',
  'jessie',
  'trixie',
  'forky',
  'sid',
  'slim',
  'focal',
  'jammy',
  'noble',
  'bionic',
  'xenial',
  'trusty',
  'oracular',
  'plucky',
  'debian',
  'ubuntu',
  'centos',
  'fedora',
  'rockylinux',
  'almalinux',
  'oraclelinux',
  'ol7',
  'ol8',
  'ol9',
  'amazonlinux',
  'al2',
  'al2023',
  'ubi',
  'ubi8',
  'ubi9',
  'ubi10',
  'jdk-focal',
  'jre-focal',
  'glibc',
];

/** Tag words that name a Windows base: no Linux C library applies. */
export const WINDOWS_TAG_WORDS: readonly string[] = ['windowsservercore', 'nanoserver', 'ltsc2019', 'ltsc2022', 'ltsc2025'];

/** Official images that publish `-alpine` variants of their tags, for "build in the Alpine variant" fixes. */
export const HAS_ALPINE_VARIANT: readonly string[] = [
  'golang',
  'rust',
  'node',
  'python',
  'ruby',
  'php',
  'eclipse-temurin',
  'maven',
  'gradle',
  'haskell',
  'elixir',
  'erlang',
  'perl',
  'nginx',
  'httpd',
  'postgres',
  'redis',
  'bash',
  'pypy',
];
