// The shell reading on its own, below the rules: the script Docker hands to `/bin/sh -c`
// with every offset mapped back to the Dockerfile (shell-source), what tree-sitter-bash's
// tree becomes (shell-syntax), and how words are expanded against the variables in scope
// (shell-resolve).
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../server/src/parse/dockerfile';
import { parseShell, type ShellCommand, type ShellWord } from '../../server/src/parse/shell';
import { concatSources, joinContinuations, runHeaderSource, toDocumentSpan, verbatimSource } from '../../server/src/parse/shell-source';
import { MAX_SHELL_NESTING } from '../../server/src/parse/shell-syntax';
import { initRules } from '../rules/helpers';

/** The document text under each script character, as one string per run of kept text. */
function mappedText(doc: string, source: { text: string; offsets: Int32Array }): string {
  return [...source.text].map((c, i) => (doc[source.offsets[i]] === c ? c : '?')).join('');
}

/** The commands of a one-line script, with variables from `vars`. */
function commands(script: string, vars: Record<string, string> = {}): ShellCommand[] {
  return parseShell(verbatimSource(script, { start: 0, end: script.length }), (name) => vars[name]).commands;
}

const values = (words: readonly ShellWord[]): string[] => words.map((w) => w.value);

describe('parse/shell-source', () => {
  it('joins continuations as Docker does, dropping comment and blank lines inside them', () => {
    const doc = 'RUN apk add \\\n  # a comment\n\n    glibc \\  \r\n  && echo done';
    const source = joinContinuations(doc, { start: 4, end: doc.length }, '\\');
    assert.equal(source.text, 'apk add     glibc   && echo done');
    // Every character comes from the document character it was.
    assert.equal(mappedText(doc, source), source.text);
    assert.equal(source.offsets[source.text.length], doc.length);
  });

  it('honours another escape character, and leaves an escape that continues nothing', () => {
    const doc = 'RUN echo a`\n b \\n';
    assert.equal(joinContinuations(doc, { start: 4, end: doc.length }, '`').text, 'echo a b \\n');
    assert.equal(joinContinuations(doc, { start: 4, end: doc.length }, '\\').text, 'echo a`\n b \\n');
  });

  it('maps a span back to the document, never swallowing a removed continuation', () => {
    const doc = 'RUN apk add \\\n    glibc';
    const source = joinContinuations(doc, { start: 4, end: doc.length }, '\\');
    const at = (word: string): string => {
      const start = source.text.indexOf(word);
      const span = toDocumentSpan(source, start, start + word.length);
      return doc.slice(span.start, span.end);
    };
    assert.equal(at('glibc'), 'glibc');
    assert.equal(at('add '), 'add ');
    const empty = toDocumentSpan(source, 3, 3);
    assert.equal(empty.start, empty.end);
  });

  it('concatenates sources, each separator mapped to the end of the part before it', () => {
    const doc = 'abc_ef';
    const joined = concatSources([verbatimSource(doc, { start: 0, end: 3 }), verbatimSource(doc, { start: 4, end: 6 })], ' && ');
    assert.equal(joined.text, 'abc && ef');
    assert.deepEqual(Array.from(joined.offsets), [0, 1, 2, 3, 3, 3, 3, 4, 5, 6]);
  });

  it('reads a RUN with a here-document up to the body only', () => {
    const doc = 'FROM alpine\nRUN <<EOF cat > /etc/x\nhello\nEOF\n';
    const run = parseDockerfile(doc).instructions[1];
    assert.equal(runHeaderSource(doc, run, '\\')?.text.trim(), '<<EOF cat > /etc/x');
  });
});

describe('parse/shell-syntax and shell-resolve', () => {
  before(initRules);

  it('removes quotes from words and keeps what was written and where', () => {
    const script = `apk add "glibc-bin" 'x y' plain`;
    const [apk] = commands(script);
    assert.equal(apk.name?.value, 'apk');
    assert.deepEqual(values(apk.args), ['add', 'glibc-bin', 'x y', 'plain']);
    assert.deepEqual(
      apk.args.map((w) => [w.raw, w.quoted, script.slice(w.span.start, w.span.end)]),
      [
        ['add', false, 'add'],
        ['"glibc-bin"', true, '"glibc-bin"'],
        ["'x y'", true, "'x y'"],
        ['plain', false, 'plain'],
      ],
    );
  });

  it('marks the commands of the top-level && and ; sequence, not those in pipelines, || or compounds', () => {
    const found = commands('apk add a && cd /tmp; wget -O- x | sh || true; if true; then ls; fi; (pwd)');
    assert.deepEqual(
      found.map((c) => [c.name?.value, c.topLevel]),
      [
        ['apk', true],
        ['cd', true],
        ['wget', false],
        ['sh', false],
        ['true', false],
        ['true', false],
        ['ls', false],
        ['pwd', false],
      ],
    );
  });

  it('reads redirect targets and here-document bodies', () => {
    const found = commands('cat > /etc/apk/keys/k.pub <<EOF\nPEM\nEOF\n');
    const redirects = found.flatMap((c) => c.redirects);
    assert.ok(redirects.some((r) => r.target?.value === '/etc/apk/keys/k.pub'));
    assert.ok(redirects.some((r) => r.heredocBody?.text === 'PEM\n'));
  });

  it('expands known variables and defaults, and marks what it cannot know as dynamic', () => {
    const [wget] = commands('wget glibc-$V.apk ${V:-no} ${U:-def} ${V+alt} ${U+alt} $(uname -m) $UNK', { V: '2.35' });
    assert.deepEqual(
      wget.args.map((w) => [w.value, w.dynamic]),
      [
        ['glibc-2.35.apk', false],
        ['2.35', false],
        ['def', false],
        ['alt', false],
        ['${U+alt}', true],
        ['$(uname -m)', true],
        ['$UNK', true],
      ],
    );
  });

  it('lets an assignment in the script shadow the Dockerfile variable for the words after it', () => {
    const found = commands('echo $V && V=2.36 && echo $V', { V: '2.35' });
    assert.deepEqual(
      found.map((c) => [c.name?.value ?? null, c.assignments.map((a) => `${a.name}=${a.value?.value}`), values(c.args)]),
      [
        ['echo', [], ['2.35']],
        [null, ['V=2.36'], []],
        ['echo', [], ['2.36']],
      ],
    );
  });

  it('flags a script it had to recover from, and survives hostile nesting', () => {
    assert.equal(parseShell(verbatimSource('echo "open', { start: 0, end: 10 }), () => undefined).hasErrors, true);
    const deep = `echo ${'$('.repeat(MAX_SHELL_NESTING + 50)}x${')'.repeat(MAX_SHELL_NESTING + 50)}`;
    const script = parseShell(verbatimSource(deep, { start: 0, end: deep.length }), () => undefined);
    assert.equal(script.hasErrors, true);
    assert.equal(script.commands[0].name?.value, 'echo');
  });

  it('reads NUL and a byte order mark without moving any offset', () => {
    const script = 'apk\0 add x';
    const [apk] = commands(script);
    const x = apk.args[apk.args.length - 1];
    assert.equal(script.slice(x.span.start, x.span.end), 'x');
    const bom = '\uFEFFecho y';
    const [echo] = commands(bom);
    assert.equal(echo.name?.raw, '\uFEFFecho');
    assert.equal(bom.slice(echo.args[0].span.start, echo.args[0].span.end), 'y');
  });
});
