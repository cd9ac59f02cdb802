// Issue #19's CLI targets: whole processes (spawn to exit) over distinct real Dockerfiles,
// each read once: the muslcheck command against a process that only parses them with the
// unpatched dockerfile-ast, and one that runs dockerfile-utils' validate. Runs take turns
// (rotating who goes first) so a noisy neighbour slows all alike; ratios are per round.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_BIN } from './cli';
import { CACHE_DIR, REPO_ROOT, findRealCorpus } from './corpus';
import { median } from './stats';

/** Every Dockerfile of the labelled corpus and of corpus-ordinary beside it, once each. */
export function distinctRealFiles(): string[] {
  const labelled = findRealCorpus();
  if (!labelled) return [];
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/Dockerfile/.test(name)) files.push(path);
    }
  };
  for (const group of ['pos', 'mix', 'neg']) if (existsSync(join(labelled, group))) walk(join(labelled, group));
  const ordinary = join(labelled, '..', 'corpus-ordinary');
  if (existsSync(ordinary)) walk(ordinary);
  return files;
}

export interface WholeProcessResult {
  tool: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median over rounds of this tool's time / the bare parse process's time. */
  ratioToParse: number;
  ratioToValidate: number;
}

function timeProcess(args: readonly string[]): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], cwd: REPO_ROOT });
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - start));
  });
}

export async function measureWholeProcess(files: readonly string[], rounds: number): Promise<WholeProcessResult[]> {
  const list = join(CACHE_DIR, 'distinct-files.txt');
  writeFileSync(list, files.join('\n') + '\n');
  const peer = join(REPO_ROOT, 'bench', 'peer-process.cjs');
  const tools: { name: string; args: string[] }[] = [
    { name: 'dockerfile-ast parse (unpatched), whole process', args: [peer, 'parse', list] },
    { name: 'dockerfile-utils validate, whole process', args: [peer, 'validate', list] },
    { name: 'muslcheck command', args: [CLI_BIN, '--no-fail', ...files] },
  ];
  const times = tools.map(() => [] as number[]);
  const toParse = tools.map(() => [] as number[]);
  const toValidate = tools.map(() => [] as number[]);
  for (let round = -1; round < rounds; round++) {
    const roundTimes: number[] = new Array(tools.length);
    for (let k = 0; k < tools.length; k++) {
      const i = (Math.max(round, 0) + k) % tools.length;
      roundTimes[i] = await timeProcess(tools[i].args);
    }
    if (round < 0) continue; // warm-up: the page cache and the code caches
    roundTimes.forEach((t, i) => {
      times[i].push(t);
      toParse[i].push(t / roundTimes[0]);
      toValidate[i].push(t / roundTimes[1]);
    });
  }
  return tools.map((tool, i) => ({
    tool: tool.name,
    medianMs: median(times[i]),
    minMs: Math.min(...times[i]),
    maxMs: Math.max(...times[i]),
    ratioToParse: median(toParse[i]),
    ratioToValidate: median(toValidate[i]),
  }));
}
