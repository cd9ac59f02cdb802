// Network consent in configuration merging: a repository's file asks, only the user's own
// sources (user-level file, --config, environment, flags, editor settings) answer.
import * as assert from 'node:assert/strict';
import { withNetworkConsent } from '../../server/src/config/consent';
import { resolveConfig } from '../../server/src/config/merge';
import type { ConfigLayer } from '../../server/src/config/types';

const resolved = (repository: ConfigLayer | null, user: ConfigLayer | null, higher: ConfigLayer[] = []) => {
  const { layers, unansweredRequest } = withNetworkConsent(repository, user, higher);
  return { resolveImages: resolveConfig(layers).resolveImages, unansweredRequest, config: resolveConfig(layers) };
};

describe('config/consent', function () {
  it('a repository file cannot turn lookups on, and its request is unanswered', function () {
    const r = resolved({ 'resolve-images': true, ignored: ['MC1006'] }, null);
    assert.deepEqual([r.resolveImages, r.unansweredRequest], [false, true]);
    // Everything else in the file still applies.
    assert.deepEqual(r.config.ignored, ['MC1006']);
  });

  it('the user-level file, the environment or a flag consent', function () {
    for (const [user, higher] of [
      [{ 'resolve-images': true }, []],
      [null, [{ 'resolve-images': true }]],
      [{}, [{}, { 'resolve-images': true }]],
    ] as [ConfigLayer | null, ConfigLayer[]][]) {
      const r = resolved({ 'resolve-images': true }, user, higher);
      assert.deepEqual([r.resolveImages, r.unansweredRequest], [true, false]);
    }
  });

  it('an explicit no from the user answers the request without lookups', function () {
    const r = resolved({ 'resolve-images': true }, { 'resolve-images': false });
    assert.deepEqual([r.resolveImages, r.unansweredRequest], [false, false]);
  });

  it("a repository's no stands against the user-level file, not against a flag", function () {
    assert.equal(resolved({ 'resolve-images': false }, { 'resolve-images': true }).resolveImages, false);
    assert.equal(resolved({ 'resolve-images': false }, null, [{ 'resolve-images': true }]).resolveImages, true);
  });

  it('beside a repository file, only the user-level file’s network answer counts', function () {
    const r = resolved({ ignored: ['MC1002'] }, { 'resolve-images': true, ignored: ['MC1001'], format: 'json' });
    assert.deepEqual([r.resolveImages, r.config.ignored, r.config.format], [true, ['MC1002'], 'text']);
  });

  it('without a repository file, the user-level file counts in full', function () {
    const r = resolved(null, { 'resolve-images': true, ignored: ['MC1001'] });
    assert.deepEqual([r.resolveImages, r.unansweredRequest, r.config.ignored], [true, false, ['MC1001']]);
  });
});
