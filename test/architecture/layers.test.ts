// The server's imports run one way (see docs/architecture.md and test/architecture/layers.ts).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { checkLayers } from './layers';

const SOURCE_ROOT = join(__dirname, '..', '..', 'server', 'src');

function sourceTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'));
  }
  return files;
}

const messages = (files: Record<string, string>) => checkLayers(new Map(Object.entries(files))).map((v) => v.message);

describe('architecture: layers', function () {
  it('server/src imports only downwards, without cycles, with I/O above the core', function () {
    const tree = sourceTree(SOURCE_ROOT);
    assert.ok(tree.size > 50, `read ${tree.size} modules from ${SOURCE_ROOT}`);
    assert.deepEqual(
      checkLayers(tree).map((v) => v.message),
      [],
    );
  });

  describe('the checker', function () {
    it('accepts imports of lower floors and of the same folder', function () {
      assert.deepEqual(
        messages({
          'parse/text.ts': 'export const a = 1;',
          'model/model.ts': "import { a } from '../parse/text';\nimport type { B } from './words';",
          'model/words.ts': 'export interface B {}',
          'rules/r.ts': "import '../model/model';",
          'node/io.ts': "import { readFileSync } from 'node:fs';\nexport const cwd = process.cwd();",
        }),
        [],
      );
    });

    it('reports an upward import, type-only or not', function () {
      assert.deepEqual(
        messages({
          'parse/cache.ts': "import type { RunCommands } from '../model/commands';",
          'model/commands.ts': 'export interface RunCommands {}',
        }),
        ['parse/cache.ts:1: imports model/commands.ts from a higher floor (parse 0 → model 1)'],
      );
    });

    it('reports an import of a peer on the same floor', function () {
      assert.deepEqual(
        messages({
          'lsp/documents.ts': "import { isDockerfileName } from '../cli/files';",
          'cli/files.ts': 'export const isDockerfileName = 1;',
        }),
        ['lsp/documents.ts:1: imports cli/files.ts, a peer on its own floor (lsp → cli)'],
      );
    });

    it('reports a cycle inside one folder, through re-exports and type imports', function () {
      assert.deepEqual(
        messages({
          'model/copies.ts': "import type { Model } from './model';",
          'model/model.ts': "export { stageCopies } from './copies';",
        }),
        ['import cycle: model/copies.ts → model/model.ts → model/copies.ts'],
      );
    });

    it('reports Node built-ins, require, import() and host globals below the adapters', function () {
      assert.deepEqual(
        messages({
          'parse/a.ts': "import * as fs from 'fs';",
          'model/b.ts': "const http = require('node:http');",
          'fixes/c.ts': "export const load = () => import('child_process');",
          'rules/d.ts': 'export const home = process.env.HOME;',
          'config/e.ts': "import type { Socket } from 'node:net';",
          'outputs/f.ts': "import { homedir } from 'os';",
        }),
        [
          "parse/a.ts:1: imports Node's 'fs' below the adapters",
          "model/b.ts:1: imports Node's 'node:http' below the adapters",
          "model/b.ts:1: uses the host global 'require' below the adapters",
          "fixes/c.ts:1: imports Node's 'child_process' below the adapters",
          "rules/d.ts:1: uses the host global 'process' below the adapters",
          "config/e.ts:1: imports Node's 'node:net' below the adapters",
          "outputs/f.ts:1: imports Node's 'os' below the adapters",
        ],
      );
    });

    it('does not mistake a property or a local named like a global for the global', function () {
      assert.deepEqual(
        messages({
          'model/m.ts':
            'const Buffer = 1;\nexport const o = { process: Buffer };\nexport const p = o.process;\nexport const f = (require: number) => require;',
        }),
        [],
      );
    });

    it('reports the language server library outside lsp, and a folder on no floor', function () {
      assert.deepEqual(
        messages({
          'outputs/o.ts': "import { Diagnostic } from 'vscode-languageserver';",
          'registry/r.ts': 'export {};',
        }),
        [
          "outputs/o.ts:1: imports 'vscode-languageserver', which only lsp may use",
          "'registry' is on no floor: add it to FLOORS in test/architecture/layers.ts",
        ],
      );
    });
  });
});
