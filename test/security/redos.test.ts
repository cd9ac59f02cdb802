// No catastrophic regular expressions: every regex in server/src (found with the TypeScript
// compiler API) goes through the recheck ReDoS analyser. recheck runs offline: its native
// build when npm installed it for this platform, else its pure-JS build.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkSync, type Diagnostics } from 'recheck';
import { findRegexes, type FoundRegex } from './regexes';

const SOURCES = join(__dirname, '..', '..', 'server', 'src');

/**
 * Regexes recheck finds polynomial (O(n²) or worse on a crafted input) that remain: they only
 * read registry answers, which are fetched on request and size-capped. The test fails when one
 * is fixed, so the entry goes, and when a new one appears anywhere.
 */
const KNOWN_POLYNOMIAL: readonly { file: string; source: string; input: string }[] = [
  {
    file: 'node/registry/auth.ts',
    source: String.raw`([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))`,
    input: 'a registry WWW-Authenticate header (opt-in lookups only)',
  },
  {
    file: 'node/registry/history.ts',
    source: String.raw`^(?:\|\d+\s+.*?\s)?(?:\/usr)?(?:\/bin\/)?(?:ba|a|da)?sh(?:\s+-[a-z]+(?:\s+pipefail)?)*\s+-c\s+`,
    input: 'an image history entry from a registry (opt-in lookups only, config blob capped at 8 MiB)',
  },
  {
    file: 'node/registry/history.ts',
    source: String.raw`^(ADD|COPY)\s+(.*?)\s+in\s+(\S+)\s*$`,
    input: 'an image history entry from a registry (opt-in lookups only, config blob capped at 8 MiB)',
  },
];

/** Template interpolations checked by hand: they cannot add regex syntax. */
const REVIEWED_INTERPOLATIONS: readonly { file: string; expression: string; why: string }[] = [
  { file: 'fixes/gcompat-install.ts', expression: "escapeChar === '\\\\' ? '\\\\\\\\' : '`'", why: 'one of two fixed, escaped strings' },
  { file: 'model/glibc-evidence.ts', expression: 'source', why: 'globPattern escapes every character it copies from the glob' },
];

const fileOf = (regex: FoundRegex): string => regex.where.replace(/:\d+$/, '');
const describeRegex = (regex: FoundRegex): string => `${regex.where} /${regex.source}/${regex.flags}`;

describe('security: no catastrophic regular expressions', function () {
  this.timeout(120_000);
  const regexes = findRegexes(SOURCES);
  const diagnostics = new Map<FoundRegex, Diagnostics>();

  before(() => {
    for (const regex of regexes.filter((r) => !r.opaque)) {
      diagnostics.set(regex, checkSync(regex.source, regex.flags, { timeout: 10_000, randomSeed: 0 }));
    }
  });

  it('finds the regexes of the sources', () => {
    assert.ok(regexes.length > 50, `only ${regexes.length} regexes found: is the extraction broken?`);
    assert.ok(regexes.some((r) => r.interpolations.length > 0));
    assert.ok(regexes.some((r) => r.where.startsWith('config/schema.ts')));
  });

  it('every regex is linear, except the known polynomial ones', () => {
    const unsafe = [...diagnostics]
      .filter(([, d]) => d.status !== 'safe')
      .map(([regex, d]) => ({ regex, d }))
      .filter(
        ({ regex, d }) =>
          !(d.status === 'vulnerable' && KNOWN_POLYNOMIAL.some((k) => k.file === fileOf(regex) && k.source === regex.source)),
      );
    assert.deepEqual(
      unsafe.map(
        ({ regex, d }) =>
          `${describeRegex(regex)}: ${d.status}${d.status === 'vulnerable' ? ` (${d.complexity.summary}, attack ${JSON.stringify(d.attack.pattern)})` : ''}`,
      ),
      [],
    );
  });

  it('no regex is exponential', () => {
    const exponential = [...diagnostics].filter(([, d]) => d.status === 'vulnerable' && d.complexity.type === 'exponential');
    assert.deepEqual(
      exponential.map(([regex]) => describeRegex(regex)),
      [],
    );
  });

  it('every known polynomial regex is still there and still polynomial (remove fixed ones)', () => {
    for (const known of KNOWN_POLYNOMIAL) {
      const matches = [...diagnostics].filter(([regex]) => fileOf(regex) === known.file && regex.source === known.source);
      assert.ok(matches.length > 0, `${known.file} /${known.source}/ is gone: remove it from KNOWN_POLYNOMIAL`);
      for (const [regex, d] of matches) assert.equal(d.status, 'vulnerable', `${describeRegex(regex)} is now ${d.status}: remove it`);
    }
  });

  it('regexes built from text escape every interpolation', () => {
    const unreviewed = regexes.flatMap((regex) =>
      regex.interpolations
        .filter((expression) => !/^escape\w*\(/i.test(expression))
        .filter((expression) => !REVIEWED_INTERPOLATIONS.some((r) => r.file === fileOf(regex) && r.expression === expression))
        .map((expression) => `${regex.where}: \${${expression}}`),
    );
    assert.deepEqual(unreviewed, []);
  });

  it('no regex is built from an expression that cannot be checked', () => {
    assert.deepEqual(
      regexes.filter((r) => r.opaque && !(r.where.startsWith('config/validate.ts') && r.source === 'schema.pattern')).map(describeRegex),
      [],
      'config/validate.ts compiles the schema patterns, which this test checks as `pattern:` strings',
    );
  });
});
