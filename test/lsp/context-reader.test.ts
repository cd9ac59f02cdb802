// The language server's build-context reader on a real folder: it reads after an analysis,
// asks for a new analysis only when the facts changed, and catches up with sources that
// changed while it was reading.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/analyze';
import { ContextReader } from '../../server/src/lsp/context-reader';
import { buildElf } from '../elf/build-elf';
import { initAnalyzerForTests } from './helpers';

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('lsp/context-reader', () => {
  before(initAnalyzerForTests);

  it('reads after an analysis, re-analyses on new facts only, and catches up with changed sources', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'muslcheck-reader-'));
    const glibc = buildElf({ bits: 64, endian: 'little', interpreter: '/lib64/ld-linux-x86-64.so.2', needed: ['libc.so.6'] });
    writeFileSync(join(folder, 'app'), glibc);
    writeFileSync(join(folder, 'notes.txt'), 'plain text\n');
    const changed: string[] = [];
    const reader = new ContextReader((uri) => changed.push(uri), 0);
    const location = { dockerfile: join(folder, 'Dockerfile'), folder };
    const model = (text: string) => analyze(text).model;

    reader.afterAnalysis('doc', model('FROM alpine\nCOPY notes.txt /\n'), location);
    await settle();
    assert.deepEqual(changed, [], 'a context without ELF files needs no second analysis');
    assert.deepEqual([...reader.factsFor('doc')!.matches.keys()], ['notes.txt']);

    reader.afterAnalysis('doc', model('FROM alpine\nCOPY app /\n'), location);
    // The sources change again while that read is in flight.
    reader.afterAnalysis('doc', model('FROM alpine\nCOPY app notes.txt /\n'), location);
    await settle();
    assert.deepEqual(changed, ['doc', 'doc'], 'new facts, then the sources that changed during the read');
    assert.equal(reader.factsFor('doc')!.matches.get('app')!.elf.length, 1);

    reader.forget('doc');
    assert.equal(reader.factsFor('doc'), undefined);
  });
});
