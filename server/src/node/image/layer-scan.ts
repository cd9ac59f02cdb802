// Streams one layer (plain tar or gzip) into its compact changes: per path the kind, link
// target and ELF facts; whiteouts and opaque folders. Uncompressed bytes count against the
// image's budget, which bounds a decompression bomb by the work it can cause.
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LayerChanges } from '../../model/image-files';
import { elfCapture, type CaptureResult, type Region } from './elf-capture';
import { readTar, TarError } from './tar';

/** A problem with the image itself: reported as an error (exit 2), never as a crash. */
export class ImageError extends Error {}

/** Shared by every layer of one scan: the budget and what progress shows. */
export class ScanCounters {
  /** Uncompressed layer bytes read so far. */
  bytes = 0;
  /** Bytes as stored (compressed or not) read so far. */
  storedBytes = 0;
  layersDone = 0;
  layersTotal = 0;
  /** Bytes kept so far for files another pass will finish. */
  keptBytes = 0;

  constructor(
    /** Most uncompressed layer bytes one image may make us read. */
    readonly maxBytes: number,
    /**
     * Most bytes kept over the whole image for files another pass will finish (each keeps
     * up to 24 MiB): past it a file stays unread (no verdict) rather than fill memory.
     */
    readonly maxKeptBytes = DEFAULT_MAX_KEPT_BYTES,
  ) {}
}

/** Default bound on uncompressed layer data per image: 64 GiB, far above real images. */
export const DEFAULT_MAX_IMAGE_BYTES = 64 * 1024 ** 3;

/** Default bound on the bytes kept for later passes: a few hundred giant libraries. */
export const DEFAULT_MAX_KEPT_BYTES = 512 * 1024 ** 2;

/** The first chunk, then the rest: a peek that loses nothing. */
async function* prepend(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** The layer's tar bytes: gunzipped when it starts with the gzip magic number, counted against the budget. */
async function* tarBytes(source: AsyncIterable<Uint8Array>, counters: ScanCounters, what: string): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value;
  const stored = (async function* () {
    for await (const chunk of prepend(head, iterator)) {
      counters.storedBytes += chunk.length;
      yield chunk;
    }
  })();
  const zstd = head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd;
  if (zstd) throw new ImageError(`${what} is compressed with zstd, which muslcheck cannot read yet`);
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const plain: AsyncIterable<Uint8Array> = gzip ? Readable.from(stored).pipe(createGunzip({ chunkSize: 256 * 1024 })) : stored;
  try {
    for await (const chunk of plain) {
      counters.bytes += chunk.length;
      if (counters.bytes > counters.maxBytes) {
        throw new ImageError(
          `${what} expands past the limit of ${counters.maxBytes} uncompressed bytes for one image (a decompression bomb, or raise --max-image-bytes)`,
        );
      }
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ImageError) throw error;
    if (gzip) throw new ImageError(`${what} is not valid gzip: ${(error as Error).message}`);
    throw error;
  }
}

/** A layer read once: its changes, and the ELF files another pass could finish (by entry name). */
export interface LayerScan {
  changes: LayerChanges;
  unfinished: Map<string, Region[]>;
}

/** Passes over one layer at most: the first, then two for big programs' tables. */
export const MAX_PASSES = 3;

/**
 * Reads one layer into its changes. `what` names it in errors (`layer 2 (sha256:...)`). With
 * `earlier`, this is a later pass: only the unfinished files are read, starting from what
 * they kept, and their facts replace the first pass's.
 */
export async function scanLayer(
  source: AsyncIterable<Uint8Array>,
  index: number,
  counters: ScanCounters,
  what: string,
  earlier?: LayerScan,
): Promise<LayerScan> {
  const changes = earlier?.changes ?? new LayerChanges(index);
  const unfinished = new Map<string, Region[]>();
  try {
    await readTar(tarBytes(source, counters, what), (entry) => {
      const kept = earlier?.unfinished.get(entry.name);
      if (earlier && !kept) return null;
      if (entry.type !== 'file' || entry.size < 4) {
        changes.add(entry.name, entry);
        return null;
      }
      return elfCapture(
        entry.size,
        (result: CaptureResult) => {
          if (result.kind === 'unfinished') {
            const bytes = result.kept.reduce((sum, region) => sum + region.bytes.length, 0);
            if (counters.keptBytes + bytes <= counters.maxKeptBytes) {
              counters.keptBytes += bytes;
              unfinished.set(entry.name, result.kept);
            } else {
              result.elf.problems.push(`not read again: the image's files already keep ${counters.keptBytes} bytes for another pass`);
            }
          }
          changes.add(entry.name, result.kind === 'not-elf' ? entry : { ...entry, elf: result.elf });
        },
        kept,
      );
    });
  } catch (error) {
    if (error instanceof TarError) throw new ImageError(`${what}: ${error.message}`);
    throw error;
  }
  if (!earlier) counters.layersDone++;
  return { changes, unfinished };
}

/** Reads a layer in as many passes as its big programs need; `open` gives its bytes again. */
export async function readLayer(
  open: () => AsyncIterable<Uint8Array>,
  index: number,
  counters: ScanCounters,
  what: string,
): Promise<LayerChanges> {
  let scan = await scanLayer(open(), index, counters, what);
  for (let pass = 2; pass <= MAX_PASSES && scan.unfinished.size; pass++) scan = await scanLayer(open(), index, counters, what, scan);
  return scan.changes;
}
