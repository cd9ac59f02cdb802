// Runs the real `muslcheck` bin (the built server/out) in a throw-away project folder.
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

/** The bin as npm installs it. */
export const BIN = join(__dirname, '..', '..', 'server', 'bin', 'muslcheck.js');

/** Fails early with a clear message when the build is missing. */
export function requireBuild(): void {
  if (!existsSync(join(__dirname, '..', '..', 'server', 'out', 'cli', 'main.js'))) {
    throw new Error('server/out is missing: run `npm run build` first (npm test does)');
  }
}

/** What one run printed and returned. */
export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a run: no MUSLCHECK_* from the caller, an empty user config. */
function cleanEnv(cwd: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('MUSLCHECK_')) env[key] = value;
  env.XDG_CONFIG_HOME = join(cwd, '.xdg-empty');
  delete env.NO_COLOR;
  return { ...env, ...extra };
}

/** Runs the bin with a clean environment: no MUSLCHECK_* from the caller, an empty user config. */
export function runMuslcheck(args: string[], options: { cwd: string; env?: Record<string, string>; input?: string | Buffer }): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.cwd, options.env),
    input: options.input ?? '',
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** runMuslcheck without blocking this process, for runs that talk to a server the test serves. */
export function runMuslcheckAsync(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<RunResult> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.cwd, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return outputOf(child);
}

/** What a spawned child printed, and its status, once it has closed. */
export function outputOf(child: ChildProcessByStdio<null, Readable, Readable>): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A temporary repository (it has a .git folder, so configuration search stops there). */
export function makeProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'muslcheck-cli-'));
  mkdirSync(join(root, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Throw-away projects for the enclosing mocha block, removed after it. */
export function useProjects(): (files: Record<string, string>) => string {
  const roots: string[] = [];
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
  return (files) => {
    const root = makeProject(files);
    roots.push(root);
    return root;
  };
}
