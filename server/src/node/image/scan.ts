// `muslcheck image TARGET`: opens the image (an archive, an OCI layout folder, or a registry
// reference), streams its layers once into compact per-path facts, applies them in order,
// decides the image's C library from the final files and hands the facts to the judge.
import { promises as fs } from 'node:fs';
import { ImageFilesystem } from '../../model/image-files';
import { decideImageLibc } from '../../model/image-libc';
import type { ImageFacts, ImageLayer } from '../../rules/mc2005-foreign-libc-binary-in-image';
import { historyInstruction, type FetchOptions } from '../registry';
import { readArchiveFrom, readImageArchive, readOciFolder, type StoredImage } from './archive';
import { DEFAULT_MAX_IMAGE_BYTES, ImageError, ScanCounters } from './layer-scan';
import { readRegistryImage } from './registry-image';

export { ImageError } from './layer-scan';

/** How a scan may go about its work. */
export interface ImageScanOptions {
  /** `os/arch[/variant]` for multi-platform indexes; null takes the first (local) or linux/amd64 (registry). */
  platform?: string | null;
  /** Bound on uncompressed layer bytes (default 64 GiB). */
  maxBytes?: number;
  /** For registry references. */
  fetch?: FetchOptions;
  /** The bytes of `-`: an archive on standard input (`docker save app | muslcheck image -`). */
  stdin?: AsyncIterable<Uint8Array>;
  /** Called with the counters while the scan runs (the CLI's progress line). */
  onCounters?: (counters: ScanCounters) => void;
}

/** What a scan found. */
export interface ImageScan {
  facts: ImageFacts;
  /** Each layer's history entry rewritten as an instruction (`RUN apk add x`), for the Dockerfile mapping. */
  layerInstructions: (string | undefined)[];
  counters: ScanCounters;
  /** Things the user should know that are not findings (paths that tried to leave the root). */
  notes: string[];
}

interface HistoryItem {
  created_by?: unknown;
  empty_layer?: unknown;
}

/** The layers with the history entry that made each (entries with `empty_layer` made none). */
function layersWithHistory(stored: StoredImage): ImageLayer[] {
  const history = Array.isArray(stored.config.history) ? (stored.config.history as HistoryItem[]) : [];
  const made = history.filter((h) => h?.empty_layer !== true);
  const rootfs = stored.config.rootfs as { diff_ids?: unknown } | undefined;
  const diffIds = Array.isArray(rootfs?.diff_ids) ? rootfs.diff_ids : [];
  // Only when the history has one entry per layer can entries be paired with layers.
  const paired = made.length === stored.layers.length;
  return stored.layers.map((layer, index) => {
    const digest = layer.digest.startsWith('sha256:')
      ? layer.digest
      : typeof diffIds[index] === 'string'
        ? (diffIds[index] as string)
        : layer.digest;
    const createdBy = paired && typeof made[index]?.created_by === 'string' ? (made[index].created_by as string) : null;
    return { index, digest, createdBy };
  });
}

function platformOf(config: Record<string, unknown>): string | null {
  const os = typeof config.os === 'string' ? config.os : null;
  const arch = typeof config.architecture === 'string' ? config.architecture : null;
  if (!os || !arch) return null;
  return typeof config.variant === 'string' && config.variant ? `${os}/${arch}/${config.variant}` : `${os}/${arch}`;
}

/**
 * True for a target that can only be meant as a path (`./x`, `/x`, `x.tar`, `x.tar.gz`): a
 * missing one is an error, not a registry lookup that would send a typo over the network.
 */
function looksLikePath(target: string): boolean {
  return /^(\.{1,2}[\\/]|[\\/]|~)/.test(target) || /\.(tar|tgz|gz|oci)$/i.test(target) || target.includes('\\');
}

/** Scans an image. Throws ImageError for anything that makes it unreadable. */
export async function scanImage(target: string, options: ImageScanOptions = {}): Promise<ImageScan> {
  const counters = new ScanCounters(options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES);
  const timer = options.onCounters ? setInterval(() => options.onCounters!(counters), 200) : null;
  let stored: StoredImage;
  try {
    const stat = target === '-' ? null : await fs.stat(target).catch(() => null);
    if (target === '-') {
      if (!options.stdin) throw new ImageError("'-' names standard input, which this caller does not give");
      // Standard input is read once: a big program whose tables need a second pass gets no verdict.
      let given = false;
      const stdin = options.stdin;
      const once = () => (given ? null : ((given = true), stdin));
      stored = await readArchiveFrom('<stdin>', once, options.platform ?? null, counters);
    } else if (stat?.isDirectory()) stored = await readOciFolder(target, options.platform ?? null, counters);
    else if (stat?.isFile()) stored = await readImageArchive(target, options.platform ?? null, counters);
    else if (stat) throw new ImageError(`${target} is neither a file nor a folder`);
    else if (looksLikePath(target)) throw new ImageError(`${target}: no such file or folder`);
    else {
      stored = await readRegistryImage(
        target,
        { ...options.fetch, platform: options.platform ?? options.fetch?.platform ?? 'linux/amd64' },
        counters,
      );
    }
  } finally {
    if (timer) clearInterval(timer);
  }
  options.onCounters?.(counters);
  const fs_ = new ImageFilesystem();
  let escapes = 0;
  stored.layers.forEach((layer, index) => {
    fs_.apply(layer.changes, index);
    escapes += layer.changes.escapes;
  });
  const layers = layersWithHistory(stored);
  const notes: string[] = [];
  if (escapes)
    notes.push(`${escapes} layer entr${escapes === 1 ? 'y names' : 'ies name'} a path above the root ('..'); read as inside the image`);
  return {
    facts: { fs: fs_, libc: decideImageLibc(fs_), platform: platformOf(stored.config), layers },
    layerInstructions: layers.map((l) => (l.createdBy === null ? undefined : historyInstruction(l.createdBy))),
    counters,
    notes,
  };
}
