// Paths that hold data, not native code: copying them between stages of different C
// libraries is harmless. Deliberately short: anything not listed counts as possibly native.

/** File extensions of platform-independent files. */
export const DATA_EXTENSIONS: ReadonlySet<string> = new Set([
  'jar',
  'war',
  'ear',
  'class',
  'js',
  'mjs',
  'cjs',
  'map',
  'css',
  'html',
  'htm',
  'json',
  'yaml',
  'yml',
  'toml',
  'xml',
  'txt',
  'md',
  'conf',
  'cfg',
  'ini',
  'properties',
  'env',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'ico',
  'webp',
  'woff',
  'woff2',
  'ttf',
  'otf',
  'eot',
  'sql',
  'sh',
  'py',
  'pyc',
  'rb',
  'php',
  'pl',
  'lua',
  'pem',
  'crt',
  'key',
  'pub',
  'csv',
  'tsv',
  'proto',
  'graphql',
  'wasm',
  'template',
  'tmpl',
  'tpl',
  'lock',
  'mo',
  'po',
  'pdf',
]);

/**
 * Directory names whose content is data by convention (built web assets, static files).
 * node_modules is here on purpose: most packages are plain JavaScript; native addons
 * inside it are a known blind spot, documented with MC2001.
 */
export const DATA_DIRECTORIES: ReadonlySet<string> = new Set([
  'dist',
  'public',
  'static',
  'assets',
  'www',
  'html',
  'web',
  'site',
  'docs',
  'templates',
  'locales',
  'config',
  'configs',
  'migrations',
  'node_modules',
  '.next',
  'certs',
  'ssl',
]);

/** True when a copied path is plain data by its extension or its directory name. */
export function isDataPath(path: string): boolean {
  const clean = trimEnd(trimEnd(trimEnd(path, '/'), '*'), '/');
  const last = clean.split('/').pop() ?? '';
  const dot = last.lastIndexOf('.');
  if (dot > 0) {
    const extension = last.slice(dot + 1).toLowerCase();
    if (DATA_EXTENSIONS.has(extension)) return true;
    if (/^\*\.[a-z0-9]+$/i.test(last)) return DATA_EXTENSIONS.has(extension);
  }
  return DATA_DIRECTORIES.has(last.toLowerCase());
}

/** Drops every trailing `char` (a loop: a regex such as /\/+$/ is quadratic on long runs). */
function trimEnd(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}
