// MC2002 glibc-prebuilt-download: downloads of glibc builds (*-linux-gnu, manylinux wheels,
// Node.js and Bun linux tarballs) into musl stages; vendor builds whose libc the name does
// not tell are left alone.
import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/analyze';
import { applyEdits } from '../../../server/src/fixes/apply';
import { fixtureTester, initRules, ruleTester } from '../helpers';

const GCOMPAT_LINE = 'RUN apk add --no-cache gcompat';

ruleTester('MC2002', {
  valid: [
    { name: 'a musl Rust release', code: 'FROM alpine:3.20\nRUN wget https://example.com/rg-14.1.0-x86_64-unknown-linux-musl.tar.gz\n' },
    {
      name: 'a linux-gnu build on Debian',
      code: 'FROM debian:12\nRUN curl -LO https://example.com/tool-x86_64-unknown-linux-gnu.tar.gz\n',
    },
    {
      name: 'Node.js musl unofficial build',
      code: 'FROM alpine:3.20\nRUN wget https://unofficial-builds.nodejs.org/download/release/v22.11.0/node-v22.11.0-linux-x64-musl.tar.xz\n',
    },
    {
      name: 'a musllinux wheel',
      code: 'FROM python:3.12-alpine\nRUN pip install https://example.com/pkg-1.0-cp312-cp312-musllinux_1_2_x86_64.whl\n',
    },
    {
      name: 'a vendor linux-x64 tarball that the name does not tie to glibc',
      code: 'FROM alpine:3.20\nRUN wget https://example.com/jdk-21_linux-x64_bin.tar.gz\n',
    },
    {
      name: 'gcompat installed first',
      code: `FROM alpine:3.20\n${GCOMPAT_LINE}\nRUN wget https://example.com/deno-x86_64-unknown-linux-gnu.zip\n`,
    },
    {
      name: 'a comment that mentions linux-gnu',
      code: 'FROM alpine:3.20\n# do not download x86_64-unknown-linux-gnu builds here\nRUN apk add ripgrep\n',
    },
    {
      name: 'a linux-gnu URL that is not downloaded',
      code: 'FROM alpine:3.20\nRUN echo https://example.com/tool-x86_64-unknown-linux-gnu.tar.gz\n',
    },
  ],
  invalid: [
    {
      name: 'ADD of a linux-gnu release',
      code: 'FROM alpine:3.20\nADD https://example.com/deno-x86_64-unknown-linux-gnu.zip /tmp/deno.zip\n',
      errors: [{ code: 'MC2002', line: 2, column: 5, endColumn: 58, message: /Deno's Linux release .*stage 0.*Alpine's `deno` package/ }],
      output: `FROM alpine:3.20\n${GCOMPAT_LINE}\nADD https://example.com/deno-x86_64-unknown-linux-gnu.zip /tmp/deno.zip\n`,
    },
    {
      name: "Node.js's official tarball by wget, through an ENV",
      code: 'FROM alpine:3.20 AS app\nENV NODE=22.11.0\nRUN wget -q https://nodejs.org/dist/v${NODE}/node-v${NODE}-linux-x64.tar.xz && tar -xf node-v${NODE}-linux-x64.tar.xz\n',
      errors: [{ code: 'MC2002', line: 3, column: 13, endColumn: 76, message: /Node\.js's official linux tarball.*stage `app`/ }],
      output: `FROM alpine:3.20 AS app\n${GCOMPAT_LINE}\nENV NODE=22.11.0\nRUN wget -q https://nodejs.org/dist/v\${NODE}/node-v\${NODE}-linux-x64.tar.xz && tar -xf node-v\${NODE}-linux-x64.tar.xz\n`,
    },
    {
      name: 'a manylinux wheel with pip',
      code: 'FROM python:3.12-alpine\nRUN pip install https://example.com/pkg-1.0-cp312-cp312-manylinux_2_17_x86_64.whl\n',
      errors: [{ code: 'MC2002', line: 2, column: 17, message: /manylinux wheel/ }],
      output: `FROM python:3.12-alpine\n${GCOMPAT_LINE}\nRUN pip install https://example.com/pkg-1.0-cp312-cp312-manylinux_2_17_x86_64.whl\n`,
    },
    {
      name: 'curl -o of a Bun glibc build in an unknown image that uses apk',
      code: 'FROM mycorp/base:2\nRUN apk add --no-cache curl unzip && curl -fsSLo /tmp/bun.zip https://example.com/bun-v1.1.0/bun-linux-x64.zip\n',
      errors: [{ code: 'MC2002', line: 2, column: 63, message: /Bun's glibc build/ }],
      output: `FROM mycorp/base:2\n${GCOMPAT_LINE}\nRUN apk add --no-cache curl unzip && curl -fsSLo /tmp/bun.zip https://example.com/bun-v1.1.0/bun-linux-x64.zip\n`,
    },
    {
      name: "Temurin's glibc archive to a named file: the musl URL is offered as well",
      code: 'FROM alpine:3.20\nARG V=21.0.5_11\nRUN curl -fsSL -o /tmp/jre.tar.gz "https://example.com/OpenJDK21U-jre_x64_linux_hotspot_${V}.tar.gz"\n',
      errors: [{ code: 'MC2002', line: 3, column: 35, message: /Temurin's glibc archive/ }],
      output: `FROM alpine:3.20\n${GCOMPAT_LINE}\nARG V=21.0.5_11\nRUN curl -fsSL -o /tmp/jre.tar.gz "https://example.com/OpenJDK21U-jre_x64_linux_hotspot_\${V}.tar.gz"\n`,
    },
    {
      name: 'Miniconda on glibc bolted onto musl: no gcompat, and no musl build to switch to',
      code: 'FROM frolvlad/alpine-glibc:alpine-3.18\nRUN wget -q https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-x86_64.sh -O /tmp/conda.sh\n',
      errors: [
        { code: 'MC2002', line: 2, column: 13, message: /runs only on the glibc bolted onto musl \(Anaconda publishes no musl build\)/ },
      ],
      output: null,
    },
    {
      name: 'ADD of a .NET archive to a file',
      code: 'FROM alpine:3.20\nADD https://example.com/dotnet-runtime-8.0.11-linux-x64.tar.gz /tmp/dotnet.tar.gz\n',
      errors: [{ code: 'MC2002', line: 2, column: 5, message: /\.NET SDK\/runtime archive/ }],
      output: `FROM alpine:3.20\n${GCOMPAT_LINE}\nADD https://example.com/dotnet-runtime-8.0.11-linux-x64.tar.gz /tmp/dotnet.tar.gz\n`,
    },
  ],
});

describe('MC2002 on glibc bolted onto musl', function () {
  before(initRules);

  it('says the download depends on the bolted-on glibc and offers no gcompat', function () {
    const code =
      'FROM frolvlad/alpine-glibc:alpine-3.18\nRUN curl -fsSL -o /tmp/jre.tar.gz https://example.com/OpenJDK21U-jre_x64_linux_hotspot_21.0.5_11.tar.gz\n';
    const [finding] = analyze(code).findings.filter((f) => f.code === 'MC2002');
    assert.match(finding.message, /into stage 0, where it runs only on the glibc bolted onto musl\. Use the `_alpine-linux_` archive/);
    assert.deepEqual(
      finding.fixes.map((f) => f.key.split(':')[0]),
      ['musl-url'],
    );
  });
});

describe('MC2002 musl URL fix', function () {
  before(initRules);

  const fixesOf = (code: string) =>
    analyze(code)
      .findings.filter((f) => f.code === 'MC2002')
      .flatMap((f) => f.fixes);

  it('rewrites the URL as written, variables and quotes kept', function () {
    const code =
      'FROM alpine:3.20\nARG V=21.0.5_11\nRUN curl -fsSL -o /tmp/jre.tar.gz "https://example.com/OpenJDK21U-jre_x64_linux_hotspot_${V}.tar.gz"\n';
    const fix = fixesOf(code).find((f) => f.key.startsWith('musl-url:'));
    assert.ok(fix);
    assert.deepEqual([fix.title, fix.safety, fix.preferred], ["Download the vendor's musl build instead", 'unsafe', false]);
    assert.equal(applyEdits(code, fix.edits), code.replace('_x64_linux_hotspot_', '_x64_alpine-linux_hotspot_'));
  });

  it('is not offered when the file is named after the URL, which later commands use', function () {
    for (const code of [
      'FROM alpine:3.20\nRUN curl -fsSLO https://example.com/dotnet-runtime-8.0.11-linux-x64.tar.gz && tar -xzf dotnet-runtime-8.0.11-linux-x64.tar.gz\n',
      'FROM alpine:3.20\nRUN wget https://example.com/dotnet-runtime-8.0.11-linux-x64.tar.gz\n',
      'FROM alpine:3.20\nADD https://example.com/dotnet-runtime-8.0.11-linux-x64.tar.gz /tmp/\n',
      'FROM alpine:3.20\nADD --chmod=644 https://example.com/a.txt https://example.com/dotnet-runtime-8.0.11-linux-x64.tar.gz /tmp/x/\n',
    ]) {
      assert.deepEqual(
        fixesOf(code).map((f) => f.key.split(':')[0]),
        ['gcompat-stage'],
        code,
      );
    }
  });

  it('is offered for ADD with flags to a file', function () {
    const code = 'FROM alpine:3.20\nADD --chmod=644 https://example.com/dotnet-runtime-8.0.11-linux-x64.tar.gz /tmp/dotnet.tar.gz\n';
    assert.ok(fixesOf(code).some((f) => f.key.startsWith('musl-url:')));
  });

  it('is offered for a download piped to tar', function () {
    const code =
      'FROM alpine:3.20\nRUN curl -fsSL https://julialang-s3.julialang.org/bin/linux/x64/1.11/julia-1.11.1-linux-x86_64.tar.gz | tar -xz -C /opt\n';
    const fix = fixesOf(code).find((f) => f.key.startsWith('musl-url:'));
    assert.ok(fix);
    assert.match(applyEdits(code, fix.edits), /\/bin\/musl\/x64\/1\.11\/julia-1\.11\.1-musl-x86_64\.tar\.gz \|/);
  });
});

fixtureTester('MC2002');
