// The stage model: FROM resolution through ARGs and build args, parent stages, scopes,
// and RUN in every form turned into simple commands with document spans.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, initAnalyzer } from '../../server/src/analyze';

const model = (text: string, buildArgs?: Record<string, string>) => analyze(text, { buildArgs }).model;
const stages = (text: string, buildArgs?: Record<string, string>) =>
  model(text, buildArgs).stages.map((s) => ({
    name: s.name,
    image: s.resolvedImage,
    libc: s.libc,
    glibcOnMusl: s.glibcOnMusl,
    parent: s.parent?.index ?? null,
  }));

describe('model/stages', function () {
  before(async function () {
    await initAnalyzer({ grammar: readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')) });
  });

  it('resolves FROM through global ARGs, their default forms and build args', function () {
    const text =
      'ARG REG=docker.io\nARG BASE\nARG TAG=3.19\nFROM ${REG}/library/alpine:${TAG} AS a\nFROM ${BASE:-frolvlad/alpine-glibc} AS b\nFROM alpine${TAG:+:}${TAG}\n';
    assert.deepEqual(stages(text), [
      { name: 'a', image: 'alpine:3.19', libc: 'musl', glibcOnMusl: false, parent: null },
      { name: 'b', image: 'frolvlad/alpine-glibc', libc: 'musl', glibcOnMusl: true, parent: null },
      { name: null, image: 'alpine:3.19', libc: 'musl', glibcOnMusl: false, parent: null },
    ]);
    assert.deepEqual(
      stages(text, { TAG: '3.20', BASE: 'debian:12' }).map((s) => s.image),
      ['alpine:3.20', 'debian:12', 'alpine:3.20'],
    );
  });

  it('leaves an image with an unset ARG unknown, saying which', function () {
    const [stage] = model('ARG IMAGE\nFROM ${IMAGE}\nRUN apk add curl\n').stages;
    assert.equal(stage.libc, 'unknown');
    assert.match(stage.reason, /depends on \$IMAGE, which has no value here/);
    assert.equal(stage.usesApk, true);
  });

  it('follows FROM <stage> case-insensitively, through chains', function () {
    const text =
      'FROM frolvlad/alpine-glibc AS Base\nFROM base AS mid\nFROM MID\nFROM --platform=$BUILDPLATFORM golang:1.22@sha256:' +
      'b'.repeat(64) +
      '\n';
    assert.deepEqual(
      stages(text).map((s) => [s.libc, s.glibcOnMusl, s.parent]),
      [
        ['musl', true, null],
        ['musl', true, 0],
        ['musl', true, 1],
        ['glibc', false, null],
      ],
    );
    assert.match(model(text).stages[2].reason, /^via stage `mid` \(via stage `base`/);
  });

  it('scopes ARG and ENV per stage, with global defaults redeclared', function () {
    const m = model('ARG V=1\nFROM alpine\nARG V\nENV W=${V}-x\nRUN echo $W\nFROM alpine\nRUN echo $V\n');
    const [first, second] = m.stages;
    assert.equal(first.scope.get('W'), '1-x');
    assert.equal(second.scope.get('V'), undefined);
    assert.deepEqual(
      first.runs[0].commands[0].args.map((a) => a.value),
      ['1-x'],
    );
    assert.deepEqual(
      second.runs[0].commands[0].args.map((a) => a.value),
      ['$V'],
    );
  });

  it('reads RUN in shell, exec, heredoc and sh -c forms, with exact spans', function () {
    const text = [
      '# escape=`',
      'FROM alpine',
      'RUN apk add `',
      '  # a comment inside the continuation',
      '  glibc',
      'RUN ["/bin/sh", "-c", "apk add glibc-bin"]',
      'RUN <<EOF',
      'apk add glibc-i18n',
      'EOF',
      "run sh -c 'apk add glibc-dev'",
      'ONBUILD RUN apk add glibc',
      '',
    ].join('\r\n');
    const m = model(text);
    const words = m.stages[0].runs.flatMap((r) => r.commands.filter((c) => c.name?.value === 'apk').map((c) => c.args[1]));
    assert.deepEqual(
      words.map((w) => [w.value, text.slice(w.span.start, w.span.end)]),
      [
        ['glibc', 'glibc'],
        ['glibc-bin', 'glibc-bin'],
        ['glibc-i18n', 'glibc-i18n'],
        ['glibc-dev', 'glibc-dev'],
        ['glibc', 'glibc'],
      ],
    );
    assert.equal(m.parsed.escapeChar, '`');
    assert.ok(m.stages[0].runs[4].instruction.onbuild);
  });

  it('tracks shell variables set earlier in the same RUN', function () {
    const m = model('FROM alpine\nRUN V=2.35-r1 && F="glibc-$V.apk" && export G=${F} && apk add "$G"\n');
    const apk = m.stages[0].runs[0].commands.find((c) => c.name?.value === 'apk')!;
    assert.equal(apk.args[1].value, 'glibc-2.35-r1.apk');
  });

  it('survives a byte order mark and non-ASCII text with UTF-16 positions', function () {
    const text = '\uFEFFFROM alpine\n# 注释 😀\nRUN echo "😀" && apk add glibc\n';
    const result = analyze(text);
    const [finding] = result.findings;
    assert.equal(finding.code, 'MC1002');
    assert.equal(text.slice(finding.span.start, finding.span.end), 'glibc');
    assert.deepEqual(finding.range.start, { line: 2, character: text.split('\n')[2].indexOf('glibc') });
  });

  it('continues a line that ends in an escaped blank and the escape character, as Docker does', function () {
    // dockerfile-ast alone ends the RUN after `x\ \` and reads `&& apk` as an instruction.
    const text = 'FROM alpine\nRUN echo x\\ \\\n  && apk add glibc\nUSER nobody\n';
    const m = model(text);
    assert.deepEqual(
      m.parsed.instructions.map((i) => i.keyword),
      ['FROM', 'RUN', 'USER'],
    );
    assert.deepEqual(
      m.stages[0].runs[0].commands.map((c) => [c.name?.value, ...c.args.map((a) => a.value)]),
      [
        ['echo', 'x '],
        ['apk', 'add', 'glibc'],
      ],
    );
    // With a backtick escape (which sh then reads as a substitution) the lines join the same way.
    const backtick = '# escape=`\nFROM alpine\nRUN echo x` `\n  && apk add glibc\nUSER nobody\n';
    assert.deepEqual(
      model(backtick).parsed.instructions.map((i) => i.keyword),
      ['FROM', 'RUN', 'USER'],
    );
    for (const written of [text, backtick]) {
      const glibc = analyze(written).findings.find((f) => f.code === 'MC1002')!;
      assert.equal(written.slice(glibc.span.start, glibc.span.end), 'glibc');
    }
  });

  it('reads a byte order mark inside a RUN as the shell does: part of a word, wherever it is', function () {
    // tree-sitter skips one that starts its input; sh runs `\uFEFFapk`, which is not apk.
    const names = (run: string) => model(`FROM alpine\nRUN ${run}\n`).stages[0].runs[0].commands.map((c) => c.name?.raw);
    assert.deepEqual(names('\uFEFFapk add glibc'), ['\uFEFFapk']);
    assert.deepEqual(names('true && \uFEFFapk add glibc'), ['true', '\uFEFFapk']);
    assert.deepEqual(
      analyze('FROM alpine\nRUN \uFEFFapk add glibc\n').findings.map((f) => f.code),
      analyze('FROM alpine\nRUN true && \uFEFFapk add glibc\n').findings.map((f) => f.code),
    );
  });
});
