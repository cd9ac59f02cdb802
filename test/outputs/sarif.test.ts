// SARIF: valid against the official 2.1.0 schema (as shipped in @microsoft/jest-sarif),
// fingerprints that survive line shifts, and fixes GitHub can read.
import assert from 'node:assert/strict';
import AjvDraft04 from 'ajv-draft-04';
import { analyze } from '../../server/src/analyze';
import { formatter as sarif, toUri } from '../../server/src/outputs/sarif';
import type { FileResult } from '../../server/src/outputs/types';
import { RULES } from '../../server/src/rules/index';
import { initAnalyzerForTests } from '../config/init';
import { RESULTS } from './fixture';

// The rtm.5 schema is draft-04; its `language` pattern is not a valid unicode regex (an
// upstream erratum), so patterns are compiled without the u flag.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SCHEMA = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function validator() {
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/);
  ajv.addFormat('uri-reference', /^[^\s]*$/);
  ajv.addFormat('date-time', true);
  return ajv.compile(SCHEMA);
}

function analyzed(file: string, text: string): FileResult {
  const analysis = analyze(text);
  return { file, text, findings: analysis.findings, stages: analysis.model.stages, instructions: analysis.model.parsed.instructions };
}

const DOCKERFILE = `FROM alpine:3.20
RUN wget -q -O /etc/apk/keys/sgerrand.rsa.pub https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub && \\
    wget https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1/glibc-2.35-r1.apk && \\
    apk add --allow-untrusted glibc-2.35-r1.apk
FROM frolvlad/alpine-glibc:alpine-3.17
`;

describe('sarif format', () => {
  before(() => initAnalyzerForTests());

  it('passes the official SARIF 2.1.0 schema for the shared fixture and a real analysis', () => {
    const validate = validator();
    const notifications = [{ file: 'missing/Dockerfile', message: 'no such file or directory' }];
    for (const results of [RESULTS, [analyzed('Dockerfile', DOCKERFILE)], []]) {
      const log = JSON.parse(sarif.format(results, { color: false, version: '0.1.0', notifications }));
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    }
  });

  it('the validator does reject a broken log (so the check above can fail)', () => {
    const log = JSON.parse(sarif.format(RESULTS, { color: false, version: '0.1.0' }));
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    assert.equal(validator()(log), false);
  });

  it('lists every rule with id, name, descriptions, help URI and default level', () => {
    const log = JSON.parse(sarif.format([], { color: false, version: '0.1.0' }));
    assert.deepEqual(
      log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id),
      RULES.map((r) => r.meta.code),
    );
    for (const rule of log.runs[0].tool.driver.rules) {
      assert.match(rule.id, /^MC\d{4}$/);
      for (const key of ['name', 'helpUri']) assert.ok(rule[key], `${rule.id} ${key}`);
      assert.ok(rule.shortDescription.text && rule.fullDescription.text, rule.id);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
    }
  });

  it('keeps fingerprints when lines are added above, and changes them when the instruction changes', () => {
    const print = (text: string) =>
      JSON.parse(sarif.format([analyzed('Dockerfile', text)], { color: false, version: '0.1.0' })).runs[0].results.map(
        (r: { ruleId: string; partialFingerprints: Record<string, string> }) => `${r.ruleId} ${r.partialFingerprints['muslcheck/v1']}`,
      );
    const before = print(DOCKERFILE);
    assert.ok(before.length >= 3, before.join('\n'));
    const shifted = print(`# syntax=docker/dockerfile:1\n\nARG UNUSED=1\n${DOCKERFILE.replace('FROM frolvlad', '\n\nFROM   frolvlad')}`);
    assert.deepEqual(shifted, before);
    const changed = print(DOCKERFILE.replace('alpine-3.17', 'alpine-3.18'));
    assert.notDeepEqual(changed.at(-1), before.at(-1));
  });

  it('numbers identical findings in one file instead of giving them one fingerprint', () => {
    const text = 'FROM frolvlad/alpine-glibc\nFROM frolvlad/alpine-glibc\n';
    const prints = JSON.parse(sarif.format([analyzed('Dockerfile', text)], { color: false, version: '0.1.0' })).runs[0].results.map(
      (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['muslcheck/v1'],
    );
    assert.equal(prints.length, 2);
    assert.equal(prints[0].replace(/:1$/, ':2'), prints[1]);
  });

  it('writes relative paths as relative URIs and absolute ones as file URIs', () => {
    assert.equal(toUri('./services/api/Dockerfile'), 'services/api/Dockerfile');
    assert.equal(toUri('odd dir/a#b.Dockerfile'), 'odd%20dir/a%23b.Dockerfile');
    assert.equal(toUri('/srv/app/Dockerfile'), 'file:///srv/app/Dockerfile');
    assert.equal(toUri('C:\\app\\Dockerfile'), 'file:///C:/app/Dockerfile');
  });
});
