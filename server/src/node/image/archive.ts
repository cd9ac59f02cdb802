// Reads an image stored as files: a `docker save` archive (plain or gzip), an OCI image
// layout as a tar, or an OCI image layout folder. An archive is read in one pass: its members
// come in any order, so every layer blob is scanned into its compact changes as it passes and
// small JSON members are kept; the manifest then says which changes apply in which order.
import { createReadStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { LayerChanges } from '../../model/image-files';
import { normalizeImagePath } from '../../model/image-files';
import { Channel } from './channel';
import { ImageError, MAX_PASSES, readLayer, scanLayer, type LayerScan, type ScanCounters } from './layer-scan';
import { readTar, type EntrySink, type TarEntry } from './tar';

/** A layer in application order with its scanned changes. */
export interface ScannedLayer {
  digest: string;
  changes: LayerChanges;
}

/** An image read from its storage: config document and layers in order. */
export interface StoredImage {
  config: Record<string, unknown>;
  layers: ScannedLayer[];
}

/** Largest JSON member (manifest, index, config) kept. */
const MAX_JSON = 8 * 1024 * 1024;
/**
 * Most bytes of JSON members kept from one archive: an image has a handful (a legacy
 * `docker save` one small `json` per layer), so an archive of many is refused before it
 * fills memory.
 */
export const MAX_JSON_TOTAL = 64 * 1024 * 1024;

/** Parsed JSON, or an ImageError naming the member. */
function parseJsonDocument(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ImageError(`${what} is not valid JSON`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The layers an OCI image manifest lists, as digests. */
function manifestLayers(manifest: unknown, what: string): { config: string; layers: string[] } {
  if (!isObject(manifest) || !isObject(manifest.config) || typeof manifest.config.digest !== 'string' || !Array.isArray(manifest.layers)) {
    throw new ImageError(`${what} is not an image manifest (no config or layers)`);
  }
  const layers = manifest.layers.map((l: unknown) => {
    if (!isObject(l) || typeof l.digest !== 'string') throw new ImageError(`${what} lists a layer without a digest`);
    return l.digest;
  });
  return { config: manifest.config.digest, layers };
}

/** Picks the manifest of an OCI index: the one for `platform` when entries say theirs, else the first. */
function pickIndexEntry(index: unknown, platform: string | null, what: string): string {
  if (!isObject(index) || !Array.isArray(index.manifests) || index.manifests.length === 0) {
    throw new ImageError(`${what} lists no manifests`);
  }
  const entries = index.manifests.filter((m: unknown): m is Record<string, unknown> => isObject(m) && typeof m.digest === 'string');
  if (!entries.length) throw new ImageError(`${what} lists no manifests`);
  if (platform) {
    const [os, arch, variant] = platform.split('/');
    const match = entries.find((e) => {
      const p = e.platform;
      return isObject(p) && p.os === os && p.architecture === arch && (!variant || p.variant === variant);
    });
    if (match) return match.digest as string;
  }
  return entries[0].digest as string;
}

/** `blobs/sha256/abc` for a digest that `where` (the archive or folder) names. */
function blobPath(digest: string, where: string): string {
  const [algorithm, hex] = digest.split(':');
  if (!algorithm || !hex || !/^[a-z0-9]+$/.test(algorithm) || !/^[a-f0-9]+$/i.test(hex))
    throw new ImageError(`${where}: invalid digest ${JSON.stringify(digest)}`);
  return `blobs/${algorithm}/${hex}`;
}

/** The bytes of a file as a stream of chunks. */
function fileChunks(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: 256 * 1024 });
}

/** Reads an OCI image layout folder (`oci-layout`, `index.json`, `blobs/`). */
export async function readOciFolder(dir: string, platform: string | null, counters: ScanCounters): Promise<StoredImage> {
  const readJson = async (relative: string): Promise<unknown> => {
    const path = join(dir, relative);
    let stat;
    try {
      stat = await fs.stat(path);
    } catch {
      throw new ImageError(`${dir} has no ${relative}: not an OCI image layout`);
    }
    if (stat.size > MAX_JSON) throw new ImageError(`${relative} of ${stat.size} bytes is over the limit of ${MAX_JSON}`);
    return parseJsonDocument(await fs.readFile(path), relative);
  };
  let document = await readJson('index.json');
  let what = 'index.json';
  // An index may point at another index (nested multi-platform layouts).
  for (let depth = 0; depth < 4 && isObject(document) && Array.isArray(document.manifests); depth++) {
    const digest = pickIndexEntry(document, platform, what);
    what = digest;
    document = await readJson(blobPath(digest, dir));
  }
  const { config, layers } = manifestLayers(document, what);
  const configJson = await readJson(blobPath(config, dir));
  if (!isObject(configJson)) throw new ImageError(`config ${config} is not a JSON object`);
  counters.layersTotal = layers.length;
  const scanned: ScannedLayer[] = [];
  for (const [index, digest] of layers.entries()) {
    const path = join(dir, blobPath(digest, dir));
    try {
      await fs.access(path);
    } catch {
      throw new ImageError(`layer ${index + 1} (${digest}) is missing from ${dir}/blobs`);
    }
    scanned.push({ digest, changes: await readLayer(() => fileChunks(path), index, counters, `layer ${index + 1} (${digest})`) });
  }
  return { config: configJson, layers: scanned };
}

/** What a one-pass read of an archive collected. */
interface ArchiveMembers {
  json: Map<string, Uint8Array>;
  /** Bytes held by `json` and by JSON members still being read. */
  jsonBytes: number;
  layers: Map<string, LayerScan>;
  links: Map<string, string>;
  names: number;
}

/** Member name without `./` and leading slashes. */
function memberName(name: string): string {
  return normalizeImagePath(name).path.slice(1);
}

/**
 * Reads a `docker save` archive or an OCI layout tar, plain or gzip, in one pass; again only
 * when a layer holds big programs whose tables came before what points at them.
 */
export async function readImageArchive(path: string, platform: string | null, counters: ScanCounters): Promise<StoredImage> {
  return readArchiveFrom(path, () => fileChunks(path), platform, counters);
}

/**
 * Reads an archive from a source that `open` gives again for a later pass, or (`open`
 * returning null: standard input) only once, leaving big programs unfinished, with no verdict.
 */
export async function readArchiveFrom(
  path: string,
  open: () => AsyncIterable<Uint8Array> | null,
  platform: string | null,
  counters: ScanCounters,
): Promise<StoredImage> {
  const members: ArchiveMembers = { json: new Map(), jsonBytes: 0, layers: new Map(), links: new Map(), names: 0 };
  await readMembers(path, open()!, (entry) => {
    members.names++;
    const name = memberName(entry.name);
    if (entry.type === 'symlink' || entry.type === 'hardlink') {
      const base = entry.type === 'symlink' ? name.slice(0, name.lastIndexOf('/') + 1) : '';
      members.links.set(name, memberName(entry.linkName.startsWith('/') ? entry.linkName : base + entry.linkName));
      return null;
    }
    if (entry.type !== 'file' || entry.size === 0) return null;
    return (scans) => memberSink(path, name, entry.size, members, counters, scans);
  });
  for (let pass = 2; pass <= MAX_PASSES; pass++) {
    const unfinished = [...members.layers].filter(([, scan]) => scan.unfinished.size);
    if (!unfinished.length) break;
    const earlier = new Map(unfinished);
    const again = open();
    if (!again) break;
    await readMembers(path, again, (entry) => {
      const name = memberName(entry.name);
      const scan = entry.type === 'file' ? earlier.get(name) : undefined;
      if (!scan) return null;
      return (scans) => layerSink(name, counters, scans, members, scan);
    });
  }
  return assemble(path, members, platform, counters);
}

/** One pass over the archive: `onEntry` may return a maker of a sink that starts layer scans. */
async function readMembers(
  path: string,
  source: AsyncIterable<Uint8Array>,
  onEntry: (entry: TarEntry) => ((scans: Promise<void>[]) => EntrySink) | null,
): Promise<void> {
  const scans: Promise<void>[] = [];
  await readTar(archiveBytes(path, source), (entry) => onEntry(entry)?.(scans) ?? null).catch((error: unknown) => {
    throw error instanceof ImageError ? error : new ImageError(`${path}: ${(error as Error).message}`);
  });
  await Promise.all(scans);
}

/** A sink that hands a member's bytes to a layer scan running alongside. */
function layerSink(
  name: string,
  counters: ScanCounters,
  scans: Promise<void>[],
  members: ArchiveMembers,
  earlier?: LayerScan,
  first?: Uint8Array,
): EntrySink & { ready: Promise<void> } {
  const channel = new Channel();
  const scan = scanLayer(channel, -1, counters, `layer ${name}`, earlier).then(
    (result) => void members.layers.set(name, result),
    (error: unknown) => {
      channel.fail(error);
      throw error;
    },
  );
  scans.push(scan);
  // A failure is re-thrown by Promise.all; until then the channel releases the reader.
  scan.catch(() => undefined);
  return {
    ready: first ? channel.push(first) : Promise.resolve(),
    data: (chunk) => channel.push(chunk),
    end: () => channel.close(),
  };
}

/** The archive's bytes, gunzipped when they start as gzip (`docker save | gzip`). */
async function* archiveBytes(label: string, source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  let first: IteratorResult<Uint8Array>;
  try {
    first = await iterator.next();
  } catch (error) {
    throw new ImageError(`cannot read ${label}: ${(error as Error).message}`);
  }
  if (first.done) throw new ImageError(`${label} is empty: not a tar archive`);
  const head = first.value;
  const whole = (async function* () {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  const stream = head[0] === 0x1f && head[1] === 0x8b ? Readable.from(whole).pipe(createGunzip({ chunkSize: 256 * 1024 })) : whole;
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (error) {
    throw new ImageError(`${label}: ${(error as Error).message}`);
  }
}

/**
 * Decides from a member's first bytes what it is: JSON (kept), a layer (scanned while it
 * streams) or anything else (skipped).
 */
function memberSink(
  archive: string,
  name: string,
  size: number,
  members: ArchiveMembers,
  counters: ScanCounters,
  scans: Promise<void>[],
): EntrySink {
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let mode: 'deciding' | 'json' | 'layer' | 'skip' = 'deciding';

  let layer: EntrySink | null = null;
  const json: Uint8Array[] = [];
  const keep = (bytes: Uint8Array): void => {
    members.jsonBytes += bytes.length;
    if (members.jsonBytes > MAX_JSON_TOTAL) {
      throw new ImageError(`${archive}: its JSON members add up to more than the limit of ${MAX_JSON_TOTAL} bytes (at ${name})`);
    }
    json.push(bytes);
  };

  const decide = async (final: boolean): Promise<void> => {
    const bytes = Buffer.concat(head);
    if (!final && bytes.length < 512) return;
    const first = bytes.subarray(0, 512);
    const gzip = first[0] === 0x1f && first[1] === 0x8b;
    const zstd = first[0] === 0x28 && first[1] === 0xb5 && first[2] === 0x2f && first[3] === 0xfd;
    const ustar = first.length >= 262 && first.subarray(257, 262).toString('latin1') === 'ustar';
    const empty = first.length === 512 && first.every((b) => b === 0);
    const text = first.toString('latin1').trimStart();
    // A tar's own magic first: a layer whose first name starts with '{' is still a layer.
    if (gzip || zstd || ustar || empty) {
      mode = 'layer';
      const sink = layerSink(name, counters, scans, members, undefined, bytes);
      layer = sink;
      await sink.ready;
    } else if ((text.startsWith('{') || text.startsWith('[')) && size <= MAX_JSON) {
      mode = 'json';
      keep(bytes);
    } else mode = 'skip';
    head.length = 0;
  };

  return {
    async data(chunk) {
      if (mode === 'deciding') {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes >= 512) await decide(false);
      } else if (mode === 'json') keep(chunk);
      else if (mode === 'layer') await layer!.data(chunk);
    },
    async end() {
      if (mode === 'deciding') await decide(true);
      if (mode === 'json') members.json.set(name, Buffer.concat(json));
      await layer?.end();
    },
  };
}

/** Resolves member names through the archive's symlinks (docker 25 links `<id>/layer.tar` to blobs). */
function resolveMember(members: ArchiveMembers, name: string): string {
  let current = memberName(name);
  for (let hop = 0; hop < 8 && members.links.has(current); hop++) current = members.links.get(current)!;
  return current;
}

function assemble(path: string, members: ArchiveMembers, platform: string | null, counters: ScanCounters): StoredImage {
  const json = (name: string, what: string): unknown => {
    const bytes = members.json.get(resolveMember(members, name));
    if (!bytes) throw new ImageError(`${path}: ${what} (${name}) is missing from the archive`);
    return parseJsonDocument(bytes, `${path}: ${name}`);
  };
  const layer = (name: string, index: number, digest: string): ScannedLayer => {
    const changes = members.layers.get(resolveMember(members, name))?.changes;
    if (!changes) throw new ImageError(`${path}: layer ${index + 1} (${name}) is missing from the archive or is not a tar`);
    return { digest, changes };
  };
  let configName: string;
  let layerNames: string[];
  let digests: string[];
  if (members.json.has('manifest.json')) {
    const manifest = json('manifest.json', 'the docker save manifest');
    const first: unknown = Array.isArray(manifest) ? manifest[0] : undefined;
    if (!isObject(first) || typeof first.Config !== 'string' || !Array.isArray(first.Layers)) {
      throw new ImageError(`${path}: manifest.json does not describe an image (no Config or Layers)`);
    }
    configName = first.Config;
    layerNames = first.Layers.map(String);
    digests = layerNames.map((n) => digestFromName(resolveMember(members, n)));
  } else if (members.json.has('index.json')) {
    let document = json('index.json', 'the OCI index');
    let what = 'index.json';
    for (let depth = 0; depth < 4 && isObject(document) && Array.isArray(document.manifests); depth++) {
      const digest = pickIndexEntry(document, platform, what);
      what = digest;
      document = json(blobPath(digest, path), `manifest ${digest}`);
    }
    const m = manifestLayers(document, what);
    configName = blobPath(m.config, path);
    layerNames = m.layers.map((digest) => blobPath(digest, path));
    digests = m.layers;
  } else {
    throw new ImageError(
      `${path} is a tar archive of ${members.names} members but not an image: it has no manifest.json (docker save) or index.json (OCI image layout)`,
    );
  }
  const config = json(configName, 'the image config');
  if (!isObject(config)) throw new ImageError(`${path}: the image config is not a JSON object`);
  counters.layersTotal = layerNames.length;
  return { config, layers: layerNames.map((n, i) => layer(n, i, digests[i])) };
}

/**
 * `sha256:<hex>` for a member under `blobs/` (docker 25 and later); the name itself for the
 * classic `<id>/layer.tar`, whose id is no digest (the scan then shows the config's diff_id).
 */
function digestFromName(name: string): string {
  const blob = /^blobs\/([a-z0-9]+)\/([a-f0-9]{64})$/.exec(name);
  return blob ? `${blob[1]}:${blob[2]}` : name;
}
