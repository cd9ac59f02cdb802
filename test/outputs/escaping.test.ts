// Escaping rules of the line-based formats, on values the shared fixture does not cover.
import assert from 'node:assert/strict';
import { escapeData, escapeProperty } from '../../server/src/outputs/github';
import { escapeXml } from '../../server/src/outputs/locations';

describe('format escaping', () => {
  it('github: percent-encodes %, CR and LF in messages, plus : and , in properties', () => {
    assert.equal(escapeData('100%\r\nnext: a,b'), '100%25%0D%0Anext: a,b');
    assert.equal(escapeProperty('a:b,c%d\n'), 'a%3Ab%2Cc%25d%0A');
  });

  it('xml: escapes markup, keeps line breaks as references and drops characters XML cannot hold', () => {
    assert.equal(escapeXml(`<a href="x">&'</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    assert.equal(escapeXml('a\u0000b\u001bc\nd\te'), 'abc&#10;d&#9;e');
  });
});
