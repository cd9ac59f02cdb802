// The C library of base images: knowledge base, tag conventions, mirrors and facts.
import * as assert from 'node:assert/strict';
import { parseImageReference } from '../../server/src/model/image-reference';
import { classifyImage, type ImageFact } from '../../server/src/model/libc';

describe('model/libc', function () {
  const judge = (text: string, facts: ImageFact[] = []) => {
    const { libc, glibcOnMusl } = classifyImage(parseImageReference(text)!, facts);
    return `${libc}${glibcOnMusl ? '+glibc' : ''}`;
  };

  it('knows alpine-glibc images, by list and by name', function () {
    for (const image of [
      'frolvlad/alpine-glibc',
      'frolvlad/alpine-glibc:alpine-3.16_glibc-2.34',
      'anapsix/alpine-java:8_server-jre',
      'adoptopenjdk/openjdk11:alpine-slim',
      'ibmjava:8-sdk-alpine',
      'pingcap/alpine-glibc:alpine-3.14.6',
      'sirmark/node:20-alpine-glibc',
    ]) {
      assert.equal(judge(image), 'musl+glibc', image);
    }
    assert.equal(judge('adoptopenjdk/openjdk11:jdk-11.0.11_9'), 'glibc');
    assert.equal(judge('continuumio/miniconda3'), 'unknown');
  });

  it('reads official images and tag conventions', function () {
    const cases: [string, string][] = [
      ['alpine', 'musl'],
      ['alpine:edge', 'musl'],
      ['docker:27-dind', 'musl'],
      ['golang:1.22-alpine3.20', 'musl'],
      ['node:lts-alpine', 'musl'],
      ['openjdk:8-jdk-alpine', 'musl'],
      ['eclipse-temurin:21-jre-alpine', 'musl'],
      ['golang:1.22', 'glibc'],
      ['golang', 'glibc'],
      ['python:3.12-slim-bookworm', 'glibc'],
      ['steamcmd/steamcmd:ubuntu-20', 'glibc'],
      ['debian:12-slim', 'glibc'],
      ['oracle/graalvm-ce:20.2.0-java11', 'glibc'],
      ['gcr.io/distroless/cc-debian12', 'glibc'],
      ['gcr.io/distroless/static-debian12:nonroot', 'none'],
      ['cgr.dev/chainguard/static', 'none'],
      ['scratch', 'none'],
      ['busybox', 'glibc'],
      ['busybox:1.36-musl', 'musl'],
      ['mcr.microsoft.com/windows/servercore:ltsc2022', 'unknown'],
      ['mycorp/base:1.4', 'unknown'],
    ];
    for (const [image, libc] of cases) assert.equal(judge(image), libc, image);
  });

  it('judges a mirror of a known Docker Hub image as that image, and says so', function () {
    assert.equal(judge('registry.example.com:5000/anapsix/alpine-java:8'), 'musl+glibc');
    assert.equal(judge('mirror.gcr.io/library/alpine:3.20'), 'musl');
    const { reason } = classifyImage(parseImageReference('localhost:5000/alpine:3.20')!);
    assert.match(reason, /mirror of Docker Hub's alpine/);
    assert.equal(judge('quay.io/mycorp/thing:1'), 'unknown');
  });

  it('lets configured facts win over the knowledge base', function () {
    const facts: ImageFact[] = [
      { image: 'mycorp/base', libc: 'musl', glibcOnMusl: true, reason: 'built on frolvlad/alpine-glibc' },
      { image: 'alpine:3.20', libc: 'glibc', reason: 'a test override' },
    ];
    assert.equal(judge('mycorp/base:1.4', facts), 'musl+glibc');
    assert.equal(judge('alpine:3.20', facts), 'glibc');
    assert.equal(judge('alpine:3.19', facts), 'musl');
    assert.equal(classifyImage(parseImageReference('mycorp/base:1')!, facts).reason, 'mycorp/base:1: built on frolvlad/alpine-glibc');
  });
});
