// Fetches an image's config blob from its registry (Registry HTTP API v2 / OCI
// distribution): tag to manifest or index, index to the wanted platform's manifest,
// manifest to config. Every document is checked against its digest and kept in the
// cache, so later runs and `offline` mode can answer without the network.

import { answerChallenge, parseChallenge } from './auth';
import { DEFAULT_TAG_TTL_MS, RegistryCache, defaultCacheDir, sha256Digest } from './cache';
import { credentialsFor, defaultDockerConfigPath, type Credentials } from './credentials';
import { request, requestStream, type HttpResponse, type RequestLimits } from './http';
import { isLoopbackHost, refKey, registryRef, type RegistryRef } from './registry-ref';

/** How a lookup may go about its work. */
export interface FetchOptions {
  /** `os/architecture[/variant]` picked from an index; default `linux/amd64`. */
  platform?: string;
  /** Deadline for each HTTP request; default 5000 ms. */
  timeoutMs?: number;
  /** Largest manifest or index accepted; default 4 MiB. */
  maxManifestBytes?: number;
  /** Largest config blob accepted; default 8 MiB. */
  maxConfigBytes?: number;
  /** Cache directory; default `$XDG_CACHE_HOME/muslcheck` or `~/.cache/muslcheck`. */
  cacheDir?: string;
  /** How long a tag-to-digest lookup is trusted; default 24 h. */
  tagTtlMs?: number;
  /** Answer from the cache only (stale tag lookups included); never touch the network. */
  offline?: boolean;
  /** Docker client config with `auths`; default `$DOCKER_CONFIG/config.json` or `~/.docker/config.json`. */
  dockerConfigPath?: string;
}

/** One `history[]` entry of an image config. */
export interface HistoryEntry {
  /** The `created_by` text: the command or instruction that made this step. */
  createdBy: string;
  /** True when the step added no filesystem layer (ENV, CMD, ...). */
  emptyLayer: boolean;
}

/** What a successful lookup found. */
export interface ImageConfig {
  ok: true;
  /** Digest the reference resolved to (the index's, for a multi-platform image). */
  digest: string;
  /** Digest of the platform's own manifest (equal to `digest` without an index). */
  manifestDigest: string;
  /** Digest of the config blob. */
  configDigest: string;
  os: string;
  architecture: string;
  variant?: string;
  history: HistoryEntry[];
  /** The base image's name and digest, when the image records them (OCI annotations or labels). */
  baseName?: string;
  baseDigest?: string;
  /** `cache` when no network request was needed. */
  source: 'registry' | 'cache';
}

/** The result of a lookup: the config, or why there is none. */
export type ImageConfigResult = ImageConfig | { ok: false; reason: string };

const MiB = 1024 * 1024;
const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];
const CONFIG_TYPES = new Set(['application/vnd.oci.image.config.v1+json', 'application/vnd.docker.container.image.v1+json']);
const BASE_NAME = 'org.opencontainers.image.base.name';
const BASE_DIGEST = 'org.opencontainers.image.base.digest';

/** Thrown inside a lookup to end it with a reason; caught in `fetchImageConfig`. */
class Failure extends Error {}

interface Descriptor {
  digest?: unknown;
  size?: unknown;
  mediaType?: unknown;
  platform?: { os?: unknown; architecture?: unknown; variant?: unknown };
}

/**
 * Looks up the config of `ref` for one platform. Never throws: failures, including
 * malformed answers, come back as `{ ok: false, reason }`.
 */
export async function fetchImageConfig(ref: string, opts: FetchOptions = {}): Promise<ImageConfigResult> {
  const parsed = registryRef(ref);
  if (typeof parsed === 'string') return { ok: false, reason: parsed };
  try {
    return await new Lookup(parsed, opts).run();
  } catch (err) {
    if (err instanceof Failure) return { ok: false, reason: err.message };
    return { ok: false, reason: `${ref}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** An image in a registry whose layers can be streamed, for `muslcheck image`. */
export interface RegistryImage {
  config: Record<string, unknown>;
  /** The platform manifest's layers, in order. */
  layers: { digest: string; size: number | null }[];
  /** Opens one layer blob as a stream (the caller checks its digest). */
  openLayer(digest: string): Promise<NodeJS.ReadableStream>;
}

/** Resolves `ref` to its platform manifest and config; throws an Error with the reason. */
export async function openRegistryImage(ref: string, opts: FetchOptions = {}): Promise<RegistryImage> {
  const parsed = registryRef(ref);
  if (typeof parsed === 'string') throw new Error(parsed);
  const lookup = new Lookup(parsed, opts);
  const { manifest, json } = await lookup.image();
  const layers = Array.isArray(manifest.layers) ? (manifest.layers as Descriptor[]) : [];
  return {
    config: json,
    layers: layers.map((l) => {
      if (typeof l.digest !== 'string') throw new Failure(`${ref}: a layer of its manifest has no digest`);
      return { digest: l.digest, size: typeof l.size === 'number' ? l.size : null };
    }),
    openLayer: (digest) => lookup.blobStream(digest),
  };
}

/** The state of one lookup: its registry session (token) and whether it used the network. */
class Lookup {
  private readonly cache: RegistryCache;
  private readonly limits: Omit<RequestLimits, 'maxBytes'>;
  private readonly base: string;
  private authorization: string | undefined;
  private creds: Credentials | undefined | null = null;
  private usedNetwork = false;

  constructor(
    private readonly ref: RegistryRef,
    private readonly opts: FetchOptions,
  ) {
    this.cache = new RegistryCache(opts.cacheDir ?? defaultCacheDir(), opts.tagTtlMs ?? DEFAULT_TAG_TTL_MS);
    const loopback = isLoopbackHost(hostOnly(ref.registry));
    // Loopback registries (test or local ones) speak plain http; everything else https.
    this.base = `${loopback ? 'http' : 'https'}://${ref.registry}/v2/${ref.repository}`;
    this.limits = { timeoutMs: opts.timeoutMs ?? 5000, loopbackRegistry: loopback };
  }

  /** The platform's manifest and its parsed config document. */
  async image(): Promise<{
    digest: string;
    manifestDigest: string;
    manifest: Record<string, unknown>;
    configDigest: string;
    json: Record<string, unknown>;
  }> {
    const wanted = parsePlatform(this.opts.platform ?? 'linux/amd64');
    const digest = this.ref.digest ?? (await this.resolveTag());
    let manifestDigest = digest;
    let manifest = await this.manifest(digest);
    if (Array.isArray(manifest.manifests)) {
      manifestDigest = pickPlatform(manifest.manifests as Descriptor[], wanted, this.ref.original);
      manifest = await this.manifest(manifestDigest);
    }
    if (manifest.schemaVersion === 1) throw new Failure(`${this.ref.original}: schema 1 manifests are not supported`);
    const config = manifest.config as Descriptor | undefined;
    if (!config || typeof config.digest !== 'string') {
      throw new Failure(`${this.ref.original}: manifest ${manifestDigest} has no config`);
    }
    if (typeof config.mediaType === 'string' && !CONFIG_TYPES.has(config.mediaType)) {
      throw new Failure(`${this.ref.original} is not a container image (config type ${config.mediaType})`);
    }
    const maxConfig = this.opts.maxConfigBytes ?? 8 * MiB;
    if (typeof config.size === 'number' && config.size > maxConfig) {
      throw new Failure(`${this.ref.original}: config blob of ${config.size} bytes is over the limit of ${maxConfig}`);
    }
    const blob = await this.blob(config.digest, 'blobs', maxConfig);
    return { digest, manifestDigest, manifest, configDigest: config.digest, json: parseJson(blob, `config ${config.digest}`) };
  }

  /** A layer blob as a stream, never buffered or cached: layers are read once. */
  async blobStream(digest: string): Promise<NodeJS.ReadableStream> {
    if (this.opts.offline) throw new Failure(`${this.ref.original}: offline, and layers are never cached`);
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new Failure(`${this.ref.original}: unsupported digest ${digest}`);
    const result = await requestStream(
      {
        method: 'GET',
        url: `${this.base}/blobs/${digest}`,
        ...(this.authorization ? { authorization: { value: this.authorization, authority: this.ref.registry } } : {}),
      },
      { ...this.limits, maxBytes: Number.MAX_SAFE_INTEGER },
    );
    if (!result.ok) throw new Failure(`${this.ref.original}: ${result.reason}`);
    if (result.response.status !== 200) {
      result.response.body.destroy();
      throw new Failure(`${this.ref.original}: ${this.ref.registry} answered ${result.response.status} for layer ${digest}`);
    }
    const body = result.response.body;
    // The deadline covered the headers; a body that stalls for as long again ends the read.
    body.setTimeout(this.limits.timeoutMs, () => body.destroy(new Error(`${this.ref.registry} stalled sending layer ${digest}`)));
    return body;
  }

  async run(): Promise<ImageConfig> {
    const { digest, manifestDigest, manifest, configDigest, json } = await this.image();
    const annotations = (manifest.annotations ?? {}) as Record<string, unknown>;
    const labels = ((json.config as { Labels?: unknown } | undefined)?.Labels ?? {}) as Record<string, unknown>;
    const baseName = str(annotations[BASE_NAME]) ?? str(labels[BASE_NAME]);
    const baseDigest = str(annotations[BASE_DIGEST]) ?? str(labels[BASE_DIGEST]);
    return {
      ok: true,
      digest,
      manifestDigest,
      configDigest,
      os: str(json.os) ?? 'unknown',
      architecture: str(json.architecture) ?? 'unknown',
      ...(str(json.variant) ? { variant: str(json.variant) } : {}),
      history: readHistory(json.history),
      ...(baseName ? { baseName } : {}),
      ...(baseDigest ? { baseDigest } : {}),
      source: this.usedNetwork ? 'registry' : 'cache',
    };
  }

  /** The digest a tag points to: from a fresh cache entry, else from the registry. */
  private async resolveTag(): Promise<string> {
    const key = refKey(this.ref);
    const known = this.cache.getTag(key);
    if (known && (known.fresh || this.opts.offline)) return known.digest;
    if (this.opts.offline) throw new Failure(`${this.ref.original}: offline and not in the cache`);
    const maxBytes = this.opts.maxManifestBytes ?? 4 * MiB;
    if (known) {
      // A stale entry usually still holds: a HEAD confirms it without a download (and,
      // on Docker Hub, without counting against the pull limit).
      const head = await this.send('HEAD', `/manifests/${this.ref.tag}`, maxBytes);
      const header = head.headers['docker-content-digest'];
      if (typeof header === 'string' && this.cache.getBlob(header)) {
        this.cache.putTag(key, header);
        return header;
      }
    }
    const res = await this.send('GET', `/manifests/${this.ref.tag}`, maxBytes);
    const digest = sha256Digest(res.body);
    this.cache.putBlob(digest, res.body);
    this.cache.putTag(key, digest);
    return digest;
  }

  private async manifest(digest: string): Promise<Record<string, unknown>> {
    const bytes = await this.blob(digest, 'manifests', this.opts.maxManifestBytes ?? 4 * MiB);
    return parseJson(bytes, `manifest ${digest}`);
  }

  /** Content by digest, from the cache or the registry, verified either way. */
  private async blob(digest: string, kind: 'manifests' | 'blobs', maxBytes: number): Promise<Buffer> {
    const cached = this.cache.getBlob(digest);
    if (cached) return cached;
    if (this.opts.offline) throw new Failure(`${this.ref.original}: offline and ${digest} is not in the cache`);
    if (!digest.startsWith('sha256:')) throw new Failure(`${this.ref.original}: unsupported digest ${digest}`);
    const res = await this.send('GET', `/${kind}/${digest}`, maxBytes);
    if (sha256Digest(res.body) !== digest) {
      throw new Failure(`${this.ref.original}: ${this.ref.registry} sent content that does not match ${digest}`);
    }
    this.cache.putBlob(digest, res.body);
    return res.body;
  }

  /** One request to the registry, answering a 401 challenge once. Only 200 passes. */
  private async send(method: 'GET' | 'HEAD', path: string, maxBytes: number): Promise<HttpResponse> {
    this.usedNetwork = true;
    const limits = { ...this.limits, maxBytes };
    const go = () =>
      request(
        {
          method,
          url: this.base + path,
          headers: { accept: MANIFEST_TYPES.join(', ') },
          ...(this.authorization ? { authorization: { value: this.authorization, authority: this.ref.registry } } : {}),
        },
        limits,
      );
    let result = await go();
    if (result.ok && result.response.status === 401) {
      const challenge = parseChallenge(String(result.response.headers['www-authenticate'] ?? ''));
      if (challenge) {
        const answer = await answerChallenge(challenge, this.ref.registry, this.ref.repository, this.credentials(), limits);
        if (!answer.ok) throw new Failure(`${this.ref.original}: ${answer.reason}`);
        this.authorization = answer.value;
        result = await go();
      }
    }
    if (!result.ok) throw new Failure(`${this.ref.original}: ${result.reason}`);
    const res = result.response;
    if (res.status === 200) return res;
    throw new Failure(`${this.ref.original}: ${statusReason(res, this.ref.registry)}`);
  }

  private credentials(): Credentials | undefined {
    if (this.creds === null) {
      this.creds = credentialsFor(this.ref.registry, this.opts.dockerConfigPath ?? defaultDockerConfigPath());
    }
    return this.creds;
  }
}

function statusReason(res: HttpResponse, registry: string): string {
  let detail = '';
  try {
    const errors = (JSON.parse(res.body.toString('utf8')) as { errors?: { code?: string; message?: string }[] }).errors;
    if (errors?.[0]) detail = `: ${errors[0].code ?? ''} ${errors[0].message ?? ''}`.trimEnd();
  } catch {
    // Not every error body is the registry's JSON; the status alone still says enough.
  }
  switch (res.status) {
    case 401:
    case 403:
      return `${registry} refused access (${res.status})${detail}`;
    case 404:
      return `not found in ${registry}${detail}`;
    case 429:
      return `${registry} is rate limiting requests (429)${detail}`;
    default:
      return `${registry} answered ${res.status}${detail}`;
  }
}

interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  return { os: os || 'linux', architecture: architecture || 'amd64', ...(variant ? { variant } : {}) };
}

/** The digest of the index entry for `wanted`; arm64 without a variant counts as v8. */
function pickPlatform(entries: Descriptor[], wanted: Platform, ref: string): string {
  const variantOf = (p: Platform) => p.variant ?? (p.architecture === 'arm64' ? 'v8' : undefined);
  const seen: string[] = [];
  for (const e of entries) {
    const p = e.platform;
    if (!p || typeof e.digest !== 'string' || typeof p.os !== 'string' || typeof p.architecture !== 'string') continue;
    const have: Platform = {
      os: p.os,
      architecture: p.architecture,
      ...(str(p.variant) ? { variant: str(p.variant) } : {}),
    };
    seen.push([have.os, have.architecture, have.variant].filter(Boolean).join('/'));
    if (have.os !== wanted.os || have.architecture !== wanted.architecture) continue;
    if (wanted.variant && variantOf(have) !== variantOf(wanted)) continue;
    return e.digest;
  }
  const want = [wanted.os, wanted.architecture, wanted.variant].filter(Boolean).join('/');
  throw new Failure(`${ref}: no ${want} image in its index (has ${seen.join(', ') || 'none'})`);
}

function readHistory(value: unknown): HistoryEntry[] {
  if (!Array.isArray(value)) return [];
  return value.map((h: { created_by?: unknown; empty_layer?: unknown }) => ({
    createdBy: str(h?.created_by) ?? '',
    emptyLayer: h?.empty_layer === true,
  }));
}

function parseJson(bytes: Buffer, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below with the same message as a non-object.
  }
  throw new Failure(`${what} is not a JSON object`);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The host part of `host[:port]` or `[v6]:port`. */
function hostOnly(authority: string): string {
  const v6 = /^\[([^\]]+)\]/.exec(authority);
  return v6 ? v6[1] : authority.replace(/:\d+$/, '');
}
