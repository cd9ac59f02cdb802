// The framing check beside the JSON-RPC reader: sound streams, however they are cut into
// chunks, pass; each kind of corrupt header is reported with where it starts.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FrameChecker, MAX_MESSAGE_BYTES } from '../../server/src/lsp/framing';

function frame(body: string, headers = ''): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`${headers}Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

/** What the checker says of `stream` cut at `cuts`. */
function check(stream: Buffer, cuts: number[] = []): string | null {
  const checker = new FrameChecker();
  let from = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < stream.length).sort((a, b) => a - b), stream.length]) {
    const problem = checker.push(stream.subarray(from, cut));
    if (problem) return problem;
    from = cut;
  }
  return null;
}

describe('lsp/framing', () => {
  it('passes sound streams however they are split, extra headers and non-ASCII bodies included', () => {
    const bodies = fc.array(fc.record({ body: fc.string({ unit: 'grapheme', minLength: 2 }), typed: fc.boolean() }), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(bodies, fc.array(fc.nat(2000)), (messages, cuts) => {
        const stream = Buffer.concat(
          messages.map(({ body, typed }) => frame(body, typed ? 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n' : '')),
        );
        assert.equal(check(stream, cuts), null);
      }),
    );
  });

  it('reads many messages in one chunk', () => {
    const stream = Buffer.concat(Array.from({ length: 10_000 }, (_, i) => frame(`{"jsonrpc":"2.0","method":"x","params":${i}}`)));
    assert.equal(check(stream), null);
  });

  it('reports each corrupt header with where it starts', () => {
    const first = frame('{"jsonrpc":"2.0","method":"initialized","params":{}}');
    const cases: [string, RegExp][] = [
      ['Content-Length: abc\r\n\r\n{}', /^Content-Length "abc" is not a byte count/],
      ['Content-Length: -5\r\n\r\n{}', /^Content-Length "-5" is not a byte count/],
      ['Content-Length: 0\r\n\r\n', /^Content-Length 0 is too small/],
      [`Content-Length: ${MAX_MESSAGE_BYTES + 1}\r\n\r\n{}`, /is over the 256 MiB a message may have/],
      ['Content-Type: x\r\n\r\n{}', /^no Content-Length header/],
      [`Content-Length: 2\r\n${'x'.repeat(5000)}`, /^no blank line within 4096 bytes/],
    ];
    for (const [corrupt, expected] of cases) {
      const problem = check(Buffer.concat([first, Buffer.from(corrupt, 'latin1')]), [first.length + 3]);
      assert.match(problem ?? 'none', expected, corrupt.slice(0, 30));
      assert.match(problem!, new RegExp(`\\(the header at byte ${first.length}\\)$`));
    }
    // A body shorter than its Content-Length, or a header without its blank line, shows at the next header.
    const next = frame('{"jsonrpc":"2.0","id":1,"method":"shutdown"}');
    assert.match(
      check(Buffer.concat([Buffer.from('Content-Length: 3\r\n\r\n{"jsonrpc":"2.0"}'), next]))!,
      /is not a header \(the header at byte 24\)$/,
    );
    assert.match(check(Buffer.concat([Buffer.from('Content-Length: 2\r\n{}'), next]))!, /^"\{\}Content-Length: \d+" is not a header/);
  });
});
