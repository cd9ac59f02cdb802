// The benchmark's inputs: the real-world corpus when it is there (../shared/corpus, or
// MUSLCHECK_BENCH_CORPUS), otherwise generated Dockerfiles; large generated files of any
// line count; and a tree of generated Dockerfiles on disk for the CLI run. Everything
// generated is deterministic (seeded) and lives under .cache/bench, never in the repository.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Root of the repository (bench/ sits directly below it). */
export const REPO_ROOT = resolve(__dirname, '..');

/** Where generated files go; git-ignored. */
export const CACHE_DIR = join(REPO_ROOT, '.cache', 'bench');

/** A named Dockerfile text. */
export interface BenchFile {
  name: string;
  text: string;
}

/** The per-file corpus and where it came from. */
export interface Corpus {
  /** `real` when read from the labelled corpus, `generated` otherwise. */
  kind: 'real' | 'generated';
  /** The folder read, or a description of the generator. */
  source: string;
  files: BenchFile[];
}

/** A seeded pseudo-random generator (mulberry32), so every run sees the same files. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element of a list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Up to `count` distinct elements of a list. */
  some<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }
}

/** The labelled real-world corpus, if it can be found. */
export function findRealCorpus(): string | null {
  const candidates = [process.env.MUSLCHECK_BENCH_CORPUS, join(REPO_ROOT, '..', 'shared', 'corpus')].filter((c): c is string => !!c);
  return candidates.find((dir) => existsSync(join(dir, 'labels.json'))) ?? null;
}

/** The corpus for per-file throughput: the real files, or `fallbackCount` generated ones. */
export function loadCorpus(fallbackCount = 200): Corpus {
  const real = findRealCorpus();
  if (real) {
    const files: BenchFile[] = [];
    for (const group of ['pos', 'mix', 'neg']) {
      const dir = join(real, group);
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        if (statSync(path).isFile()) files.push({ name: `${group}/${name}`, text: readFileSync(path, 'utf8') });
      }
    }
    if (files.length) return { kind: 'real', source: real, files };
  }
  const random = new Random(7);
  const files = Array.from({ length: fallbackCount }, (_, i) => ({ name: `generated-${i}.Dockerfile`, text: generateDockerfile(random) }));
  return { kind: 'generated', source: `${fallbackCount} generated Dockerfiles (bench/corpus.ts)`, files };
}

const ALPINE_TAGS = ['alpine:3.12', 'alpine:3.16', 'alpine:3.18', 'alpine:3.19', 'alpine:3.20', 'alpine'];
const PACKAGES = [
  'curl',
  'ca-certificates',
  'bash',
  'git',
  'openssl',
  'tzdata',
  'jq',
  'make',
  'gcc',
  'musl-dev',
  'libstdc++',
  'tini',
  'su-exec',
];
const DEBIAN_PACKAGES = ['curl', 'ca-certificates', 'git', 'build-essential', 'libpq-dev', 'locales', 'unzip', 'gnupg'];

/** One Dockerfile in one of the shapes the corpus has: glibc bolted on, clean, multi-stage, glibc binaries. */
export function generateDockerfile(random: Random): string {
  const shape = random.int(0, 6);
  switch (shape) {
    case 0:
      return glibcInstall(random);
    case 1:
      return `FROM node:${random.int(16, 22)}-alpine AS build\nWORKDIR /src\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM nginx:1.${random.int(20, 27)}-alpine\nCOPY --from=build /src/dist /usr/share/nginx/html\nEXPOSE 80\n`;
    case 2:
      return `FROM python:3.${random.int(9, 12)}-slim\nENV PYTHONDONTWRITEBYTECODE=1\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends ${random.some(DEBIAN_PACKAGES, 3).join(' ')} \\\n && rm -rf /var/lib/apt/lists/*\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . /app\nCMD ["python", "/app/main.py"]\n`;
    case 3:
      return `FROM golang:1.${random.int(19, 22)} AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n\nFROM ${random.pick(ALPINE_TAGS)}\nRUN apk add --no-cache ${random.some(PACKAGES, 2).join(' ')}\nCOPY --from=build /out/app /usr/local/bin/app\nENTRYPOINT ["/usr/local/bin/app"]\n`;
    case 4:
      return `FROM rust:1.7${random.int(0, 9)} AS build\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n\nFROM ${random.pick(ALPINE_TAGS)}\nCOPY --from=build /src/target/release/server /usr/local/bin/server\nCMD ["server"]\n`;
    case 5:
      return `FROM frolvlad/alpine-glibc:alpine-3.${random.int(12, 17)}\nRUN apk add --no-cache ${random.some(PACKAGES, 3).join(' ')}\nCOPY app /opt/app\nCMD ["/opt/app/run"]\n`;
    default: {
      const version = `${random.int(18, 22)}.${random.int(0, 12)}.0`;
      return `FROM ${random.pick(ALPINE_TAGS)}\nARG NODE_VERSION=${version}\nRUN apk add --no-cache curl xz \\\n && curl -fsSLO https://nodejs.org/dist/v\${NODE_VERSION}/node-v\${NODE_VERSION}-linux-x64.tar.xz \\\n && tar -xJf node-v\${NODE_VERSION}-linux-x64.tar.xz -C /usr/local --strip-components=1\nCMD ["node"]\n`;
    }
  }
}

function glibcInstall(random: Random): string {
  const version = `2.${random.int(28, 35)}-r${random.int(0, 1)}`;
  const packages = random.some(PACKAGES, random.int(1, 4)).join(' ');
  return [
    `FROM ${random.pick(ALPINE_TAGS)}`,
    `ENV GLIBC_VERSION=${version} LANG=C.UTF-8`,
    `# glibc for the vendor's prebuilt binary`,
    `RUN apk add --no-cache ${packages} \\`,
    `    && wget -q -O /etc/apk/keys/sgerrand.rsa.pub https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub \\`,
    `    && wget https://github.com/sgerrand/alpine-pkg-glibc/releases/download/\${GLIBC_VERSION}/glibc-\${GLIBC_VERSION}.apk \\`,
    `    && apk add glibc-\${GLIBC_VERSION}.apk \\`,
    `    && /usr/glibc-compat/bin/localedef -i en_US -f UTF-8 en_US.UTF-8 \\`,
    `    && rm glibc-\${GLIBC_VERSION}.apk`,
    `COPY app /opt/app`,
    `CMD ["/opt/app/run"]`,
    '',
  ].join('\n');
}

/** Blocks a large file repeats: typical stage bodies, each a few lines. */
function bodyBlock(random: Random, n: number): string[] {
  switch (random.int(0, 5)) {
    case 0:
      return [`RUN apk add --no-cache \\`, ...random.some(PACKAGES, 4).map((p) => `      ${p} \\`), `    && rm -rf /var/cache/apk/*`];
    case 1:
      return [`ENV APP_HOME=/opt/app${n} PATH=/opt/app${n}/bin:$PATH`, `WORKDIR /opt/app${n}`];
    case 2:
      return [`# step ${n}: copy the sources`, `COPY src/module${n} /opt/app/module${n}`];
    case 3:
      return [
        `RUN set -eux; \\`,
        `    mkdir -p /data/${n}; \\`,
        `    chown -R app:app /data/${n}; \\`,
        `    echo "ready ${n}" > /data/${n}/state`,
      ];
    case 4:
      return [`ARG BUILD_${n}=release`, `LABEL org.example.step${n}="\${BUILD_${n}}"`];
    default:
      return [`RUN addgroup -S grp${n} && adduser -S -G grp${n} usr${n}`, `USER usr${n}`, `USER root`];
  }
}

/**
 * A Dockerfile of about `lines` lines: a glibc install first (so it always has findings),
 * then stage bodies, with a new stage every ~200 lines.
 */
export function generateLargeDockerfile(lines: number, seed = 11): string {
  const random = new Random(seed);
  const out = glibcInstall(random).trimEnd().split('\n');
  let n = 0;
  while (out.length < lines) {
    if (n > 0 && n % 60 === 0) out.push('', `FROM ${random.pick(ALPINE_TAGS)} AS stage${n}`);
    out.push(...bodyBlock(random, n++));
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/**
 * Writes a tree of `count` Dockerfiles (100 per folder) under .cache/bench and returns its
 * path. Files are the corpus files when given (cycled, each with a trailing comment so no two
 * are equal), else generated ones. Reused when it already holds that many files from the same source.
 */
export function writeTree(count: number, corpus: Corpus): string {
  const root = join(CACHE_DIR, `tree-${corpus.kind}-${count}`);
  const marker = join(root, '.complete');
  if (existsSync(marker)) return root;
  rmSync(root, { recursive: true, force: true });
  const random = new Random(23);
  for (let i = 0; i < count; i++) {
    const dir = join(root, `project-${String(Math.floor(i / 100)).padStart(3, '0')}`, `service-${i % 100}`);
    mkdirSync(dir, { recursive: true });
    // The comment goes last: a first line may be a parser directive (`# escape=`).
    const body = corpus.kind === 'real' ? corpus.files[i % corpus.files.length].text : generateDockerfile(random);
    const text = `${body.trimEnd()}\n# service ${i}\n`;
    writeFileSync(join(dir, 'Dockerfile'), text);
  }
  writeFileSync(marker, `${count}\n`);
  return root;
}
