// A streaming, bounds-checked tar reader: ustar, GNU long names and pax headers, which is
// what `docker save`, BuildKit and registries write. Entries are handed out one at a time
// with their data as it arrives; nothing is buffered beyond one header block and the
// bounded long-name records, so memory does not grow with the archive.

/** One archive member as its header describes it. */
export interface TarEntry {
  /** The name as written (pax `path` and GNU long names applied), not yet normalized. */
  name: string;
  /** `file`, `dir`, `symlink`, `hardlink` or `other` (devices, FIFOs, ...). */
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  /** Link target for symlinks and hard links. */
  linkName: string;
  size: number;
}

/** What the caller does with one entry's data. Returning a promise applies backpressure. */
export interface EntrySink {
  data(chunk: Uint8Array): void | Promise<void>;
  end(): void | Promise<void>;
}

/** A tar archive that cannot be read: not a tar, truncated, or a header out of bounds. */
export class TarError extends Error {}

const BLOCK = 512;

/** A pax header or GNU long name being read. */
interface MetaRecord {
  kind: 'pax' | 'global' | 'gnu-name' | 'gnu-link';
  bytes: Uint8Array;
  fill: number;
}
/** Longest pax or GNU long-name record accepted. */
const MAX_META = 1024 * 1024;

/**
 * Reads a tar stream. `onEntry` is called per member and may return a sink for its data (or
 * null to skip it). Throws TarError for input that is not a tar archive or ends early.
 */
export async function readTar(source: AsyncIterable<Uint8Array>, onEntry: (entry: TarEntry) => EntrySink | null): Promise<void> {
  const header = new Uint8Array(BLOCK);
  let headerFill = 0;
  /** Bytes of the current entry's data (and padding) still to come. */
  let remaining = 0;
  let padding = 0;
  let sink = null as EntrySink | null;
  let meta = null as MetaRecord | null;
  let pending: PaxFields = {};
  let current = null as TarEntry | null;
  /** The name of the last entry or record, for a truncation inside its padding. */
  let lastName = '';
  let entries = 0;
  let zeroBlocks = 0;
  /** Bytes consumed so far: after a header block, the end of that block (for error locations). */
  let offset = 0;
  let ended = false;

  const finishEntry = async (): Promise<void> => {
    if (meta) {
      if (meta.kind === 'pax') Object.assign(pending, parsePax(meta.bytes));
      else if (meta.kind === 'gnu-name') pending.path = cString(meta.bytes);
      else if (meta.kind === 'gnu-link') pending.linkpath = cString(meta.bytes);
      meta = null;
    } else if (sink) {
      const done = sink;
      sink = null;
      await done.end();
    }
    current = null;
  };

  const startEntry = async (): Promise<void> => {
    if (header.every((b) => b === 0)) {
      zeroBlocks++;
      ended = zeroBlocks >= 2;
      return;
    }
    if (zeroBlocks) throw new TarError(`a tar header follows an end-of-archive block at byte ${offset - BLOCK}`);
    if (!checksumOk(header)) {
      throw new TarError(
        entries === 0 ? 'not a tar archive (the first header has no valid checksum)' : `damaged tar header at byte ${offset - BLOCK}`,
      );
    }
    entries++;
    const typeflag = String.fromCharCode(header[156] || 0x30);
    const isMeta = typeflag === 'x' || typeflag === 'g' || typeflag === 'L' || typeflag === 'K';
    // A pax `size` overrides the member's, which Go's writer leaves 0 for files of 8 GiB or more.
    const size = (isMeta ? undefined : pending.size) ?? readNumber(header, 124, 12);
    if (size === null) throw new TarError(`tar header at byte ${offset - BLOCK} has an unreadable size`);
    remaining = size;
    padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (isMeta) {
      if (size > MAX_META) throw new TarError(`a tar metadata record of ${size} bytes is over the limit of ${MAX_META}`);
      // Global pax headers (g) set defaults no image writer relies on for names: read, dropped.
      const kind = typeflag === 'x' ? 'pax' : typeflag === 'g' ? 'global' : typeflag === 'L' ? 'gnu-name' : 'gnu-link';
      meta = { kind, bytes: new Uint8Array(size), fill: 0 } satisfies MetaRecord;
      lastName = 'a metadata record';
      if (size === 0) await finishEntry();
      return;
    }
    let name = cString(header.subarray(0, 100));
    const prefix = isUstar(header) ? cString(header.subarray(345, 500)) : '';
    if (prefix) name = `${prefix}/${name}`;
    const entry: TarEntry = {
      name: pending.path ?? name,
      type: typeOf(typeflag),
      linkName: pending.linkpath ?? cString(header.subarray(157, 257)),
      size: typeflag === '1' || typeflag === '2' || typeflag === '5' ? 0 : size,
    };
    pending = {};
    current = entry;
    lastName = entry.name;
    sink = onEntry(entry);
    if (remaining === 0) await finishEntry();
  };

  for await (const chunk of source) {
    const chunkStart = offset;
    let at = 0;
    while (at < chunk.length && !ended) {
      if (remaining > 0) {
        const take = Math.min(remaining, chunk.length - at);
        const part = chunk.subarray(at, at + take);
        const record = meta as MetaRecord | null;
        const target = sink as EntrySink | null;
        if (record) {
          record.bytes.set(part, record.fill);
          record.fill += take;
        } else if (target) await target.data(part);
        remaining -= take;
        at += take;
        if (remaining === 0) await finishEntry();
        continue;
      }
      if (padding > 0) {
        const skip = Math.min(padding, chunk.length - at);
        padding -= skip;
        at += skip;
        continue;
      }
      const take = Math.min(BLOCK - headerFill, chunk.length - at);
      header.set(chunk.subarray(at, at + take), headerFill);
      headerFill += take;
      at += take;
      if (headerFill === BLOCK) {
        headerFill = 0;
        offset = chunkStart + at;
        await startEntry();
      }
    }
    offset = chunkStart + chunk.length;
  }
  if (current || meta || remaining > 0) {
    const name = current ? current.name : 'a metadata record';
    throw new TarError(`truncated tar: ${name} ends ${remaining} bytes short, at byte ${offset}`);
  }
  if (padding > 0) {
    throw new TarError(`truncated tar: ${lastName} ends inside its padding, ${padding} bytes short, at byte ${offset}`);
  }
  if (headerFill > 0 && !ended) {
    throw new TarError(
      entries === 0 ? 'not a tar archive (shorter than one header)' : `truncated tar: it ends inside a header, at byte ${offset}`,
    );
  }
  if (entries === 0 && zeroBlocks === 0) throw new TarError('not a tar archive (empty)');
}

function typeOf(flag: string): TarEntry['type'] {
  switch (flag) {
    case '0':
    case '7':
    case '\0':
      return 'file';
    case '5':
      return 'dir';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    default:
      return 'other';
  }
}

function isUstar(header: Uint8Array): boolean {
  return header[257] === 0x75 && header[258] === 0x73 && header[259] === 0x74 && header[260] === 0x61 && header[261] === 0x72;
}

/** The unsigned sum of the header with the checksum field read as spaces (some writers use signed: accepted too). */
function checksumOk(header: Uint8Array): boolean {
  const stored = readNumber(header, 148, 8);
  if (stored === null) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : header[i];
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

/** An octal field, or GNU's base-256 form; null when unreadable or beyond 2^53. */
function readNumber(header: Uint8Array, start: number, length: number): number | null {
  if (header[start] & 0x80) {
    let value = 0;
    for (let i = start + 1; i < start + length; i++) {
      value = value * 256 + header[i];
      if (!Number.isSafeInteger(value)) return null;
    }
    return value;
  }
  let value = 0;
  let digits = 0;
  for (let i = start; i < start + length; i++) {
    const byte = header[i];
    if (byte === 0 || byte === 0x20) {
      if (digits) break;
      continue;
    }
    if (byte < 0x30 || byte > 0x37) return null;
    value = value * 8 + (byte - 0x30);
    digits++;
  }
  return digits || header[start] === 0 || header[start] === 0x20 ? value : null;
}

const utf8 = new TextDecoder('utf-8');

function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return utf8.decode(nul >= 0 ? bytes.subarray(0, nul) : bytes);
}

/** The pax keys this reader honours: the names, and the size of files over the octal field's 8 GiB. */
interface PaxFields {
  path?: string;
  linkpath?: string;
  size?: number;
}

/** `LEN key=value\n` records; only the keys tar readers must honour for names and sizes. */
function parsePax(bytes: Uint8Array): PaxFields {
  const out: PaxFields = {};
  let at = 0;
  while (at < bytes.length) {
    const space = bytes.indexOf(0x20, at);
    if (space < 0) break;
    const length = Number(utf8.decode(bytes.subarray(at, space)));
    if (!Number.isSafeInteger(length) || length <= 0 || at + length > bytes.length) break;
    const record = utf8.decode(bytes.subarray(space + 1, at + length - 1));
    const eq = record.indexOf('=');
    if (eq > 0) {
      const key = record.slice(0, eq);
      if (key === 'path') out.path = record.slice(eq + 1);
      else if (key === 'linkpath') out.linkpath = record.slice(eq + 1);
      else if (key === 'size' && /^\d+$/.test(record.slice(eq + 1))) {
        const size = Number(record.slice(eq + 1));
        if (Number.isSafeInteger(size)) out.size = size;
      }
    }
    at += length;
  }
  return out;
}
