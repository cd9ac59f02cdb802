// The on-disk cache of registry answers. Manifests and config blobs are stored by digest
// and never expire (their content is what the digest names, checked again on read); tag
// lookups record which digest a tag pointed to and when, and go stale after a TTL. The
// cache is best effort: a write that fails only costs a later network request.

import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Tag lookups are trusted for a day unless told otherwise. */
export const DEFAULT_TAG_TTL_MS = 24 * 60 * 60 * 1000;

/** `$XDG_CACHE_HOME/muslcheck`, else `~/.cache/muslcheck`. */
export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'muslcheck');
}

/** The sha256 digest of bytes, as `sha256:<hex>`. */
export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A tag's last known digest. */
export interface TagEntry {
  digest: string;
  /** False once the entry is older than the TTL. */
  fresh: boolean;
}

/** Content-addressed blobs and expiring tag lookups under one directory. */
export class RegistryCache {
  constructor(
    readonly dir: string,
    readonly tagTtlMs: number = DEFAULT_TAG_TTL_MS,
  ) {}

  /** The bytes stored for a digest, if present and still matching it. */
  getBlob(digest: string): Buffer | undefined {
    const file = this.blobPath(digest);
    if (!file) return undefined;
    try {
      const bytes = fs.readFileSync(file);
      return sha256Digest(bytes) === digest ? bytes : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores bytes under their digest; the caller has verified they match. */
  putBlob(digest: string, bytes: Buffer): void {
    const file = this.blobPath(digest);
    if (file) this.write(file, bytes);
  }

  /** Which digest `key` (a `registry/repository:tag`) pointed to when last looked up. */
  getTag(key: string, now: number = Date.now()): TagEntry | undefined {
    try {
      const entry = JSON.parse(fs.readFileSync(this.tagPath(key), 'utf8')) as {
        key?: unknown;
        digest?: unknown;
        fetchedAt?: unknown;
      };
      if (entry.key !== key || typeof entry.digest !== 'string' || typeof entry.fetchedAt !== 'number') {
        return undefined;
      }
      return { digest: entry.digest, fresh: now - entry.fetchedAt < this.tagTtlMs };
    } catch {
      return undefined;
    }
  }

  /** Records that `key` points to `digest` now. */
  putTag(key: string, digest: string, now: number = Date.now()): void {
    this.write(this.tagPath(key), Buffer.from(JSON.stringify({ key, digest, fetchedAt: now })));
  }

  private blobPath(digest: string): string | undefined {
    // Only sha256 is stored; the pattern also keeps a hostile digest out of the path.
    const m = /^sha256:([a-f0-9]{64})$/.exec(digest);
    return m ? path.join(this.dir, 'blobs', 'sha256', m[1]) : undefined;
  }

  private tagPath(key: string): string {
    return path.join(this.dir, 'tags', `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  /** Writes through a temporary file and a rename, so readers never see half a file. */
  private write(file: string, bytes: Buffer): void {
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(tmp, bytes, { mode: 0o600 });
      fs.renameSync(tmp, file);
    } catch {
      fs.rmSync(tmp, { force: true });
    }
  }
}
