// The one generator: every derived file is up to date (this is `npm run generate -- --check`
// inside `npm test`), each target notices a change of the rules, and `npm run new-rule`
// scaffolds a rule that the generator then registers and describes everywhere, in a copy of
// the repository.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generate } from '../../scripts/generate';
import { clientManifest, CLIENT_MANIFEST } from '../../scripts/generate/client-settings';
import { ROOT } from '../../scripts/generate/files';
import { ruleFileNames, rulesIndexSource } from '../../scripts/generate/rules-index';
import { scaffold } from '../../scripts/new-rule';
import { RULES } from '../../server/src/rules/index';
import { requireProgram } from '../support/programs';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

describe('scripts/generate', function () {
  this.timeout(120_000);

  it('finds every generated file up to date (npm run generate -- --check)', async function () {
    const report = await generate('check');
    assert.deepEqual(report.stale, [], 'run npm run generate and commit the result');
    assert.deepEqual(report.problems, []);
  });

  it('registers exactly the rule files, in code order', function () {
    const files = ruleFileNames();
    assert.equal(files.length, RULES.length);
    const source = rulesIndexSource(files);
    for (const rule of RULES) assert.ok(source.includes(`'./${rule.meta.code.toLowerCase()}-${rule.meta.slug}'`), rule.meta.code);
    assert.notEqual(rulesIndexSource(files.slice(1)), source);
  });

  it('derives the editor settings from the meta', function () {
    const text = readFileSync(CLIENT_MANIFEST, 'utf8');
    assert.equal(clientManifest(text, RULES), text);
    const fewer = JSON.parse(clientManifest(text, RULES.slice(0, 2))!).contributes.configuration.properties;
    assert.deepEqual(Object.keys(fewer['muslcheck.severity'].properties), ['MC0001', 'MC0002']);
    assert.deepEqual(fewer['muslcheck.rules'].items.enum, ['MC0001', 'MC0002']);
  });

  it('refuses a taken, retired-style or malformed code, and a taken slug', function () {
    const existing = ruleFileNames();
    assert.match(scaffold('MC1002', 'x', existing, '0.1.0') as string, /MC1002 is taken by mc1002-glibc-apk-install\.ts/);
    assert.match(scaffold('MC1999', 'glibc-apk-install', existing, '0.1.0') as string, /slug glibc-apk-install is taken/);
    assert.match(scaffold('M1999', 'x', existing, '0.1.0') as string, /must look like MC1007/);
    assert.match(scaffold('MC1999', 'Not_Kebab', existing, '0.1.0') as string, /kebab-case/);
  });

  describe('in a copy of the repository', function () {
    let copy: string;

    before(function () {
      const git = requireProgram(this, 'git', 'apt-get install git');
      copy = mkdtempSync(join(tmpdir(), 'muslcheck-generate-'));
      const listed = spawnSync(git, ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(listed.status, 0, listed.stderr);
      for (const file of listed.stdout.split('\n').filter(Boolean)) {
        if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(copy, file), { recursive: true });
      }
      symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    });

    after(function () {
      if (copy) rmSync(copy, { recursive: true, force: true });
    });

    const run = (script: string, ...args: string[]) =>
      spawnSync(TSX, [join(copy, 'scripts', script), ...args], { cwd: copy, encoding: 'utf8' });

    it('--check fails on a stale file and names it', function () {
      const manifest = join(copy, 'client', 'package.json');
      const original = readFileSync(manifest, 'utf8');
      writeFileSync(manifest, original.replace('"MC1006": {', '"MC1006-renamed": {'));
      const check = run('generate.ts', '--check');
      assert.equal(check.status, 1, check.stdout + check.stderr);
      assert.equal(check.stdout, 'out of date: client/package.json\n');
      const write = run('generate.ts');
      assert.equal(write.status, 0, write.stderr);
      assert.equal(readFileSync(manifest, 'utf8'), original);
    });

    it('new-rule writes the rule, its tests and page; the generator registers it everywhere', function () {
      const made = run('new-rule.ts', 'MC1999', 'test-pattern');
      assert.equal(made.status, 0, made.stderr);
      const files = ['server/src/rules/mc1999-test-pattern.ts', 'test/rules/MC1999/MC1999.test.ts', 'docs/rules/MC1999.md'];
      for (const file of files) assert.ok(existsSync(join(copy, file)), `${file} was not written`);
      const read = (file: string): string => readFileSync(join(copy, file), 'utf8');
      assert.match(read('server/src/rules/index.ts'), /import \{ rule as mc1999 \} from '\.\/mc1999-test-pattern';/);
      assert.ok(read('schema/muslcheck.schema.json').includes('"MC1999"'));
      const settings = JSON.parse(read('client/package.json')).contributes.configuration.properties;
      assert.ok(settings['muslcheck.severity'].properties.MC1999);
      assert.ok(settings['muslcheck.rules'].items.enum.includes('MC1999'));
      assert.match(read('README.md'), /\| \[MC1999\]\(docs\/rules\/MC1999\.md\) \| `test-pattern` \|/);
      assert.match(read('docs/rules/README.md'), /\| \[MC1999\]\(MC1999\.md\) \|/);
      assert.match(read('docs/rules/MC1999.md'), /^## What it flags\n\nTODO$/m);

      // Nothing is stale; what is left is the rule's own work, which the check names.
      const check = run('generate.ts', '--check');
      assert.equal(check.stdout, '');
      assert.match(check.stderr, /MC1999\.md: section "What it flags" is still TODO/);
      assert.equal(check.status, 1);
      assert.match(run('new-rule.ts', 'MC1999', 'other').stderr, /MC1999 is taken/);
    });

    it("the scaffold's tests fail until the rule is written", function () {
      const mocha = spawnSync(
        join(ROOT, 'node_modules', '.bin', 'mocha'),
        ['--no-config', '-r', 'tsx/cjs', '--extension', 'ts', '--reporter', 'dot', 'test/rules/MC1999/MC1999.test.ts'],
        { cwd: copy, encoding: 'utf8' },
      );
      assert.equal(mocha.status !== 0, true, mocha.stdout);
      assert.match(mocha.stdout, /passing/);
      assert.match(mocha.stdout, /failing/);
      assert.ok(existsSync(join(dirname(join(copy, 'test/rules/MC1999/MC1999.test.ts')), 'ok-example.Dockerfile')));
    });
  });
});
