// Registry credentials from Docker's client config (`auths` entries with a base64
// `auth` field), and the rule for where they may be sent. The values are only ever put
// into an Authorization header; they are never logged or written to the cache.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DOCKER_HUB_API, canonicalRegistry } from './registry-ref';

/** A user name and password (or token) for one registry. */
export interface Credentials {
  username: string;
  password: string;
  /** Authorities (`host[:port]`) these credentials may be sent to. */
  allowedAuthorities: ReadonlySet<string>;
}

/**
 * Docker Hub's token service is on a different host than its API. This fixed pairing is
 * the one exception to "credentials go only to their own host": it is not taken from a
 * server's answer, so a registry cannot use it to redirect credentials elsewhere.
 */
const DOCKER_HUB_AUTHORITIES = [DOCKER_HUB_API, 'auth.docker.io'];

/** Where Docker keeps its client config: `$DOCKER_CONFIG/config.json` or `~/.docker/config.json`. */
export function defaultDockerConfigPath(): string {
  const dir = process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
  return path.join(dir, 'config.json');
}

/** Reduces an `auths` key (`https://index.docker.io/v1/`, `ghcr.io`, `localhost:5000`) to an authority. */
function authorityOfKey(key: string): string {
  const bare = key.replace(/^[a-z]+:\/\//i, '').split('/', 1)[0];
  return canonicalRegistry(bare);
}

/**
 * Looks up credentials for a registry authority in a Docker config file. A missing or
 * unreadable file, or an entry without an `auth` field, means anonymous access.
 */
export function credentialsFor(registry: string, configPath: string): Credentials | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(configPath, 'utf8'));
  } catch {
    return undefined;
  }
  const auths = (parsed as { auths?: Record<string, { auth?: unknown }> } | null)?.auths;
  if (!auths || typeof auths !== 'object') return undefined;
  const wanted = canonicalRegistry(registry);
  for (const [key, entry] of Object.entries(auths)) {
    if (authorityOfKey(key) !== wanted || typeof entry?.auth !== 'string') continue;
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    if (sep <= 0) continue;
    const allowed = wanted === DOCKER_HUB_API ? DOCKER_HUB_AUTHORITIES : [wanted];
    return {
      username: decoded.slice(0, sep),
      password: decoded.slice(sep + 1),
      allowedAuthorities: new Set(allowed),
    };
  }
  return undefined;
}

/** The Basic Authorization header value for credentials. */
export function basicHeader(creds: Credentials): string {
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
}
