// Unit tests of the registry module's pure parts: registry requests from references, history
// rewriting, challenge parsing, the URL policy and credential lookup.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseChallenge } from '../../server/src/node/registry/auth';
import { credentialsFor } from '../../server/src/node/registry/credentials';
import { historyInstruction, historyToDockerfile, layerLabel } from '../../server/src/node/registry/history';
import { refuseUrl } from '../../server/src/node/registry/http';
import { isLoopbackHost, registryRef } from '../../server/src/node/registry/registry-ref';
import { tempDir } from './fixtures';

describe('registry: requests from image references', function () {
  const cases: [string, unknown][] = [
    ['alpine', { registry: 'registry-1.docker.io', repository: 'library/alpine', tag: 'latest' }],
    ['docker.io/frolvlad/alpine-glibc:3.19', { registry: 'registry-1.docker.io', repository: 'frolvlad/alpine-glibc', tag: '3.19' }],
    ['mycorp/base:1.4', { registry: 'registry-1.docker.io', repository: 'mycorp/base', tag: '1.4' }],
    ['localhost:5000/a/b', { registry: 'localhost:5000', repository: 'a/b', tag: 'latest' }],
    ['[::1]:5000/a:1', { registry: '[::1]:5000', repository: 'a', tag: '1' }],
    [`ghcr.io/o/i:1@sha256:${'a'.repeat(64)}`, { registry: 'ghcr.io', repository: 'o/i', digest: `sha256:${'a'.repeat(64)}` }],
    ['index.docker.io/library/alpine:3.20', { registry: 'registry-1.docker.io', repository: 'library/alpine', tag: '3.20' }],
    ['docker.io/library/team/app', { registry: 'registry-1.docker.io', repository: 'library/team/app', tag: 'latest' }],
    ['Mirror.Example.com/library/alpine:3.20', { registry: 'mirror.example.com', repository: 'library/alpine', tag: '3.20' }],
    ['localhost/app:Dev_1', { registry: 'localhost', repository: 'app', tag: 'Dev_1' }],
  ];
  for (const [text, want] of cases) {
    it(`parses ${text}`, function () {
      const got = registryRef(text);
      assert.ok(typeof got !== 'string', String(got));
      const { original, ...rest } = got;
      assert.equal(original, text);
      assert.deepEqual(rest, want);
    });
  }

  it('refuses what names no registry image', function () {
    assert.equal(registryRef('alpine:${TAG}'), 'alpine:${TAG} contains an unexpanded variable');
    assert.equal(registryRef('Alpine'), 'Alpine is not a valid repository name');
    assert.equal(registryRef('alpine@sha256:xyz'), 'alpine@sha256:xyz has an invalid digest');
    assert.equal(registryRef('alpine:'), 'alpine: has an invalid tag');
    assert.equal(registryRef(':3.20'), ':3.20 is not a valid image reference');
  });

  it('knows loopback hosts', function () {
    assert.deepEqual(
      ['127.0.0.1', '127.9.8.7', '::1', '[::1]', 'localhost', 'LOCALHOST', '128.0.0.1', '127.0.0.256', 'localhost.example.com'].map(
        isLoopbackHost,
      ),
      [true, true, true, true, true, true, false, false, false],
    );
  });
});

describe('registry: history to Dockerfile', function () {
  const cases: [string, string | undefined][] = [
    ['/bin/sh -c #(nop)  ENV GLIBC_VERSION=2.35-r1', 'ENV GLIBC_VERSION=2.35-r1'],
    ['/bin/sh -c #(nop) ADD file:abc123 in / ', 'ADD file:abc123 /'],
    ['/bin/sh -c #(nop) COPY dir:def in /app ', 'COPY dir:def /app'],
    ['/bin/sh -c #(nop)  CMD ["/bin/sh"]', 'CMD ["/bin/sh"]'],
    ['/bin/sh -c apk add --no-cache glibc-2.35-r1.apk', 'RUN apk add --no-cache glibc-2.35-r1.apk'],
    ['|2 A=1 B=two /bin/sh -c apk add x', 'RUN apk add x'],
    ['RUN /bin/sh -c apk add x # buildkit', 'RUN apk add x'],
    ['RUN |1 V=2 /bin/sh -c wget y # buildkit', 'RUN wget y'],
    ['/bin/bash -o pipefail -c curl z | sh', 'RUN curl z | sh'],
    ['COPY /src /dst # buildkit', 'COPY /src /dst'],
    ['ADD alpine-minirootfs-3.19.1-x86_64.tar.gz / # buildkit', 'ADD alpine-minirootfs-3.19.1-x86_64.tar.gz /'],
    ['Imported from -', '# Imported from -'],
    ['', undefined],
  ];
  for (const [createdBy, want] of cases) {
    it(`rewrites ${JSON.stringify(createdBy)}`, function () {
      assert.equal(historyInstruction(createdBy), want);
    });
  }

  it('maps every generated line to its history entry, continuing multi-line commands', function () {
    const history = [
      { createdBy: '/bin/sh -c #(nop) ADD file:a in / ', emptyLayer: false },
      { createdBy: '', emptyLayer: true },
      { createdBy: 'RUN /bin/sh -c set -e\napk add glibc-bin-2.35-r1.apk # buildkit', emptyLayer: false },
    ];
    const g = historyToDockerfile({ history }, 'mycorp/base:1.4');
    assert.equal(
      g.text,
      '# layers of mycorp/base:1.4\nFROM history.invalid/base\nADD file:a /\nRUN set -e \\\napk add glibc-bin-2.35-r1.apk\n',
    );
    assert.deepEqual(g.lineToHistory, [-1, -1, 0, 2, 2]);
    assert.deepEqual(
      [0, 1, 2].map((i) => layerLabel(history, i)),
      ['layer 1', 'step 2 (no layer)', 'layer 2'],
    );
  });
});

describe('registry: auth and transport policy', function () {
  it('parses Bearer challenges', function () {
    assert.deepEqual(
      parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"'),
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/alpine:pull',
        },
      },
    );
    assert.deepEqual(parseChallenge('Basic realm=basic-realm'), { scheme: 'basic', params: { realm: 'basic-realm' } });
  });

  it('allows https anywhere, and loopback (http too) only for a loopback registry', function () {
    assert.equal(refuseUrl(new URL('https://registry.example/v2/'), false), undefined);
    assert.equal(refuseUrl(new URL('http://127.0.0.1:5000/v2/'), true), undefined);
    assert.equal(refuseUrl(new URL('https://[::1]/v2/'), true), undefined);
    assert.match(refuseUrl(new URL('http://127.0.0.1:5000/v2/'), false) ?? '', /remote registry may not .* 127\.0\.0\.1:5000$/);
    assert.match(refuseUrl(new URL('https://localhost/'), false) ?? '', /remote registry may not .* localhost$/);
    assert.match(refuseUrl(new URL('http://10.0.0.1/v2/'), true) ?? '', /only for loopback registries, not 10\.0\.0\.1$/);
    assert.match(refuseUrl(new URL('ftp://127.0.0.1/'), true) ?? '', /unsupported URL scheme ftp:/);
  });

  it('binds docker config credentials to their own registry', function () {
    const tmp = tempDir('muslcheck-creds-');
    try {
      const file = path.join(tmp.dir, 'config.json');
      const auth = (s: string) => Buffer.from(s).toString('base64');
      fs.writeFileSync(
        file,
        JSON.stringify({
          auths: {
            'https://index.docker.io/v1/': { auth: auth('hubuser:hubpass') },
            'ghcr.io': { auth: auth('gh:tok:with:colons') },
            'quay.io': {},
          },
        }),
      );
      const hub = credentialsFor('registry-1.docker.io', file);
      assert.deepEqual(
        [hub?.username, hub?.password, [...(hub?.allowedAuthorities ?? [])]],
        ['hubuser', 'hubpass', ['registry-1.docker.io', 'auth.docker.io']],
      );
      const gh = credentialsFor('ghcr.io', file);
      assert.deepEqual([gh?.password, [...(gh?.allowedAuthorities ?? [])]], ['tok:with:colons', ['ghcr.io']]);
      assert.equal(credentialsFor('quay.io', file), undefined);
      assert.equal(credentialsFor('ghcr.io', path.join(tmp.dir, 'missing.json')), undefined);
    } finally {
      tmp.remove();
    }
  });
});
