// Docker's path patterns: Go's filepath.Match per segment, `**`, and .dockerignore's
// last-match-wins with `!` exceptions and folders covering what they hold.
import assert from 'node:assert/strict';
import { DockerIgnore, hasWildcard, matchPath, matchSegment, MAX_IGNORE_RULES, segments } from '../../server/src/parse/context-patterns';

describe('parse/context-patterns', () => {
  it('matches one segment as Go filepath.Match does', () => {
    const cases: [string, string, boolean][] = [
      ['abc', 'abc', true],
      ['*', 'abc', true],
      ['*c', 'abc', true],
      ['a*', 'a', true],
      ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
      ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
      ['a*b?c*x', 'abxbbxdbxebxczzx', true],
      ['a*b?c*x', 'abxbbxdbxebxczzy', false],
      ['ab[c]', 'abc', true],
      ['ab[b-d]', 'abc', true],
      ['ab[e-g]', 'abc', false],
      ['ab[^c]', 'abc', false],
      ['ab[^b-d]', 'abe', true],
      ['a\\*b', 'a*b', true],
      ['a\\*b', 'ab', false],
      ['a?b', 'a☺b', true],
      ['[\\-]', '-', true],
      ['[x\\-]', 'z', false],
      ['[', 'a', false],
      ['[^', 'a', false],
      ['a\\', 'a', false],
      ['*x', 'xxx', true],
    ];
    for (const [pattern, name, expected] of cases) assert.equal(matchSegment(pattern, name), expected, `${pattern} ~ ${name}`);
  });

  it('a long run of stars stays fast', () => {
    const start = process.hrtime.bigint();
    assert.equal(matchSegment('*a'.repeat(200) + 'b', 'a'.repeat(4000)), false);
    assert.ok(Number(process.hrtime.bigint() - start) / 1e6 < 2000);
  });

  it('matches paths segment by segment, ** across folders', () => {
    const m = (p: string, path: string) => matchPath(segments(p), segments(path));
    assert.ok(m('bin/*', 'bin/app'));
    assert.ok(!m('bin/*', 'bin/sub/app'));
    assert.ok(m('**/*.so', 'a/b/c.so'));
    assert.ok(m('**/*.so', 'c.so'));
    assert.ok(m('dist/**', 'dist/a/b'));
    assert.ok(!m('*.so', 'lib/c.so'));
    assert.ok(hasWildcard('bin/*') && !hasWildcard('bin/app'));
  });

  it('.dockerignore: comments, folders, exceptions, last match wins, leading slash', () => {
    const ignore = new DockerIgnore('# comment\n\n/node_modules\n*.log\n!keep.log\nbuild/**\n!build/keep/\n  tmp  \n');
    assert.ok(ignore.ignores('node_modules/x/y.js'), 'a folder covers its contents');
    assert.ok(ignore.ignores('debug.log'));
    assert.ok(!ignore.ignores('keep.log'));
    assert.ok(!ignore.ignores('sub/debug.log'), '*.log is for the top level only');
    assert.ok(ignore.ignores('build/out/app'));
    assert.ok(!ignore.ignores('build/keep/app'), 'an exception re-includes a folder');
    assert.ok(ignore.ignores('tmp/a'), 'surrounding blanks are trimmed');
    assert.ok(!ignore.ignores('src/main.go'));
    // Only a folder below which a `!` line could re-include something is worth walking.
    assert.ok(!ignore.mayIncludeBelow('node_modules'), '!keep.log and !build/keep/ reach nothing below it');
    assert.ok(ignore.mayIncludeBelow('build'));
    assert.ok(!ignore.mayIncludeBelow('build/keep'), 'the exception is the folder itself, not below it');
    assert.ok(!ignore.mayIncludeBelow('build/out'));
    assert.ok(!new DockerIgnore('a\n').mayIncludeBelow('a'));
    const wild = new DockerIgnore('node_modules\nvendor\n!*/keep.txt\n!vendor/**/LICENSE\n');
    assert.ok(wild.mayIncludeBelow('node_modules') && !wild.mayIncludeBelow('node_modules/a'));
    assert.ok(wild.mayIncludeBelow('vendor/a/b'));
    assert.ok(!wild.ignores('node_modules/keep.txt') && !wild.ignores('vendor/a/b/LICENSE'));
    const huge = new DockerIgnore(`${'x\n'.repeat(MAX_IGNORE_RULES)}last\n`);
    assert.ok(!huge.ignores('last'), 'lines past the limit are not read');
  });
});
