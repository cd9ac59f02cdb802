// An image's final filesystem, built from its layers' entries as compact facts per path (kind,
// link target, the ELF facts read while streaming), never their bytes. Layers apply in order
// with OCI whiteouts (`.wh.NAME` deletes NAME below, `.wh..wh..opq` empties a folder below).
// Paths are normalized inside the image root: `..` never climbs above it and links resolve
// within the image, so nothing in an archive can point outside it.
import type { ElfInfo } from '../parse/elf';

/** What a layer says about one path. */
export interface FileFact {
  kind: 'file' | 'dir' | 'symlink' | 'other';
  /** 0-based index of the layer that wrote it. */
  layer: number;
  size: number;
  /** Symlink target as written. */
  link?: string;
  /** ELF facts of a regular file that starts with the ELF magic number. */
  elf?: ElfInfo;
}

/** One layer's changes, collected while it streams. */
export class LayerChanges {
  readonly files = new Map<string, FileFact>();
  readonly whiteouts: string[] = [];
  readonly opaque: string[] = [];
  /** Entries whose names tried to leave the root (`../x`), kept for notes. */
  escapes = 0;

  constructor(readonly layer: number) {}

  /** Adds one tar entry; hard links copy the facts of the entry they name in this layer. */
  add(
    name: string,
    entry: { type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other'; linkName: string; size: number; elf?: ElfInfo },
  ): void {
    const normalized = normalizeImagePath(name);
    if (normalized.escaped) this.escapes++;
    const path = normalized.path;
    if (path === '/') return;
    const base = path.slice(path.lastIndexOf('/') + 1);
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    if (base === '.wh..wh..opq') {
      this.opaque.push(dir);
      return;
    }
    if (base.startsWith('.wh.')) {
      this.whiteouts.push(`${dir === '/' ? '' : dir}/${base.slice(4)}`);
      return;
    }
    if (entry.type === 'hardlink') {
      const target = this.files.get(normalizeImagePath(entry.linkName).path);
      this.files.set(path, target ? { ...target, layer: this.layer } : { kind: 'other', layer: this.layer, size: 0 });
      return;
    }
    const fact: FileFact = { kind: entry.type, layer: this.layer, size: entry.size };
    if (entry.type === 'symlink') fact.link = entry.linkName;
    if (entry.elf) fact.elf = entry.elf;
    this.files.set(path, fact);
  }
}

/** The filesystem after every layer so far. */
export class ImageFilesystem {
  private readonly facts = new Map<string, FileFact>();
  /**
   * Direct children of each folder, implied folders included, so deleting a folder visits
   * only what is below it: thousands of whiteouts stay linear in the layer's size.
   */
  private readonly children = new Map<string, Set<string>>();

  get files(): ReadonlyMap<string, FileFact> {
    return this.facts;
  }

  /**
   * Applies one layer on top as layer `index` (a blob may be read before its place in the
   * manifest is known): its deletions first (they hide lower layers only), then its files.
   */
  apply(changes: LayerChanges, index = changes.layer): void {
    for (const dir of changes.opaque) this.removeBelow(dir);
    for (const path of changes.whiteouts) this.remove(path);
    for (const [path, fact] of changes.files) {
      const before = this.facts.get(path);
      // A file or link replacing a folder replaces what was in it too.
      if (before?.kind === 'dir' && fact.kind !== 'dir') this.removeBelow(path);
      this.facts.set(path, fact.layer === index ? fact : { ...fact, layer: index });
      this.addToParents(path);
    }
  }

  /** The fact at `path` after following symlinks inside the image (40 hops at most, as Linux). */
  resolve(path: string): { path: string; fact: FileFact } | undefined {
    let current = normalizeImagePath(path).path;
    for (let hop = 0; hop <= 40; hop++) {
      const resolved = this.resolveParents(current);
      if (!resolved) return undefined;
      const fact = this.facts.get(resolved);
      if (!fact) return undefined;
      if (fact.kind !== 'symlink') return { path: resolved, fact };
      current = joinLink(resolved, fact.link ?? '');
    }
    return undefined;
  }

  /** `path` with symlinked parent folders followed; undefined on a loop. */
  private resolveParents(path: string): string | undefined {
    const parts = path.split('/').filter(Boolean);
    let prefix = '';
    for (let i = 0; i < parts.length - 1; i++) {
      prefix = `${prefix}/${parts[i]}`;
      let hops = 0;
      let fact = this.facts.get(prefix);
      while (fact?.kind === 'symlink') {
        if (++hops > 40) return undefined;
        prefix = normalizeImagePath(joinLink(prefix, fact.link ?? '')).path;
        fact = this.facts.get(prefix);
      }
    }
    return normalizeImagePath(`${prefix}/${parts[parts.length - 1] ?? ''}`).path;
  }

  private addToParents(path: string): void {
    for (let child = path; child !== '/';) {
      const parent = parentOf(child);
      let siblings = this.children.get(parent);
      if (!siblings) this.children.set(parent, (siblings = new Set()));
      if (siblings.has(child)) return;
      siblings.add(child);
      child = parent;
    }
  }

  /** Deletes `path` and everything below it. */
  private remove(path: string): void {
    this.facts.delete(path);
    this.removeBelow(path);
    if (path !== '/') this.children.get(parentOf(path))?.delete(path);
  }

  private removeBelow(dir: string): void {
    const pending = [dir];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const below = this.children.get(next);
      if (!below) continue;
      this.children.delete(next);
      for (const path of below) {
        this.facts.delete(path);
        pending.push(path);
      }
    }
  }
}

/** `/usr/bin` for `/usr/bin/x`, `/` for `/usr`. */
function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

/** A symlink's target as an image path: absolute targets start at the image root. */
function joinLink(linkPath: string, target: string): string {
  if (target.startsWith('/')) return normalizeImagePath(target).path;
  const dir = linkPath.slice(0, linkPath.lastIndexOf('/'));
  return normalizeImagePath(`${dir}/${target}`).path;
}

/**
 * An entry name as an absolute path in the image: `./usr/bin/x`, `usr/bin/x/` and `/usr/bin/x`
 * all give `/usr/bin/x`; `..` stops at the root (and `escaped` says it tried to go further).
 */
export function normalizeImagePath(name: string): { path: string; escaped: boolean } {
  const parts: string[] = [];
  let escaped = false;
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length) parts.pop();
      else escaped = true;
      continue;
    }
    parts.push(part);
  }
  return { path: `/${parts.join('/')}`, escaped };
}
