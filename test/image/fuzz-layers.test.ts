// Hostile layers for the streaming scan (seeded, a few hundred runs): valid layer tars of
// arbitrary members (ELF files among them, hostile ones too), then truncated, with bytes
// flipped, gzip'd or cut after gzip, fed in chunks of any size. The scan either gives its
// changes or fails with an ImageError that says why; nothing else escapes, and it never hangs.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { ImageError, ScanCounters, scanLayer } from '../../server/src/node/image/layer-scan';
import { hostileElf } from '../fuzz/elf-arbitraries';
import { tarOf, type LayerFile } from './build-image';

const SEED = 0x696d6167;

const member: fc.Arbitrary<LayerFile> = fc.oneof(
  fc.record({
    name: fc.constantFrom('usr/bin/app', '../../x', '/abs/path', 'a/.wh.b', 'a/.wh..wh..opq', 'n'.repeat(150)),
    content: hostileElf,
  }),
  fc.record({ name: fc.string({ maxLength: 20 }).map((s) => `dir/${s}`), content: fc.uint8Array({ maxLength: 2000 }) }),
  fc.record({
    name: fc.constantFrom('lib/link', 'loop'),
    type: fc.constant('symlink' as const),
    link: fc.constantFrom('/lib/link', '../../../etc', 'loop', ''),
  }),
  fc.record({ name: fc.constant('hard'), type: fc.constant('hardlink' as const), link: fc.constantFrom('usr/bin/app', 'missing') }),
);

const layer: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.array(member, { maxLength: 6 }),
    fc.nat(),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([files, cut, flips, mode]) => {
    let bytes: Uint8Array = tarOf(files);
    if (mode === 1) bytes = bytes.subarray(0, cut % (bytes.length + 1));
    if (mode === 2) {
      const copy = Buffer.from(bytes);
      for (const [at, value] of flips) copy[at % copy.length] = value;
      bytes = copy;
    }
    if (mode === 3) bytes = gzipSync(bytes);
    if (mode === 3 && flips.length) bytes = bytes.subarray(0, cut % (bytes.length + 1));
    return bytes;
  });

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('fuzz: hostile layers through the streaming scan', function () {
  this.timeout(60000);

  it('gives changes or an ImageError, at any chunk size', async function () {
    const outcomes = { read: 0, refused: 0, elf: 0 };
    await fc.assert(
      fc.asyncProperty(layer, fc.integer({ min: 1, max: 5000 }), async (bytes, size) => {
        try {
          const { changes } = await scanLayer(chunks(bytes, size), 0, new ScanCounters(1024 * 1024 * 1024), 'layer 1');
          outcomes.read++;
          if ([...changes.files.values()].some((f) => f.elf)) outcomes.elf++;
        } catch (error) {
          if (!(error instanceof ImageError)) throw error;
          outcomes.refused++;
          assert.match(error.message, /^layer 1/);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
    // The generator reaches both sides, and ELF facts in the layers that were read.
    assert.ok(outcomes.read > 30 && outcomes.refused > 30 && outcomes.elf > 10, JSON.stringify(outcomes));
  });
});
