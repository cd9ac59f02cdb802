// A small, bounds-checked ELF reader: the facts that decide whether a program runs under a
// C library (machine, type, program interpreter, needed libraries, required symbol
// versions). It reads through a ByteSource, asking only for the header, the program
// headers and the regions the dynamic section points at, never the whole file. Any offset,
// count or size comes from the file and is checked before use: truncated or hostile input
// gives a partial result with problems listed, never an exception.

/**
 * Random access to a file's bytes. `read` returns up to `length` bytes at `offset` (fewer at
 * the end of the file, an empty array past it), or undefined when those bytes are not
 * available yet (a streaming caller that has not buffered that far; see `wanted`).
 */
export interface ByteSource {
  read(offset: number, length: number): Uint8Array | undefined;
}

/** How the file runs: the kind of linking its headers show. */
export type ElfLinking =
  /** Fixed-address executable without interpreter or dynamic section. */
  | 'static'
  /** Position-independent executable that relocates itself: no interpreter, no needed libraries. */
  | 'static-pie'
  /** Executable with a program interpreter (the dynamic loader). */
  | 'dynamic'
  /** Shared object without interpreter that needs libraries or names itself (a `.so`). */
  | 'shared-library'
  /** Relocatable object (`.o`, kernel module): never run as is. */
  | 'object'
  /** Core dump or another type that is not run. */
  | 'other';

/** The versions one needed file is required to provide (`.gnu.version_r`). */
export interface VersionNeed {
  /** The needed file (`libc.so.6`). */
  file: string;
  /** Version names (`GLIBC_2.34`), in file order, without duplicates. */
  versions: string[];
}

/** What the reader found. Fields it could not read stay empty and a problem says why. */
export interface ElfInfo {
  bits: 32 | 64;
  endian: 'little' | 'big';
  /** e_ident[EI_OSABI]. */
  osabi: number;
  /** e_type: 1 REL, 2 EXEC, 3 DYN, 4 CORE. */
  type: number;
  /** e_machine (62 x86-64, 183 AArch64, ...). */
  machine: number;
  /** A person's name for the machine (`x86-64`), or `machine N`. */
  machineName: string;
  linking: ElfLinking;
  /** PT_INTERP, the program interpreter path, or null. */
  interpreter: string | null;
  /** DT_NEEDED entries in order. */
  needed: string[];
  /** DT_SONAME, or null. */
  soname: string | null;
  /** DT_FLAGS_1 has DF_1_PIE. */
  pie: boolean;
  /** DT_VERNEED: versions required per needed file. */
  versionNeeds: VersionNeed[];
  /** Why a part could not be read: truncated, out of range, over a limit. Empty when complete. */
  problems: string[];
  /**
   * Set when the source answered undefined (bytes not available yet): reading stopped there.
   * A streaming caller can buffer up to `offset + length` and read again.
   */
  wanted: { offset: number; length: number } | null;
  /** Bytes requested from the source, for read budgets. */
  bytesRequested: number;
}

/** Bounds on what one file may make the reader do. */
export interface ElfLimits {
  /** Most program headers read (default 512). */
  programHeaders?: number;
  /** Most dynamic entries read (default 4096). */
  dynamicEntries?: number;
  /** Longest string read from the string table (default 4096 bytes). */
  stringLength?: number;
  /** Most verneed files and versions per file (default 256 each). */
  versionNeeds?: number;
  /** Most bytes asked of the source for one file (default 1 MiB). */
  bytes?: number;
}

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
const DT_SONAME = 14;
const DT_FLAGS_1 = 0x6ffffffb;
const DT_VERNEED = 0x6ffffffe;
const DT_VERNEEDNUM = 0x6fffffff;
const DF_1_PIE = 0x08000000;

/** Smallest read of the asynchronous adapter: one page. */
const READ_AHEAD = 4096;

/** Bytes read at a time from the string table. */
const STRING_STEP = 128;

/** Longest PT_INTERP read: a path. */
const MAX_INTERPRETER = 4096;

const MACHINES: Readonly<Record<number, string>> = {
  2: 'SPARC',
  3: 'x86',
  8: 'MIPS',
  20: 'PowerPC',
  21: 'PowerPC64',
  22: 'S/390',
  40: 'ARM',
  43: 'SPARC v9',
  62: 'x86-64',
  183: 'AArch64',
  243: 'RISC-V',
  258: 'LoongArch',
};

/** True when the bytes start with the ELF magic number. */
export function hasElfMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

/** A ByteSource over bytes in memory (a whole file, or the prefix of one). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    read(offset, length) {
      if (offset >= bytes.length) return new Uint8Array(0);
      return bytes.subarray(offset, Math.min(bytes.length, offset + length));
    },
  };
}

/** A person's name for an e_machine value. */
export function machineName(machine: number): string {
  return MACHINES[machine] ?? `machine ${machine}`;
}

/** Thrown inside the reader only, to stop at the first unreadable region; never escapes. */
class Stop {
  constructor(readonly problem: string | null) {}
}

/**
 * Reads an ELF file. Undefined when it is not ELF or its header (the first 64 bytes) cannot
 * be read; otherwise what could be read, with problems for the rest. Never throws.
 */
export function readElf(source: ByteSource, limits: ElfLimits = {}): ElfInfo | undefined {
  let requested = 0;
  let wanted: ElfInfo['wanted'] = null;
  const budget = limits.bytes ?? 1024 * 1024;
  /** Up to `length` bytes at `offset` (fewer at the end of the file), or Stop. */
  const take = (offset: number, length: number, what: string): Uint8Array => {
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
      throw new Stop(`${what} is out of range`);
    }
    if (requested + length > budget) throw new Stop(`${what} is beyond the read budget of ${budget} bytes`);
    requested += length;
    let bytes: Uint8Array | undefined;
    try {
      bytes = source.read(offset, length);
    } catch {
      throw new Stop(`${what} could not be read`);
    }
    if (bytes === undefined) {
      wanted = { offset, length };
      throw new Stop(null);
    }
    return bytes.length > length ? bytes.subarray(0, length) : bytes;
  };
  /** Exactly `length` bytes at `offset`, or Stop. */
  const need = (offset: number, length: number, what: string): DataView => {
    const bytes = take(offset, length, what);
    if (bytes.length < length) throw new Stop(`${what} lies past the end of the file`);
    return new DataView(bytes.buffer, bytes.byteOffset, length);
  };

  let header: DataView;
  try {
    const ident = need(0, 16, 'the ELF identification');
    if (!(ident.getUint8(0) === 0x7f && ident.getUint8(1) === 0x45 && ident.getUint8(2) === 0x4c && ident.getUint8(3) === 0x46)) {
      return undefined;
    }
    const elfClass = ident.getUint8(4);
    const data = ident.getUint8(5);
    if ((elfClass !== 1 && elfClass !== 2) || (data !== 1 && data !== 2)) return undefined;
    header = need(0, elfClass === 1 ? 52 : 64, 'the ELF header');
  } catch {
    return undefined;
  }
  const bits = header.getUint8(4) === 1 ? 32 : 64;
  const little = header.getUint8(5) === 1;
  const u16 = (view: DataView, at: number) => view.getUint16(at, little);
  const u32 = (view: DataView, at: number) => view.getUint32(at, little);
  /** An address or offset; values beyond 2^53 cannot be offsets in a real file. */
  const word = (view: DataView, at: number): number => {
    if (bits === 32) return view.getUint32(at, little);
    const value = view.getBigUint64(at, little);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : Number.MAX_VALUE;
  };
  const signedWord = (view: DataView, at: number): number => {
    if (bits === 32) return view.getInt32(at, little);
    const value = view.getBigInt64(at, little);
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : Number.MAX_VALUE;
  };

  const type = u16(header, 16);
  const machine = u16(header, 18);
  const info: ElfInfo = {
    bits,
    endian: little ? 'little' : 'big',
    osabi: header.getUint8(7),
    type,
    machine,
    machineName: machineName(machine),
    linking: 'other',
    interpreter: null,
    needed: [],
    soname: null,
    pie: false,
    versionNeeds: [],
    problems: [],
    wanted: null,
    bytesRequested: 0,
  };
  const phoff = word(header, bits === 64 ? 32 : 28);
  const phentsize = u16(header, bits === 64 ? 54 : 42);
  const phnum = u16(header, bits === 64 ? 56 : 44);
  const minimumEntry = bits === 64 ? 56 : 32;

  const loads: { vaddr: number; offset: number; size: number }[] = [];
  let dynamic: { offset: number; size: number } | null = null;
  try {
    if (phnum > 0 && phentsize < minimumEntry) throw new Stop(`program header entries of ${phentsize} bytes are too small`);
    const maxHeaders = limits.programHeaders ?? 512;
    if (phnum > maxHeaders) info.problems.push(`${phnum} program headers; read the first ${maxHeaders}`);
    const count = Math.min(phnum, maxHeaders);
    const table = count ? need(phoff, count * phentsize, 'the program headers') : null;
    for (let i = 0; table && i < count; i++) {
      const at = i * phentsize;
      const ptype = u32(table, at);
      const offset = word(table, at + (bits === 64 ? 8 : 4));
      const vaddr = word(table, at + (bits === 64 ? 16 : 8));
      const filesz = word(table, at + (bits === 64 ? 32 : 16));
      if (ptype === PT_LOAD) loads.push({ vaddr, offset, size: filesz });
      else if (ptype === PT_DYNAMIC && !dynamic) dynamic = { offset, size: filesz };
      else if (ptype === PT_INTERP && info.interpreter === null) {
        const length = Math.min(filesz, MAX_INTERPRETER);
        info.interpreter = cString(need(offset, length, 'the program interpreter'), 0, length) ?? '';
      }
    }
    if (dynamic) readDynamic(dynamic);
  } catch (stop) {
    // Anything else would be a bug of this reader; the caller still gets what was read.
    if (!(stop instanceof Stop)) info.problems.push(`the file could not be read: ${stop instanceof Error ? stop.message : String(stop)}`);
    else if (stop.problem) info.problems.push(stop.problem);
  }
  info.linking = linkingOf(info, dynamic !== null);
  info.wanted = wanted;
  info.bytesRequested = requested;
  return info;

  /** The file offset of a virtual address, through the PT_LOAD segment that holds it. */
  function fileOffset(address: number, what: string): number {
    const load = loads.find((l) => l.vaddr <= address && address - l.vaddr < l.size);
    if (!load) throw new Stop(`${what} is at an address no loaded segment holds`);
    return load.offset + (address - load.vaddr);
  }

  function readDynamic(segment: { offset: number; size: number }): void {
    const entrySize = bits === 64 ? 16 : 8;
    const maxEntries = limits.dynamicEntries ?? 4096;
    const available = Math.floor(segment.size / entrySize);
    const count = Math.min(available, maxEntries);
    const table = need(segment.offset, count * entrySize, 'the dynamic section');
    const neededOffsets: number[] = [];
    let soname: number | null = null;
    let strtab: number | null = null;
    let strsz: number | null = null;
    let verneed: number | null = null;
    let verneednum = 0;
    let ended = false;
    for (let i = 0; i < count; i++) {
      const tag = signedWord(table, i * entrySize);
      const value = word(table, i * entrySize + entrySize / 2);
      if (tag === DT_NULL) {
        ended = true;
        break;
      }
      if (tag === DT_NEEDED) neededOffsets.push(value);
      else if (tag === DT_SONAME) soname = value;
      else if (tag === DT_STRTAB) strtab = value;
      else if (tag === DT_STRSZ) strsz = value;
      else if (tag === DT_FLAGS_1) info.pie = (value & DF_1_PIE) !== 0;
      else if (tag === DT_VERNEED) verneed = value;
      else if (tag === DT_VERNEEDNUM) verneednum = value;
    }
    if (!ended && available > maxEntries) info.problems.push(`the dynamic section has more than ${maxEntries} entries`);
    if (strtab === null) {
      if (neededOffsets.length || soname !== null || verneed !== null) throw new Stop('the dynamic section has no string table');
      return;
    }
    const strings = fileOffset(strtab, 'the string table');
    const maxString = limits.stringLength ?? 4096;
    /** A NUL-terminated string of the table, read in small steps: names are short. */
    const string = (index: number, what: string): string => {
      if (strsz !== null && index >= strsz) throw new Stop(`${what} points past the string table`);
      const end = Math.min(maxString, strsz !== null ? strsz - index : maxString);
      let text = '';
      for (let done = 0; done < end;) {
        const step = Math.min(STRING_STEP, end - done);
        const bytes = take(strings + index + done, step, what);
        const nul = bytes.indexOf(0);
        text += latin1(nul >= 0 ? bytes.subarray(0, nul) : bytes);
        if (nul >= 0) return text;
        if (bytes.length < step) break;
        done += step;
      }
      throw new Stop(`${what} is not a terminated string`);
    };
    for (const offset of neededOffsets) info.needed.push(string(offset, 'a needed library name'));
    if (soname !== null) info.soname = string(soname, 'the shared object name');
    if (verneed !== null && verneednum > 0) readVersionNeeds(fileOffset(verneed, 'the version needs'), verneednum, string);
  }

  function readVersionNeeds(start: number, count: number, string: (index: number, what: string) => string): void {
    const max = limits.versionNeeds ?? 256;
    if (count > max) info.problems.push(`${count} version need entries; read the first ${max}`);
    // Offsets only grow (unsigned steps), so the counts bound the walk.
    let at = start;
    for (let i = 0; i < Math.min(count, max); i++) {
      const entry = need(at, 16, 'a version need entry');
      const auxCount = u16(entry, 2);
      const file = string(u32(entry, 4), 'a version need file name');
      const need_: VersionNeed = { file, versions: [] };
      info.versionNeeds.push(need_);
      let aux = at + u32(entry, 8);
      for (let j = 0; j < Math.min(auxCount, max); j++) {
        const item = need(aux, 16, 'a version name entry');
        const name = string(u32(item, 8), 'a version name');
        if (!need_.versions.includes(name)) need_.versions.push(name);
        const next = u32(item, 12);
        if (next === 0) break;
        aux += next;
      }
      const next = u32(entry, 12);
      if (next === 0) break;
      at += next;
    }
  }
}

/** Bytes as Latin-1 text: every byte one character, whatever the encoding was. */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

/** The bytes up to the first NUL in [start, end) as Latin-1 text, or null without a NUL. */
function cString(view: DataView, start: number, end: number): string | null {
  let text = '';
  for (let i = start; i < end; i++) {
    const byte = view.getUint8(i);
    if (byte === 0) return text;
    text += String.fromCharCode(byte);
  }
  return null;
}

function linkingOf(info: ElfInfo, hasDynamic: boolean): ElfLinking {
  if (info.type === 1) return 'object';
  if (info.type !== 2 && info.type !== 3) return 'other';
  if (info.interpreter !== null) return 'dynamic';
  if (info.type === 2) return 'static';
  // ET_DYN without an interpreter: a static-pie relocates itself and needs nothing.
  if (!hasDynamic || info.pie || (info.needed.length === 0 && info.soname === null)) return 'static-pie';
  return 'shared-library';
}

/**
 * Reads an ELF file through an asynchronous reader: each region the synchronous reader asks
 * for and cannot get is fetched and kept, then the read is repeated, until it completes.
 * Pure (the reader does the I/O); `maxRounds` bounds the round trips.
 */
export async function readElfAsync(
  readAt: (offset: number, length: number) => Promise<Uint8Array>,
  limits: ElfLimits = {},
  maxRounds = 64,
): Promise<ElfInfo | undefined> {
  const regions: { offset: number; bytes: Uint8Array; short: boolean }[] = [];
  const source: ByteSource = {
    read(offset, length) {
      const region = regions.find((r) => r.offset <= offset && offset + length <= r.offset + r.bytes.length);
      if (region) return region.bytes.subarray(offset - region.offset, offset - region.offset + length);
      // A region that came back short holds everything the file has from its offset on.
      const short = regions.find((r) => r.short && r.offset <= offset && offset <= r.offset + r.bytes.length);
      return short ? short.bytes.subarray(offset - short.offset) : undefined;
    },
  };
  const fetch = async (offset: number, length: number): Promise<void> => {
    let bytes: Uint8Array;
    try {
      bytes = await readAt(offset, length);
    } catch {
      bytes = new Uint8Array(0);
    }
    regions.push({ offset, bytes, short: bytes.length < length });
  };
  // Header, program headers and interpreter usually sit in the first page; reading whole
  // pages turns the string table's many small reads into one.
  await fetch(0, READ_AHEAD);
  for (let round = 0; round < maxRounds; round++) {
    const info = readElf(source, limits);
    if (!info?.wanted) return info;
    await fetch(info.wanted.offset, Math.max(info.wanted.length, READ_AHEAD));
  }
  const last = readElf(source, limits);
  if (last?.wanted) {
    last.problems.push(`gave up after ${maxRounds} reads`);
    last.wanted = null;
  }
  return last;
}
