// Builds small ELF files byte by byte for the reader's tests and fuzzing: any class, either
// byte order, with an interpreter, needed libraries, a soname and version needs.

/** What the built file holds. */
export interface ElfSpec {
  bits: 32 | 64;
  endian: 'little' | 'big';
  /** e_type: 2 EXEC, 3 DYN (default 3). */
  type?: number;
  /** e_machine (default 62, x86-64). */
  machine?: number;
  interpreter?: string;
  needed?: string[];
  soname?: string;
  /** DT_FLAGS_1 with DF_1_PIE. */
  pie?: boolean;
  versionNeeds?: { file: string; versions: string[] }[];
  /** Leave out PT_DYNAMIC even when there are needed libraries. */
  noDynamic?: boolean;
}

const BASE = 0x10000;

/** The bytes of an ELF file as the spec says. */
export function buildElf(spec: ElfSpec): Uint8Array {
  const is64 = spec.bits === 64;
  const little = spec.endian === 'little';
  const ehSize = is64 ? 64 : 52;
  const phSize = is64 ? 56 : 32;
  const dynSize = is64 ? 16 : 8;
  const strings: number[] = [0];
  const stringAt = new Map<string, number>();
  const addString = (s: string): number => {
    if (stringAt.has(s)) return stringAt.get(s)!;
    const at = strings.length;
    for (const c of Buffer.from(s, 'latin1')) strings.push(c);
    strings.push(0);
    stringAt.set(s, at);
    return at;
  };
  const needed = (spec.needed ?? []).map(addString);
  const soname = spec.soname === undefined ? null : addString(spec.soname);
  const needs = (spec.versionNeeds ?? []).map((n) => ({ file: addString(n.file), versions: n.versions.map(addString) }));

  const hasDynamic = !spec.noDynamic && (needed.length > 0 || soname !== null || needs.length > 0 || spec.pie);
  const headers = (spec.interpreter !== undefined ? 1 : 0) + 1 + (hasDynamic ? 1 : 0);
  let at = ehSize + headers * phSize;
  const interpAt = at;
  const interp = spec.interpreter === undefined ? null : Buffer.from(`${spec.interpreter}\0`, 'latin1');
  at += interp?.length ?? 0;
  const strtabAt = at;
  at += strings.length;
  at = (at + 7) & ~7;
  const verneedAt = at;
  const verneedSize = needs.reduce((sum, n) => sum + 16 + 16 * n.versions.length, 0);
  at += verneedSize;
  at = (at + 7) & ~7;
  const dynAt = at;
  const entries: [number, number][] = [];
  for (const n of needed) entries.push([1, n]);
  if (soname !== null) entries.push([14, soname]);
  entries.push([5, BASE + strtabAt], [10, strings.length]);
  if (spec.pie) entries.push([0x6ffffffb, 0x08000000]);
  if (needs.length) entries.push([0x6ffffffe, BASE + verneedAt], [0x6fffffff, needs.length]);
  entries.push([0, 0]);
  const total = hasDynamic ? dynAt + entries.length * dynSize : dynAt;

  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  const u16 = (o: number, v: number) => view.setUint16(o, v, little);
  const u32 = (o: number, v: number) => view.setUint32(o, v, little);
  const word = (o: number, v: number) => (is64 ? view.setBigUint64(o, BigInt(v), little) : view.setUint32(o, v, little));
  const sword = (o: number, v: number) => (is64 ? view.setBigInt64(o, BigInt(v), little) : view.setInt32(o, v, little));
  bytes.set([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, little ? 1 : 2, 1, 0]);
  u16(16, spec.type ?? 3);
  u16(18, spec.machine ?? 62);
  u32(20, 1);
  word(is64 ? 32 : 28, ehSize);
  u16(is64 ? 52 : 40, ehSize);
  u16(is64 ? 54 : 42, phSize);
  u16(is64 ? 56 : 44, headers);
  let ph = ehSize;
  const programHeader = (type: number, offset: number, size: number) => {
    u32(ph, type);
    word(ph + (is64 ? 8 : 4), offset);
    word(ph + (is64 ? 16 : 8), BASE + offset);
    word(ph + (is64 ? 32 : 16), size);
    word(ph + (is64 ? 40 : 20), size);
    ph += phSize;
  };
  if (interp) programHeader(3, interpAt, interp.length);
  programHeader(1, 0, total);
  if (hasDynamic) programHeader(2, dynAt, entries.length * dynSize);
  if (interp) bytes.set(interp, interpAt);
  bytes.set(strings, strtabAt);
  let v = verneedAt;
  needs.forEach((n, i) => {
    u16(v, 1);
    u16(v + 2, n.versions.length);
    u32(v + 4, n.file);
    u32(v + 8, n.versions.length ? 16 : 0);
    u32(v + 12, i === needs.length - 1 ? 0 : 16 + 16 * n.versions.length);
    n.versions.forEach((name, j) => {
      const a = v + 16 + 16 * j;
      u32(a + 8, name);
      u32(a + 12, j === n.versions.length - 1 ? 0 : 16);
    });
    v += 16 + 16 * n.versions.length;
  });
  if (hasDynamic)
    entries.forEach(([tag, value], i) => {
      sword(dynAt + i * dynSize, tag);
      word(dynAt + i * dynSize + dynSize / 2, value);
    });
  return bytes;
}
