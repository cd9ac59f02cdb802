// Symbolic links in a searched folder, through the real command: links inside the folder are
// followed (a loop ends), links that lead out of it are not, and what is skipped is said.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuild, runMuslcheck, useProjects } from './helpers';

const GLIBC = 'FROM alpine:3.19\nRUN apk add glibc\n';

describe('muslcheck on folders with symbolic links', () => {
  const project = useProjects();
  let outside: string;
  before(requireBuild);
  before(() => {
    outside = mkdtempSync(join(tmpdir(), 'muslcheck-outside-'));
    writeFileSync(join(outside, 'Dockerfile'), GLIBC);
  });
  after(() => rmSync(outside, { recursive: true, force: true }));

  it('follows a linked Dockerfile and a linked folder inside the tree, each file once', () => {
    const cwd = project({ 'images/base/Dockerfile': GLIBC, 'images/app/Containerfile': 'FROM frolvlad/alpine-glibc\n' });
    symlinkSync(join('images', 'base', 'Dockerfile'), join(cwd, 'Dockerfile'));
    symlinkSync('app', join(cwd, 'images', 'current'));
    const out = runMuslcheck(['.'], { cwd });
    assert.equal(out.stderr, '');
    assert.equal(out.status, 1);
    // Dockerfile (the link) comes before images/ and stands for images/base/Dockerfile;
    // images/app is searched first, so images/current adds nothing.
    assert.deepEqual(
      out.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(':')[0]),
      ['Dockerfile', 'images/app/Containerfile'],
    );
  });

  it('ends a link loop without a word; a dangling or looping Dockerfile link is named', () => {
    const cwd = project({ 'sub/Dockerfile': GLIBC });
    symlinkSync('..', join(cwd, 'sub', 'up'));
    symlinkSync('Dockerfile.self', join(cwd, 'Dockerfile.self'));
    symlinkSync('missing', join(cwd, 'Dockerfile.gone'));
    // A dangling link without a Dockerfile name is no business of ours.
    symlinkSync('missing', join(cwd, 'notes.txt'));
    const out = runMuslcheck(['.'], { cwd });
    assert.equal(out.status, 1);
    assert.match(out.stdout, /^sub\/Dockerfile:2:13: [^\n]*\[MC1002\][^\n]*\n$/);
    assert.equal(
      out.stderr,
      ['muslcheck: Dockerfile.gone: broken symbolic link; skipped', 'muslcheck: Dockerfile.self: symbolic link loop; skipped', ''].join(
        '\n',
      ),
    );
  });

  it('follows a link into a folder whose name starts with two dots', () => {
    const cwd = project({ '..hidden/Dockerfile': GLIBC });
    // `-` sorts before `.`: the link is walked before the folder it leads to.
    symlinkSync('..hidden', join(cwd, '-first'));
    const out = runMuslcheck(['.'], { cwd });
    assert.equal(out.stderr, '');
    assert.match(out.stdout, /^-first\/Dockerfile:2:13: [^\n]*\n$/);
  });

  it('does not follow links out of the searched folder, and says where they lead', () => {
    const cwd = project({ 'ok/Dockerfile': 'FROM alpine:3.19\n' });
    symlinkSync(join(outside, 'Dockerfile'), join(cwd, 'Dockerfile'));
    mkdirSync(join(cwd, 'vendor'));
    symlinkSync(outside, join(cwd, 'vendor', 'shared'));
    const out = runMuslcheck(['.'], { cwd });
    assert.equal(out.status, 0, out.stdout);
    assert.equal(out.stdout, '');
    assert.equal(
      out.stderr,
      [
        `muslcheck: Dockerfile: symbolic link to ${join(outside, 'Dockerfile')}, outside the searched folder; not followed`,
        `muslcheck: vendor/shared: symbolic link to ${outside}, outside the searched folder; not followed`,
        '',
      ].join('\n'),
    );
    // Named on the command line, a link is the user's choice and is read.
    const named = runMuslcheck(['Dockerfile'], { cwd });
    assert.equal(named.status, 1);
    assert.match(named.stdout, /^Dockerfile:2:13: .*\[MC1002\]/m);
  });
});
