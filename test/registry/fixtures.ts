// Test fixtures for the registry client: a registry on loopback (the in-process fake of
// fake-registry.ts, or Debian's real `docker-registry` with a temp storage dir), images built
// and pushed over its HTTP API, and small loopback servers that misbehave on purpose.
// Everything listens on 127.0.0.1 only.

import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

/** A running registry process and its base URL. */
export interface Registry {
  url: string;
  authority: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `docker-registry serve` (the program at `bin`) on 127.0.0.1 with a generated config and temp storage. */
export async function startDockerRegistry(bin: string, tmp: string): Promise<Registry> {
  const port = await freePort();
  const config = path.join(tmp, 'registry.yml');
  fs.writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(tmp, 'storage')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      '  secret: muslcheck-test',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(bin, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/v2/`)).status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`docker-registry did not start within 15 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    authority: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** `sha256:<hex>` of bytes. */
export function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A one-file ustar archive (header, data padded to 512, two zero blocks). */
export function tarWithFile(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'ascii');
  field(0, 100, name);
  field(100, 8, '0000644\0');
  field(108, 8, '0000000\0');
  field(116, 8, '0000000\0');
  field(124, 12, `${data.length.toString(8).padStart(11, '0')}\0`);
  field(136, 12, '00000000000\0');
  field(156, 1, '0');
  field(257, 8, 'ustar\x0000');
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  const padded = Buffer.alloc(Math.ceil(data.length / 512) * 512);
  data.copy(padded);
  return Buffer.concat([header, padded, Buffer.alloc(1024)]);
}

/** What a test image is made of. */
export interface ImageSpec {
  history: { created_by: string; empty_layer?: boolean }[];
  os?: string;
  architecture?: string;
  variant?: string;
  labels?: Record<string, string>;
  /** Docker v2 schema 2 instead of OCI. */
  docker?: boolean;
}

/** A pushed manifest. */
export interface Pushed {
  digest: string;
  size: number;
  mediaType: string;
}

/** Uploads one blob (monolithic upload) and returns its digest. */
export async function pushBlob(base: string, repo: string, bytes: Buffer): Promise<string> {
  const digest = digestOf(bytes);
  const start = await fetch(`${base}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  if (start.status !== 202) throw new Error(`upload start ${start.status}: ${await start.text()}`);
  const location = new URL(start.headers.get('location') ?? '', base);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  if (put.status !== 201) throw new Error(`upload ${put.status}: ${await put.text()}`);
  return digest;
}

/** PUTs a manifest or index under `reference` (a tag, or its digest). */
export async function pushManifest(base: string, repo: string, reference: string, mediaType: string, bytes: Buffer): Promise<Pushed> {
  const res = await fetch(`${base}/v2/${repo}/manifests/${reference}`, {
    method: 'PUT',
    headers: { 'content-type': mediaType },
    body: bytes,
  });
  if (res.status !== 201) throw new Error(`manifest ${res.status}: ${await res.text()}`);
  return { digest: digestOf(bytes), size: bytes.length, mediaType };
}

/** Builds an image (config, one small gzip layer per non-empty step, manifest) and pushes it. */
export async function pushImage(base: string, repo: string, reference: string | undefined, spec: ImageSpec): Promise<Pushed> {
  const layers: { digest: string; size: number }[] = [];
  const diffIds: string[] = [];
  for (const [i, step] of spec.history.entries()) {
    if (step.empty_layer) continue;
    const tar = tarWithFile(`layer-${i}.txt`, `${repo} step ${i}\n`);
    const gz = gzipSync(tar);
    diffIds.push(digestOf(tar));
    layers.push({ digest: await pushBlob(base, repo, gz), size: gz.length });
  }
  const config = Buffer.from(
    JSON.stringify({
      created: '2024-01-01T00:00:00Z',
      architecture: spec.architecture ?? 'amd64',
      ...(spec.variant ? { variant: spec.variant } : {}),
      os: spec.os ?? 'linux',
      config: { Env: ['PATH=/usr/bin:/bin'], ...(spec.labels ? { Labels: spec.labels } : {}) },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: spec.history.map((h) => ({ created: '2024-01-01T00:00:00Z', ...h })),
    }),
  );
  const configDigest = await pushBlob(base, repo, config);
  const docker = spec.docker === true;
  const mediaType = docker ? 'application/vnd.docker.distribution.manifest.v2+json' : 'application/vnd.oci.image.manifest.v1+json';
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: {
        mediaType: docker ? 'application/vnd.docker.container.image.v1+json' : 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers: layers.map((l) => ({
        mediaType: docker ? 'application/vnd.docker.image.rootfs.diff.tar.gzip' : 'application/vnd.oci.image.layer.v1.tar+gzip',
        ...l,
      })),
    }),
  );
  return pushManifest(base, repo, reference ?? digestOf(manifest), mediaType, manifest);
}

/** Pushes an OCI index of already pushed manifests under a tag. */
export async function pushIndex(
  base: string,
  repo: string,
  tag: string,
  entries: { pushed: Pushed; platform: { os: string; architecture: string; variant?: string } }[],
): Promise<Pushed> {
  const mediaType = 'application/vnd.oci.image.index.v1+json';
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      manifests: entries.map((e) => ({
        mediaType: e.pushed.mediaType,
        digest: e.pushed.digest,
        size: e.pushed.size,
        platform: e.platform,
      })),
    }),
  );
  return pushManifest(base, repo, tag, mediaType, index);
}

/** A loopback HTTP server with its authority and a way to close it (and its sockets). */
export interface TestServer {
  authority: string;
  url: string;
  close(): Promise<void>;
}

/** Serves `handler` on a random 127.0.0.1 port. */
export async function serve(handler: http.RequestListener): Promise<TestServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    authority: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Forwards a request to `upstream` (a base URL) and streams the answer back. */
export function forward(upstream: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const headers = { ...req.headers };
  delete headers.authorization;
  delete headers.host;
  const out = http.request(new URL(req.url ?? '/', upstream), { method: req.method, headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  out.on('error', () => res.destroy());
  req.pipe(out);
}

/** A fresh temp directory, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
