// The one fix-all loop on texts whose "analysis" is a table: what each text offers as fixes.
// That isolates the loop's own promises: it settles, stops at its pass limit, detects texts
// that come back, applies only the fixes the caller allows, and never corrupts the text.
import assert from 'node:assert/strict';
import { chooseFix, fixAll, MAX_FIX_PASSES, type FixAllInput } from '../../server/src/fixes/fix-all';
import type { Fix, FixSafety } from '../../server/src/fixes/types';

/** A fix replacing the whole of `from` with `to`. */
function replaceAll(from: string, to: string, safety: FixSafety = 'safe', preferred = false): Fix {
  return {
    title: `${from} -> ${to}`,
    safety,
    preferred,
    key: `${from}->${to}`,
    edits: [{ span: { start: 0, end: from.length }, newText: to }],
  };
}

/** An input whose findings are `table[text]`, one fix list per finding. */
function tableInput(table: Record<string, Fix[][]>, unsafe = false, maxPasses?: number): FixAllInput<string> & { analysed: string[] } {
  const analysed: string[] = [];
  return {
    analysed,
    unsafe,
    maxPasses,
    analyze(text) {
      analysed.push(text);
      return text;
    },
    fixesOf: (text) => table[text] ?? [],
  };
}

describe('fixes/fix-all', () => {
  it('applies fixes pass after pass until none is left', () => {
    const input = tableInput({ a: [[replaceAll('a', 'b')]], b: [[replaceAll('b', 'c')]] });
    const result = fixAll('a', input);
    assert.deepEqual(
      { text: result.text, analysis: result.analysis, applied: result.applied, passes: result.passes, stop: result.stop },
      { text: 'c', analysis: 'c', applied: 2, passes: 2, stop: 'settled' },
    );
    assert.deepEqual(input.analysed, ['a', 'b', 'c']);
  });

  it('detects fixes that undo each other and keeps the last new text', () => {
    const result = fixAll('a', tableInput({ a: [[replaceAll('a', 'b')]], b: [[replaceAll('b', 'a')]] }));
    assert.equal(result.stop, 'cycle');
    assert.equal(result.text, 'b');
    assert.equal(result.applied, 1);
    assert.equal(result.passes, 2);
  });

  it('detects a longer cycle too (a -> b -> c -> a)', () => {
    const table = { a: [[replaceAll('a', 'b')]], b: [[replaceAll('b', 'c')]], c: [[replaceAll('c', 'a')]] };
    const result = fixAll('a', tableInput(table));
    assert.deepEqual([result.stop, result.text, result.applied], ['cycle', 'c', 2]);
  });

  it('stops at the pass limit when every pass makes a new text', () => {
    const grow: FixAllInput<string> = {
      unsafe: false,
      analyze: (text) => text,
      fixesOf: (text) => [[{ ...replaceAll(text, `${text}x`), key: text }]],
    };
    const result = fixAll('', grow);
    assert.equal(result.stop, 'limit');
    assert.equal(result.passes, MAX_FIX_PASSES);
    assert.equal(result.text, 'x'.repeat(MAX_FIX_PASSES));
    assert.equal(fixAll('', { ...grow, maxPasses: 3 }).text, 'xxx');
  });

  it('says settled, not limit, when the last allowed pass left nothing', () => {
    const result = fixAll('a', tableInput({ a: [[replaceAll('a', 'b')]] }, false, 1));
    assert.deepEqual([result.stop, result.text], ['settled', 'b']);
  });

  it('applies unsafe fixes only when the caller allows them', () => {
    const table = { a: [[replaceAll('a', 'b', 'unsafe')]] };
    assert.deepEqual([fixAll('a', tableInput(table)).text, fixAll('a', tableInput(table)).stop], ['a', 'settled']);
    assert.equal(fixAll('a', tableInput(table, true)).text, 'b');
  });

  it('prefers the preferred allowed fix, else the first allowed one', () => {
    const safe = replaceAll('a', 'safe');
    const preferredUnsafe = replaceAll('a', 'unsafe', 'unsafe', true);
    assert.equal(chooseFix([preferredUnsafe, safe], false), safe);
    assert.equal(chooseFix([safe, preferredUnsafe], true), preferredUnsafe);
    assert.equal(chooseFix([preferredUnsafe], false), undefined);
    assert.equal(fixAll('a', tableInput({ a: [[preferredUnsafe, safe]] })).text, 'safe');
    assert.equal(fixAll('a', tableInput({ a: [[safe, preferredUnsafe]] }, true)).text, 'unsafe');
  });

  it('applies a change shared by several findings once, and overlapping ones in the next pass', () => {
    const insert = (at: number, text: string, key = `${at}:${text}`): Fix => ({
      title: text,
      safety: 'safe',
      preferred: true,
      key,
      edits: [{ span: { start: at, end: at + 1 }, newText: text }],
    });
    const table: Record<string, Fix[][]> = {
      ab: [[insert(0, 'A')], [insert(0, 'A')], [insert(0, 'Z', 'other')], [insert(1, 'B')]],
      AB: [],
    };
    // The third finding overlaps the first: the next analysis of `AB` no longer offers it.
    const result = fixAll('ab', tableInput(table));
    assert.deepEqual([result.text, result.applied, result.passes, result.stop], ['AB', 2, 1, 'settled']);
  });

  it('keeps the text when a fix overlaps itself instead of corrupting it', () => {
    const broken: Fix = {
      title: 'broken',
      safety: 'safe',
      preferred: true,
      key: 'broken',
      edits: [
        { span: { start: 0, end: 2 }, newText: 'x' },
        { span: { start: 1, end: 3 }, newText: 'y' },
      ],
    };
    const result = fixAll('abc', tableInput({ abc: [[broken]] }));
    assert.deepEqual([result.text, result.stop, result.applied], ['abc', 'overlap', 0]);
  });

  it('reuses an analysis the caller already has, and shows every pass', () => {
    const input = tableInput({ a: [[replaceAll('a', 'b')]] });
    const passes: string[] = [];
    const result = fixAll('a', { ...input, analysis: 'a', onPass: (p) => passes.push(`${p.before}>${p.after}:${p.fixes.length}`) });
    assert.equal(result.text, 'b');
    assert.deepEqual(input.analysed, ['b']);
    assert.deepEqual(passes, ['a>b:1']);
  });
});
