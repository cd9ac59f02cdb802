// Configuration text -> layer, and every kind of bad input -> an error at the right line.
import assert from 'node:assert/strict';
import { parseConfigText, MAX_CONFIG_LENGTH } from '../../server/src/config/validate';
import { FORMATTERS } from '../../server/src/outputs/index';

const FORMATS = FORMATTERS.map((f) => f.name);
const parse = (text: string, file = '.muslcheck.yaml') => parseConfigText(text, file, FORMATS);

function errorsOf(text: string, file?: string) {
  const result = parse(text, file);
  assert.ok('errors' in result, `expected errors for:\n${text}`);
  return result.errors;
}

describe('config/validate', () => {
  it('reads every key of a full YAML configuration', () => {
    const result = parse(`# team policy
ignored: [MC1006]
override:
  error: [MC1002]
  info:
    - MC1003
failure-threshold: warning
no-fail: false
format: sarif
build-args:
  BASE: "alpine:3.20"
images:
  - image: mycorp/base
    libc: musl
    glibcOnMusl: true
    reason: our base adds glibc
disable-ignore-pragma: true
report-unused-pragmas: true
`);
    assert.deepEqual(result, {
      layer: {
        ignored: ['MC1006'],
        override: { error: ['MC1002'], info: ['MC1003'] },
        'failure-threshold': 'warning',
        'no-fail': false,
        format: 'sarif',
        'build-args': { BASE: 'alpine:3.20' },
        images: [{ image: 'mycorp/base', libc: 'musl', glibcOnMusl: true, reason: 'our base adds glibc' }],
        'disable-ignore-pragma': true,
        'report-unused-pragmas': true,
      },
    });
  });

  it('reads JSON files, including a $schema key for editors', () => {
    const result = parse('{\n  "$schema": "./schema.json",\n  "ignored": ["MC1001"]\n}\n', '.muslcheck.json');
    assert.deepEqual(result, { layer: { $schema: './schema.json', ignored: ['MC1001'] } });
  });

  it('treats an empty file or one with only comments as an empty configuration', () => {
    assert.deepEqual(parse(''), { layer: {} });
    assert.deepEqual(parse('# nothing yet\n'), { layer: {} });
  });

  it('points an unknown key at its line and column, suggesting the near key', () => {
    const [error] = errorsOf('ignored: []\nfailure_threshold: error\n');
    assert.equal(error.file, '.muslcheck.yaml');
    assert.equal(error.line, 2);
    assert.equal(error.column, 1);
    assert.match(error.message, /unknown key 'failure_threshold' \(did you mean 'failure-threshold'\?\)/);
  });

  it('points a bad value inside a list at the item', () => {
    const [error] = errorsOf('ignored:\n  - MC1002\n  - MC9999\n');
    assert.deepEqual([error.line, error.column], [3, 5]);
    assert.match(error.message, /^ignored\[1\]: "MC9999" is not one of "MC0001"/);
  });

  it('says to quote a build-arg that YAML read as a number', () => {
    const [error] = errorsOf('build-args:\n  ALPINE: 3.20\n');
    assert.deepEqual([error.line, error.column], [2, 11]);
    assert.equal(error.message, 'build-args.ALPINE: expected a string, got number 3.2 (put it in quotes)');
  });

  it('reports wrong types, enum values and missing required keys', () => {
    assert.match(errorsOf('no-fail: "yes"\n')[0].message, /^no-fail: expected a boolean, got "yes"/);
    assert.match(errorsOf('failure-threshold: fatal\n')[0].message, /"fatal" is not one of "error", "warning", "info", "style", "none"/);
    assert.match(errorsOf('format: html\n')[0].message, /^format: "html" is not one of "text", "json", "sarif"/);
    const images = errorsOf('images:\n  - image: mycorp/base\n    libc: musl\n');
    assert.deepEqual([images[0].line, images[0].column, images[0].message], [2, 5, "images[0]: missing required key 'reason'"]);
    assert.match(errorsOf('ignored: MC1002\n')[0].message, /^ignored: expected a list, got "MC1002"/);
    assert.match(errorsOf('- MC1002\n')[0].message, /^configuration: expected a mapping, got a list/);
  });

  it('reports a code listed twice and every problem, not only the first', () => {
    const errors = errorsOf('ignored: [MC1002, MC1002]\nformat: html\n');
    assert.equal(errors.length, 2);
    assert.match(errors[0].message, /listed twice/);
    assert.equal(errors[1].line, 2);
  });

  it('reports YAML syntax errors and duplicate keys with their position', () => {
    const [dup] = errorsOf('format: text\nformat: json\n');
    assert.equal(dup.line, 2);
    assert.match(dup.message, /unique/);
    const [syntax] = errorsOf('ignored: [MC1002\n');
    assert.ok(syntax.line >= 1);
  });

  it('refuses an alias bomb quickly instead of expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'ignored: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    const [error] = errorsOf(bomb);
    assert.match(error.message, /alias/i);
  });

  it('refuses files over the size cap without parsing them', () => {
    const [error] = errorsOf(`# ${'x'.repeat(MAX_CONFIG_LENGTH)}\n`);
    assert.match(error.message, /larger than 256 KiB/);
  });

  it('accepts YAML anchors used a reasonable number of times', () => {
    assert.deepEqual(parse('override:\n  error: &strict [MC1002]\n  warning: []\nignored: *strict\n'), {
      layer: { override: { error: ['MC1002'], warning: [] }, ignored: ['MC1002'] },
    });
  });
});
