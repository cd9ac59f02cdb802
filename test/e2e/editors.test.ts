// End-to-end in real editors, configured the way docs/editors.md tells users to: each test
// takes the snippet marked `<!-- e2e: ID -->` from that page as the editor's configuration,
// puts a `muslcheck` command on PATH (the built bin), opens a Dockerfile in a project with
// a .git folder, and checks what the editor shows: diagnostics with their codes and the
// severity the snippet's setting gives MC1006, hover, quick fixes until the file is clean.
// scripts/ci/setup-editors.sh installs the editors.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { requireFile, requireProgram } from '../support/programs';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'server', 'bin', 'muslcheck.js');
const FIXTURE = join(ROOT, 'test', 'lsp', 'fixtures', 'glibc-install.Dockerfile');
const EDITORS_DOC = join(ROOT, 'docs', 'editors.md');
/** docker-langserver (a dev dependency), which lsp-mode starts for Dockerfiles on its own. */
const DOCKER_LANGSERVER = join(ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver');

const EXPECTED_TEXT = `# A service image that bolts glibc onto Alpine the sgerrand way.
ARG ALPINE_VERSION=3.19
FROM alpine:\${ALPINE_VERSION} AS base
RUN apk add --no-cache ca-certificates wget && \\
    apk add --no-cache gcompat
COPY app /usr/local/bin/app

FROM alpine:3.18 AS runtime
RUN apk add --no-cache gcompat
COPY --from=base /usr/local/bin/app /app
CMD ["/app"]
`;

const EMACS_INSTALL = 'apt-get install emacs-nox elpa-eglot elpa-lsp-mode elpa-dockerfile-mode (scripts/ci/setup-editors.sh)';

/** The fixture's findings in document order, the first one's range, and the two fixes that clean it. */
const CODES = ['MC1003', 'MC1004', 'MC1006', 'MC1002', 'MC1001'];
const FIRST = { line: 5, character: 46, endCharacter: 95 };
const FIX_TITLES = ['Replace the glibc install with gcompat', 'Use alpine:3.18 and install gcompat'];
/** Every snippet sets `severity: { MC1006: 'error' }`; the rest stay warnings. */
const LSP_SEVERITIES = CODES.map((code) => (code === 'MC1006' ? 1 : 2));

/** The code block that follows `<!-- e2e: ID -->` in docs/editors.md. */
function documentedSnippet(id: string): string {
  const doc = readFileSync(EDITORS_DOC, 'utf8');
  const match = new RegExp(`<!-- e2e: ${id} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\`\\n`).exec(doc);
  assert.ok(match, `docs/editors.md has no snippet marked <!-- e2e: ${id} -->`);
  return match[1];
}

interface EditorRun {
  result: Record<string, unknown>;
  project: string;
}

/**
 * Writes the documented snippet `id` to `config` in a fresh home, the fixture to
 * project/Dockerfile, and a `muslcheck` (and `programs`: name → Node script) on PATH; runs
 * the editor with `args(configPath)` and returns the JSON its driver wrote.
 */
async function runEditor(
  command: string,
  id: string,
  config: string,
  args: (config: string) => string[],
  programs: Record<string, string> = {},
): Promise<EditorRun> {
  const home = mkdtempSync(join(tmpdir(), 'muslcheck-editor-'));
  try {
    const project = join(home, 'project');
    const bin = join(home, 'bin');
    mkdirSync(join(project, '.git'), { recursive: true });
    mkdirSync(bin);
    const file = join(project, 'Dockerfile');
    const out = join(home, 'result.json');
    copyFileSync(FIXTURE, file);
    writeFileSync(join(home, config), documentedSnippet(id));
    for (const [name, script] of Object.entries({ muslcheck: SERVER, ...programs })) {
      writeFileSync(join(bin, name), `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`);
      chmodSync(join(bin, name), 0o755);
    }
    const child = spawn(command, args(join(home, config)), {
      cwd: ROOT,
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        // Only the programs given here, not the node_modules/.bin that npm and npx add.
        PATH: [bin, ...(process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.endsWith(join('node_modules', '.bin')))].join(
          delimiter,
        ),
        MUSLCHECK_FILE: file,
        MUSLCHECK_OUT: out,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    let result: Record<string, unknown>;
    try {
      result = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      assert.fail(`${command} wrote no result (exit ${code}):\n${log}`);
    }
    assert.equal(result.error ?? null, null, `${command} failed: ${String(result.error)}\n${log}`);
    assert.equal(code, 0, log);
    return { result, project };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

interface LspDiagnostic {
  code: string;
  source: string;
  severity: number;
  line: number;
  character: number;
  endCharacter: number;
}

/** Diagnostics an editor kept as the server sent them: codes, severities, source, first range. */
function assertLspDiagnostics(diagnostics: LspDiagnostic[]): void {
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    CODES,
  );
  assert.deepEqual(
    diagnostics.map((d) => d.severity),
    LSP_SEVERITIES,
  );
  assert.ok(diagnostics.every((d) => d.source === 'muslcheck'));
  assert.deepEqual({ line: diagnostics[0].line, character: diagnostics[0].character, endCharacter: diagnostics[0].endCharacter }, FIRST);
}

/** The quick fixes the editor applied one after another, and the clean text they left. */
function assertFixedUntilClean(result: Record<string, unknown>): void {
  assert.deepEqual(
    (result.steps as { title: string }[]).map((s) => s.title),
    FIX_TITLES,
  );
  assert.deepEqual(result.remaining, []);
  assert.equal(result.text, EXPECTED_TEXT);
}

describe('real editors against muslcheck --stdio, configured as docs/editors.md says', function () {
  this.timeout(120000);

  it('Neovim 0.7 (the 0.7-0.10 snippet): diagnostics with codes and settings, hover, preferred quick fixes until clean', async function () {
    requireProgram(this, 'nvim', 'apt-get install neovim (scripts/ci/setup-editors.sh)');
    const { result, project } = await runEditor('nvim', 'nvim', 'init.lua', (config) => [
      '--headless',
      '-i',
      'NONE',
      '-u',
      config,
      '-c',
      `luafile ${join('test', 'e2e', 'nvim.lua')}`,
    ]);
    assert.equal(result.filetype, 'dockerfile');
    assert.equal(result.root, project, 'the snippet finds the project root by its .git folder');
    const diagnostics = result.diagnostics as LspDiagnostic[];
    assertLspDiagnostics(diagnostics);
    assert.match(String(result.hover), /^\*\*MC1003\*\* `glibc-signing-key`[\s\S]*\*\*Why:\*\*[\s\S]*MC1003\.md\)$/);
    assertFixedUntilClean(result);
  });

  it('Emacs + dockerfile-mode + eglot: flymake diagnostics with settings, plain-text hover, quick fixes until clean', async function () {
    requireProgram(this, 'emacs', EMACS_INSTALL);
    const { result } = await runEditor('emacs', 'eglot', 'eglot-config.el', (config) => [
      '--batch',
      '-l',
      config,
      '-l',
      join('test', 'e2e', 'eglot.el'),
    ]);
    const diagnostics = result.diagnostics as { line: number; character: number; endCharacter: number; type: string; text: string }[];
    assert.deepEqual(
      diagnostics.map((d) => /\[(MC\d{4})\]/.exec(d.text)?.[1]),
      CODES,
    );
    assert.deepEqual(
      diagnostics.map((d) => d.type),
      LSP_SEVERITIES.map((s) => (s === 1 ? 'eglot-error' : 'eglot-warning')),
    );
    assert.ok(diagnostics.every((d) => d.text.startsWith('muslcheck [MC')));
    assert.deepEqual({ line: diagnostics[0].line, character: diagnostics[0].character, endCharacter: diagnostics[0].endCharacter }, FIRST);
    // eglot 1.9 without markdown-mode asks for plain text.
    assert.match(String(result.hover), /^MC1003 glibc-signing-key \(warning\)[\s\S]*Why: [\s\S]*MC1003 documentation: https:/);
    assertFixedUntilClean(result);
  });

  it('Emacs + dockerfile-mode + lsp-mode: an add-on next to docker-langserver, settings, hover, quick fixes until clean', async function () {
    requireProgram(this, 'emacs', EMACS_INSTALL);
    const { result } = await runEditor(
      'emacs',
      'lsp-mode',
      'lsp-config.el',
      (config) => ['--batch', '-l', config, '-l', join('test', 'e2e', 'lsp-mode.el')],
      { 'docker-langserver': DOCKER_LANGSERVER },
    );
    assert.deepEqual(result.servers, ['dockerfile-ls', 'muslcheck']);
    const diagnostics = result.diagnostics as LspDiagnostic[];
    assertLspDiagnostics(diagnostics);
    assert.match(String(result.hover), /^\*\*MC1003\*\* `glibc-signing-key`[\s\S]*\*\*Why:\*\*[\s\S]*MC1003\.md\)$/);
    assertFixedUntilClean(result);
  });

  it('Vim 9 + ALE: diagnostics with codes, ranges and settings, hover, preferred code actions until clean', async function () {
    requireProgram(this, 'vim', 'apt-get install vim vim-ale (scripts/ci/setup-editors.sh)');
    requireFile(this, '/usr/share/vim-ale/plugin/ale.vim', 'apt-get install vim-ale (scripts/ci/setup-editors.sh)');
    const { result, project } = await runEditor('vim', 'vim', 'vimrc', (config) => [
      '-N',
      '-u',
      config,
      '-i',
      'NONE',
      '-n',
      '-es',
      '-S',
      join('test', 'e2e', 'vim-ale.vim'),
    ]);
    assert.equal(result.filetype, 'dockerfile');
    assert.equal(result.root, project);
    const diagnostics = result.diagnostics as { linter: string; code: string; type: string; line: number; col: number; endCol: number }[];
    assert.ok(diagnostics.every((d) => d.linter === 'muslcheck'));
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      CODES,
    );
    assert.deepEqual(
      diagnostics.map((d) => d.type),
      LSP_SEVERITIES.map((s) => (s === 1 ? 'E' : 'W')),
    );
    // Vim counts lines and columns from 1 and ends ranges on their last character.
    assert.deepEqual(
      { line: diagnostics[0].line, col: diagnostics[0].col, endCol: diagnostics[0].endCol },
      { line: 6, col: 47, endCol: 95 },
    );
    // ALE asks for plain text.
    assert.match(String(result.hover), /^MC1003 glibc-signing-key \(warning\)[\s\S]*Why: [\s\S]*MC1003 documentation: https:/);
    assertFixedUntilClean(result);
  });
});
