// Writes container images for the image-scan tests: layers as ustar archives (pax records
// for long names), a config with history, and a manifest, stored as `docker save` archives
// (plain or gzip) or OCI image layouts (folder or tar). Everything is built by the test.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One member of a layer. */
export interface LayerFile {
  name: string;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink';
  content?: Uint8Array | string;
  /** Target of a symlink or hard link. */
  link?: string;
  mode?: number;
}

/** One layer: its files, the history entry that made it, and whether it is stored gzip. */
export interface LayerSpec {
  files: LayerFile[];
  createdBy: string;
  gzip?: boolean;
}

export interface ImageSpec {
  layers: LayerSpec[];
  /** History entries without a layer (ENV, CMD), inserted before layer `before`. */
  emptySteps?: { before: number; createdBy: string }[];
  architecture?: string;
}

/** One ustar header block. */
export function tarHeader(name: string, type: string, size: number, link: string, mode: number): Buffer {
  const block = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => block.write(value, offset, length, 'utf8');
  field(0, 100, name.slice(0, 99));
  field(100, 8, `${mode.toString(8).padStart(7, '0')}\0`);
  field(108, 8, '0000000\0');
  field(116, 8, '0000000\0');
  field(124, 12, `${size.toString(8).padStart(11, '0')}\0`);
  field(136, 12, '00000000000\0');
  field(156, 1, type);
  field(157, 100, link.slice(0, 99));
  field(257, 8, 'ustar\x0000');
  block.fill(' ', 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

function padded(data: Uint8Array): Buffer {
  const out = Buffer.alloc(Math.ceil(data.length / 512) * 512);
  Buffer.from(data).copy(out);
  return out;
}

/** A pax record `LEN key=value\n`, its length counting itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

/** A tar archive of `files`, in order, with two end blocks. */
export function tarOf(files: readonly LayerFile[]): Buffer {
  const parts: Buffer[] = [];
  for (const f of files) {
    const type = f.type ?? 'file';
    const flag = type === 'file' ? '0' : type === 'dir' ? '5' : type === 'symlink' ? '2' : '1';
    const data = type === 'file' ? Buffer.from(f.content ?? '') : Buffer.alloc(0);
    const link = f.link ?? '';
    if (Buffer.byteLength(f.name) > 99 || Buffer.byteLength(link) > 99) {
      const pax = Buffer.from(paxRecord('path', f.name) + (link ? paxRecord('linkpath', link) : ''));
      parts.push(tarHeader('PaxHeader', 'x', pax.length, '', 0o644), padded(pax));
    }
    parts.push(tarHeader(f.name, flag, data.length, link, f.mode ?? (type === 'dir' ? 0o755 : 0o755)), padded(data));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The blobs of an image: layers as stored, config, OCI manifest. */
export interface BuiltImage {
  layers: { stored: Buffer; digest: string; diffId: string; gzip: boolean }[];
  config: Buffer;
  configDigest: string;
  manifest: Buffer;
  manifestDigest: string;
}

export function buildImage(spec: ImageSpec): BuiltImage {
  const layers = spec.layers.map((l) => {
    const tar = tarOf(l.files);
    const stored = l.gzip ? gzipSync(tar) : tar;
    return { stored, digest: sha256(stored), diffId: sha256(tar), gzip: l.gzip === true };
  });
  const history: { created_by: string; empty_layer?: boolean }[] = [];
  spec.layers.forEach((l, i) => {
    for (const e of spec.emptySteps ?? []) if (e.before === i) history.push({ created_by: e.createdBy, empty_layer: true });
    history.push({ created_by: l.createdBy });
  });
  const config = Buffer.from(
    JSON.stringify({
      architecture: spec.architecture ?? 'amd64',
      os: 'linux',
      config: { Env: ['PATH=/usr/bin:/bin'] },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history,
    }),
  );
  const configDigest = sha256(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
      layers: layers.map((l) => ({
        mediaType: l.gzip ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.oci.image.layer.v1.tar',
        digest: l.digest,
        size: l.stored.length,
      })),
    }),
  );
  return { layers, config, configDigest, manifest, manifestDigest: sha256(manifest) };
}

const hex = (digest: string) => digest.replace(/^sha256:/, '');

/** A classic `docker save` archive: `<id>/layer.tar`, `<config>.json`, `manifest.json`; gzip on request. */
export function dockerSaveArchive(image: BuiltImage, options: { gzip?: boolean } = {}): Buffer {
  const files: LayerFile[] = [];
  const layerNames: string[] = [];
  image.layers.forEach((l) => {
    const id = hex(l.diffId);
    files.push({ name: `${id}/`, type: 'dir' }, { name: `${id}/VERSION`, content: '1.0' }, { name: `${id}/layer.tar`, content: l.stored });
    layerNames.push(`${id}/layer.tar`);
  });
  files.push({ name: `${hex(image.configDigest)}.json`, content: image.config });
  files.push({
    name: 'manifest.json',
    content: JSON.stringify([{ Config: `${hex(image.configDigest)}.json`, RepoTags: ['test:latest'], Layers: layerNames }]),
  });
  const tar = tarOf(files);
  return options.gzip ? gzipSync(tar) : tar;
}

/** The members of an OCI image layout. */
function ociMembers(image: BuiltImage): LayerFile[] {
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: image.manifestDigest, size: image.manifest.length }],
  };
  return [
    { name: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' },
    // Layers first, as some writers do: the reader must not need the index before them.
    ...image.layers.map((l) => ({ name: `blobs/sha256/${hex(l.digest)}`, content: l.stored })),
    { name: `blobs/sha256/${hex(image.configDigest)}`, content: image.config },
    { name: `blobs/sha256/${hex(image.manifestDigest)}`, content: image.manifest },
    { name: 'index.json', content: JSON.stringify(index) },
  ];
}

/**
 * The archive `docker save` writes since docker 25: an OCI layout plus `manifest.json` naming
 * blobs, and the classic `<id>/layer.tar` names kept as symlinks into `blobs/`.
 */
export function dockerSave25Archive(image: BuiltImage): Buffer {
  const links: LayerFile[] = image.layers.map((l) => ({
    name: `${hex(l.diffId)}/layer.tar`,
    type: 'symlink',
    link: `../blobs/sha256/${hex(l.digest)}`,
  }));
  const manifest = [{ Config: `blobs/sha256/${hex(image.configDigest)}`, RepoTags: ['test:latest'], Layers: links.map((l) => l.name) }];
  return tarOf([...links, ...ociMembers(image), { name: 'manifest.json', content: JSON.stringify(manifest) }]);
}

/** An OCI image layout as a tar. */
export function ociArchive(image: BuiltImage): Buffer {
  return tarOf(ociMembers(image));
}

/** An OCI image layout written as a folder. */
export function writeOciFolder(image: BuiltImage, dir: string): void {
  for (const member of ociMembers(image)) {
    const path = join(dir, member.name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, member.content ?? '');
  }
}
