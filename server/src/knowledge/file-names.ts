// Which file names are Dockerfiles: the CLI walks folders for them and the language server
// takes documents of no known language by them.

/** True for the file names muslcheck checks: Dockerfile, Containerfile and their `.x` / `x.` variants. */
export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower === 'dockerfile' ||
    lower === 'containerfile' ||
    lower.startsWith('dockerfile.') ||
    lower.startsWith('containerfile.') ||
    lower.endsWith('.dockerfile') ||
    lower.endsWith('.containerfile')
  );
}
