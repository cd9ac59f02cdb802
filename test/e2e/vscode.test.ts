// End-to-end test of the packaged extension in real VS Code: packs the .vsix, installs it
// into code-server 4.100.3, opens a workspace in headless chromium and works through it the
// way a user would: squiggle, Problems panel, hover, quick fix with Ctrl+., a settings
// change. Needs scripts/ci/setup-vscode.sh (chromium, code-server). On failure the log
// names a screenshot under test-results/vscode/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireProgram } from '../support/programs';
import { processesRunning, ROOT, requireCodeServer, startCodeServer, type CodeServer } from './vscode/code-server';
import { CHROMIUM, Workbench } from './vscode/workbench';

const CLIENT = join(ROOT, 'client');
const RESULTS = join(ROOT, 'test-results', 'vscode');
const VSCE = join(ROOT, 'node_modules', '.bin', 'vsce');

/** sgerrand's glibc, installed the way countless Dockerfiles copied it. */
const GLIBC_DOCKERFILE = `FROM alpine:3.19
ENV GLIBC_VERSION=2.35-r1
RUN wget -q -O /etc/apk/keys/sgerrand.rsa.pub https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub \\
 && wget -q https://github.com/sgerrand/alpine-pkg-glibc/releases/download/\${GLIBC_VERSION}/glibc-\${GLIBC_VERSION}.apk \\
 && apk add --no-cache glibc-\${GLIBC_VERSION}.apk \\
 && rm glibc-\${GLIBC_VERSION}.apk
CMD ["sh"]
`;

/** An alpine-glibc base image, in a file VS Code knows only by its name; the pragma line is for highlighting. */
const BASE_IMAGE_CONTAINERFILE = `# muslcheck global ignore=MC1006
FROM frolvlad/alpine-glibc:alpine-3.19
CMD ["sh"]
`;

function packageExtension(): string {
  execFileSync('npm', ['run', 'package', '-w', 'client'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const { name, version } = JSON.parse(readFileSync(join(CLIENT, 'package.json'), 'utf8')) as { name: string; version: string };
  return join(CLIENT, `${name}-${version}.vsix`);
}

describe('VS Code extension in code-server', function () {
  this.timeout(180_000);
  let server: CodeServer;
  let workbench: Workbench;

  before(async function () {
    const codeServer = requireCodeServer(this);
    requireProgram(this, CHROMIUM, 'apt-get install chromium (scripts/ci/setup-vscode.sh)');
    mkdirSync(RESULTS, { recursive: true });
    const vsix = packageExtension();
    server = await startCodeServer(codeServer, vsix, { Dockerfile: GLIBC_DOCKERFILE, Containerfile: BASE_IMAGE_CONTAINERFILE });
    workbench = await Workbench.open(server.url, server.workspace);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !workbench) return;
    const path = join(RESULTS, `${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-')}.png`);
    await workbench.screenshot(path);
    console.log(`    screenshot: ${path}\n    code-server log:\n${server.log()}`);
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
  });

  it('packages only the bundles, with no sources, source maps, tests or node_modules', () => {
    const files = execFileSync(VSCE, ['ls', '--no-dependencies'], { cwd: CLIENT, encoding: 'utf8' }).trim().split('\n');
    assert.ok(files.includes('dist/extension.js') && files.includes('dist/server/server.js'), files.join('\n'));
    assert.ok(files.includes('dist/server/analysis-worker.js'), `the server's analysis worker is missing\n${files.join('\n')}`);
    assert.ok(
      files.includes('dist/grammars/tree-sitter-bash.wasm') && files.includes('dist/server/web-tree-sitter.wasm'),
      files.join('\n'),
    );
    const unwanted = files.filter((f) => /\.ts$|\.map$|node_modules|(^|\/)src\/|test/.test(f));
    assert.deepEqual(unwanted, []);
  });

  it('underlines the glibc install and lists it in Problems with its muslcheck code', async () => {
    await workbench.openFile('Dockerfile');
    await workbench.squiggles('warning').first().waitFor({ timeout: 60_000 });
    const row = await workbench.problems('MC1002');
    await row.first().waitFor();
    const text = await row.first().innerText();
    assert.match(text, /installs glibc on musl-based Alpine/);
    assert.match(text, /muslcheck/);
    assert.equal(await row.first().locator('.codicon-warning').count(), 1, 'MC1002 is shown as a warning');
    for (const code of ['MC1003', 'MC1004']) assert.equal(await (await workbench.problems(code)).count(), 1, `${code} in Problems`);
  });

  it('explains the finding on hover', async () => {
    // Line 5, on `glibc-${GLIBC_VERSION}.apk` of `apk add --no-cache glibc-...`.
    const hover = await workbench.hover(5, 27, 'glibc-apk-install (warning)');
    const text = await hover.innerText();
    assert.match(text, /MC1002 glibc-apk-install \(warning\)/);
    assert.match(text, /Why:/);
    assert.match(text, /gcompat/);
  });

  it('replaces the glibc install with gcompat through the Ctrl+. quick fix, clearing the findings', async () => {
    await workbench.clickAt(5, 27);
    const fix = await workbench.openQuickFixMenu('Replace the glibc install with gcompat');
    await workbench.screenshot(join(RESULTS, 'quick-fix.png'));
    await workbench.chooseWithKeyboard(fix);
    await workbench.squiggles('warning').first().waitFor({ state: 'detached' });
    // The Problems view refreshes after the editor's squiggles: wait for its rows to go.
    await (await workbench.problems('MC100')).first().waitFor({ state: 'detached' });
    assert.equal(await (await workbench.problems('MC100')).count(), 0);
    await workbench.save();
    const saved = readFileSync(join(server.workspace, 'Dockerfile'), 'utf8');
    assert.match(saved, /apk add --no-cache gcompat/);
    assert.doesNotMatch(saved, /sgerrand|glibc-\$\{GLIBC_VERSION\}\.apk/);
    assert.match(saved, /^FROM alpine:3\.19$/m);
  });

  it('highlights muslcheck pragma comments with the injected grammar', async () => {
    await workbench.openFile('Containerfile');
    const line = workbench.editor.locator('.view-lines .view-line', { hasText: 'muslcheck global ignore' });
    const classOf = async (text: string) => line.locator('span span', { hasText: text }).first().getAttribute('class');
    const [hash, code] = await Promise.all([classOf('#'), classOf('MC1006')]);
    assert.ok(hash && code && hash !== code, `the rule code is coloured apart from the comment (${hash} vs ${code})`);
  });

  it('applies a severity change from settings without a reload', async () => {
    await workbench.squiggles('warning').first().waitFor({ timeout: 60_000 });
    assert.equal(await workbench.squiggles('error').count(), 0);
    await workbench.page.evaluate(() => Object.assign(globalThis, { muslcheckNoReload: true }));
    mkdirSync(join(server.workspace, '.vscode'), { recursive: true });
    writeFileSync(join(server.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'muslcheck.severity': { MC1001: 'error' } }));
    await workbench.squiggles('error').first().waitFor();
    const row = await workbench.problems('MC1001');
    await row.locator('.codicon-error').first().waitFor();
    assert.equal(await workbench.page.evaluate(() => 'muslcheckNoReload' in globalThis), true, 'the workbench did not reload');
  });

  it('restarts the bundled server from the command palette', async () => {
    // The extension host runs the bundled server as `node <extensions>/muslcheck.muslcheck-vscode-*/dist/server/server.js`.
    const running = () => processesRunning(server.extensions, join('dist', 'server', 'server.js'));
    const [first, ...others] = running();
    assert.ok(first && others.length === 0, 'one muslcheck server runs');
    await workbench.runCommand('muslcheck: Restart Server');
    await poll(() => {
      const now = running();
      return now.length === 1 && now[0] !== first;
    }, 'a new server process replaces the old one');
    await workbench.squiggles('error').first().waitFor();
  });
});

/** Waits until `condition` holds, checking every 100 ms for up to 30 s. */
async function poll(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting until ${what}`);
}
