// Docker's variable substitution: plain, braced, default and alternative forms.
import * as assert from 'node:assert/strict';
import { substitute } from '../../server/src/model/variables';

describe('model/variables', function () {
  const scope = new Map([
    ['TAG', '3.20'],
    ['EMPTY', ''],
  ]);
  const value = (text: string) => substitute(text, scope);

  it('expands $VAR and ${VAR}, keeping unknown ones as written', function () {
    assert.deepEqual(value('alpine:$TAG'), { value: 'alpine:3.20', unresolved: [] });
    assert.deepEqual(value('alpine:${TAG}-x'), { value: 'alpine:3.20-x', unresolved: [] });
    assert.deepEqual(value('glibc-${GLIBC_VERSION}.apk'), { value: 'glibc-${GLIBC_VERSION}.apk', unresolved: ['GLIBC_VERSION'] });
    assert.deepEqual(value('$NOPE/x'), { value: '$NOPE/x', unresolved: ['NOPE'] });
  });

  it('applies :- and - defaults, :+ and + alternatives', function () {
    assert.equal(value('${MISSING:-alpine:3.19}').value, 'alpine:3.19');
    assert.equal(value('${EMPTY:-fallback}').value, 'fallback');
    assert.equal(value('${EMPTY-fallback}').value, '');
    assert.equal(value('${TAG:-x}').value, '3.20');
    assert.equal(value('${TAG:+-alpine}').value, '-alpine');
    assert.equal(value('${EMPTY:+-alpine}').value, '');
    assert.equal(value('${EMPTY+set}').value, 'set');
    assert.equal(value('${MISSING:+x}').value, '');
    assert.deepEqual(value('${MISSING:-${TAG}}'), { value: '3.20', unresolved: [] });
  });

  it('honours the escape character and leaves lone dollars alone', function () {
    assert.equal(value('\\$TAG').value, '$TAG');
    assert.equal(substitute('`$TAG', scope, '`').value, '$TAG');
    assert.equal(value('cost: 5$').value, 'cost: 5$');
    assert.equal(value('${unterminated').value, '${unterminated');
  });
});
