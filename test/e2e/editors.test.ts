// End-to-end in real editors: headless Neovim and batch Emacs + eglot start the built
// `muslcheck --stdio`, show its diagnostics, hover, and apply its quick fixes until the
// Dockerfile is clean. scripts/ci/setup-editors.sh installs both editors.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireProgram } from '../support/programs';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'server', 'bin', 'muslcheck.js');
const FIXTURE = join(ROOT, 'test', 'lsp', 'fixtures', 'glibc-install.Dockerfile');

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

/** The first finding of the fixture and the two fixes that clean it, in editor order. */
const FIRST = { line: 5, character: 46, endCharacter: 95 };
const FIX_TITLES = ['Replace the glibc install with gcompat', 'Use alpine:3.18 and install gcompat'];

/** Runs an editor script on a fresh copy of the fixture and returns the JSON it wrote. */
async function runEditor(command: string, args: string[]): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'muslcheck-editor-'));
  try {
    const file = join(dir, 'Dockerfile');
    const out = join(dir, 'result.json');
    copyFileSync(FIXTURE, file);
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, HOME: dir, MUSLCHECK_SERVER: SERVER, MUSLCHECK_FILE: file, MUSLCHECK_OUT: out },
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
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('real editors against muslcheck --stdio', function () {
  this.timeout(120000);

  it('Neovim: diagnostics with codes, hover, preferred quick fixes until clean', async function () {
    requireProgram(this, 'nvim', 'apt-get install neovim (scripts/ci/setup-editors.sh)');
    const result = await runEditor('nvim', ['--headless', '--clean', '-c', `luafile ${join('test', 'e2e', 'nvim.lua')}`]);
    const diagnostics = result.diagnostics as { code: string; source: string; line: number; character: number; endCharacter: number }[];
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['MC1003', 'MC1004', 'MC1006', 'MC1002', 'MC1001'],
    );
    assert.ok(diagnostics.every((d) => d.source === 'muslcheck'));
    assert.deepEqual({ line: diagnostics[0].line, character: diagnostics[0].character, endCharacter: diagnostics[0].endCharacter }, FIRST);
    assert.match(String(result.hover), /^\*\*MC1003\*\* `glibc-signing-key`[\s\S]*\*\*Why:\*\*[\s\S]*MC1003\.md\)$/);
    assert.deepEqual(
      (result.steps as { title: string }[]).map((s) => s.title),
      FIX_TITLES,
    );
    assert.deepEqual(result.remaining, []);
    assert.equal(result.text, EXPECTED_TEXT);
  });

  it('Emacs + eglot: flymake diagnostics, plain-text hover, quick fixes until clean', async function () {
    requireProgram(this, 'emacs', 'apt-get install emacs-nox elpa-eglot (scripts/ci/setup-editors.sh)');
    const result = await runEditor('emacs', ['--batch', '-l', join('test', 'e2e', 'eglot.el')]);
    const diagnostics = result.diagnostics as { line: number; character: number; endCharacter: number; type: string; text: string }[];
    assert.deepEqual(
      diagnostics.map((d) => /\[(MC\d{4})\]/.exec(d.text)?.[1]),
      ['MC1003', 'MC1004', 'MC1006', 'MC1002', 'MC1001'],
    );
    assert.ok(diagnostics.every((d) => d.type === 'eglot-warning' && d.text.startsWith('muslcheck [MC')));
    assert.deepEqual({ line: diagnostics[0].line, character: diagnostics[0].character, endCharacter: diagnostics[0].endCharacter }, FIRST);
    // eglot 1.9 without markdown-mode asks for plain text.
    assert.match(String(result.hover), /^MC1003 glibc-signing-key \(warning\)[\s\S]*Why: [\s\S]*MC1003 documentation: https:/);
    assert.deepEqual(
      (result.steps as { title: string }[]).map((s) => s.title),
      FIX_TITLES,
    );
    assert.deepEqual(result.remaining, []);
    assert.equal(result.text, EXPECTED_TEXT);
  });
});
