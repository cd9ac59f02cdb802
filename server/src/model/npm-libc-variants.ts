// npm packages that ship one build per platform and C library (swc, sharp, rollup,
// lightningcss, next): Node loads the one for the C library it runs on, so a glibc build
// whose musl sibling sits beside it is never run on musl.

/** The npm package a file belongs to (`@img/sharp-linux-x64`), or null outside node_modules. */
function npmPackage(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length - 1) return null;
  return parts[at + 1].startsWith('@') ? `${parts[at + 1]}/${parts[at + 2] ?? ''}` : parts[at + 1];
}

/**
 * The names the musl build of a per-libc npm package goes by: `@swc/core-linux-x64-gnu` →
 * `@swc/core-linux-x64-musl`, `@img/sharp-linux-x64` → `@img/sharp-linuxmusl-x64`.
 */
function muslPackageNames(name: string): string[] {
  const names = [name.replace(/-gnu(?=$|[-.])/, '-musl'), name.replace(/-linux-/, '-linuxmusl-'), name.replace(/-linux-/, '-linux-musl-')];
  return names.filter((n) => n !== name);
}

/**
 * True when `path` is in a per-libc npm package whose musl sibling one of `paths` is in,
 * in whichever node_modules folder (hoisting moves packages up and down the tree).
 */
export function hasMuslSibling(path: string, paths: Iterable<string>): boolean {
  const name = npmPackage(path);
  if (!name) return false;
  const siblings = new Set(muslPackageNames(name));
  if (!siblings.size) return false;
  for (const other of paths) if (siblings.has(npmPackage(other) ?? '')) return true;
  return false;
}
