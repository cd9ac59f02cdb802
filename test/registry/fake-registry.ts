// An in-process registry speaking the part of the OCI distribution API that the tests push
// with and the registry client reads: blob uploads (POST, then PUT with the digest), blob
// GET, manifest PUT/GET/HEAD by tag or digest, and distribution's error bodies. It keeps
// everything in memory and listens on 127.0.0.1, so `npm test` needs no registry program;
// test/e2e runs the same tests against Debian's real `docker-registry`.
import { createHash, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from './fixtures';

interface Stored {
  mediaType: string;
  bytes: Buffer;
}

const digestOf = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

function fail(res: http.ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ code, message }] }));
}

function send(req: http.IncomingMessage, res: http.ServerResponse, stored: Stored, digest: string): void {
  res.writeHead(200, {
    'content-type': stored.mediaType,
    'content-length': stored.bytes.length,
    'docker-content-digest': digest,
  });
  res.end(req.method === 'HEAD' ? undefined : stored.bytes);
}

async function body(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the fake registry on a random loopback port. */
export async function startFakeRegistry(): Promise<Registry> {
  /** By repository: blobs and manifests by digest, tags to digests. */
  const repos = new Map<string, { blobs: Map<string, Buffer>; manifests: Map<string, Stored>; tags: Map<string, string> }>();
  const repo = (name: string) => {
    let found = repos.get(name);
    if (!found) repos.set(name, (found = { blobs: new Map(), manifests: new Map(), tags: new Map() }));
    return found;
  };
  const uploads = new Set<string>();

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://registry');
      if (url.pathname === '/v2/' || url.pathname === '/v2') {
        res.writeHead(200, { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0' });
        return void res.end('{}');
      }
      const match = /^\/v2\/(.+)\/(blobs\/uploads|blobs|manifests)\/(.*)$/.exec(url.pathname);
      if (!match) return fail(res, 404, 'NAME_UNKNOWN', 'repository name not known to registry');
      const [, name, kind, reference] = match;
      const store = repo(name);
      if (kind === 'blobs/uploads') {
        if (req.method === 'POST' && reference === '') {
          const id = randomUUID();
          uploads.add(id);
          res.writeHead(202, { location: `/v2/${name}/blobs/uploads/${id}`, 'docker-upload-uuid': id });
          return void res.end();
        }
        if (req.method === 'PUT' && uploads.delete(reference)) {
          const bytes = await body(req);
          const digest = digestOf(bytes);
          if (url.searchParams.get('digest') !== digest)
            return fail(res, 400, 'DIGEST_INVALID', 'provided digest did not match uploaded content');
          store.blobs.set(digest, bytes);
          res.writeHead(201, { location: `/v2/${name}/blobs/${digest}`, 'docker-content-digest': digest });
          return void res.end();
        }
        return fail(res, 404, 'BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry');
      }
      if (kind === 'blobs') {
        const bytes = store.blobs.get(reference);
        if (!bytes) return fail(res, 404, 'BLOB_UNKNOWN', 'blob unknown to registry');
        return send(req, res, { mediaType: 'application/octet-stream', bytes }, reference);
      }
      if (req.method === 'PUT') {
        const bytes = await body(req);
        const digest = digestOf(bytes);
        if (reference.startsWith('sha256:') && reference !== digest)
          return fail(res, 400, 'DIGEST_INVALID', 'manifest digest did not match');
        store.manifests.set(digest, { mediaType: String(req.headers['content-type']), bytes });
        if (!reference.startsWith('sha256:')) store.tags.set(reference, digest);
        res.writeHead(201, { location: `/v2/${name}/manifests/${digest}`, 'docker-content-digest': digest });
        return void res.end();
      }
      const digest = reference.startsWith('sha256:') ? reference : store.tags.get(reference);
      const stored = digest ? store.manifests.get(digest) : undefined;
      if (!digest || !stored) return fail(res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown');
      return send(req, res, stored, digest);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    authority: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
