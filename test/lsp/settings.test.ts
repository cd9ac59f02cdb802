// Reading the `muslcheck` settings section and merging it with configuration files.
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, readSettings, toAnalyzeOptions } from '../../server/src/lsp/features/settings';

describe('lsp/features/settings', () => {
  it('reads every setting, rule codes by code or slug', () => {
    const { settings, problems } = readSettings({
      enable: false,
      severity: { mc1001: 'error', 'glibc-apk-install': 'ignore' },
      buildArgs: { VERSION: '3.20', N: 1 },
      rules: ['MC1001', 'glibc-apk-install'],
      resolveImages: true,
      context: ' ../.. ',
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      enable: false,
      severity: { MC1001: 'error', MC1002: 'ignore' },
      buildArgs: { VERSION: '3.20', N: '1' },
      rules: ['MC1001', 'MC1002'],
      resolveImages: true,
      context: '../..',
    });
  });

  it('falls back to defaults for bad values and says what was wrong', () => {
    const { settings, problems } = readSettings({
      enable: 'yes',
      severity: { MC9999: 'error', MC1001: 'fatal' },
      buildArgs: [],
      rules: 'MC1001',
      context: 7,
    });
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, [
      'muslcheck.enable must be true or false, got string "yes"',
      'muslcheck.context must be a folder path, got number 7',
      'muslcheck.severity: unknown rule "MC9999"',
      'muslcheck.severity.MC1001 must be one of ignore|info|warning|error, got string "fatal"',
      'muslcheck.buildArgs must map names to strings, got a list',
      'muslcheck.rules must be a list of rule codes, got string "MC1001"',
    ]);
    assert.deepEqual(readSettings(null), { settings: DEFAULT_SETTINGS, problems: [] });
    assert.deepEqual(readSettings(42).problems, ['muslcheck settings must be an object, got number 42']);
  });

  it('puts editor settings over a configuration file, like command-line flags', () => {
    const { settings } = readSettings({ severity: { MC1001: 'error', MC1004: 'ignore' }, buildArgs: { V: 'editor' }, rules: ['MC1001'] });
    const options = toAnalyzeOptions(settings, {
      ignored: ['MC1006'],
      override: { info: ['MC1001', 'MC1003'] },
      'build-args': { V: 'file', W: 'file' },
      'report-unused-pragmas': true,
    });
    assert.deepEqual(options.ignored, ['MC1006', 'MC1004']);
    assert.deepEqual(options.severities, { MC1001: 'error', MC1003: 'info' });
    assert.deepEqual(options.buildArgs, { V: 'editor', W: 'file' });
    assert.deepEqual(options.only, ['MC1001']);
    assert.equal(options.reportUnusedPragmas, true);
    assert.equal(toAnalyzeOptions(DEFAULT_SETTINGS).only, undefined);
  });
});
