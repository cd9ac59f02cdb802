// Every setting in the table of docs/editors.md, one by one through the built server: the
// table and the server's settings agree, and each documented setting does what the table
// says when an editor sends it (answering workspace/configuration).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DocumentDiagnosticRequest, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { DEFAULT_SETTINGS } from '../../../server/src/lsp/features/settings';
import { requireBuild } from '../../cli/helpers';
import { compile, requireTool, scratchFolder } from '../../elf/toolchain';
import { startFakeRegistry } from '../../registry/fake-registry';
import { pushImage, tempDir, type Registry } from '../../registry/fixtures';
import { TestClient } from './client';

const DOC = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'editors.md'), 'utf8');

/** The rows of the settings table: name and default, as written. */
function documentedSettings(): Map<string, string> {
  const section = DOC.slice(DOC.indexOf('## Settings'), DOC.indexOf('\n## ', DOC.indexOf('## Settings') + 1));
  const rows = [...section.matchAll(/^\| `(\w+)` \| [^|]+ \| `([^`]+)` \|/gm)];
  return new Map(rows.map((m) => [m[1], m[2]]));
}

/** A client that pulls diagnostics (so "nothing" is an answer, not a silence) and answers `settings`. */
async function clientWith(settings: unknown, uri = URI): Promise<{ client: TestClient; pull(): Promise<[string, number | undefined][]> }> {
  const client = await TestClient.start({ capabilities: { textDocument: { diagnostic: {} } }, configuration: () => settings });
  const pull = async (): Promise<[string, number | undefined][]> => {
    const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
    })) as FullDocumentDiagnosticReport;
    return report.items.map((d) => [String(d.code), d.severity]);
  };
  return { client, pull };
}

const URI = 'untitled:Dockerfile';

/** The codes and severities the server reports for `text` under `settings`. */
async function reportedUnder(settings: unknown, text: string): Promise<[string, number | undefined][]> {
  const { client, pull } = await clientWith(settings);
  try {
    await client.open(URI, text);
    return await pull();
  } finally {
    await client.stop();
  }
}

const GLIBC_BASE = 'FROM frolvlad/alpine-glibc:alpine-3.17\nRUN apk add --allow-untrusted curl\n';
const { Warning, Error: ErrorSeverity } = DiagnosticSeverity;

describe('the settings docs/editors.md documents', function () {
  this.timeout(30000);
  before(requireBuild);

  it('are the settings the server reads, with the defaults it uses', () => {
    const documented = documentedSettings();
    assert.deepEqual([...documented.keys()].sort(), Object.keys(DEFAULT_SETTINGS).sort());
    for (const [name, value] of Object.entries(DEFAULT_SETTINGS)) assert.equal(documented.get(name), JSON.stringify(value), name);
  });

  it('enable: false checks nothing', async () => {
    assert.deepEqual(await reportedUnder({ enable: true }, GLIBC_BASE), [
      ['MC1001', Warning],
      ['MC1006', Warning],
    ]);
    assert.deepEqual(await reportedUnder({ enable: false }, GLIBC_BASE), []);
  });

  it('severity: per rule, by code or by name, and ignore', async () => {
    assert.deepEqual(await reportedUnder({ severity: { MC1001: 'error', 'apk-allow-untrusted': 'ignore' } }, GLIBC_BASE), [
      ['MC1001', ErrorSeverity],
    ]);
  });

  it('buildArgs: ARG values as docker build --build-arg passes them', async () => {
    const text = 'ARG BASE=alpine:3.20\nFROM ${BASE}\n';
    assert.deepEqual(await reportedUnder({}, text), []);
    assert.deepEqual(await reportedUnder({ buildArgs: { BASE: 'frolvlad/alpine-glibc:alpine-3.17' } }, text), [['MC1001', Warning]]);
  });

  it('rules: run only these', async () => {
    assert.deepEqual(await reportedUnder({ rules: ['MC1006'] }, GLIBC_BASE), [['MC1006', Warning]]);
  });

  it('context: the folder COPY reads from, relative to the Dockerfile', async function () {
    requireTool(this, 'gcc');
    const project = scratchFolder('settings-context');
    mkdirSync(join(project, 'docker'));
    mkdirSync(join(project, 'build'));
    compile('gcc', [], join(project, 'build'), 'server');
    const file = join(project, 'docker', 'Dockerfile');
    const text = 'FROM alpine:3.20\nCOPY server /usr/local/bin/server\n';
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const reported = async (settings: unknown): Promise<[string, number | undefined][]> => {
      const { client, pull } = await clientWith(settings, uri);
      try {
        await client.open(uri, text);
        // The context is read after the text is checked; the server then asks for a refresh.
        let codes = await pull();
        for (let tries = 0; !codes.length && tries < 40; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          codes = await pull();
        }
        return codes;
      } finally {
        await client.stop();
      }
    };
    try {
      assert.deepEqual(await reported({}), [], 'docker/ holds no server');
      assert.deepEqual(await reported({ context: '../build' }), [['MC2003', Warning]]);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  describe('resolveImages', () => {
    let registry: Registry;
    let work: { dir: string; remove(): void };
    before(async () => {
      work = tempDir('muslcheck-settings-');
      registry = await startFakeRegistry();
      await pushImage(registry.url, 'mycorp/base', '1.4', {
        history: [{ created_by: 'RUN /bin/sh -c apk add --no-cache --force-overwrite glibc-2.35-r1.apk # buildkit' }],
      });
    });
    after(async () => {
      await registry?.stop();
      work?.remove();
    });

    it('looks an unknown base image up in its registry only when true', async () => {
      const previous = process.env.XDG_CACHE_HOME;
      process.env.XDG_CACHE_HOME = join(work.dir, 'cache');
      try {
        const text = `FROM ${registry.authority}/mycorp/base:1.4\n`;
        assert.deepEqual(await reportedUnder({ resolveImages: false }, text), []);
        const { client, pull } = await clientWith({ resolveImages: true });
        try {
          await client.open(URI, text);
          // The lookup ends after the first answer; the server then asks for a refresh.
          let codes = await pull();
          for (let tries = 0; !codes.length && tries < 100; tries++) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            codes = await pull();
          }
          assert.deepEqual(codes, [['MC1001', Warning]]);
        } finally {
          await client.stop();
        }
      } finally {
        if (previous === undefined) delete process.env.XDG_CACHE_HOME;
        else process.env.XDG_CACHE_HOME = previous;
      }
    });
  });
});
