// MC0001 (unreadable pragma) and MC0002 (pragma code that suppresses nothing), through the
// real analyzer.
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analyze';
import { initRules } from './helpers';

const DOCKERFILE = `FROM alpine:3.20
# muslcheck ignore=MC1002,MC1003 # we ship our own glibc for now
RUN apk add --allow-untrusted glibc-2.35-r1.apk
# muslcheck ignroe=MC1006
RUN apk add --no-cache curl
# muslcheck global ignore=MC1004
`;

describe('pragma findings (MC0001, MC0002)', () => {
  before(initRules);

  const codesAt = (findings: { code: string; range: { start: { line: number } } }[]) =>
    findings.map((f) => `${f.range.start.line + 1}:${f.code}`);

  it('reports a malformed pragma as MC0001 on its line', () => {
    const { findings } = analyze(DOCKERFILE);
    const invalid = findings.filter((f) => f.code === 'MC0001');
    assert.deepEqual(codesAt(invalid), ['4:MC0001']);
    assert.match(invalid[0].message, /unknown muslcheck pragma 'ignroe'/);
    assert.equal(invalid[0].rule, 'invalid-pragma');
  });

  it('reports unused pragma codes as MC0002 only on request', () => {
    assert.equal(analyze(DOCKERFILE).findings.filter((f) => f.code === 'MC0002').length, 0);
    const unused = analyze(DOCKERFILE, { reportUnusedPragmas: true }).findings.filter((f) => f.code === 'MC0002');
    // MC1002 suppressed the glibc install; MC1003 and the global MC1004 suppress nothing.
    assert.deepEqual(codesAt(unused), ['2:MC0002', '6:MC0002']);
    assert.match(unused[0].message, /ignore=MC1003` suppresses nothing/);
    assert.match(unused[1].message, /global ignore=MC1004` suppresses nothing: no MC1004 finding in this file/);
  });

  it('says nothing about pragmas when they are disabled, and then reports what they hid', () => {
    const { findings } = analyze(DOCKERFILE, { pragmas: false, reportUnusedPragmas: true });
    assert.ok(!findings.some((f) => f.code === 'MC0001' || f.code === 'MC0002'));
    assert.ok(findings.some((f) => f.code === 'MC1002'));
  });

  it('honours ignored and severity overrides for its own codes', () => {
    assert.ok(!analyze(DOCKERFILE, { ignored: ['MC0001'] }).findings.some((f) => f.code === 'MC0001'));
    const [invalid] = analyze(DOCKERFILE, { severities: { MC0001: 'error' } }).findings.filter((f) => f.code === 'MC0001');
    assert.equal(invalid.severity, 'error');
  });
});
