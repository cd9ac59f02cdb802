// A loopback npm registry holding exactly the packages a tarball depends on, packed from
// this repository's node_modules, so the install test needs neither the public registry
// nor whatever the machine's npm cache happens to hold.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

/** The folder Node would load `name` from when required from `from`. */
function packageFolder(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`${name} is not installed below ${from}: run npm ci`);
  }
}

/** The folders of `root`'s dependencies, transitively, as installed. */
function dependencyFolders(root: string): string[] {
  const seen = new Map<string, string>();
  const visit = (folder: string) => {
    const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageJson;
    for (const name of Object.keys(pkg.dependencies ?? {})) {
      const dep = packageFolder(name, folder);
      if (seen.has(dep)) continue;
      seen.set(dep, name);
      visit(dep);
    }
  };
  visit(root);
  return [...seen.keys()];
}

/** A running registry and its URL. */
export interface NpmRegistry {
  url: string;
  /** Package names asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Packs the dependencies of the package in `root` into `work` and serves them on 127.0.0.1. */
export async function startNpmRegistry(root: string, work: string): Promise<NpmRegistry> {
  const packuments = new Map<string, { versions: Record<string, unknown>; 'dist-tags': Record<string, string> }>();
  const tarballs = new Map<string, Buffer>();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
    requests.push(path);
    const body = tarballs.get(path) ?? (packuments.has(path) ? Buffer.from(JSON.stringify({ name: path, ...packuments.get(path) })) : null);
    if (!body) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end('{"error":"not found"}');
    }
    res.writeHead(200, { 'content-type': tarballs.has(path) ? 'application/octet-stream' : 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const folder of dependencyFolders(root)) {
    const packed = spawnSync(npm, ['pack', folder, '--pack-destination', work, '--json', '--ignore-scripts'], { encoding: 'utf8' });
    if (packed.status !== 0) throw new Error(`npm pack ${folder}: ${packed.stderr}`);
    const [info] = JSON.parse(packed.stdout) as { filename: string }[];
    const bytes = readFileSync(join(work, info.filename));
    const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageJson;
    const file = `${pkg.name}/-/${info.filename}`;
    tarballs.set(file, bytes);
    const entry = packuments.get(pkg.name) ?? { versions: {}, 'dist-tags': { latest: pkg.version } };
    entry.versions[pkg.version] = {
      name: pkg.name,
      version: pkg.version,
      dependencies: pkg.dependencies ?? {},
      dist: {
        tarball: `${url}/${file}`,
        integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
        shasum: createHash('sha1').update(bytes).digest('hex'),
      },
    };
    packuments.set(pkg.name, entry);
  }
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
