// Benchmark 4: the muslcheck command over a tree of Dockerfiles, whole process included
// (start-up, file walk, configuration lookup, analysis, output to a pipe that is drained).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus';
import { median } from './stats';

/** The command-line entry point users run. */
export const CLI_BIN = join(REPO_ROOT, 'server', 'bin', 'muslcheck.js');

/** Wall time of one configuration of the command. */
export interface CliResult {
  label: string;
  files: number;
  runs: number;
  wallMs: number;
  filesPerSecond: number;
  exitCode: number | null;
}

/** True when the command offers a parallel mode (`--jobs`). */
export function cliSupportsJobs(): boolean {
  const help = spawnSync(process.execPath, [CLI_BIN, '--help'], { encoding: 'utf8' });
  return /--jobs\b/.test(help.stdout);
}

/** Runs `muslcheck <extra> <tree>` `runs` times and reports the median wall time. */
export async function measureCli(label: string, tree: string, files: number, extra: readonly string[], runs: number): Promise<CliResult> {
  const times: number[] = [];
  let exitCode: number | null = null;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI_BIN, '--no-fail', ...extra, tree], { stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.resume();
      child.on('error', reject);
      child.on('close', (code) => resolve(code));
    });
    times.push(performance.now() - start);
  }
  const wallMs = median(times);
  return { label, files, runs, wallMs, filesPerSecond: files / (wallMs / 1000), exitCode };
}
