// The GitHub Action's entry, run as the runner runs it: node action/index.js with INPUT_*
// variables and a GITHUB_OUTPUT file. The runner has only the action's checkout (action.yml
// and action/, with the committed bundle in action/dist): no build, no node_modules, no npm.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { makeProject, requireBuild } from './helpers';

const REPO = join(__dirname, '..', '..');
const ENTRY = join(REPO, 'action', 'index.js');

function runAction(cwd: string, inputs: Record<string, string>, entry = ENTRY, path = process.env.PATH ?? '') {
  const env: Record<string, string> = { PATH: path, HOME: cwd, XDG_CONFIG_HOME: join(cwd, '.xdg') };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  env.GITHUB_OUTPUT = join(cwd, 'github-output.txt');
  const result = spawnSync(process.execPath, [entry], { cwd, env, encoding: 'utf8' });
  let outputs = '';
  try {
    outputs = readFileSync(env.GITHUB_OUTPUT, 'utf8');
  } catch {
    // No output written.
  }
  return { ...result, outputs };
}

describe('GitHub Action', () => {
  const roots: string[] = [];
  before(requireBuild);
  after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('action.yml declares a node runtime and the inputs the entry reads', () => {
    const action = parseYaml(readFileSync(join(REPO, 'action.yml'), 'utf8'));
    assert.equal(action.runs.using, 'node20');
    assert.equal(action.runs.main, 'action/index.js');
    const entry = readFileSync(ENTRY, 'utf8');
    for (const name of Object.keys(action.inputs)) assert.ok(entry.includes(`input('${name}')`), `entry reads input ${name}`);
  });

  it('annotates findings, writes SARIF, sets outputs and fails the step', () => {
    const cwd = makeProject({ 'docker/Dockerfile': 'FROM frolvlad/alpine-glibc:alpine-3.17\n', 'ok/Dockerfile': 'FROM alpine:3.20\n' });
    roots.push(cwd);
    const result = runAction(cwd, { path: 'docker ok', 'sarif-file': 'muslcheck.sarif', annotate: 'true' });
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stdout,
      /^::warning file=docker\/Dockerfile,line=1,endLine=1,col=6,endColumn=38,title=MC1001 alpine-glibc-base-image::/m,
    );
    assert.match(result.stdout, /^::error title=muslcheck::muslcheck exited with status 1 \(findings\)$/m);
    const sarif = JSON.parse(readFileSync(join(cwd, 'muslcheck.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'docker/Dockerfile');
    assert.equal(result.outputs, 'sarif-file=muslcheck.sarif\nexit-code=1\n');
  });

  it('passes the failure threshold on, so warnings can pass the step', () => {
    const cwd = makeProject({ Dockerfile: 'FROM frolvlad/alpine-glibc:alpine-3.17\n' });
    roots.push(cwd);
    const result = runAction(cwd, { path: '', 'failure-threshold': 'error', annotate: 'true' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^::warning file=Dockerfile,/m);
    assert.equal(result.outputs, 'exit-code=0\n');
  });

  it('runs from a copy of the action alone, with nothing on PATH: no build, no npm, no registry', () => {
    const checkout = mkdtempSync(join(tmpdir(), 'muslcheck-action-'));
    roots.push(checkout);
    cpSync(join(REPO, 'action.yml'), join(checkout, 'action.yml'));
    cpSync(join(REPO, 'action'), join(checkout, 'action'), { recursive: true });
    const cwd = makeProject({ 'docker/Dockerfile': 'FROM frolvlad/alpine-glibc:alpine-3.17\n' });
    roots.push(cwd);
    const result = runAction(cwd, { path: 'docker', annotate: 'true' }, join(checkout, 'action', 'index.js'), '');
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^::warning file=docker\/Dockerfile,line=1,.*title=MC1001 alpine-glibc-base-image::/m);
    assert.equal(result.stderr, '');
  });

  it('runs the current build: action/dist is what npm run build made', () => {
    const check = spawnSync(process.execPath, [join(REPO, 'scripts', 'action-bundle.js'), '--check'], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });
});
