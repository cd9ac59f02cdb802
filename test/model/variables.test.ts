// Docker's variable substitution: plain, braced, default and alternative forms.
import * as assert from 'node:assert/strict';
import { substitute } from '../../server/src/model/variables';
import { ExpansionLimits, MAX_EXPANDED_LENGTH, MAX_EXPANDED_TOTAL } from '../../server/src/parse/limits';

describe('model/variables', function () {
  const scope = new Map([
    ['TAG', '3.20'],
    ['EMPTY', ''],
  ]);
  const value = (text: string) => substitute(text, scope);

  it('expands $VAR and ${VAR}, keeping unknown ones as written', function () {
    assert.deepEqual(value('alpine:$TAG'), { value: 'alpine:3.20', unresolved: [], overLimit: null });
    assert.deepEqual(value('alpine:${TAG}-x'), { value: 'alpine:3.20-x', unresolved: [], overLimit: null });
    assert.deepEqual(value('glibc-${GLIBC_VERSION}.apk'), {
      value: 'glibc-${GLIBC_VERSION}.apk',
      unresolved: ['GLIBC_VERSION'],
      overLimit: null,
    });
    assert.deepEqual(value('$NOPE/x'), { value: '$NOPE/x', unresolved: ['NOPE'], overLimit: null });
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
    assert.deepEqual(value('${MISSING:-${TAG}}'), { value: '3.20', unresolved: [], overLimit: null });
  });

  it('honours the escape character and leaves lone dollars alone', function () {
    assert.equal(value('\\$TAG').value, '$TAG');
    assert.equal(substitute('`$TAG', scope, '`').value, '$TAG');
    assert.equal(value('cost: 5$').value, 'cost: 5$');
    assert.equal(value('${unterminated').value, '${unterminated');
  });

  it('keeps a value that would pass MAX_EXPANDED_LENGTH as written, and says so', function () {
    const half = new Map([['H', 'x'.repeat(MAX_EXPANDED_LENGTH / 2)]]);
    assert.equal(substitute('$H$H', half).value.length, MAX_EXPANDED_LENGTH);
    assert.equal(substitute('$H$H', half).overLimit, null);
    const past = substitute('-$H$H', half);
    assert.deepEqual([past.unresolved, past.overLimit], [['H'], 'length']);
    assert.ok(past.value === `-${half.get('H')}$H`, 'the second $H stays as written');
    // In a default too: what fits is expanded, the rest stays as written.
    const operand = substitute('${MISSING:--$H$H}', half);
    assert.equal(operand.overLimit, 'length');
    assert.ok(operand.value === `-${half.get('H')}$H`, 'the second $H stays as written');
  });

  it('stops following nested defaults past 64 levels', function () {
    const nested = (n: number) => `\${A:-`.repeat(n) + 'x' + '}'.repeat(n);
    assert.deepEqual(substitute(nested(64), scope), { value: 'x', unresolved: [], overLimit: null });
    assert.equal(substitute(nested(65), scope).overLimit, 'nesting');
    // Deep enough to overflow the stack if it were followed: a bound, not a crash.
    assert.equal(substitute(nested(20_000), scope).overLimit, 'nesting');
  });

  it('shares one budget over a document: past MAX_EXPANDED_TOTAL values stay as written', function () {
    const limits = new ExpansionLimits();
    const big = new Map([['B', 'x'.repeat(MAX_EXPANDED_LENGTH / 4)]]);
    const fits = MAX_EXPANDED_TOTAL / (MAX_EXPANDED_LENGTH / 4);
    for (let i = 0; i < fits; i++) assert.equal(substitute('$B', big, '\\', limits).overLimit, null);
    assert.deepEqual(substitute('$B', big, '\\', limits), { value: '$B', unresolved: ['B'], overLimit: 'length' });
    assert.equal(limits.spent, true);
    // Short values need no budget once it is spent only if they are empty.
    assert.equal(substitute('${EMPTY}', new Map([['EMPTY', '']]), '\\', limits).value, '');
  });
});
