// The gcompat fix adds `RUN apk add` after a FROM: safe only where that RUN runs as root,
// since apk fails for any other user and a safe fix must never break the image.
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/analyze';
import { buildModel } from '../../server/src/model/model';
import { runsAsRootAfterFrom } from '../../server/src/model/stage-user';
import { parseDockerfile } from '../../server/src/parse/dockerfile';
import { initRules } from '../rules/helpers';

const DOWNLOAD = 'RUN wget https://example.com/deno-x86_64-unknown-linux-gnu.zip\n';

function gcompatSafety(code: string): string | undefined {
  const fixes = analyze(code).findings.flatMap((f) => f.fixes);
  return fixes.find((f) => f.key.startsWith('gcompat-stage:'))?.safety;
}

describe('fixes/gcompat safety', function () {
  before(initRules);

  it('is safe on official images that run as root', function () {
    for (const base of ['alpine:3.20', 'node:22-alpine', 'wordpress:php8.3-fpm-alpine', 'library/python:3.12-alpine']) {
      assert.equal(gcompatSafety(`FROM ${base}\n${DOWNLOAD}`), 'safe', base);
    }
  });

  it('is unsafe on bases that run as another user, or may', function () {
    for (const base of ['nginxinc/nginx-unprivileged:alpine', 'haproxy:3.2-alpine']) {
      assert.equal(gcompatSafety(`FROM ${base}\n${DOWNLOAD}`), 'unsafe', base);
    }
    assert.equal(gcompatSafety(`ARG BASE=alpine:3.20\nFROM \${BASE}\n${DOWNLOAD}`), 'safe');
    assert.equal(gcompatSafety(`ARG BASE\nFROM \${BASE:-alpine}\n${DOWNLOAD}`), gcompatSafety(`FROM alpine\n${DOWNLOAD}`));
  });

  it('knows the official images that change their user, by tag where it depends on it', function () {
    const lastStage = (code: string) => buildModel(parseDockerfile(code)).stages.at(-1)!;
    assert.equal(runsAsRootAfterFrom(lastStage('FROM wordpress:cli-php8.3\n')), false);
    assert.equal(runsAsRootAfterFrom(lastStage('FROM wordpress:php8.3-fpm-alpine\n')), true);
    assert.equal(runsAsRootAfterFrom(lastStage('FROM haproxy\n')), false);
    assert.equal(runsAsRootAfterFrom(lastStage('FROM example.com/team/alpine:1\n')), false);
    assert.equal(runsAsRootAfterFrom(lastStage('ARG B\nFROM $B\n')), false);
  });

  it('follows the USER of the stages a stage builds on', function () {
    const stage = (users: string) => `FROM alpine:3.20 AS base\n${users}FROM base\n${DOWNLOAD}`;
    assert.equal(gcompatSafety(stage('')), 'safe');
    assert.equal(gcompatSafety(stage('USER app\n')), 'unsafe');
    assert.equal(gcompatSafety(stage('USER 1000:1000\n')), 'unsafe');
    assert.equal(gcompatSafety(stage('ARG U=root\nUSER $U\n')), 'unsafe');
    assert.equal(gcompatSafety(stage('ONBUILD USER app\n')), 'unsafe');
    assert.equal(gcompatSafety(stage('USER app\nUSER root\n')), 'safe');
    assert.equal(gcompatSafety(stage('USER 0:0\n')), 'safe');
    assert.equal(gcompatSafety(`FROM alpine AS a\nUSER app\nFROM a AS b\nFROM b\n${DOWNLOAD}`), 'unsafe');
    assert.equal(gcompatSafety(`FROM nginxinc/nginx-unprivileged:alpine AS a\nUSER root\nFROM a\n${DOWNLOAD}`), 'safe');
  });
});
