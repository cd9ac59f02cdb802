// Command-line manners, derived from the parser itself: --help lists every option it accepts
// and every file name the walk checks; a bad option or value is one line naming it, exit 2;
// --print-stages is a report; --stdin-filename reads piped input and never lints the folder.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { DOCKERFILE_NAMES } from '../../server/src/knowledge/file-names';
import { runCli } from '../../server/src/cli/main';
import { CLI_OPTIONS, LANGUAGE_SERVER_FLAGS } from '../../server/src/cli/options';
import { BIN, requireBuild, runMuslcheck, useProjects } from './helpers';

const GLIBC_BASE = 'FROM frolvlad/alpine-glibc:alpine-3.17\n';
const CLEAN = 'FROM alpine:3.20\n';

/** A value each option with a value refuses (an option missing here fails the coverage test). */
const BAD_VALUES: Record<string, string> = {
  format: 'yaml',
  config: 'missing.yaml',
  ignore: 'MC9999',
  'failure-threshold': 'fatal',
  platform: 'amd64',
  'build-arg': 'NO_EQUALS_SIGN',
  'stdin-filename': 'Dockerfile',
  context: '',
  // On a Dockerfile run, --dockerfile belongs to `muslcheck image` whatever its value.
  dockerfile: 'Dockerfile',
  'max-image-bytes': '1e9',
};

const entries = Object.entries(CLI_OPTIONS) as [string, { type: 'string' | 'boolean'; short?: string }][];

describe('command-line options', () => {
  const project = useProjects();
  before(requireBuild);

  /** Asserts a usage error: nothing on stdout, one line on stderr naming `option` and --help, exit 2. */
  function assertUsageError(args: string[], option: string, { input = '', help = true } = {}): void {
    const cwd = project({ Dockerfile: GLIBC_BASE });
    const run = runMuslcheck(args, { cwd, input });
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
    assert.equal(run.stdout, '', args.join(' '));
    const lines = run.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, `${args.join(' ')} printed:\n${run.stderr}`);
    assert.ok(lines[0].startsWith('muslcheck: ') && lines[0].includes(option), `${args.join(' ')}: ${lines[0]}`);
    if (help) assert.ok(lines[0].includes("'muslcheck --help'"), `${args.join(' ')}: ${lines[0]}`);
  }

  it('--help lists every option the parser and the language server accept', () => {
    const help = runMuslcheck(['--help'], { cwd: project({}) });
    assert.equal(help.status, 0);
    for (const [name, option] of entries) {
      assert.match(help.stdout, new RegExp(`(^|[\\s,])--${name}([\\s,=]|$)`, 'm'), `--${name} is missing from --help`);
      if (option.short) assert.match(help.stdout, new RegExp(`^\\s+-${option.short}, --${name}\\b`, 'm'), `-${option.short} for --${name}`);
    }
    for (const flag of LANGUAGE_SERVER_FLAGS) assert.match(help.stdout, new RegExp(`^\\s+${flag}\\b`, 'm'), `${flag} is missing`);
  });

  it('knows every flag the bin starts the language server for', () => {
    const bin = readFileSync(BIN, 'utf8');
    const checked = [...bin.matchAll(/arg === '(--[\w-]+)'|arg\.startsWith\('(--[\w-]+)='\)/g)].map((m) => m[1] ?? m[2]);
    assert.ok(checked.length >= 3, bin);
    for (const flag of checked)
      assert.ok((LANGUAGE_SERVER_FLAGS as readonly string[]).includes(flag), `${flag} is not in LANGUAGE_SERVER_FLAGS`);
  });

  it('--help names every file name a folder is searched for, and the walk finds each', () => {
    const help = runMuslcheck(['--help'], { cwd: project({}) }).stdout.replace(/\s+/g, ' ');
    const files: Record<string, string> = {};
    for (const pattern of DOCKERFILE_NAMES) {
      assert.ok(help.includes(pattern), `${pattern} is missing from --help`);
      files[`${pattern.replace('*', 'svc')}`.replace(/\.\*$/, '.prod')] = GLIBC_BASE;
    }
    files['notes.txt'] = GLIBC_BASE;
    const cwd = project(files);
    const run = runMuslcheck(['-f', 'gnu', '.'], { cwd });
    const found = [...run.stdout.matchAll(/^(.+?):1\.6: /gm)].map((m) => m[1]).sort();
    assert.deepEqual(
      found,
      Object.keys(files)
        .filter((f) => f !== 'notes.txt')
        .sort(),
    );
  });

  it('has a bad value for every option that takes one', () => {
    const withValues = entries.filter(([, o]) => o.type === 'string').map(([name]) => name);
    assert.deepEqual(withValues.sort(), Object.keys(BAD_VALUES).sort());
  });

  for (const [name, option] of entries) {
    if (option.type === 'string') {
      it(`--${name} with no value is a one-line usage error`, () => assertUsageError([`--${name}`], `--${name}`));
      if (name !== 'stdin-filename' && name !== 'config') {
        it(`--${name} ${BAD_VALUES[name]} is a one-line usage error`, () =>
          assertUsageError([`--${name}`, BAD_VALUES[name], 'Dockerfile'], `--${name}`));
      }
    } else {
      it(`--${name}=yes is a one-line usage error`, () => assertUsageError([`--${name}=yes`, 'Dockerfile'], `--${name}`));
    }
  }

  it('--config with a missing file is one line naming the file', () => {
    // A configuration error, not a usage error: it names the file, not --help.
    assertUsageError(['--config', BAD_VALUES.config, 'Dockerfile'], `${BAD_VALUES.config}:1:1: cannot read configuration`, { help: false });
  });

  it('an unknown option, long or short, is a one-line usage error naming it', () => {
    assertUsageError(['--formatt', 'json', 'Dockerfile'], "'--formatt'");
    assertUsageError(['-x', 'Dockerfile'], "'-x'");
  });

  it('--print-stages exits 0 when it printed the stages, findings or not', () => {
    const cwd = project({ Dockerfile: GLIBC_BASE });
    const run = runMuslcheck(['--print-stages', 'Dockerfile'], { cwd });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout)[0].stages[0].glibcOnMusl, true);
    assert.equal(runMuslcheck(['--print-stages', 'missing/Dockerfile'], { cwd }).status, 2);
  });

  describe('--stdin-filename without -', () => {
    it('lints piped standard input under that name, not the current folder', () => {
      const cwd = project({ Dockerfile: GLIBC_BASE, 'svc/.muslcheck.yaml': 'failure-threshold: error\n' });
      const clean = runMuslcheck(['--stdin-filename', 'Dockerfile', '-f', 'gnu'], { cwd, input: CLEAN });
      assert.deepEqual([clean.status, clean.stdout, clean.stderr], [0, '', '']);
      const dirty = runMuslcheck(['--stdin-filename', 'svc/Dockerfile', '-f', 'gnu'], { cwd, input: GLIBC_BASE });
      assert.equal(dirty.status, 0, 'configured from svc/');
      assert.match(dirty.stdout, /^svc\/Dockerfile:1\.6: warning: .*\[MC1001\]$/m);
      assert.doesNotMatch(dirty.stdout, /^Dockerfile:/m);
    });

    it('is a usage error from a terminal, or next to other paths', async () => {
      const stdin = Object.assign(new PassThrough(), { isTTY: true });
      const stdout = new PassThrough();
      let stderr = '';
      const status = await runCli(['--stdin-filename', 'Dockerfile'], {
        stdin,
        stdout,
        stderr: { write: (chunk: string) => ((stderr += chunk), true) } as NodeJS.WritableStream,
        env: {},
      });
      assert.equal(status, 2);
      assert.match(stderr, /^muslcheck: --stdin-filename: standard input is a terminal; .*--help.*\n$/);
      assertUsageError(['--stdin-filename', 'Dockerfile', 'Dockerfile'], '--stdin-filename', { input: CLEAN });
    });
  });
});
