// The `image` section: scans generated images of 50 MB and 500 MB of uncompressed layer data
// (512 KiB data files with real ELF programs of this machine among them), as OCI layouts with
// plain and gzip layers and as a docker save archive, each in its own process, and reports
// the time, the throughput of uncompressed layer data and the peak RSS of the process.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { tarHeader } from '../test/image/build-image';
import { CACHE_DIR, REPO_ROOT } from './corpus';
import { median } from './stats';

const DATA_FILE = 512 * 1024;
const LAYERS = 5;

interface Member {
  name: string;
  bytes: Buffer;
}

/** Real ELF programs of this machine, so the scan reads real headers and dynamic sections. */
function elfPrograms(limit: number): Buffer[] {
  const out: Buffer[] = [];
  for (const name of readdirSync('/usr/bin').sort()) {
    if (out.length >= limit) break;
    try {
      const path = join('/usr/bin', name);
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > 4 * 1024 * 1024) continue;
      const bytes = readFileSync(path);
      if (bytes.subarray(0, 4).toString('latin1') === '\x7fELF') out.push(bytes);
    } catch {
      // Unreadable entries of /usr/bin are just not used.
    }
  }
  return out;
}

/** The members of one layer: data files, every eighth a program, until `bytes` are reached. */
function layerMembers(layer: number, bytes: number, data: Buffer, programs: Buffer[]): Member[] {
  const members: Member[] = [];
  let total = 0;
  for (let i = 0; total < bytes; i++) {
    const program = i % 8 === 0 && programs.length ? programs[(layer * 31 + i) % programs.length] : null;
    const member = program
      ? { name: `opt/layer${layer}/bin/tool${i}`, bytes: program }
      : { name: `opt/layer${layer}/data/file${i}.bin`, bytes: data };
    members.push(member);
    total += member.bytes.length;
  }
  return members;
}

function padding(size: number): Buffer {
  return Buffer.alloc((512 - (size % 512)) % 512);
}

/** The size of a tar of these members. */
function tarSize(members: Member[]): number {
  return members.reduce((sum, m) => sum + 512 + m.bytes.length + padding(m.bytes.length).length, 0) + 1024;
}

/** Writes a layer tar into `write`, member by member (never the whole layer in memory). */
async function writeLayer(members: Member[], write: (chunk: Buffer) => void | Promise<void>): Promise<void> {
  for (const m of members) {
    await write(tarHeader(m.name, '0', m.bytes.length, '', 0o755));
    await write(m.bytes);
    await write(padding(m.bytes.length));
  }
  await write(Buffer.alloc(1024));
}

/** Writes to a gzip file with backpressure. */
async function gzipLayer(members: Member[], path: string): Promise<void> {
  const gzip = createGzip({ level: 1 });
  const done = new Promise<void>((resolve, reject) => gzip.pipe(createWriteStream(path)).on('finish', resolve).on('error', reject));
  await writeLayer(members, (chunk) =>
    gzip.write(chunk) ? undefined : new Promise<void>((resolve) => gzip.once('drain', () => resolve())),
  );
  gzip.end();
  await done;
}

function sha256File(path: string): string {
  return `sha256:${execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]}`;
}

/** An OCI layout folder of `LAYERS` layers totalling about `bytes` of layer data. */
async function writeOciImage(dir: string, bytes: number, gzip: boolean, data: Buffer, programs: Buffer[]): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const layers: { digest: string; size: number }[] = [];
  for (let layer = 0; layer < LAYERS; layer++) {
    const members = layerMembers(layer, bytes / LAYERS, data, programs);
    const temp = join(dir, `layer-${layer}`);
    if (gzip) await gzipLayer(members, temp);
    else {
      const fd = openSync(temp, 'w');
      await writeLayer(members, (chunk) => void writeSync(fd, chunk));
      closeSync(fd);
    }
    const digest = sha256File(temp);
    execFileSync('mv', [temp, join(dir, 'blobs', 'sha256', digest.slice(7))]);
    layers.push({ digest, size: statSync(join(dir, 'blobs', 'sha256', digest.slice(7))).size });
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [] },
      history: layers.map((_, i) => ({ created_by: `COPY layer${i} /opt/layer${i} # buildkit` })),
    }),
  );
  const blob = (bytes: Buffer): string => {
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), bytes);
    return digest;
  };
  const layerType = gzip ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.oci.image.layer.v1.tar';
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: blob(config), size: config.length },
      layers: layers.map((l) => ({ mediaType: layerType, ...l })),
    }),
  );
  const manifestDigest = blob(manifest);
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: manifest.length }],
    }),
  );
}

/** A classic docker save archive with plain layers, written member by member. */
async function writeDockerSave(path: string, bytes: number, data: Buffer, programs: Buffer[]): Promise<void> {
  const fd = openSync(path, 'w');
  const write = (chunk: Buffer) => void writeSync(fd, chunk);
  const names: string[] = [];
  for (let layer = 0; layer < LAYERS; layer++) {
    const members = layerMembers(layer, bytes / LAYERS, data, programs);
    const size = tarSize(members);
    const name = `${String(layer).padStart(64, '0')}/layer.tar`;
    names.push(name);
    write(tarHeader(name, '0', size, '', 0o644));
    await writeLayer(members, write);
    write(padding(size));
  }
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', history: names.map((_, i) => ({ created_by: `COPY layer${i} /opt/layer${i}` })) }),
  );
  const manifest = Buffer.from(JSON.stringify([{ Config: 'config.json', RepoTags: ['bench:latest'], Layers: names }]));
  for (const [name, content] of [
    ['config.json', config],
    ['manifest.json', manifest],
  ] as const) {
    write(tarHeader(name, '0', content.length, '', 0o644));
    write(content);
    write(padding(content.length));
  }
  write(Buffer.alloc(1024));
  closeSync(fd);
}

/** One scan in a fresh process: its time, the bytes it read and its peak RSS. */
function measureScan(target: string): { ms: number; bytes: number; stored: number; rss: number; findings: number } {
  const script = `
    const { scanImage } = require(${JSON.stringify(join(REPO_ROOT, 'server', 'out', 'node', 'image', 'scan.js'))});
    const { imageFindings } = require(${JSON.stringify(join(REPO_ROOT, 'server', 'out', 'rules', 'mc2005-foreign-libc-binary-in-image.js'))});
    const start = process.hrtime.bigint();
    scanImage(process.argv[1]).then((scan) => {
      const findings = imageFindings(scan.facts).length;
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      console.log(JSON.stringify({ ms, bytes: scan.counters.bytes, stored: scan.counters.storedBytes, rss: process.resourceUsage().maxRSS * 1024, findings }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, target], { encoding: 'utf8' })) as ReturnType<typeof measureScan>;
}

export interface ImageBenchRow {
  label: string;
  uncompressedBytes: number;
  storedBytes: number;
  medianMs: number;
  mbPerSecond: number;
  peakRss: number;
}

/** Generates the images (kept in .cache/bench/images between runs) and scans each `runs` times. */
export async function imageBenchmark(runs: number, sizesMb: readonly number[]): Promise<ImageBenchRow[]> {
  const root = join(CACHE_DIR, 'images');
  mkdirSync(root, { recursive: true });
  const data = randomBytes(DATA_FILE);
  const programs = elfPrograms(40);
  const rows: ImageBenchRow[] = [];
  for (const mb of sizesMb) {
    const bytes = mb * 1e6;
    const targets: { label: string; path: string; make: () => Promise<void> }[] = [
      {
        label: `${mb} MB, OCI layout, plain layers`,
        path: join(root, `oci-${mb}`),
        make: () => writeOciImage(join(root, `oci-${mb}`), bytes, false, data, programs),
      },
      {
        label: `${mb} MB, OCI layout, gzip layers`,
        path: join(root, `oci-gz-${mb}`),
        make: () => writeOciImage(join(root, `oci-gz-${mb}`), bytes, true, data, programs),
      },
      {
        label: `${mb} MB, docker save archive`,
        path: join(root, `save-${mb}.tar`),
        make: () => writeDockerSave(join(root, `save-${mb}.tar`), bytes, data, programs),
      },
    ];
    for (const target of targets) {
      if (!existsSync(target.path)) await target.make();
      const samples = Array.from({ length: runs }, () => measureScan(target.path));
      const ms = median(samples.map((s) => s.ms));
      rows.push({
        label: target.label,
        uncompressedBytes: samples[0].bytes,
        storedBytes: samples[0].stored,
        medianMs: ms,
        mbPerSecond: samples[0].bytes / 1e6 / (ms / 1000),
        peakRss: Math.max(...samples.map((s) => s.rss)),
      });
    }
  }
  return rows;
}
