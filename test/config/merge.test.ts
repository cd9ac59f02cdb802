// Layer precedence (file < environment < command line) and the environment layer.
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, environmentLayer, failsAt, resolveConfig, toAnalyzeOptions } from '../../server/src/config/merge';
import { FORMATTERS } from '../../server/src/outputs/index';

const FORMATS = FORMATTERS.map((f) => f.name);

describe('config/merge', () => {
  it('gives the defaults when nothing is configured', () => {
    assert.deepEqual(resolveConfig([]), DEFAULT_CONFIG);
  });

  it('lets a higher layer override scalars and merges lists and maps', () => {
    const file = {
      ignored: ['MC1006'],
      override: { error: ['MC1002'], info: ['MC1003'] },
      'failure-threshold': 'error' as const,
      format: 'json',
      'build-args': { BASE: 'alpine', TAG: '3.19' },
      images: [{ image: 'a/b', libc: 'musl' as const, reason: 'file' }],
    };
    const env = { 'failure-threshold': 'warning' as const, override: { warning: ['MC1002'] } };
    const cli = {
      ignored: ['MC1001'],
      'build-args': { TAG: '3.20' },
      images: [{ image: 'a/b', libc: 'glibc' as const, reason: 'cli' }],
      'no-fail': true,
    };
    const resolved = resolveConfig([file, env, cli]);
    assert.deepEqual(resolved.ignored, ['MC1006', 'MC1001']);
    assert.deepEqual(resolved.severities, { MC1002: 'warning', MC1003: 'info' });
    assert.equal(resolved.failureThreshold, 'warning');
    assert.equal(resolved.format, 'json');
    assert.equal(resolved.noFail, true);
    assert.deepEqual(resolved.buildArgs, { BASE: 'alpine', TAG: '3.20' });
    // The command line's image fact is consulted first.
    assert.deepEqual(
      resolved.images.map((i) => i.reason),
      ['cli', 'file'],
    );
  });

  it('gives a code listed under two severities in one layer the more serious one', () => {
    assert.deepEqual(resolveConfig([{ override: { style: ['MC1002'], error: ['MC1002'] } }]).severities, { MC1002: 'error' });
  });

  it('turns the resolved configuration into analyzer options', () => {
    const options = toAnalyzeOptions(
      resolveConfig([{ ignored: ['MC1006'], 'disable-ignore-pragma': true, 'report-unused-pragmas': true }]),
    );
    assert.deepEqual(options.ignored, ['MC1006']);
    assert.equal(options.pragmas, false);
    assert.equal(options.reportUnusedPragmas, true);
  });

  it('fails only at or above the threshold', () => {
    assert.equal(failsAt('warning', 'error'), false);
    assert.equal(failsAt('error', 'error'), true);
    assert.equal(failsAt('warning', 'warning'), true);
    assert.equal(failsAt('style', 'info'), false);
    assert.equal(failsAt('style', 'style'), true);
    assert.equal(failsAt('error', 'none'), false);
  });

  describe('environment layer', () => {
    it('reads MUSLCHECK_* variables, lists comma-separated and case-insensitive', () => {
      const result = environmentLayer(
        {
          MUSLCHECK_IGNORED: 'mc1006, MC1001',
          MUSLCHECK_OVERRIDE_ERROR: 'MC1002',
          MUSLCHECK_FAILURE_THRESHOLD: 'error',
          MUSLCHECK_NO_FAIL: 'true',
          MUSLCHECK_FORMAT: 'gnu',
          MUSLCHECK_DISABLE_IGNORE_PRAGMA: '0',
          MUSLCHECK_REPORT_UNUSED_PRAGMAS: '',
          HOME: '/root',
        },
        FORMATS,
      );
      assert.deepEqual(result, {
        layer: {
          ignored: ['MC1006', 'MC1001'],
          override: { error: ['MC1002'] },
          'failure-threshold': 'error',
          'no-fail': true,
          format: 'gnu',
          'disable-ignore-pragma': false,
        },
      });
    });

    it('names the variable in errors', () => {
      const result = environmentLayer({ MUSLCHECK_NO_FAIL: 'maybe', MUSLCHECK_OVERRIDE_INFO: 'MC1234', MUSLCHECK_FORMAT: 'xml' }, FORMATS);
      assert.ok('errors' in result);
      const messages = result.errors.map((e) => e.message);
      assert.equal(messages[0], "MUSLCHECK_NO_FAIL: expected true or false, got 'maybe'");
      assert.ok(
        messages.some((m) => m.startsWith('MUSLCHECK_OVERRIDE_INFO: "MC1234" is not one of')),
        messages.join('\n'),
      );
      assert.ok(
        messages.some((m) => m.startsWith('MUSLCHECK_FORMAT: "xml" is not one of')),
        messages.join('\n'),
      );
      assert.ok(result.errors.every((e) => e.file === 'environment'));
    });
  });
});
