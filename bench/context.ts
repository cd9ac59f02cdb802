// Build-context reading (MC2003): a context of ELF programs, big binaries and plain files,
// read cold and again with the reading cache, with the bytes read against the bytes there.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, openSync, closeSync, ftruncateSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { clearContextCache, readContextFacts } from '../server/out/node/context-files';
import { CACHE_DIR } from './corpus';

/** One measured read. */
export interface ContextResult {
  label: string;
  files: number;
  contextBytes: number;
  bytesRead: number;
  elfFiles: number;
  wallMs: number;
}

/** Writes the context: `programs` gcc binaries, `big` 256 MiB sparse ELF files, `plain` text files. Null without gcc. */
export function writeContext(programs: number, big: number, plain: number): { root: string; bytes: number } | null {
  const root = join(CACHE_DIR, `context-${programs}-${big}-${plain}`);
  mkdirSync(join(root, 'bin'), { recursive: true });
  mkdirSync(join(root, 'src'), { recursive: true });
  const source = join(root, 'hello.c');
  writeFileSync(source, '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n');
  try {
    execFileSync('gcc', ['-o', join(root, 'hello'), source], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const program = readFileSync(join(root, 'hello'));
  let bytes = 0;
  for (let i = 0; i < programs; i++) {
    copyFileSync(join(root, 'hello'), join(root, 'bin', `tool-${i}`));
    bytes += program.length;
  }
  const size = 256 * 1024 * 1024;
  for (let i = 0; i < big; i++) {
    // A real program's headers at the start of a large, sparse file: the reader must not read the rest.
    const fd = openSync(join(root, 'bin', `big-${i}`), 'w');
    writeSync(fd, program);
    ftruncateSync(fd, size);
    closeSync(fd);
    bytes += size;
  }
  for (let i = 0; i < plain; i++) {
    const text = `// file ${i}\n${'export const x = 1;\n'.repeat(50)}`;
    writeFileSync(join(root, 'src', `m${i}.js`), text);
    bytes += text.length;
  }
  return { root, bytes };
}

/** Reads the whole context (`COPY . .`) cold, then warm. */
export async function measureContext(root: string, contextBytes: number): Promise<ContextResult[]> {
  const results: ContextResult[] = [];
  for (const label of ['cold (first read)', 'warm (unchanged files, cached by mtime and size)']) {
    if (label.startsWith('cold')) clearContextCache();
    const start = process.hrtime.bigint();
    const facts = await readContextFacts(root, null, ['.'], { maxFiles: 100_000, maxBytes: 1024 * 1024 * 1024 });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const match = facts.matches.get('.')!;
    results.push({ label, files: match.files, contextBytes, bytesRead: facts.bytesRead, elfFiles: match.elf.length, wallMs });
  }
  return results;
}
