// `--format gitlab` is the codeclimate format under GitLab's name. GitLab reads only some
// of its fields and rejects or drops a report without them: each issue needs a
// description, a check_name, a fingerprint (unique: GitLab compares reports by it), a
// severity of info, minor, major, critical or blocker, and a location with a path relative
// to the project root and lines.begin. Checked here on the real command's output.
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { requireBuild, runMuslcheck, useProjects } from '../cli/helpers';

/** What GitLab's code quality report requires of each issue. */
const GITLAB_CODE_QUALITY = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          // Relative to the project root, as GitLab links it to the file in the merge request.
          path: { type: 'string', pattern: '^(?!/|\\./|[A-Za-z]:)[^\\\\]+$' },
          lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } },
        },
      },
    },
  },
};

const FILES = {
  'api/Dockerfile': 'FROM alpine:3.20\nRUN apk add --allow-untrusted glibc-2.35-r1.apk\nRUN apk add --allow-untrusted glibc-2.35-r1.apk\n',
  'web/base.Dockerfile': 'FROM frolvlad/alpine-glibc:alpine-3.17\n# muslcheck ignore=MC1006\nRUN echo\n',
  '.muslcheck.yaml': 'override:\n  error: [MC1001]\n  info: [MC1006]\n  style: [MC0002]\nreport-unused-pragmas: true\n',
};

describe('gitlab output format', () => {
  const project = useProjects();
  before(requireBuild);

  it("has GitLab's required fields, severities it knows, relative paths and unique fingerprints", () => {
    const cwd = project(FILES);
    const run = runMuslcheck(['--format', 'gitlab', '.'], { cwd });
    assert.equal(run.status, 1, run.stderr);
    const issues = JSON.parse(run.stdout) as { check_name: string; fingerprint: string; severity: string; location: { path: string } }[];
    const validate = new Ajv({ allErrors: true }).compile(GITLAB_CODE_QUALITY);
    assert.ok(validate(issues), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual([...new Set(issues.map((i) => i.severity))].sort(), ['critical', 'info', 'major', 'minor']);
    assert.deepEqual([...new Set(issues.map((i) => i.location.path))].sort(), ['api/Dockerfile', 'web/base.Dockerfile']);
    // The two identical lines of api/Dockerfile are two issues: their fingerprints differ.
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
    assert.equal(runMuslcheck(['--format', 'gitlab', '.'], { cwd }).stdout, run.stdout, 'fingerprints are stable across runs');
  });

  it('is the codeclimate format under a second name', () => {
    const cwd = project(FILES);
    assert.equal(runMuslcheck(['-f', 'gitlab', '.'], { cwd }).stdout, runMuslcheck(['-f', 'codeclimate', '.'], { cwd }).stdout);
  });
});
