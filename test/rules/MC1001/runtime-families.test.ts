// MC1001's base replacements keep the runtime an alpine-glibc image carried: one case per
// family, each fixed the way `--fix` does (safe fixes only) and analysed again.
import * as assert from 'node:assert/strict';
import { analyze, analyzeAndFix } from '../../../server/src/analyze';
import { stagesView } from '../../../server/src/cli/stages';
import { ALPINE_GLIBC_IMAGES } from '../../../server/src/knowledge/images';
import {
  findFamily,
  runtimeFromEnvironment,
  RUNTIME_FAMILIES,
  runtimeFromName,
  runtimeReplacement,
} from '../../../server/src/knowledge/runtime-images';
import { initRules } from '../helpers';

/** The text `--fix` leaves, which must be free of MC1001. */
function safeFix(text: string): string {
  const outcome = analyzeAndFix(text, {}, { unsafe: false });
  assert.deepEqual(
    outcome.analysis.findings.filter((f) => f.code === 'MC1001').map((f) => f.message),
    [],
    `MC1001 is still reported after --fix:\n${outcome.text}`,
  );
  return outcome.text;
}

function mc1001Fixes(text: string): { title: string; safety: string }[] {
  return analyze(text)
    .findings.filter((f) => f.code === 'MC1001')
    .flatMap((f) => f.fixes.map(({ title, safety }) => ({ title, safety })));
}

describe('MC1001 runtime families', function () {
  before(initRules);

  const CMD = 'COPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n';

  it('Oracle Server JRE 8 (anapsix) becomes a Temurin 8 JRE on musl, keeping bash', function () {
    assert.equal(
      safeFix(`FROM anapsix/alpine-java:8_server-jre\n${CMD}`),
      `FROM eclipse-temurin:8-jre-alpine\nRUN apk add --no-cache gcompat bash\n${CMD}`,
    );
  });

  it('an anapsix JDK tag becomes a Temurin JDK', function () {
    assert.match(safeFix('FROM anapsix/alpine-java:8_jdk\nRUN javac -version\n'), /^FROM eclipse-temurin:8-jdk-alpine\n/);
  });

  it('Oracle JDK 8 (frolvlad) becomes a Temurin 8 JDK', function () {
    assert.match(
      safeFix(`FROM frolvlad/alpine-oraclejdk8:slim\n${CMD}`),
      /^FROM eclipse-temurin:8-jdk-alpine\nRUN apk add --no-cache gcompat\n/,
    );
  });

  it('AdoptOpenJDK 11 alpine-jre keeps Java 11 and the JRE', function () {
    assert.match(safeFix(`FROM adoptopenjdk/openjdk11:alpine-jre\n${CMD}`), /^FROM eclipse-temurin:11-jre-alpine\n/);
  });

  it('jeanblanchard/java:jdk-8 keeps the JDK', function () {
    assert.match(safeFix(`FROM jeanblanchard/java:jdk-8\n${CMD}`), /^FROM eclipse-temurin:8-jdk-alpine\n/);
  });

  it('Node.js (sirmark/node) keeps its major', function () {
    assert.equal(
      safeFix('FROM sirmark/node:12-alpine-glibc\nCMD ["node", "app.js"]\n'),
      'FROM node:12-alpine\nRUN apk add --no-cache gcompat\nCMD ["node", "app.js"]\n',
    );
  });

  it('miniconda3 (no musl build) becomes its glibc build on Debian, and the message says so', function () {
    const text = 'FROM frolvlad/alpine-miniconda3\nRUN conda install -y numpy\n';
    const [finding] = analyze(text).findings.filter((f) => f.code === 'MC1001');
    assert.match(finding.message, /miniconda3, which has no musl build: use `continuumio\/miniconda3`, its glibc build on Debian/);
    assert.equal(safeFix(text), 'FROM continuumio/miniconda3\nRUN conda install -y numpy\n');
  });

  it('continuumio/miniconda3 alpine tags become the Debian image', function () {
    assert.equal(safeFix('FROM continuumio/miniconda3:4.7.10-alpine\n'), 'FROM continuumio/miniconda3\n');
  });

  it('plain glibc (frolvlad/alpine-glibc) becomes Alpine plus gcompat', function () {
    assert.equal(
      safeFix('FROM frolvlad/alpine-glibc:alpine-3.18\nCMD ["./app"]\n'),
      'FROM alpine:3.18\nRUN apk add --no-cache gcompat\nCMD ["./app"]\n',
    );
  });

  it('conda on Debian is unsafe when the Dockerfile calls apk', function () {
    const text = 'FROM frolvlad/alpine-miniconda3\nRUN apk add --no-cache git\n';
    assert.ok(mc1001Fixes(text).every((f) => f.safety === 'unsafe'));
    assert.equal(analyzeAndFix(text, {}, { unsafe: false }).text, text);
  });

  it('Python with extras (machinelearning) is offered for review only', function () {
    const fixes = mc1001Fixes('FROM frolvlad/alpine-python-machinelearning\nCMD ["python3"]\n');
    assert.equal(
      fixes[0].title,
      'Use python:3-alpine (Python 3 on musl): review, the Python minor version is not known; the image also carries NumPy, SciPy, scikit-learn and pandas built for this image',
    );
    assert.ok(fixes.every((f) => f.safety === 'unsafe'));
  });

  it('Mono is offered for review only', function () {
    const fixes = mc1001Fixes('FROM frolvlad/alpine-mono\nCMD ["mono", "app.exe"]\n');
    assert.match(fixes[0].title, /^Use mono:6\.12/);
    assert.ok(fixes.every((f) => f.safety === 'unsafe'));
  });

  it('IBM Java (OpenJ9) is offered for review: Temurin is HotSpot', function () {
    const fixes = mc1001Fixes('FROM ibmjava:8-jre-alpine\nCMD ["java"]\n');
    assert.match(fixes[0].title, /^Use eclipse-temurin:8-jre-alpine .*OpenJ9/);
    assert.ok(fixes.every((f) => f.safety === 'unsafe'));
  });

  it('a Java major Temurin does not publish on Alpine moves up to the next one, for review', function () {
    const fixes = mc1001Fixes('FROM adoptopenjdk/openjdk14:alpine\nCMD ["java"]\n');
    assert.match(fixes[0].title, /^Use eclipse-temurin:17-jdk-alpine .*no Java 14 Alpine image/);
    assert.equal(fixes[0].safety, 'unsafe');
  });

  it('a Dockerfile that uses the old JAVA_HOME gets the replacement for review only', function () {
    const fixes = mc1001Fixes('FROM anapsix/alpine-java:8\nCMD ["/opt/jdk/bin/java", "-jar", "/app.jar"]\n');
    assert.match(fixes[0].title, /uses \/opt\/jdk/);
    assert.ok(fixes.every((f) => f.safety === 'unsafe'));
  });

  it('an image whose runtime cannot be told gets only unsafe fixes', function () {
    for (const text of ['FROM mycorp/alpine-glibc:3.19\nCMD ["./app"]\n', 'FROM mycorp/alpine-glibc-openjdk:11\nCMD ["java"]\n']) {
      assert.ok(
        mc1001Fixes(text).every((f) => f.safety === 'unsafe'),
        text,
      );
      assert.equal(analyzeAndFix(text, {}, { unsafe: false }).text, text);
    }
    // The name still steers the replacement offered for review.
    assert.match(mc1001Fixes('FROM mycorp/alpine-glibc-openjdk:11\n')[0].title, /^Use eclipse-temurin:11-jdk-alpine/);
    assert.match(mc1001Fixes('FROM mycorp/alpine-glibc-graalvm:21\n')[0].title, /^Use ghcr\.io\/graalvm\/jdk-community:21/);
  });

  it('GraalVM without a published major is told apart', function () {
    assert.deepEqual(runtimeReplacement({ kind: 'graalvm', version: '21', from: 'name' })?.exact, true);
    assert.deepEqual(runtimeReplacement({ kind: 'graalvm', version: '19', from: 'name' })?.exact, false);
  });

  it('every known alpine-glibc image has a runtime family with a source URL', function () {
    for (const image of ALPINE_GLIBC_IMAGES) {
      const family = findFamily(image.repository, image.tagContains ?? '');
      assert.ok(family, `${image.repository} has no entry in RUNTIME_FAMILIES`);
    }
    for (const family of RUNTIME_FAMILIES) assert.match(family.source, /^https:\/\//, family.repository);
  });

  it('reads a runtime from a name and from an image environment', function () {
    assert.deepEqual(runtimeFromName('x/alpine-glibc-node', '14'), { kind: 'node', version: '14', from: 'name' });
    assert.deepEqual(runtimeFromName('x/alpine-glibc', '3.19'), { kind: 'none', from: 'name' });
    const env: Record<string, string> = { JAVA_VERSION: 'jdk-11.0.2+9', JAVA_HOME: '/opt/java/openjdk' };
    assert.deepEqual(
      runtimeFromEnvironment((n) => env[n]),
      {
        kind: 'java',
        version: '11',
        flavour: 'jdk',
        home: '/opt/java/openjdk',
        from: 'history',
      },
    );
    assert.equal(
      runtimeFromEnvironment(() => undefined),
      null,
    );
  });
});

describe('--print-stages names the runtime of an alpine-glibc base', function () {
  before(initRules);

  it('adds runtime only where one is carried', function () {
    const view = (text: string) =>
      stagesView([{ file: 'Dockerfile', text, findings: [], stages: analyze(text).model.stages }])[0].stages[0];
    assert.equal(view('FROM anapsix/alpine-java:8_jdk\n').runtime, 'Oracle Java 8 JDK');
    assert.equal(view('FROM frolvlad/alpine-miniconda3\n').runtime, 'miniconda3');
    assert.equal('runtime' in view('FROM frolvlad/alpine-glibc\n'), false);
    assert.equal('runtime' in view('FROM alpine:3.20\n'), false);
  });
});
