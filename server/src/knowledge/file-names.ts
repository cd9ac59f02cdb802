// Which file names are Dockerfiles: the CLI walks folders for them and the language server
// takes documents of no known language by them.

/**
 * The file names muslcheck checks, compared without case: a whole name, `NAME.*` (any
 * suffix after the dot) or `*.NAME`. The CLI's --help lists them.
 */
export const DOCKERFILE_NAMES = [
  'Dockerfile',
  'Dockerfile.*',
  '*.Dockerfile',
  'Containerfile',
  'Containerfile.*',
  '*.containerfile',
] as const;

const EXACT = DOCKERFILE_NAMES.filter((p) => !p.includes('*')).map((p) => p.toLowerCase());
const PREFIXES = DOCKERFILE_NAMES.filter((p) => p.endsWith('.*')).map((p) => p.slice(0, -1).toLowerCase());
const SUFFIXES = DOCKERFILE_NAMES.filter((p) => p.startsWith('*.')).map((p) => p.slice(1).toLowerCase());

/** True for the file names muslcheck checks: Dockerfile, Containerfile and their `.x` / `x.` variants. */
export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  return EXACT.includes(lower) || PREFIXES.some((p) => lower.startsWith(p)) || SUFFIXES.some((s) => lower.endsWith(s));
}
