// Image references: Docker Hub spellings, registries with ports, tags and digests.
import * as assert from 'node:assert/strict';
import { formatImageReference, parseImageReference } from '../../server/src/model/image-reference';

describe('model/image-reference', function () {
  const parsed = (text: string) => {
    const ref = parseImageReference(text);
    return ref && { name: ref.name, registry: ref.registry, tag: ref.tag, digest: ref.digest, official: ref.official };
  };

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
});
