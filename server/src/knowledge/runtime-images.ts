// What an alpine-glibc image carries besides glibc (a JRE, conda, Node.js...), and which
// image carries the same runtime without bolting glibc on: the musl build where one exists,
// else the glibc build on Debian. Data, each family with where it was read.

/** A language runtime an image provides. `none` is plain glibc on Alpine. */
export type RuntimeKind = 'java' | 'node' | 'python' | 'conda' | 'mono' | 'graalvm' | 'none';

/** How the runtime was told: the family table, the image's name, or its registry history. */
export type RuntimeEvidence = 'family' | 'name' | 'history';

/** What is known of a runtime, wherever it was read. */
interface RuntimeFacts {
  kind: RuntimeKind;
  /**
   * Java/Node/GraalVM major, Python `X.Y`, conda distribution (`miniconda3`); unset when
   * unknown. In a family: the version when the tag does not say (fixed by the repository, or
   * its `latest`).
   */
  version?: string;
  /** Java: the JRE or the full JDK (in a family: of tags that do not say, such as `latest`). */
  flavour?: 'jre' | 'jdk';
  /** Java: a JVM other than HotSpot (Temurin is HotSpot). */
  jvm?: 'openj9';
  /** Who built the runtime, for messages (`Oracle`). */
  vendor?: string;
  /** Where the image keeps the runtime when the replacement keeps it elsewhere. */
  home?: string;
  /** Alpine packages the image adds that the replacement lacks; the fix installs them. */
  packages?: readonly string[];
  /** What else the image carries that no replacement keeps: the fix is then unsafe. */
  extras?: string;
}

/** The runtime of one image reference. */
export interface Runtime extends RuntimeFacts {
  from: RuntimeEvidence;
}

/** One alpine-glibc image family. */
export interface RuntimeFamily extends RuntimeFacts {
  /** Repository as normalised by `parseImageReference`. */
  repository: string;
  /** Only tags containing this text, when set. */
  tagContains?: string;
  /** Where the facts were read. */
  source: string;
}

/** The alpine-glibc families muslcheck knows, by repository. */
export const RUNTIME_FAMILIES: readonly RuntimeFamily[] = [
  { repository: 'frolvlad/alpine-glibc', kind: 'none', source: 'https://github.com/Docker-Hub-frolvlad/docker-alpine-glibc' },
  { repository: 'jeanblanchard/alpine-glibc', kind: 'none', source: 'https://github.com/jeanblanchard/docker-alpine-glibc' },
  { repository: 'prantlf/alpine-glibc', kind: 'none', source: 'https://github.com/prantlf/docker-alpine-glibc' },
  {
    // Tags `latest`, `8`, `8_server-jre`, `8_jdk`, `8u192b12`...; Java in /opt/jdk, with bash.
    repository: 'anapsix/alpine-java',
    kind: 'java',
    version: '8',
    flavour: 'jre',
    vendor: 'Oracle',
    home: '/opt/jdk',
    packages: ['bash'],
    source: 'https://github.com/anapsix/docker-alpine-java (README tags; 8/*/Dockerfile: JAVA_HOME=/opt/jdk, apk add bash)',
  },
  {
    // `latest` is `cleaned`, `slim` keeps the compiler: all JDKs.
    repository: 'frolvlad/alpine-oraclejdk8',
    kind: 'java',
    version: '8',
    flavour: 'jdk',
    vendor: 'Oracle',
    home: '/usr/lib/jvm',
    source: 'https://github.com/Docker-Hub-frolvlad/docker-alpine-java (README, Dockerfile: JAVA_HOME=/usr/lib/jvm/default-jvm)',
  },
  {
    repository: 'frolvlad/alpine-oraclejre8',
    kind: 'java',
    version: '8',
    flavour: 'jre',
    vendor: 'Oracle',
    home: '/usr/lib/jvm',
    source: 'https://github.com/Docker-Hub-frolvlad/docker-alpine-oraclejre8',
  },
  {
    // `latest`, `8`, `serverjre-8` are the Server JRE; `jdk-8`, `jre-8` as named.
    repository: 'jeanblanchard/java',
    kind: 'java',
    version: '8',
    flavour: 'jre',
    vendor: 'Oracle',
    home: '/opt/jdk',
    source: 'https://github.com/jeanblanchard/docker-java (README tags; serverjre/Dockerfile: JAVA_HOME /opt/jdk)',
  },
  ...['8', '11', '14', '15', '16'].map((major): RuntimeFamily => ({
    repository: `adoptopenjdk/openjdk${major}`,
    tagContains: 'alpine',
    kind: 'java',
    version: major,
    flavour: 'jdk',
    source: 'https://github.com/AdoptOpenJDK/openjdk-docker (alpine Dockerfiles; tags alpine, alpine-jre, alpine-slim)',
  })),
  ...['8', '11'].map((major): RuntimeFamily => ({
    repository: `adoptopenjdk/openjdk${major}-openj9`,
    tagContains: 'alpine',
    kind: 'java',
    version: major,
    flavour: 'jdk',
    jvm: 'openj9',
    source: 'https://github.com/AdoptOpenJDK/openjdk-docker (OpenJ9 alpine Dockerfiles)',
  })),
  {
    repository: 'adoptopenjdk',
    tagContains: 'alpine',
    kind: 'java',
    flavour: 'jdk',
    source: 'https://github.com/AdoptOpenJDK/openjdk-docker (alpine Dockerfiles)',
  },
  {
    // 8-jre-alpine, 8-sdk-alpine, 8-sfj-alpine: IBM's J9 JVM.
    repository: 'ibmjava',
    tagContains: 'alpine',
    kind: 'java',
    version: '8',
    flavour: 'jdk',
    jvm: 'openj9',
    vendor: 'IBM',
    source: 'https://github.com/ibmruntimes/ci.docker (ibmjava 8 alpine Dockerfiles)',
  },
  {
    repository: 'frolvlad/alpine-miniconda3',
    kind: 'conda',
    version: 'miniconda3',
    home: '/opt/conda',
    source: 'https://github.com/Docker-Hub-frolvlad/docker-alpine-miniconda3 (Dockerfile: CONDA_DIR=/opt/conda)',
  },
  {
    repository: 'frolvlad/alpine-miniconda2',
    kind: 'conda',
    version: 'miniconda2',
    home: '/opt/conda',
    source: 'https://github.com/Docker-Hub-frolvlad/docker-alpine-miniconda2',
  },
  {
    repository: 'continuumio/miniconda3',
    tagContains: 'alpine',
    kind: 'conda',
    version: 'miniconda3',
    home: '/opt/conda',
    source: 'https://github.com/ContinuumIO/docker-images (miniconda3/alpine/Dockerfile)',
  },
  {
    repository: 'frolvlad/alpine-python-machinelearning',
    kind: 'python',
    version: '3',
    extras: 'NumPy, SciPy, scikit-learn and pandas built for this image',
    source: 'https://github.com/Docker-Hub-frolvlad/docker-alpine-python-machinelearning',
  },
  {
    repository: 'frolvlad/alpine-mono',
    kind: 'mono',
    source: 'https://github.com/Docker-Hub-frolvlad/docker-alpine-mono',
  },
  {
    // `12-alpine-glibc`, `14-alpine-glibc`...: the major is the tag's first number.
    repository: 'sirmark/node',
    tagContains: 'alpine-glibc',
    kind: 'node',
    source: 'https://hub.docker.com/r/sirmark/node (README)',
  },
];

/** Java majors that Eclipse Temurin publishes as `-jre-alpine` and `-jdk-alpine` images. */
export const TEMURIN_ALPINE_MAJORS: readonly number[] = [8, 11, 17, 21, 25];
/** Where the Temurin tags were read. */
export const TEMURIN_SOURCE = 'https://github.com/docker-library/official-images/blob/master/library/eclipse-temurin';

/** Java majors of GraalVM Community images (Oracle Linux, glibc): `ghcr.io/graalvm/jdk-community:<major>`. */
export const GRAALVM_COMMUNITY_MAJORS: readonly number[] = [17, 21, 25];

/** conda distributions and their Debian-based images (conda has no musl build). */
export const CONDA_IMAGES: Readonly<Record<string, string>> = {
  miniconda3: 'continuumio/miniconda3',
  miniconda2: 'continuumio/miniconda',
  anaconda3: 'continuumio/anaconda3',
  miniforge3: 'condaforge/miniforge3',
};

/** The family an image reference belongs to, if any. */
export function findFamily(repository: string, tag: string): RuntimeFamily | undefined {
  const lower = tag.toLowerCase();
  return RUNTIME_FAMILIES.find((f) => f.repository === repository && (!f.tagContains || lower.includes(f.tagContains)));
}

/** The runtime of an image of a known family, the tag filling in version and flavour. */
export function familyRuntime(family: RuntimeFamily, tag: string): Runtime {
  const lower = tag.toLowerCase();
  const runtime: Runtime = { kind: family.kind, version: family.version, from: 'family' };
  if (family.vendor) runtime.vendor = family.vendor;
  if (family.home) runtime.home = family.home;
  if (family.packages) runtime.packages = family.packages;
  if (family.extras) runtime.extras = family.extras;
  if (family.jvm || /openj9/.test(lower)) runtime.jvm = 'openj9';
  if (family.kind === 'java' || family.kind === 'node') {
    // A repository with a fixed version only changes it in tags that start with one
    // (anapsix `7_jdk`); elsewhere a number may be an architecture (`x86_64-alpine`).
    const major = family.version ? /^(?:jdk|jre|serverjre|sdk)?-?(\d{1,2})(?!\d)/.exec(lower)?.[1] : leadingMajor(lower);
    if (major) runtime.version = major;
  }
  if (family.kind === 'java') runtime.flavour = javaFlavour(lower) ?? family.flavour ?? 'jdk';
  return runtime;
}

/**
 * The runtime an image's name suggests (`someone/alpine-glibc-openjdk:11`). Only a guess: a
 * name does not say what else the image carries. `none` when the name names no runtime.
 */
export function runtimeFromName(repository: string, tag: string): Runtime {
  const name = repository.toLowerCase();
  const lower = tag.toLowerCase();
  const text = `${name}:${lower}`;
  const major = leadingMajor(lower) ?? /(?:jdk|jre|java|node|graalvm)-?(\d{1,2})(?!\d)/.exec(name)?.[1];
  if (/graalvm/.test(text)) return { kind: 'graalvm', version: major, flavour: 'jdk', from: 'name' };
  if (/(?:^|[/_.:-])(?:oracle)?(?:java|jdk|jre|openjdk|temurin)\d*(?:$|[/_.:-])/.test(text)) {
    return { kind: 'java', version: major, flavour: javaFlavour(text) ?? 'jdk', from: 'name' };
  }
  if (/(?:mini|ana)conda|miniforge/.test(text)) {
    const distribution = Object.keys(CONDA_IMAGES).find((d) => text.includes(d));
    return { kind: 'conda', version: distribution, from: 'name' };
  }
  if (/(?:^|[/_.:-])node(?:js)?(?:$|[/_.:-])/.test(text)) return { kind: 'node', version: major, from: 'name' };
  if (/(?:^|[/_.:-])python\d?(?:$|[/_.:-])/.test(text)) {
    return { kind: 'python', version: /^(\d\.\d{1,2})(?!\d)/.exec(lower)?.[1], from: 'name' };
  }
  return { kind: 'none', from: 'name' };
}

/**
 * The runtime an image's environment shows (its history's ENV lines, read with
 * `--resolve-images`): the variables the runtimes' own images and installers set.
 */
export function runtimeFromEnvironment(get: (name: string) => string | undefined): Runtime | null {
  const java = get('JAVA_VERSION') ?? get('JAVA_VERSION_MAJOR') ?? get('JDK_VERSION');
  if (java !== undefined) {
    const major = /^(?:jdk-?)?1\.(\d)\b/.exec(java)?.[1] ?? /^(?:jdk-?)?(\d{1,2})(?!\d)/.exec(java)?.[1];
    const home = get('JAVA_HOME');
    const flavour = javaFlavour(`${home ?? ''} ${get('JAVA_PACKAGE') ?? ''}`) ?? 'jdk';
    return { kind: 'java', version: major, flavour, home, from: 'history' };
  }
  const graal = get('GRAALVM_HOME');
  if (graal !== undefined) return { kind: 'graalvm', flavour: 'jdk', home: graal, from: 'history' };
  const node = get('NODE_VERSION');
  if (node !== undefined) return { kind: 'node', version: /^v?(\d+)/.exec(node)?.[1], from: 'history' };
  const conda = get('CONDA_DIR') ?? get('CONDA_HOME');
  if (conda !== undefined) return { kind: 'conda', version: 'miniconda3', home: conda, from: 'history' };
  const python = get('PYTHON_VERSION');
  if (python !== undefined) return { kind: 'python', version: /^(\d\.\d{1,2})(?!\d)/.exec(python)?.[1], from: 'history' };
  return null;
}

/** A base image that carries a runtime, as the MC1001 fix offers it. */
export interface RuntimeReplacement {
  image: string;
  libc: 'musl' | 'glibc';
  /** What it is, for fix titles: `Java 8 JRE on musl`. */
  note: string;
  /** True when it carries the same runtime and version; false for the nearest fit. */
  exact: boolean;
  /** Why it is not exact, for messages. */
  caveat?: string;
}

/** The image that carries the same runtime without glibc on Alpine, or null for plain glibc. */
export function runtimeReplacement(runtime: Runtime): RuntimeReplacement | null {
  switch (runtime.kind) {
    case 'none':
      return null;
    case 'java':
      return javaReplacement(runtime);
    case 'graalvm': {
      const major = Number(runtime.version);
      const known = GRAALVM_COMMUNITY_MAJORS.includes(major);
      const chosen = known ? major : GRAALVM_COMMUNITY_MAJORS[GRAALVM_COMMUNITY_MAJORS.length - 2];
      return {
        image: `ghcr.io/graalvm/jdk-community:${chosen}`,
        libc: 'glibc',
        note: `GraalVM for Java ${chosen} on Oracle Linux (glibc): GraalVM has no musl build`,
        exact: known,
        caveat: known
          ? undefined
          : `the Java version of this GraalVM is ${runtime.version ? `${runtime.version}, not published` : 'not known'}`,
      };
    }
    case 'node': {
      const major = Number(runtime.version);
      if (!Number.isInteger(major) || major < 6) {
        return {
          image: 'node:lts-alpine',
          libc: 'musl',
          note: 'Node.js LTS on musl',
          exact: false,
          caveat: 'the Node.js version is not known',
        };
      }
      return { image: `node:${major}-alpine`, libc: 'musl', note: `Node.js ${major} on musl`, exact: true };
    }
    case 'python': {
      const version = runtime.version ?? '3';
      const exact = /^\d\.\d+$/.test(version);
      return {
        image: `python:${version}-alpine`,
        libc: 'musl',
        note: `Python ${version} on musl`,
        exact,
        caveat: exact ? undefined : 'the Python minor version is not known',
      };
    }
    case 'conda': {
      const distribution = runtime.version && CONDA_IMAGES[runtime.version] ? runtime.version : 'miniconda3';
      return {
        image: CONDA_IMAGES[distribution],
        libc: 'glibc',
        note: `${distribution} on Debian (glibc): conda has no musl build`,
        exact: true,
      };
    }
    case 'mono':
      return {
        image: 'mono:6.12',
        libc: 'glibc',
        note: 'Mono 6.12 on Debian (glibc)',
        exact: false,
        caveat: 'the Mono version of this image is not known',
      };
  }
}

function javaReplacement(runtime: Runtime): RuntimeReplacement {
  const flavour = runtime.flavour ?? 'jdk';
  const major = Number(runtime.version);
  const known = TEMURIN_ALPINE_MAJORS.includes(major);
  // The nearest published major at or above the one asked for; the newest LTS when unknown.
  const chosen = known
    ? major
    : (TEMURIN_ALPINE_MAJORS.find((m) => Number.isInteger(major) && m > major) ?? TEMURIN_ALPINE_MAJORS[TEMURIN_ALPINE_MAJORS.length - 2]);
  const caveats: string[] = [];
  if (!known) caveats.push(runtime.version ? `Temurin publishes no Java ${runtime.version} Alpine image` : 'the Java version is not known');
  if (runtime.jvm === 'openj9') caveats.push('Temurin runs the HotSpot JVM, not OpenJ9');
  return {
    image: `eclipse-temurin:${chosen}-${flavour}-alpine`,
    libc: 'musl',
    note: `Java ${chosen} ${flavour.toUpperCase()} on musl`,
    exact: caveats.length === 0,
    caveat: caveats.length ? caveats.join('; ') : undefined,
  };
}

/** A runtime as people name it: `Oracle Java 8 JRE`, `miniconda3`, `Node.js 14`. */
export function describeRuntime(runtime: Runtime): string {
  const version = runtime.version ? ` ${runtime.version}` : '';
  switch (runtime.kind) {
    case 'java':
      return `${runtime.vendor ? `${runtime.vendor} ` : ''}Java${version}${runtime.flavour ? ` ${runtime.flavour.toUpperCase()}` : ''}${runtime.jvm === 'openj9' ? ' on OpenJ9' : ''}`;
    case 'graalvm':
      return `GraalVM${version}`;
    case 'node':
      return `Node.js${version}`;
    case 'python':
      return `Python${version}`;
    case 'conda':
      return runtime.version ?? 'conda';
    case 'mono':
      return `Mono${version}`;
    case 'none':
      return 'glibc only';
  }
}

/** The first version number of a tag: `8_server-jre` → 8, `jdk-11.0.11_9-alpine` → 11, `8u192b12` → 8. */
function leadingMajor(tag: string): string | undefined {
  return /(?:^|[^\d.])(\d{1,2})(?=$|[^\d])/.exec(tag)?.[1];
}

function javaFlavour(text: string): 'jre' | 'jdk' | undefined {
  if (/jdk|sdk|javac/.test(text)) return 'jdk';
  if (/jre/.test(text)) return 'jre';
  return undefined;
}
