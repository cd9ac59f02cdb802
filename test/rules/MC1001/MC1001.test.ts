// MC1001 alpine-glibc-base-image: FROM an alpine-glibc image, directly, through ARG
// (defaults and --build-arg) or through a parent stage.
import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/analyze';
import { fixtureTester, initRules, ruleTester } from '../helpers';

const GCOMPAT = 'RUN apk add --no-cache gcompat';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

ruleTester('MC1001', {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache gcompat\n',
    'FROM alpine:3.20\nRUN apk add --no-cache libc6-compat musl-dev\n',
    'FROM eclipse-temurin:21-jre-alpine\n',
    'FROM openjdk:8-jre-alpine\n',
    'FROM adoptopenjdk/openjdk11:jdk-11.0.11_9-slim\n',
    'FROM ibmjava:8-sdk\n',
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y libc6\n',
    'FROM docker.io/library/alpine:3.20\n',
    'FROM mycorp/base:1.4\n',
    { name: 'a comment that names an alpine-glibc image', code: '# was: FROM frolvlad/alpine-glibc\nFROM alpine:3.20\n' },
    { name: 'glibc in a LABEL', code: 'FROM alpine:3.20\nLABEL base.previous="frolvlad/alpine-glibc" glibc="no"\n' },
    { name: 'ARG default is plain alpine', code: 'ARG BASE=alpine:3.20\nFROM ${BASE}\n' },
    {
      name: '--build-arg overrides an alpine-glibc default',
      code: 'ARG BASE=frolvlad/alpine-glibc:3.19\nFROM ${BASE}\n',
      options: { buildArgs: { BASE: 'alpine:3.20' } },
    },
    { name: 'an ARG without a value', code: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'a stage named alpine-glibc is not the image', code: 'FROM alpine:3.20 AS alpine-glibc\nFROM alpine-glibc\n' },
    `FROM alpine@${DIGEST}\n`,
    { name: 'a glibc builder image (Ubuntu) is not glibc on Alpine', code: 'FROM sgerrand/glibc-builder:2.35\n' },
    { name: 'glibc on Ubuntu', code: 'FROM mycorp/ubuntu-glibc:22.04\n' },
    { name: 'glibc with a Debian tag', code: 'FROM mycorp/glibc:bookworm\n' },
    { name: 'busybox glibc variant', code: 'FROM busybox:glibc\n' },
    { name: 'glibc without anything that says Alpine', code: 'FROM mycorp/base:glibc\n' },
    { name: 'musl named next to glibc', code: 'FROM mycorp/alpine:musl-not-glibc\n' },
    { name: 'a registry host that says glibc', code: 'FROM glibc.example.com/team/node:20-alpine\n' },
  ],
  invalid: [
    {
      code: 'FROM frolvlad/alpine-glibc:alpine-3.18\n',
      errors: [{ code: 'MC1001', line: 1, column: 6, endLine: 1, endColumn: 39, message: /frolvlad\/alpine-glibc:alpine-3\.18/ }],
      output: `FROM alpine:3.18\n${GCOMPAT}\n`,
    },
    {
      name: 'a tag older than gcompat moves to the default Alpine release',
      code: 'FROM frolvlad/alpine-glibc:alpine-3.9 AS base\nCMD ["sh"]\n',
      errors: [{ code: 'MC1001', line: 1, column: 6, endColumn: 38 }],
      output: `FROM alpine:3.22 AS base\n${GCOMPAT}\nCMD ["sh"]\n`,
    },
    {
      code: 'FROM anapsix/alpine-java:8_server-jre_unlimited\nCMD ["java", "-version"]\n',
      errors: [{ code: 'MC1001', line: 1, column: 6, endColumn: 48 }],
      output: `FROM eclipse-temurin:8-jre-alpine\n${GCOMPAT} bash\nCMD ["java", "-version"]\n`,
    },
    {
      name: 'docker.io prefix',
      code: 'FROM docker.io/frolvlad/alpine-glibc:3.19\n',
      errors: [{ code: 'MC1001', line: 1, column: 6, endColumn: 42 }],
      output: `FROM alpine:3.19\n${GCOMPAT}\n`,
    },
    {
      name: 'registry with a port',
      code: 'FROM registry.example.com:5000/team/alpine-glibc:3.19\n',
      errors: [{ code: 'MC1001', line: 1, column: 6, endColumn: 54 }],
      output: `FROM alpine:3.19\n${GCOMPAT}\n`,
    },
    {
      name: 'digest-only reference with --platform',
      code: `FROM --platform=linux/amd64 frolvlad/alpine-glibc@${DIGEST} AS runtime\n`,
      errors: [{ code: 'MC1001', line: 1, column: 29, endColumn: 50 + 72 }],
      output: `FROM --platform=linux/amd64 alpine:3.22 AS runtime\n${GCOMPAT}\n`,
    },
    {
      name: 'tagged Alpine variants of AdoptOpenJDK',
      code: 'FROM adoptopenjdk/openjdk11:alpine-jre\n',
      errors: [{ code: 'MC1001', line: 1, column: 6, endColumn: 39 }],
      output: `FROM eclipse-temurin:11-jre-alpine\n${GCOMPAT}\n`,
    },
    {
      name: 'a tag that says glibc on an Alpine repository (the name says glibc)',
      code: 'FROM mycorp/alpine-java:8-glibc\n',
      errors: [{ code: 'MC1001', line: 1, column: 6, endColumn: 32, message: /the name says glibc \(lower confidence/ }],
      output: `FROM eclipse-temurin:8-jdk-alpine\n${GCOMPAT}\n`,
    },
    {
      name: 'a repository named glibc under an Alpine namespace',
      code: 'FROM alpine/glibc:3.19\n',
      errors: [{ code: 'MC1001', line: 1, column: 6, endColumn: 23, message: /the name says glibc/ }],
      output: `FROM alpine:3.19\n${GCOMPAT}\n`,
    },
    {
      name: 'glibc inside a longer name',
      code: 'FROM ghcr.io/acme/alpine3.18-glibc-node:20\n',
      errors: [{ code: 'MC1001', line: 1, column: 6, endColumn: 43, message: /the name says glibc/ }],
      output: `FROM node:20-alpine\n${GCOMPAT}\n`,
    },
    {
      name: 'through an ARG default (no fix: the ARG is what to change)',
      code: 'ARG BASE=frolvlad/alpine-glibc:3.19\nFROM ${BASE}\n',
      errors: [{ code: 'MC1001', line: 2, column: 6, endColumn: 13, message: /frolvlad\/alpine-glibc:3\.19/ }],
      output: null,
    },
    {
      name: '${VAR:-default} forms',
      code: 'ARG TAG\nFROM ${IMAGE:-frolvlad/alpine-glibc}:${TAG:-3.19}\n',
      errors: [{ code: 'MC1001', line: 2, column: 6, endColumn: 50 }],
      output: null,
    },
    {
      name: '--build-arg override',
      code: 'ARG BASE=alpine:3.20\nFROM $BASE\n',
      options: { buildArgs: { BASE: 'jeanblanchard/alpine-glibc:3.17' } },
      errors: [{ code: 'MC1001', line: 2, column: 6, endColumn: 11, message: /jeanblanchard\/alpine-glibc:3\.17/ }],
      output: null,
    },
    {
      name: 'a child stage of an alpine-glibc stage',
      code: 'FROM frolvlad/alpine-glibc AS base\nRUN echo ready\nFROM base AS app\nCMD ["./app"]\n',
      errors: [
        { code: 'MC1001', line: 1, column: 6, endColumn: 27 },
        { code: 'MC1001', line: 3, column: 6, endColumn: 10, message: /builds on stage `base`/ },
      ],
      output: `FROM alpine:3.22 AS base\n${GCOMPAT}\nRUN echo ready\nFROM base AS app\nCMD ["./app"]\n`,
    },
    {
      name: 'lower-case instructions',
      code: 'from frolvlad/alpine-glibc:3.20 as base\nrun echo\n',
      errors: [{ code: 'MC1001', line: 1, column: 6, endColumn: 32 }],
      output: `from alpine:3.20 as base\n${GCOMPAT}\nrun echo\n`,
    },
    {
      name: 'CRLF line ends and a BOM',
      code: '\ufeffFROM frolvlad/alpine-glibc:3.20\r\nCMD ["sh"]\r\n',
      errors: [{ code: 'MC1001', line: 1, column: 7, endColumn: 33 }],
      output: `\ufeffFROM alpine:3.20\r\n${GCOMPAT}\r\nCMD ["sh"]\r\n`,
    },
  ],
});

describe('MC1001 details', function () {
  before(initRules);

  it('points at the ARG that names the image', function () {
    const text = 'ARG BASE=frolvlad/alpine-glibc:3.19\nARG OTHER=x\nFROM ${BASE}\n';
    const [finding] = analyze(text).findings.filter((f) => f.code === 'MC1001');
    assert.deepEqual(
      finding.related.map((r) => [text.slice(r.span.start, r.span.end), r.message]),
      [['frolvlad/alpine-glibc:3.19', 'ARG BASE resolves to `frolvlad/alpine-glibc:3.19`']],
    );
  });

  const titles = (text: string): string[] =>
    analyze(text)
      .findings.filter((f) => f.code === 'MC1001')
      .flatMap((f) => f.fixes.map((x) => x.title));

  it('offers glibc bases only when nothing built on the stage needs Alpine', function () {
    assert.deepEqual(titles('FROM anapsix/alpine-java:8\nCOPY app.jar /app.jar\n'), [
      'Use eclipse-temurin:8-jre-alpine (Java 8 JRE on musl)',
      'Use alpine:3.22 and install gcompat (drops Oracle Java 8 JRE)',
      'Use gcr.io/distroless/java21-debian13 (glibc, Java 21, no shell; the image had Oracle Java 8 JRE)',
      'Use debian:13-slim (glibc, with apt)',
    ]);
    // distroless has no shell: a RUN rules it out; Debian has no apk.
    assert.deepEqual(titles('FROM frolvlad/alpine-glibc\nRUN apk add --no-cache curl\n'), ['Use alpine:3.22 and install gcompat']);
    assert.deepEqual(titles('FROM frolvlad/alpine-glibc AS base\nFROM base\nRUN echo hi\n'), [
      'Use alpine:3.22 and install gcompat',
      'Use debian:13-slim (glibc, with apt)',
    ]);
    // A musl stage copying from here would receive glibc code.
    assert.deepEqual(titles('FROM frolvlad/alpine-glibc AS tools\nFROM alpine:3.20\nCOPY --from=tools /bin/x /bin/x\n'), [
      'Use alpine:3.22 and install gcompat',
    ]);
  });
});

fixtureTester('MC1001');
