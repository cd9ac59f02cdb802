// Reads the ELF facts of one file while its bytes stream past, keeping only what the reader
// asks for: the first PREFIX bytes (header, program headers, interpreter and, in most
// files, the string and version tables), then any later region the reader wants (usually the
// dynamic section) as the stream reaches it. A region that was needed after it went by is
// reported as a problem; memory per file stays bounded whatever its size.
import { hasElfMagic, readElf, type ByteSource, type ElfInfo } from '../../parse/elf';
import type { EntrySink } from './tar';

/** Bytes kept from the start of every regular file. */
export const PREFIX = 64 * 1024;
/** Largest later region kept for one request of the reader. */
const MAX_REGION = 1024 * 1024;
/** Requests of later regions per file. */
const MAX_ROUNDS = 8;

interface Region {
  offset: number;
  bytes: Uint8Array;
  fill: number;
}

/** A sink for one tar entry of `size` bytes; `done` receives the facts (undefined for a non-ELF file). */
export function elfCapture(size: number, done: (elf: ElfInfo | undefined) => void): EntrySink {
  const prefix: Region = { offset: 0, bytes: new Uint8Array(Math.min(size, PREFIX)), fill: 0 };
  const regions: Region[] = [prefix];
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

  /** Reads with what is kept; asks for the next region when the reader wants one still ahead. */
  const attempt = (): void => {
    const info = readElf(source);
    if (!info) {
      state = 'done';
      done(undefined);
      return;
    }
    const wanted = info.wanted;
    if (!wanted) {
      state = 'done';
      done(info);
      return;
    }
    if (wanted.offset >= available && wanted.length <= MAX_REGION && rounds < MAX_ROUNDS && wanted.offset < size) {
      rounds++;
      waiting = { offset: wanted.offset, bytes: new Uint8Array(Math.min(wanted.length, size - wanted.offset)), fill: 0 };
      regions.push(waiting);
      state = 'waiting';
      return;
    }
    info.problems.push(`bytes ${wanted.offset}..${wanted.offset + wanted.length} were needed after the stream passed them`);
    info.wanted = null;
    state = 'done';
    done(info);
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
        if (!hasElfMagic(prefix.bytes.subarray(0, 4))) {
          state = 'done';
          done(undefined);
          return;
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
      if (prefix.fill < 4 || !hasElfMagic(prefix.bytes.subarray(0, 4))) {
        done(undefined);
        return;
      }
      const info = readElf(source);
      if (info?.wanted) {
        info.problems.push(`bytes ${info.wanted.offset}..${info.wanted.offset + info.wanted.length} were not read`);
        info.wanted = null;
      }
      done(info);
    },
  };
}
