// Runs real VS Code for the end-to-end test: code-server 4.100.3 (installed by
// scripts/ci/setup-vscode.sh into .cache/code-server) with its own home, user data and
// extensions folders under a temporary directory, so nothing touches the real profile.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireProgram } from '../../support/programs';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..', '..');

const CODE_SERVER = join(ROOT, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');

/** User settings that keep the workbench quiet and predictable. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'editor.hover.delay': 200,
  'files.autoSave': 'off',
};

/** A running code-server and the folders it uses. */
export interface CodeServer {
  url: string;
  /** The folder opened as the workspace. */
  workspace: string;
  /** The folder extensions are installed in. */
  extensions: string;
  /** Everything code-server wrote, for the failure log. */
  log(): string;
  stop(): Promise<void>;
}

/** code-server's path, or a skip (a failure under MUSLCHECK_TEST_STRICT=1) with how to install it. */
export function requireCodeServer(ctx: Mocha.Context): string {
  return requireProgram(ctx, CODE_SERVER, 'run scripts/ci/setup-vscode.sh (as root) to install code-server into .cache/code-server');
}

/**
 * Installs `vsix` into fresh folders, writes `files` into a new workspace, and starts
 * code-server on a free loopback port with that workspace.
 */
export async function startCodeServer(binary: string, vsix: string, files: Record<string, string>): Promise<CodeServer> {
  const base = mkdtempSync(join(tmpdir(), 'muslcheck-vscode-'));
  const dirs = {
    home: join(base, 'home'),
    userData: join(base, 'user-data'),
    extensions: join(base, 'extensions'),
    workspace: join(base, 'workspace'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dirs.workspace, name), text);
  const env = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
  };

  const install = spawnSync(binary, ['--install-extension', vsix, '--extensions-dir', dirs.extensions], { env, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`code-server --install-extension failed:\n${install.stdout}\n${install.stderr}`);

  const child = spawn(
    binary,
    [
      '--bind-addr',
      '127.0.0.1:0',
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      dirs.userData,
      '--extensions-dir',
      dirs.extensions,
      dirs.workspace,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`code-server exited with ${code} before listening:\n${output}`)));
  });
  return {
    url,
    workspace: dirs.workspace,
    extensions: dirs.extensions,
    log: () => output,
    stop: () => stopProcess(child).then(() => rmSync(base, { recursive: true, force: true })),
  };
}

/** Process ids of the running processes whose command line contains every one of `parts`. */
export function processesRunning(...parts: string[]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parts.every((part) => commandLine.includes(part))) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
