// The command over many files on worker threads (--jobs): the same output, problems and exit
// status as on one thread, in the same order, with the files really checked by workers.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../../server/src/config/merge';
import { checkAll, threadsFor, type Job } from '../../server/src/cli/workers';
import { initAnalyzerForNode } from '../../server/src/node/init';
import { requireBuild, runMuslcheck, useProjects } from './helpers';

const GLIBC = 'FROM frolvlad/alpine-glibc:alpine-3.19\nRUN apk add --no-cache curl\n';
const SGERRAND =
  'FROM alpine:3.19\nRUN wget -q https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1/glibc-2.35-r1.apk \\\n && apk add --allow-untrusted glibc-2.35-r1.apk\n';
const CLEAN = 'FROM alpine:3.19\nRUN apk add --no-cache gcompat curl\n';

/** Fifteen folders: findings, clean files, a folder whose configuration ignores MC1001, bad bytes. */
function tree(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 15; i++) files[`svc-${String(i).padStart(2, '0')}/Dockerfile`] = [GLIBC, SGERRAND, CLEAN][i % 3] + `# service ${i}\n`;
  files['svc-04/.muslcheck.yaml'] = 'ignored: [MC1001]\n';
  return files;
}

describe('muslcheck --jobs (worker threads)', function () {
  // Nine runs of the command, on a machine that may be busy.
  this.timeout(60000);
  const project = useProjects();
  before(requireBuild);

  it('prints, fails and reports problems as one thread does, in the same order', () => {
    const cwd = project(tree());
    // A file that is not text: a problem of that file, reported among the others.
    writeFileSync(join(cwd, 'svc-07', 'Dockerfile'), Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x00]));
    for (const format of ['text', 'json', 'sarif']) {
      const one = runMuslcheck(['--jobs', '1', '--format', format, '.'], { cwd });
      const three = runMuslcheck(['--jobs', '3', '--format', format, '.'], { cwd });
      assert.equal(three.stdout, one.stdout, format);
      assert.equal(three.stderr, one.stderr, format);
      assert.equal(three.status, one.status, format);
    }
    const text = runMuslcheck(['--jobs', '3', '.'], { cwd });
    assert.equal(text.status, 2);
    assert.match(text.stderr, /svc-07\/Dockerfile/);
    assert.match(text.stdout, /svc-00\/Dockerfile:1:6: warning \[MC1001\]/);
    assert.doesNotMatch(text.stdout, /svc-04\/Dockerfile:1:6/);
  });

  it('applies the same fixes with --fix', () => {
    const one = project(tree());
    const three = project(tree());
    const a = runMuslcheck(['--jobs', '1', '--fix', '--unsafe-fixes', '.'], { cwd: one });
    const b = runMuslcheck(['--jobs', '3', '--fix', '--unsafe-fixes', '.'], { cwd: three });
    assert.equal(b.stdout, a.stdout);
    assert.equal(b.status, a.status);
    let changed = 0;
    for (const path of Object.keys(tree())) {
      const fixed = readFileSync(join(three, path), 'utf8');
      assert.equal(fixed, readFileSync(join(one, path), 'utf8'), path);
      if (fixed !== tree()[path]) changed++;
    }
    assert.ok(changed > 0, 'no file was fixed');
  });

  it('hands the files to workers, which check them all', async () => {
    await initAnalyzerForNode();
    const config = resolveConfig([]);
    const jobs: Job[] = Object.entries(tree()).map(([file, text]) => ({
      input: { file, text, configAnchor: join('/nonexistent', file) },
      config,
    }));
    const options = { fix: false, fixDryRun: false, unsafeFixes: false };
    const alone = await checkAll(jobs, options, 1);
    const threaded = await checkAll(jobs, options, 2);
    assert.equal(alone.byWorkers, 0);
    assert.equal(threaded.byWorkers, jobs.length);
    assert.deepEqual(
      threaded.outcomes.map((o) => o.result?.findings.map((f) => f.code)),
      alone.outcomes.map((o) => o.result?.findings.map((f) => f.code)),
    );
    assert.ok(alone.outcomes.some((o) => o.result?.findings.length));
  });

  it('uses one thread for a few small files and the cores only for runs that pay', () => {
    const config = resolveConfig([]);
    const job = (bytes: number): Job => ({ input: { file: 'f', text: 'x'.repeat(bytes), configAnchor: '/f' }, config });
    assert.equal(
      threadsFor(
        Array.from({ length: 30 }, () => job(1000)),
        null,
      ),
      1,
    );
    assert.equal(
      threadsFor(
        Array.from({ length: 5000 }, () => job(100)),
        null,
      ),
      1,
    );
    assert.equal(
      threadsFor(
        Array.from({ length: 30 }, () => job(1000)),
        4,
      ),
      4,
    );
    assert.equal(threadsFor([job(10)], 4), 1);
  });
});
