// Position encodings: UTF-16 passes through, UTF-8 counts bytes per line.
import assert from 'node:assert/strict';
import { negotiatePositionEncoding, PositionCodec, utf8Length } from '../../server/src/lsp/position-encoding';
import { LineIndex } from '../../server/src/parse/text';

describe('lsp/position-encoding', () => {
  it('picks UTF-8 whenever the client offers it, UTF-16 otherwise', () => {
    assert.equal(negotiatePositionEncoding(['utf-16', 'utf-8']), 'utf-8');
    assert.equal(negotiatePositionEncoding(['utf-32', 'utf-16']), 'utf-16');
    assert.equal(negotiatePositionEncoding(undefined), 'utf-16');
    assert.equal(negotiatePositionEncoding([]), 'utf-16');
  });

  it('counts bytes of ASCII, CJK, emoji and lone surrogates like Buffer does', () => {
    for (const text of ['abc', '中文', 'a🚀b', 'é', '\ud800x', 'x\udc00']) {
      assert.equal(utf8Length(text, 0, text.length), Buffer.byteLength(text, 'utf8'), JSON.stringify(text));
    }
  });

  it('converts both ways on a line with Chinese and an emoji, after a CRLF line', () => {
    const text = 'FROM alpine\r\nLABEL a="中🚀" b=1\n';
    const codec = new PositionCodec(new LineIndex(text), 'utf-8');
    const b = text.indexOf('b=1');
    // `LABEL a="` is 9 bytes, 中 3, 🚀 4, `" ` 2.
    assert.deepEqual(codec.toClient(b), { line: 1, character: 18 });
    assert.equal(codec.toOffset({ line: 1, character: 18 }), b);
    assert.deepEqual(codec.toClient(text.indexOf('🚀') + 2), { line: 1, character: 16 });
    // A byte inside a character resolves to the character's start.
    assert.equal(codec.toOffset({ line: 1, character: 14 }), text.indexOf('🚀'));
    // Past the end of a line or the document: clamped.
    assert.equal(codec.toOffset({ line: 0, character: 99 }), 'FROM alpine'.length);
    assert.equal(codec.toOffset({ line: 9, character: 0 }), text.length);
  });

  it('leaves UTF-16 positions as they are', () => {
    const text = 'LABEL a="🚀" b=1\n';
    const codec = new PositionCodec(new LineIndex(text), 'utf-16');
    assert.deepEqual(codec.toClient(text.indexOf('b=1')), { line: 0, character: text.indexOf('b=1') });
    assert.deepEqual(codec.rangeToSpan({ start: { line: 0, character: 1 }, end: { line: 0, character: 3 } }), { start: 1, end: 3 });
  });
});
