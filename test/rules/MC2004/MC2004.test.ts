// MC2004 native-tree-across-libc: dependency trees copied between glibc and musl stages,
// both ways; programs stay MC2001's, so one COPY gets one finding.
import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/analyze';
import { fixtureTester, initRules, ruleTester } from '../helpers';

const NODE_GLIBC = 'FROM node:20 AS deps\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n';
const NODE_MUSL = 'FROM node:20-alpine AS deps\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n';

ruleTester('MC2004', {
  valid: [
    {
      name: 'node_modules on the same C library',
      code: `${NODE_MUSL}FROM node:20-alpine\nCOPY --from=deps /app/node_modules ./node_modules\n`,
    },
    { name: 'glibc to glibc', code: `${NODE_GLIBC}FROM node:20-slim\nCOPY --from=deps /app/node_modules ./node_modules\n` },
    {
      name: 'data only (package.json, a built bundle)',
      code: `${NODE_GLIBC}FROM node:20-alpine\nCOPY --from=deps /app/package.json /app/dist/main.js ./\n`,
    },
    {
      name: 'gcompat in the musl stage',
      code: `${NODE_GLIBC}FROM node:20-alpine\nRUN apk add --no-cache gcompat\nCOPY --from=deps /app/node_modules ./node_modules\n`,
    },
    {
      name: 'a Maven target directory is not a Cargo one',
      code: 'FROM maven:3-eclipse-temurin-21 AS build\nRUN mvn -q package\nFROM eclipse-temurin:21-jre-alpine\nCOPY --from=build /src/target /app/target\n',
    },
    {
      name: "npm's own global folder (npm, corepack: plain JavaScript)",
      code: 'FROM alpine:3.20\nCOPY --from=node:20 /usr/local/lib/node_modules /usr/local/lib/node_modules\n',
    },
    {
      name: 'a Go program from golang:alpine without a C compiler (static)',
      code: 'FROM golang:1.22-alpine AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nCOPY --from=build /out/app /app\n',
    },
    {
      name: 'a C program linked statically on Alpine',
      code: 'FROM alpine:3.20 AS build\nRUN apk add build-base && gcc -static -o /out/tool tool.c\nFROM debian:12-slim\nCOPY --from=build /out/tool /tool\n',
    },
    {
      name: 'a Rust program from rust:alpine (the musl target links statically)',
      code: 'FROM rust:1.80-alpine AS build\nRUN apk add musl-dev && cargo build --release\nFROM debian:12-slim\nCOPY --from=build /src/target/release/app /app\n',
    },
    { name: 'a comment', code: '# COPY --from=deps /app/node_modules ./node_modules\nFROM node:20-alpine\n' },
    {
      name: 'a path that only contains the word',
      code: `${NODE_GLIBC}FROM node:20-alpine\nCOPY --from=deps /app/node_modules_report.json ./\n`,
    },
  ],
  invalid: [
    {
      name: 'node_modules from Debian into Alpine',
      code: `${NODE_GLIBC}FROM node:20-alpine\nCOPY --from=deps /app/node_modules ./node_modules\nCMD ["node", "server.js"]\n`,
      errors: [
        {
          code: 'MC2004',
          line: 6,
          column: 13,
          endColumn: 17,
          message:
            /Node\.js modules .*any native addons \(bcrypt, sharp\.\.\.\) inside were built against glibc and fail to load on musl.*npm ci/,
        },
      ],
      output: `FROM node:20-alpine AS deps\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nFROM node:20-alpine\nCOPY --from=deps /app/node_modules ./node_modules\nCMD ["node", "server.js"]\n`,
    },
    {
      name: 'the reverse: node_modules from Alpine into Debian',
      code: `${NODE_MUSL}FROM node:20-slim\nCOPY --from=deps /app/node_modules ./node_modules\n`,
      errors: [{ code: 'MC2004', line: 6, column: 13, endColumn: 17, message: /built against musl and fail to load on glibc/ }],
      output: `FROM node:20 AS deps\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nFROM node:20-slim\nCOPY --from=deps /app/node_modules ./node_modules\n`,
    },
    {
      name: 'a venv and site-packages from python:3.12 into python:3.12-alpine',
      code: 'FROM python:3.12 AS build\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install numpy\nFROM python:3.12-alpine\nCOPY --from=build /opt/venv /opt/venv\nCOPY --from=build /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages\n',
      errors: [
        { code: 'MC2004', line: 4, column: 13, endColumn: 18, message: /Python packages.*pip install/ },
        { code: 'MC2004', line: 5, column: 13, endColumn: 18 },
      ],
      output:
        'FROM python:3.12-alpine AS build\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install numpy\nFROM python:3.12-alpine\nCOPY --from=build /opt/venv /opt/venv\nCOPY --from=build /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages\n',
    },
    {
      name: 'Ruby gems into Alpine',
      code: 'FROM ruby:3.3 AS gems\nRUN bundle install\nFROM ruby:3.3-alpine\nCOPY --from=gems /usr/local/bundle /usr/local/bundle\n',
      errors: [{ code: 'MC2004', line: 4, column: 13, endColumn: 17, message: /Ruby gems.*bundle install/ }],
      output:
        'FROM ruby:3.3-alpine AS gems\nRUN bundle install\nFROM ruby:3.3-alpine\nCOPY --from=gems /usr/local/bundle /usr/local/bundle\n',
    },
    {
      name: 'a Cargo target directory',
      code: 'FROM rust:1.80 AS build\nRUN cargo build --release\nFROM alpine:3.20\nCOPY --from=build /src/target /app/target\n',
      errors: [{ code: 'MC2004', line: 4, column: 13, endColumn: 18, message: /Cargo target directory.*x86_64-unknown-linux-musl/ }],
      output: 'FROM rust:1.80-alpine AS build\nRUN cargo build --release\nFROM alpine:3.20\nCOPY --from=build /src/target /app/target\n',
    },
    {
      name: 'a C program built on Alpine, copied into Debian',
      code: 'FROM alpine:3.20 AS build\nRUN apk add --no-cache build-base && make -C /src\nFROM debian:12-slim\nCOPY --from=build /src/tool /usr/local/bin/tool\n',
      errors: [
        {
          code: 'MC2004',
          line: 4,
          column: 13,
          endColumn: 18,
          message: /musl, with `build-base`.*linked against musl asks for \/lib\/ld-musl-\*\.so\.1/,
        },
      ],
      output: null,
    },
    {
      name: 'cgo on golang:alpine with gcc, copied into Debian: build in the glibc variant',
      code: 'FROM golang:1.22-alpine AS build\nRUN apk add gcc musl-dev && go build -o /out/app .\nFROM debian:12-slim\nCOPY --from=build /out/app /app\n',
      errors: [{ code: 'MC2004', line: 4, column: 13, endColumn: 18 }],
      output:
        'FROM golang:1.22 AS build\nRUN apk add gcc musl-dev && go build -o /out/app .\nFROM debian:12-slim\nCOPY --from=build /out/app /app\n',
    },
    {
      name: 'a builder that feeds both C libraries gets no builder fix',
      code: `${NODE_GLIBC}FROM node:20-slim AS web\nCOPY --from=deps /app/node_modules ./node_modules\nFROM node:20-alpine\nCOPY --from=deps /app/node_modules ./node_modules\n`,
      errors: [{ code: 'MC2004', line: 8, column: 13, endColumn: 17 }],
      output: null,
    },
  ],
});

describe('MC2004 and MC2001 share out COPY --from', function () {
  before(initRules);

  const codes = (text: string): string[] => analyze(text).findings.map((f) => `${f.code}@${f.range.start.line + 1}`);

  it('a tree is MC2004 only', function () {
    assert.deepEqual(codes(`${NODE_GLIBC}FROM node:20-alpine\nCOPY --from=deps /app/node_modules ./node_modules\n`), ['MC2004@6']);
  });

  it('a program, or a program next to a tree, is MC2001 only', function () {
    const go = 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\n';
    assert.deepEqual(codes(`${go}COPY --from=build /out/app /app\n`), ['MC2001@4']);
    assert.deepEqual(codes(`${go}COPY --from=build /out/app /src/node_modules /app/\n`), ['MC2001@4']);
  });
});

fixtureTester('MC2004');
