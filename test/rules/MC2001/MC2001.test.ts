// MC2001 glibc-binary-into-musl: COPY --from a glibc stage or image into a musl stage,
// silenced by static/musl build evidence, data-only copies and gcompat in the target.
import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/analyze';
import { fixtureTester, initRules, ruleTester } from '../helpers';

const GO_DEBIAN = 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n';

ruleTester('MC2001', {
  valid: [
    {
      name: 'Go with CGO_ENABLED=0 in ENV',
      code: `FROM golang:1.22 AS build\nENV CGO_ENABLED=0\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
    },
    {
      name: 'Go with CGO_ENABLED=0 on the RUN line',
      code: `FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
    },
    {
      name: 'Go with export CGO_ENABLED=0',
      code: `FROM golang:1.22 AS build\nRUN export CGO_ENABLED=0 && go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
    },
    {
      name: 'Go with ARG CGO_ENABLED=0',
      code: `FROM golang:1.22 AS build\nARG CGO_ENABLED=0\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
    },
    {
      name: 'Go with -extldflags -static',
      code: `FROM golang:1.22 AS build\nRUN go build -ldflags '-linkmode external -extldflags "-static"' -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
    },
    {
      name: 'Go built in golang:alpine (musl to musl)',
      code: `FROM golang:1.22-alpine AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
    },
    {
      name: 'Rust with a musl target',
      code: `FROM rust:1.80 AS build\nRUN rustup target add x86_64-unknown-linux-musl && cargo build --release --target x86_64-unknown-linux-musl\nFROM alpine:3.20\nCOPY --from=build /src/target/x86_64-unknown-linux-musl/release/app /app\n`,
    },
    {
      name: 'Rust with CARGO_BUILD_TARGET musl in ENV',
      code: `FROM rust:1.80 AS build\nENV CARGO_BUILD_TARGET=aarch64-unknown-linux-musl\nRUN cargo build --release\nFROM alpine:3.20\nCOPY --from=build /src/target/release/app /app\n`,
    },
    {
      name: 'GraalVM native-image --static --libc=musl',
      code: `FROM ghcr.io/graalvm/native-image-community:21 AS build\nRUN native-image --static --libc=musl -jar app.jar app\nFROM alpine:3.20\nCOPY --from=build /app /app\n`,
    },
    {
      name: 'C built with -static',
      code: `FROM gcc:14 AS build\nRUN gcc -O2 -static -o /out/tool tool.c\nFROM alpine:3.20\nCOPY --from=build /out/tool /usr/local/bin/tool\n`,
    },
    {
      name: 'a jar from a Maven build',
      code: `FROM maven:3.9-eclipse-temurin-21 AS build\nRUN mvn -q package\nFROM eclipse-temurin:21-jre-alpine\nCOPY --from=build /src/target/app.jar /app/app.jar\n`,
    },
    {
      name: 'web assets and node_modules from a Debian node',
      code: `FROM node:22 AS build\nRUN npm ci && npm run build\nFROM nginx:1.27-alpine\nCOPY --from=build /src/dist /usr/share/nginx/html\nCOPY --from=build /src/node_modules /srv/node_modules\nCOPY --from=build /src/config/*.json /etc/app/\n`,
    },
    { name: 'glibc into glibc', code: `${GO_DEBIAN}FROM debian:12-slim\nCOPY --from=build /out/app /app\n` },
    { name: 'glibc into distroless', code: `${GO_DEBIAN}FROM gcr.io/distroless/base-debian12\nCOPY --from=build /out/app /app\n` },
    {
      name: 'glibc into scratch (no libc: another problem, not this rule)',
      code: `${GO_DEBIAN}FROM scratch\nCOPY --from=build /out/app /app\n`,
    },
    {
      name: 'the target installs gcompat',
      code: `${GO_DEBIAN}FROM alpine:3.20\nRUN apk add --no-cache gcompat\nCOPY --from=build /out/app /app\n`,
    },
    {
      name: 'an unknown builder image',
      code: `FROM mycorp/builder:3 AS build\nRUN make\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
    },
    { name: 'an unknown target that does not use apk', code: `${GO_DEBIAN}FROM mycorp/runtime:1\nCOPY --from=build /out/app /app\n` },
    { name: 'a COPY without --from', code: 'FROM alpine:3.20\nCOPY app /app\n' },
    {
      name: 'a --from that names no earlier stage and no known image',
      code: 'FROM alpine:3.20\nCOPY --from=later /app /app\nFROM golang:1.22 AS later\n',
    },
    {
      name: '.NET published for the musl runtime identifier',
      code: `FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nRUN dotnet publish -c Release -r linux-musl-x64 -o /out\nFROM alpine:3.20\nCOPY --from=build /out /app\n`,
    },
    {
      name: '.NET published with --runtime=linux-musl-arm64',
      code: `FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nRUN dotnet publish --runtime=linux-musl-arm64 -o /out\nFROM alpine:3.20\nCOPY --from=build /out /app\n`,
    },
    {
      name: 'a comment that mentions glibc',
      code: `# built with glibc? no: CGO_ENABLED=0 below\nFROM golang:1.22 AS build\nENV CGO_ENABLED=0\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
    },
  ],
  invalid: [
    {
      name: 'Go without CGO_ENABLED=0 into alpine',
      code: `${GO_DEBIAN}FROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\n`,
      errors: [
        {
          code: 'MC2001',
          line: 6,
          column: 13,
          endColumn: 18,
          message: /stage `build` \(golang:1\.22, glibc\) into stage 1 \(alpine:3\.20, musl\)/,
        },
      ],
      output: `FROM golang:1.22 AS build\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\n`,
    },
    {
      name: 'numeric --from',
      code: `FROM golang:1.22\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=0 /out/app /app\n`,
      errors: [{ code: 'MC2001', line: 4, column: 13, endColumn: 14, message: /stage 0 \(golang:1\.22, glibc\)/ }],
      output: `FROM golang:1.22\nENV CGO_ENABLED=0\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=0 /out/app /app\n`,
    },
    {
      name: 'Rust gnu target into alpine: gcompat is the preferred fix',
      code: `FROM rust:1.80 AS build\nRUN cargo build --release --target x86_64-unknown-linux-gnu\nFROM alpine:3.20\nCOPY --from=build /src/target/release/app /app\n`,
      errors: [{ code: 'MC2001', line: 4, column: 13, endColumn: 18 }],
      output: `FROM rust:1.80 AS build\nRUN cargo build --release --target x86_64-unknown-linux-gnu\nFROM alpine:3.20\nRUN apk add --no-cache gcompat\nCOPY --from=build /src/target/release/app /app\n`,
    },
    {
      name: 'GraalVM native-image without --static into an alpine-glibc image',
      code: `FROM ghcr.io/graalvm/native-image-community:21 AS build\nRUN native-image -jar app.jar app\nFROM frolvlad/alpine-glibc:alpine-3.18\nCOPY --from=build /app /app\n`,
      errors: [
        { code: 'MC1001', line: 3, column: 6, endColumn: 39 },
        { code: 'MC2001', line: 4, column: 13, endColumn: 18, message: /glibc on musl/ },
      ],
      // No gcompat on glibc bolted onto musl: it would fight the glibc apks for the loader.
      output: `FROM ghcr.io/graalvm/native-image-community:21 AS build\nRUN native-image -jar app.jar app\nFROM frolvlad/alpine-glibc:alpine-3.18\nCOPY --from=build /app /app\n`,
    },
    {
      name: 'a chain of stages on both sides',
      code: `FROM golang:1.22 AS base\nFROM base AS build\nRUN go build -o /out/app .\nFROM alpine:3.20 AS runtime\nFROM runtime\nCOPY --from=build /out/app /app\n`,
      errors: [
        {
          code: 'MC2001',
          line: 6,
          column: 13,
          endColumn: 18,
          message: /stage `build` \(golang:1\.22, glibc\) into stage 3 \(alpine:3\.20, musl\)/,
        },
      ],
      output: `FROM golang:1.22 AS base\nFROM base AS build\nENV CGO_ENABLED=0\nRUN go build -o /out/app .\nFROM alpine:3.20 AS runtime\nFROM runtime\nCOPY --from=build /out/app /app\n`,
    },
    {
      name: 'a directory of binaries from an Ubuntu stage',
      code: `FROM ubuntu:24.04 AS tools\nRUN apt-get update && apt-get install -y curl\nFROM alpine:3.20\nCOPY --from=tools /usr/bin/curl /usr/local/bin/\n`,
      errors: [{ code: 'MC2001', line: 4, column: 13, endColumn: 18 }],
      output: `FROM ubuntu:24.04 AS tools\nRUN apt-get update && apt-get install -y curl\nFROM alpine:3.20\nRUN apk add --no-cache gcompat\nCOPY --from=tools /usr/bin/curl /usr/local/bin/\n`,
    },
    {
      name: 'straight from a glibc image',
      code: `FROM alpine:3.20\nCOPY --from=debian:12 /usr/bin/env /usr/local/bin/env\n`,
      errors: [{ code: 'MC2001', line: 2, column: 13, endColumn: 22, message: /image `debian:12` \(glibc\)/ }],
      output: `FROM alpine:3.20\nRUN apk add --no-cache gcompat\nCOPY --from=debian:12 /usr/bin/env /usr/local/bin/env\n`,
    },
    {
      name: '.NET published for glibc: the RID fix is preferred',
      code: `FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nRUN dotnet publish -c Release -r linux-x64 --self-contained -o /out\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
      errors: [{ code: 'MC2001', line: 4, column: 13, endColumn: 18, message: /`dotnet publish -r linux-musl-x64`/ }],
      output: `FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nRUN dotnet publish -c Release -r linux-musl-x64 --self-contained -o /out\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
    },
    {
      name: 'an ARG-resolved builder and --platform',
      code: `ARG GO=golang:1.22-bookworm\nFROM --platform=$BUILDPLATFORM \${GO} AS build\nRUN GOARCH=$TARGETARCH go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
      errors: [{ code: 'MC2001', line: 5, column: 13, endColumn: 18 }],
      output: `ARG GO=golang:1.22-bookworm\nFROM --platform=$BUILDPLATFORM \${GO} AS build\nENV CGO_ENABLED=0\nRUN GOARCH=$TARGETARCH go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
    },
  ],
});

describe('MC2001 details', function () {
  before(initRules);

  it('links the builder FROM as related information', function () {
    const text = `${GO_DEBIAN}FROM alpine:3.20\nCOPY --from=build /out/app /app\n`;
    const [finding] = analyze(text).findings;
    assert.deepEqual(
      finding.related.map((r) => [r.range.start.line, text.slice(r.span.start, r.span.end)]),
      [[0, 'golang:1.22']],
    );
  });

  it('offers static build, Alpine builder, gcompat and a glibc final base', function () {
    const text = `${GO_DEBIAN}FROM alpine:3.20\nCOPY --from=build /out/app /app\n`;
    assert.deepEqual(
      analyze(text).findings[0].fixes.map((f) => [f.title, f.safety, f.preferred]),
      [
        ['Build statically: set CGO_ENABLED=0 in stage `build`', 'unsafe', true],
        ['Build in golang:1.22-alpine, the Alpine variant of the builder image', 'unsafe', false],
        ['Install gcompat in stage 1 so glibc binaries can run', 'safe', false],
        ['Use gcr.io/distroless/cc-debian13 (glibc) for stage 1', 'unsafe', false],
        ['Use debian:13-slim (glibc) for stage 1', 'unsafe', false],
      ],
    );
  });

  it('advises each ecosystem how to build for musl, naming the Alpine variant of the builder', function () {
    const advice = (builder: string, build: string): string =>
      analyze(`FROM ${builder} AS build\nRUN ${build}\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`).findings.find(
        (f) => f.code === 'MC2001',
      )?.message ?? '';
    assert.match(
      advice('golang:1.23', 'go build -o /out/app .'),
      /Build with CGO_ENABLED=0 \(a static Go binary\) or in `golang:1\.23-alpine`/,
    );
    assert.match(
      advice('rust:1.82-slim-bookworm', 'cargo build --release'),
      /Build for the musl target \(`rustup target add x86_64-unknown-linux-musl`, `cargo build --target x86_64-unknown-linux-musl`\) or in `rust:1\.82-alpine`/,
    );
    assert.match(
      advice('python:3.12', 'pip install --prefix /out/app .'),
      /Install the Python packages in the musl stage itself, where pip picks musllinux wheels/,
    );
    assert.match(advice('node:22-bookworm', 'npm ci && npm run build'), /Run `npm ci` in the musl stage or in `node:22-alpine`/);
    assert.match(
      advice('eclipse-temurin:21-jdk', 'jlink --add-modules java.base --output /out/app'),
      /Build the runtime with an Alpine JDK \(`eclipse-temurin:21-alpine`\)/,
    );
    assert.match(advice('mcr.microsoft.com/dotnet/sdk:8.0', 'dotnet publish -o /out'), /Publish for the musl runtime identifier/);
    assert.match(advice('gcc:14', 'make'), /Build statically or in the builder's -alpine variant/);
  });

  it('tells the ecosystem of a plain distribution builder from its compiler', function () {
    const finding = (build: string) =>
      analyze(
        `FROM ubuntu:24.04 AS build\nRUN apt-get update && apt-get install -y golang\nRUN ${build}\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
      ).findings.find((f) => f.code === 'MC2001');
    const go = finding('go build -o /out/app .');
    assert.match(go?.message ?? '', /Build with CGO_ENABLED=0 \(a static Go binary\) or in golang's -alpine variant/);
    assert.ok(go?.fixes.some((f) => f.title === 'Build statically: set CGO_ENABLED=0 in stage `build`'));
    assert.match(finding('cargo build --release')?.message ?? '', /Build for the musl target/);
    assert.match(finding('npm ci && cp -r . /out/app')?.message ?? '', /Build statically or in the builder's -alpine variant/);
  });

  it('offers the .NET RID fix only for a literal linux RID', function () {
    const fixes = (publish: string): string[] =>
      analyze(
        `FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nARG RID=linux-x64\nRUN ${publish}\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
      )
        .findings.flatMap((f) => f.fixes)
        .map((f) => f.title);
    assert.ok(
      fixes('dotnet publish --runtime=linux-arm64 -o /out').includes(
        'Publish for musl: use the runtime identifier linux-musl-arm64 in stage `build`',
      ),
    );
    assert.ok(!fixes('dotnet publish -r $RID -o /out').some((t) => t.startsWith('Publish for musl')));
    assert.ok(!fixes('dotnet publish -o /out').some((t) => t.startsWith('Publish for musl')));
  });

  it('shows the libc flow in the stage model', function () {
    const model = analyze(`${GO_DEBIAN}FROM alpine:3.20\nCOPY --from=build /out/app /app\nCOPY --from=0 /src/README.md /\n`).model;
    assert.deepEqual(
      model.stages[1].copies.map((c) => [c.fromStage?.index, c.libc, c.sources.map((s) => s.path)]),
      [
        [0, 'glibc', ['/out/app']],
        [0, 'glibc', ['/src/README.md']],
      ],
    );
  });
});

fixtureTester('MC2001');
