// The --fix writer: after any failure the file is its original or the whole fix, never a
// part; it keeps mode and owner, writes through symbolic links, and says when hard links
// keep the old text. Failures are injected through the writer's file system seam, and the
// real command is killed in the middle of large fixes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, type WriteCalls } from '../../server/src/node/atomic-write';
import { BIN, requireBuild, runMuslcheck, useProjects } from '../cli/helpers';

const REAL: WriteCalls = {
  realpathSync: (p) => fs.realpathSync(p),
  statSync: (p) => fs.statSync(p),
  openSync: (p, f, m) => fs.openSync(p, f, m),
  writeSync: (fd, b, o, l) => fs.writeSync(fd, b, o, l),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  fchmodSync: (fd, m) => fs.fchmodSync(fd, m),
  fchownSync: (fd, u, g) => fs.fchownSync(fd, u, g),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (a, b) => fs.renameSync(a, b),
  unlinkSync: (p) => fs.unlinkSync(p),
};

const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

describe('atomic --fix writes', function () {
  this.timeout(120_000);
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(join(tmpdir(), 'muslcheck-write-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  const original = 'FROM alpine\n'.repeat(1000);
  const fixed = 'FROM debian\n'.repeat(2000);

  const failures: [string, Partial<WriteCalls>][] = [
    // A full disk after the first 4 KiB: the old writer left the file cut off there.
    [
      'a write that fails half way (ENOSPC)',
      {
        writeSync: (fd, b, o, l) => {
          if (o >= 4096) throw errno('ENOSPC');
          return fs.writeSync(fd, b, o, Math.min(l, 4096 - o));
        },
      },
    ],
    [
      'a failing fsync (EIO)',
      {
        fsyncSync: () => {
          throw errno('EIO');
        },
      },
    ],
    [
      'a failing rename (EXDEV)',
      {
        renameSync: () => {
          throw errno('EXDEV');
        },
      },
    ],
    [
      'an owner that cannot be kept (EPERM)',
      {
        fchownSync: () => {
          throw errno('EPERM');
        },
      },
    ],
  ];
  for (const [name, failing] of failures) {
    it(`${name} leaves the original and no temporary file`, () => {
      const file = join(folder, 'Dockerfile');
      fs.writeFileSync(file, original);
      // Claim another owner so the chown step runs even when the test runs as that owner.
      const calls: WriteCalls = { ...REAL, ...failing };
      if (failing.fchownSync) calls.statSync = (p) => Object.assign(fs.statSync(p), { uid: 12345 });
      assert.throws(() => writeFileAtomic(file, fixed, calls));
      assert.equal(fs.readFileSync(file, 'utf8'), original);
      assert.deepEqual(fs.readdirSync(folder), ['Dockerfile']);
    });
  }

  it('a folder where no file can be created leaves the original (EACCES on open)', () => {
    const file = join(folder, 'Dockerfile');
    fs.writeFileSync(file, original);
    assert.throws(
      () =>
        writeFileAtomic(file, fixed, {
          ...REAL,
          openSync: () => {
            throw errno('EACCES');
          },
        }),
      { message: `cannot create a temporary file in ${fs.realpathSync(folder)} (permission denied); the file is unchanged` },
    );
    assert.equal(fs.readFileSync(file, 'utf8'), original);
  });

  it('keeps the permission bits, also executable and set-group-id ones', () => {
    const file = join(folder, 'Dockerfile');
    fs.writeFileSync(file, original);
    fs.chmodSync(file, 0o2754);
    assert.equal(writeFileAtomic(file, fixed).note, null);
    assert.equal(fs.readFileSync(file, 'utf8'), fixed);
    assert.equal(fs.statSync(file).mode & 0o7777, 0o2754);
  });

  it('gives the replacement the original owner, or writes nothing when it cannot', function () {
    const file = join(folder, 'Dockerfile');
    fs.writeFileSync(file, original);
    if (process.getuid?.() === 0) {
      fs.chownSync(file, 4321, 4322);
      writeFileAtomic(file, fixed);
      const stat = fs.statSync(file);
      assert.deepEqual([stat.uid, stat.gid], [4321, 4322]);
      assert.equal(fs.readFileSync(file, 'utf8'), fixed);
    } else {
      // Only root may give a file away: the real chown refuses, and the file stays as it was.
      const foreign: WriteCalls = { ...REAL, statSync: (p) => Object.assign(fs.statSync(p), { uid: 4321 }) };
      assert.throws(() => writeFileAtomic(file, fixed, foreign), /cannot keep the file's owner \(uid 4321, gid \d+\): EPERM/);
      assert.equal(fs.readFileSync(file, 'utf8'), original);
      assert.deepEqual(fs.readdirSync(folder), ['Dockerfile']);
    }
  });

  it('writes through a symbolic link (also a chain of them) to its target, and the link stays', () => {
    fs.mkdirSync(join(folder, 'real'));
    const target = join(folder, 'real', 'Dockerfile');
    fs.writeFileSync(target, original);
    fs.symlinkSync(join('real', 'Dockerfile'), join(folder, 'middle'));
    const link = join(folder, 'Dockerfile');
    fs.symlinkSync('middle', link);
    writeFileAtomic(link, fixed);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readlinkSync(link), 'middle');
    assert.equal(fs.readFileSync(target, 'utf8'), fixed);
    assert.deepEqual(fs.readdirSync(join(folder, 'real')), ['Dockerfile']);
  });

  it('replaces a hard-linked file under its name only and says so', () => {
    const file = join(folder, 'Dockerfile');
    fs.writeFileSync(file, original);
    fs.linkSync(file, join(folder, 'other'));
    const outcome = writeFileAtomic(file, fixed);
    assert.equal(outcome.note, 'had 2 hard links; the fix replaced this name only, the other 1 keep the original text');
    assert.equal(fs.readFileSync(file, 'utf8'), fixed);
    assert.equal(fs.readFileSync(join(folder, 'other'), 'utf8'), original);
  });

  describe('through the command', () => {
    const project = useProjects();
    before(requireBuild);
    const GLIBC = 'FROM alpine:3.20\nRUN apk add glibc\n';

    it('prints the hard link note and writes the fix', () => {
      const cwd = project({ Dockerfile: GLIBC });
      fs.linkSync(join(cwd, 'Dockerfile'), join(cwd, 'Dockerfile.copy'));
      const out = runMuslcheck(['--fix', 'Dockerfile'], { cwd });
      assert.equal(
        out.stderr,
        'muslcheck: Dockerfile: had 2 hard links; the fix replaced this name only, the other 1 keep the original text\n',
      );
      assert.equal(fs.readFileSync(join(cwd, 'Dockerfile'), 'utf8'), 'FROM alpine:3.20\nRUN apk add --no-cache gcompat\n');
      assert.equal(fs.readFileSync(join(cwd, 'Dockerfile.copy'), 'utf8'), GLIBC);
    });

    it('a folder the user may not write to: a clear error, the file unchanged, exit 2', () => {
      const cwd = project({ Dockerfile: GLIBC });
      // Root may write anywhere: the command then runs as nobody, who owns the file but may
      // not write to the folder. Anyone else is not root, and a read-only folder binds them.
      const asRoot = process.getuid?.() === 0;
      if (asRoot) fs.chownSync(join(cwd, 'Dockerfile'), 65534, 65534);
      fs.chmodSync(cwd, 0o555);
      try {
        const out = spawnSync(process.execPath, [BIN, '--fix', 'Dockerfile'], {
          cwd,
          encoding: 'utf8',
          env: { ...process.env, HOME: cwd, XDG_CONFIG_HOME: join(cwd, '.xdg-empty'), XDG_CACHE_HOME: join(cwd, '.cache') },
          ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
        });
        assert.equal(out.status, 2, out.stderr);
        assert.equal(
          out.stderr,
          `muslcheck: Dockerfile: cannot write fixes: cannot create a temporary file in ${fs.realpathSync(cwd)} (permission denied); the file is unchanged\n`,
        );
        assert.equal(fs.readFileSync(join(cwd, 'Dockerfile'), 'utf8'), GLIBC);
        assert.deepEqual(fs.readdirSync(cwd).sort(), ['.git', 'Dockerfile']);
      } finally {
        fs.chmodSync(cwd, 0o755);
      }
    });

    it('kill -9 at any moment leaves the original or the whole fix', async () => {
      // About 3 MiB that the fix changes throughout, so the write itself takes a while.
      const block = 'RUN apk add glibc\n' + '# filler comment line for the size of the file\n'.repeat(60);
      const text = 'FROM alpine:3.20\n' + block.repeat(1000);
      const cwd = project({ Dockerfile: text });
      const file = join(cwd, 'Dockerfile');
      for (const delay of [200, 600, 1100, 1700]) {
        fs.writeFileSync(file, text);
        const child = spawn(process.execPath, [BIN, '--fix', 'Dockerfile'], { cwd, stdio: 'ignore' });
        // Listened for at once: on a quiet machine the fix may be done before the kill.
        const exited = new Promise((resolve) => child.once('exit', resolve));
        await new Promise((resolve) => setTimeout(resolve, delay));
        child.kill('SIGKILL');
        await exited;
        const now = fs.readFileSync(file, 'utf8');
        const state =
          now === text
            ? 'original'
            : /^FROM alpine:3\.20\n(RUN apk add --no-cache gcompat\n(# filler.*\n){60}){1000}$/.test(now)
              ? 'fixed'
              : 'partial';
        assert.notEqual(state, 'partial', `after ${delay} ms the file is ${now.length} characters, neither original nor fixed`);
      }
    });
  });
});
