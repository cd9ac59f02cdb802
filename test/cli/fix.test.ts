// --fix and --fix-dry-run round trips on our own fixtures, through the real command.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBuild, runMuslcheck, useProjects } from './helpers';
import { requireProgram } from '../support/programs';

const GLIBC_INSTALL = `FROM alpine:3.20
RUN wget -q -O /etc/apk/keys/sgerrand.rsa.pub https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub && \\
    wget https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1/glibc-2.35-r1.apk && \\
    apk add glibc-2.35-r1.apk
RUN apk add --no-cache curl
`;

const FIXED = `FROM alpine:3.20
RUN apk add --no-cache gcompat
RUN apk add --no-cache curl
`;

describe('muslcheck --fix', () => {
  const project = useProjects();
  before(requireBuild);

  it('applies the safe fixes in place until stable and reports nothing left', () => {
    const cwd = project({ Dockerfile: GLIBC_INSTALL });
    const out = runMuslcheck(['--fix', 'Dockerfile'], { cwd });
    assert.equal(readFileSync(join(cwd, 'Dockerfile'), 'utf8'), FIXED);
    assert.equal(out.stdout, '');
    assert.equal(out.status, 0);
    // A second run changes nothing.
    runMuslcheck(['--fix', 'Dockerfile'], { cwd });
    assert.equal(readFileSync(join(cwd, 'Dockerfile'), 'utf8'), FIXED);
  });

  it('keeps CRLF line ends', () => {
    const cwd = project({ Dockerfile: GLIBC_INSTALL.replace(/\n/g, '\r\n') });
    runMuslcheck(['--fix', 'Dockerfile'], { cwd });
    assert.equal(readFileSync(join(cwd, 'Dockerfile'), 'utf8'), FIXED.replace(/\n/g, '\r\n'));
  });

  it('leaves unsafe fixes alone unless --unsafe-fixes', () => {
    // On Alpine 3.11 the gcompat fix is unsafe: gcompat arrived in 3.12.
    const text = GLIBC_INSTALL.replace('alpine:3.20', 'alpine:3.11');
    const cwd = project({ Dockerfile: text });
    const safeOnly = runMuslcheck(['--fix', 'Dockerfile'], { cwd });
    assert.equal(readFileSync(join(cwd, 'Dockerfile'), 'utf8'), text);
    assert.equal(safeOnly.status, 1);
    const unsafe = runMuslcheck(['--fix', '--unsafe-fixes', 'Dockerfile'], { cwd });
    assert.equal(readFileSync(join(cwd, 'Dockerfile'), 'utf8'), FIXED.replace('alpine:3.20', 'alpine:3.11'));
    assert.equal(unsafe.status, 0, unsafe.stdout);
  });

  it('--fix-dry-run prints a unified diff that patch applies, and writes nothing', function () {
    const cwd = project({ Dockerfile: GLIBC_INSTALL });
    const out = runMuslcheck(['--fix-dry-run', 'Dockerfile'], { cwd });
    assert.equal(readFileSync(join(cwd, 'Dockerfile'), 'utf8'), GLIBC_INSTALL);
    assert.equal(out.status, 0);
    assert.equal(
      out.stdout,
      [
        '--- a/Dockerfile',
        '+++ b/Dockerfile',
        '@@ -1,5 +1,3 @@',
        ' FROM alpine:3.20',
        ...GLIBC_INSTALL.split('\n')
          .slice(1, 4)
          .map((l) => `-${l}`),
        '+RUN apk add --no-cache gcompat',
        ' RUN apk add --no-cache curl',
        '',
      ].join('\n'),
    );
    const git = requireProgram(this, 'git', 'apt-get install git');
    const patch = spawnSync(git, ['apply', '--check', '-'], { cwd, input: out.stdout, encoding: 'utf8' });
    assert.equal(patch.status, 0, patch.stderr);
  });

  it('--fix-dry-run works on standard input; --fix refuses it', () => {
    const cwd = project({});
    const out = runMuslcheck(['--fix-dry-run', '--stdin-filename', 'Dockerfile', '-'], { cwd, input: GLIBC_INSTALL });
    assert.match(out.stdout, /^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n/);
    assert.equal(runMuslcheck(['--fix', '-'], { cwd, input: GLIBC_INSTALL }).status, 2);
  });
});
