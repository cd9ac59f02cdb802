// Reads the ELF facts of one file while its bytes stream past, keeping only what the reader
// asks for: the first PREFIX bytes of an ELF file (header, program headers, interpreter and,
// in most files, the string and version tables), then any later region the reader wants (usually the
// dynamic section) as the stream reaches it. Big programs keep their strings before the
// dynamic section that points at them (node: strings at 2 MB, the dynamic section at 87 MB):
// such a file is `unfinished` with what it kept, and a later pass over the layer starts from
// those bytes and keeps a wide window at each region it still wants. Memory per file stays
// bounded whatever its size.
import { hasElfMagic, readElf, type ByteSource, type ElfInfo } from '../../parse/elf';
import type { EntrySink } from './tar';

/**
 * Bytes kept from the start of an ELF file (other files keep 4, for the magic number). Most
 * programs' string and version tables lie in their first MiB; only giants need a second pass.
 */
export const PREFIX = 1024 * 1024;
/** Largest region kept for one request of the reader in the first pass. */
const MAX_REGION = 1024 * 1024;
/** In later passes a region is kept this wide: the tables a request points into lie together. */
const LATER_WINDOW = 8 * 1024 * 1024;
/** Most bytes kept for one file over all passes. */
const MAX_KEPT = 24 * 1024 * 1024;
/** Requests of later regions per file and pass. */
const MAX_ROUNDS = 8;

/** Bytes kept from one file. */
export interface Region {
  offset: number;
  bytes: Uint8Array;
  fill: number;
}

/** What a capture ends with. */
export type CaptureResult =
  | { kind: 'not-elf' }
  | { kind: 'read'; elf: ElfInfo }
  /** The reader wanted bytes the stream had passed: another pass can start from `kept`. */
  | { kind: 'unfinished'; elf: ElfInfo; kept: Region[] };

/**
 * A sink for one tar entry of `size` bytes. `kept` are the regions an earlier pass kept
 * (this pass then starts from them and keeps wide windows).
 */
export function elfCapture(size: number, done: (result: CaptureResult) => void, kept?: readonly Region[]): EntrySink {
  const later = kept !== undefined;
  // Four bytes until the magic number says ELF; then the prefix, which keeps those four.
  const prefix: Region = kept?.[0] ?? { offset: 0, bytes: new Uint8Array(Math.min(size, 4)), fill: 0 };
  const regions: Region[] = kept ? [...kept] : [prefix];
  let keptBytes = regions.reduce((sum, r) => sum + r.bytes.length, 0) + (kept ? 0 : Math.min(size, PREFIX));
  let position = 0;
  /** The first offset still to come: the start of the chunk being handled (it is all at hand). */
  let available = 0;
  let state: 'prefix' | 'waiting' | 'done' = 'prefix';
  let waiting: Region | null = null;
  let rounds = 0;

  /** The kept bytes; undefined for bytes not kept (yet). */
  const source: ByteSource = {
    read(offset, length) {
      if (offset >= size) return new Uint8Array(0);
      const end = Math.min(size, offset + length);
      const region = regions.find((r) => r.offset <= offset && end <= r.offset + r.fill);
      return region ? region.bytes.subarray(offset - region.offset, end - region.offset) : undefined;
    },
  };

  const finish = (result: CaptureResult): void => {
    state = 'done';
    done(result);
  };

  /** Reads with what is kept; asks for the next region when the reader wants one still ahead. */
  const attempt = (): void => {
    const info = readElf(source);
    if (!info) return finish({ kind: 'not-elf' });
    const wanted = info.wanted;
    if (!wanted) return finish({ kind: 'read', elf: info });
    const width = Math.min(size - wanted.offset, later ? Math.max(wanted.length, LATER_WINDOW) : wanted.length);
    const fits = wanted.length <= MAX_REGION && keptBytes + width <= MAX_KEPT && rounds < MAX_ROUNDS && wanted.offset < size;
    if (fits && wanted.offset >= available) {
      rounds++;
      keptBytes += width;
      waiting = { offset: wanted.offset, bytes: new Uint8Array(width), fill: 0 };
      regions.push(waiting);
      state = 'waiting';
      return;
    }
    const problem = `bytes ${wanted.offset}..${wanted.offset + wanted.length} were needed after the stream passed them`;
    if (fits) return finish({ kind: 'unfinished', elf: { ...info, wanted: null, problems: [...info.problems, problem] }, kept: regions });
    finish({ kind: 'read', elf: { ...info, wanted: null, problems: [...info.problems, `${problem}, beyond what one file may keep`] } });
  };

  const fillFrom = (region: Region, chunk: Uint8Array, chunkStart: number): void => {
    const from = Math.max(region.offset + region.fill, chunkStart);
    const to = Math.min(region.offset + region.bytes.length, chunkStart + chunk.length);
    if (to <= from || from !== region.offset + region.fill) return;
    region.bytes.set(chunk.subarray(from - chunkStart, to - chunkStart), region.fill);
    region.fill += to - from;
  };

  return {
    data(chunk) {
      const start = position;
      available = start;
      position += chunk.length;
      if (state === 'done') return;
      if (state === 'prefix') {
        fillFrom(prefix, chunk, start);
        if (prefix.fill < 4) return;
        if (!hasElfMagic(prefix.bytes.subarray(0, 4))) return finish({ kind: 'not-elf' });
        if (prefix.bytes.length === 4 && size > 4) {
          const grown = new Uint8Array(Math.min(size, PREFIX));
          grown.set(prefix.bytes);
          prefix.bytes = grown;
          fillFrom(prefix, chunk, start);
        }
        if (prefix.fill < prefix.bytes.length) return;
        attempt();
        if ((state as string) !== 'waiting') return;
      }
      // A region may begin inside the chunk that completed the prefix or an earlier region.
      while (state === 'waiting' && waiting) {
        fillFrom(waiting, chunk, start);
        if (waiting.fill < waiting.bytes.length) return;
        waiting = null;
        attempt();
      }
    },
    end() {
      if (state === 'done') return;
      if (prefix.fill < 4 || !hasElfMagic(prefix.bytes.subarray(0, 4))) return finish({ kind: 'not-elf' });
      const info = readElf(source);
      if (!info) return finish({ kind: 'not-elf' });
      if (info.wanted) {
        info.problems.push(`bytes ${info.wanted.offset}..${info.wanted.offset + info.wanted.length} were not read`);
        info.wanted = null;
      }
      finish({ kind: 'read', elf: info });
    },
  };
}
