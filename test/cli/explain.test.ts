// `muslcheck explain`: each known run-time error signature, an unknown text, standard input,
// JSON output, usage errors, and `./explain` still linting a path of that name.
import assert from 'node:assert/strict';
import { explainRuntimeError, PLAIN_STYLE, renderExplanation, RUNTIME_ERROR_SIGNATURES } from '../../server/src/knowledge/runtime-errors';
import { RULES_BY_CODE } from '../../server/src/rules/index';
import { requireBuild, runMuslcheck, useProjects } from './helpers';

/** Real error texts, one per signature, with the rule that would have caught the cause. */
const SAMPLES: { id: string; text: string; rule: string; meaning: RegExp }[] = [
  {
    id: 'symbol-not-found',
    text: 'Error relocating /app: __fcntl64: symbol not found',
    rule: 'MC2001',
    meaning: /`\/app` is linked against glibc and runs on musl.*`__fcntl64`.*glibc 2\.28/,
  },
  {
    id: 'interpreter-missing',
    text: '/bin/sh: ./app: not found',
    rule: 'MC2001',
    meaning: /The file \(`\.\/app`\) exists, but the program interpreter/,
  },
  {
    id: 'interpreter-missing',
    text: 'exec /usr/local/bin/server: no such file or directory',
    rule: 'MC2001',
    meaning: /`\/usr\/local\/bin\/server`/,
  },
  {
    id: 'interpreter-missing',
    text: 'standard_init_linux.go:228: exec user process caused: no such file or directory',
    rule: 'MC2001',
    meaning: /The file exists, but the program interpreter/,
  },
  {
    id: 'glibc-loader-missing',
    text: 'Error: Error loading shared library ld-linux-x86-64.so.2: No such file or directory (needed by /app/node_modules/bcrypt/lib/binding/napi-v3/bcrypt_lib.node)',
    rule: 'MC2001',
    meaning: /running `\/app\/node_modules\/bcrypt\/lib\/binding\/napi-v3\/bcrypt_lib\.node`, which needs glibc's `ld-linux-x86-64\.so\.2`/,
  },
  {
    id: 'musl-loader-missing',
    text: 'Error: libc.musl-x86_64.so.1: cannot open shared object file: No such file or directory',
    rule: 'MC2004',
    meaning: /musl's loader \(`libc\.musl-x86_64\.so\.1`\) is missing/,
  },
  {
    id: 'glibc-version',
    text: "./tool: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by ./tool)",
    rule: 'MC2001',
    meaning: /The program \(`\.\/tool`\) was linked against a newer glibc.*`GLIBC_2\.34`/,
  },
  {
    id: 'isoc23',
    text: 'undefined symbol: __isoc23_sscanf',
    rule: 'MC2001',
    meaning: /`__isoc23_sscanf`.*glibc 2\.38/,
  },
  {
    id: 'relocation-37',
    text: 'Error relocating /usr/glibc-compat/lib/libc.so.6: unsupported relocation type 37',
    rule: 'MC1002',
    meaning: /IFUNC/,
  },
  {
    id: 'apk-overwrite',
    text: 'ERROR: glibc-2.35-r1: trying to overwrite lib/ld-linux-x86-64.so.2 owned by gcompat-1.1.0-r4.',
    rule: 'MC1002',
    meaning: /`lib\/ld-linux-x86-64\.so\.2` already belongs to `gcompat`/,
  },
];

describe('runtime error signatures (pure matcher)', () => {
  for (const sample of SAMPLES) {
    it(`${sample.id}: ${sample.text}`, () => {
      const [first] = explainRuntimeError(sample.text);
      assert.ok(first, 'no signature matched');
      assert.equal(first.signature.id, sample.id);
      assert.ok(first.signature.rules.includes(sample.rule), `${sample.rule} not among ${first.signature.rules.join(', ')}`);
      assert.match(first.meaning, sample.meaning);
      assert.ok(first.signature.fixes.length > 0);
    });
  }

  it('names only rules that exist', () => {
    for (const signature of RUNTIME_ERROR_SIGNATURES) {
      for (const code of signature.rules) assert.ok(RULES_BY_CODE.has(code), `${signature.id} names ${code}`);
    }
  });

  it('covers every signature with a sample', () => {
    assert.deepEqual([...new Set(SAMPLES.map((s) => s.id))].sort(), RUNTIME_ERROR_SIGNATURES.map((s) => s.id).sort());
  });

  it('explains both the general and the specific failure of one line', () => {
    assert.deepEqual(
      explainRuntimeError('Error relocating /app/bin/tool: __isoc23_strtol: symbol not found').map((m) => m.signature.id),
      ['symbol-not-found', 'isoc23'],
    );
  });

  it('knows nothing of ordinary errors', () => {
    for (const text of ['npm ERR! code ENOENT', 'Segmentation fault (core dumped)', 'permission denied', '']) {
      assert.deepEqual(explainRuntimeError(text), [], text);
    }
  });
});

describe('muslcheck explain', () => {
  const project = useProjects();
  before(requireBuild);

  for (const sample of SAMPLES) {
    it(`explains ${JSON.stringify(sample.text)} and names ${sample.rule}`, () => {
      const run = runMuslcheck(['explain', sample.text], { cwd: project({}) });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '');
      const [first] = explainRuntimeError(sample.text);
      const label = (code: string): string => `${code} ${RULES_BY_CODE.get(code)!.meta.slug}`;
      assert.ok(
        run.stdout.startsWith(`${first.matched}\n\n${renderExplanation(first.signature, first.meaning, PLAIN_STYLE, label)}\n`),
        run.stdout,
      );
      assert.match(run.stdout, new RegExp(`Caught by: .*${sample.rule} [a-z-]+`));
      assert.match(run.stdout, /Fixes:\n- /);
    });
  }

  it('reads the text from standard input, without arguments or with -', () => {
    const cwd = project({});
    const text = 'some log line\nError relocating /app: __memcpy_chk: symbol not found\nmore\n';
    for (const args of [['explain'], ['explain', '-']]) {
      const run = runMuslcheck(args, { cwd, input: text });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^Error relocating \/app: __memcpy_chk: symbol not found\n/);
      assert.match(run.stdout, /_FORTIFY_SOURCE/);
    }
  });

  it('says clearly when it does not know the text, with exit status 1', () => {
    const run = runMuslcheck(['explain', 'npm ERR! code ENOENT'], { cwd: project({}) });
    assert.equal(run.status, 1);
    assert.match(
      run.stdout,
      /^muslcheck does not recognise a C library error in this text\. It knows:\n- Error relocating: symbol not found\n/,
    );
    const json = runMuslcheck(['explain', '--format', 'json', 'npm ERR! code ENOENT'], { cwd: project({}) });
    assert.deepEqual([json.status, JSON.parse(json.stdout)], [1, []]);
  });

  it('prints JSON with the rules and their pages', () => {
    const run = runMuslcheck(['explain', '--format=json', 'sh: ./app: not found'], { cwd: project({}) });
    assert.equal(run.status, 0);
    const [first] = JSON.parse(run.stdout);
    assert.equal(first.id, 'interpreter-missing');
    assert.deepEqual(first.rules[0], {
      code: 'MC2001',
      slug: 'glibc-binary-into-musl',
      docs: 'https://github.com/muslcheck/muslcheck/blob/main/docs/rules/MC2001.md',
    });
  });

  it('rejects bad usage with exit status 2 and no stack trace', () => {
    const cwd = project({});
    for (const args of [['explain', '--format', 'xml', 'x'], ['explain', '--bogus'], ['explain']]) {
      const run = runMuslcheck(args, { cwd, input: '   \n' });
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /^muslcheck: explain: .*\nTry 'muslcheck explain --help'\.\n$/);
    }
    const help = runMuslcheck(['explain', '--help'], { cwd });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: muslcheck explain/);
    assert.match(help.stdout, /Exit status: 0 explained, 1 no known C library error in the text \(or no such rule\), 2 usage\nerror\./);
  });

  it('explains a rule given its code, like ruff rule', () => {
    const cwd = project({});
    const run = runMuslcheck(['explain', 'mc2004'], { cwd });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^MC2004 native-tree-across-libc \(warning, fixable: sometimes\)\n\nCOPY --from of node_modules/);
    assert.match(run.stdout, /Run-time errors it prevents:\n(- .*\n)*- ld-musl \/ libc\.musl not found on glibc\n/);
    assert.ok(run.stdout.endsWith('docs/rules/MC2004.md\n'));
    const json = runMuslcheck(['explain', '--format', 'json', 'MC1007'], { cwd });
    assert.equal(JSON.parse(json.stdout).slug, 'glibc-loader-workaround');
    const missing = runMuslcheck(['explain', 'MC9999'], { cwd });
    assert.deepEqual(
      [missing.status, missing.stdout],
      [1, 'muslcheck has no rule MC9999. Its rules are listed in docs/rules/README.md.\n'],
    );
  });

  it('lints a path named explain unless explain is the first argument', () => {
    const cwd = project({ explain: 'FROM frolvlad/alpine-glibc:alpine-3.17\n', Dockerfile: 'FROM alpine:3.20\n' });
    for (const args of [['./explain'], ['--format', 'gnu', 'explain'], ['Dockerfile', 'explain']]) {
      const run = runMuslcheck(args, { cwd });
      assert.equal(run.status, 1, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stdout, /explain:1[.:]6.*MC1001/);
    }
  });
});
