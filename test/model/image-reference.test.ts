// Image references: Docker Hub spellings, registries with ports, tags and digests.
import * as assert from 'node:assert/strict';
import { formatImageReference, parseImageReference } from '../../server/src/model/image-reference';

describe('model/image-reference', function () {
  const parsed = (text: string) => {
    const ref = parseImageReference(text);
    return ref && { name: ref.name, registry: ref.registry, tag: ref.tag, digest: ref.digest, official: ref.official };
  };
  const problem = (text: string) => parseImageReference(text)?.problem;

  it('treats every Docker Hub spelling of an official image alike', function () {
    const expected = { name: 'alpine', registry: 'docker.io', tag: '3.20', digest: null, official: true };
    for (const text of [
      'alpine:3.20',
      'library/alpine:3.20',
      'docker.io/library/alpine:3.20',
      'index.docker.io/library/alpine:3.20',
      'docker.io/alpine:3.20',
    ]) {
      assert.deepEqual(parsed(text), expected, text);
    }
  });

  it('keeps namespaces, registries with ports and their case rules', function () {
    assert.deepEqual(parsed('Frolvlad/Alpine-Glibc'), {
      name: 'frolvlad/alpine-glibc',
      registry: 'docker.io',
      tag: null,
      digest: null,
      official: false,
    });
    assert.deepEqual(parsed('localhost:5000/team/app:1.2'), {
      name: 'localhost:5000/team/app',
      registry: 'localhost:5000',
      tag: '1.2',
      digest: null,
      official: false,
    });
    assert.deepEqual(parsed('gcr.io/distroless/cc-debian12:nonroot'), {
      name: 'gcr.io/distroless/cc-debian12',
      registry: 'gcr.io',
      tag: 'nonroot',
      digest: null,
      official: false,
    });
  });

  it('reads digests with and without a tag', function () {
    const digest = 'sha256:' + 'a'.repeat(64);
    assert.deepEqual(parsed(`alpine@${digest}`), { name: 'alpine', registry: 'docker.io', tag: null, digest, official: true });
    assert.deepEqual(parsed(`registry:5000/alpine:3.20@${digest}`)?.tag, '3.20');
    assert.equal(formatImageReference(parseImageReference(`docker.io/library/alpine:3.20@${digest}`)!), `alpine:3.20@${digest}`);
  });

  it('refuses what is not a reference', function () {
    for (const text of ['', '   ', 'alpine 3.20', ':3.20', '@sha256:abc'])
      assert.equal(parseImageReference(text), null, JSON.stringify(text));
  });

  it('drops library/ only from a one-part Docker Hub path', function () {
    assert.deepEqual(parsed('docker.io/library/team/app:1'), {
      name: 'library/team/app',
      registry: 'docker.io',
      tag: '1',
      digest: null,
      official: false,
    });
    assert.equal(parsed('mirror.example.com/library/alpine')?.name, 'mirror.example.com/library/alpine');
    assert.equal(parsed('registry.hub.docker.com/library/alpine')?.name, 'alpine');
  });

  it('tells a port from a tag, and localhost or an IPv6 host from a namespace', function () {
    assert.deepEqual(parsed('localhost/app'), { name: 'localhost/app', registry: 'localhost', tag: null, digest: null, official: false });
    assert.deepEqual(parsed('localhost'), { name: 'localhost', registry: 'docker.io', tag: null, digest: null, official: true });
    assert.deepEqual(parsed('registry:5000/app'), {
      name: 'registry:5000/app',
      registry: 'registry:5000',
      tag: null,
      digest: null,
      official: false,
    });
    assert.deepEqual(parsed('[::1]:5000/app:2'), {
      name: '[::1]:5000/app',
      registry: '[::1]:5000',
      tag: '2',
      digest: null,
      official: false,
    });
    assert.deepEqual(parsed('team/app:5000'), { name: 'team/app', registry: 'docker.io', tag: '5000', digest: null, official: false });
  });

  it('says why a registry would refuse a reference, and reads it all the same', function () {
    const digest = 'sha256:' + 'b'.repeat(64);
    for (const text of ['alpine', 'alpine:3.20', `alpine@${digest}`, 'alpine:Edge_1.2-x', 'team/a.b-c__d/e--f:1', 'localhost:5000/x/y'])
      assert.equal(problem(text), null, text);
    assert.equal(problem('Alpine:3.20'), 'is not a valid repository name');
    assert.equal(parsed('Alpine:3.20')?.name, 'alpine');
    assert.equal(problem('alpine:${TAG}'), 'contains an unexpanded variable');
    assert.equal(problem('alpine:'), 'has an invalid tag');
    assert.equal(problem('alpine:-x'), 'has an invalid tag');
    assert.equal(problem(`alpine:${'t'.repeat(129)}`), 'has an invalid tag');
    assert.equal(problem('alpine@'), 'has an invalid digest');
    assert.equal(problem('alpine@sha256:abc'), 'has an invalid digest');
    assert.equal(problem('bad_host.example.com/app'), 'has an invalid registry host');
    assert.equal(problem('team//app'), 'is not a valid repository name');
    assert.equal(problem('-team/app'), 'is not a valid repository name');
    assert.equal(problem(`team/${'a'.repeat(256)}`), 'is not a valid repository name');
  });
});
