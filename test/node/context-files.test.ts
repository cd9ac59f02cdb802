// The build context read for COPY sources: an ignored folder is walked only when a `!` line
// of .dockerignore could re-include something below it, so node_modules does not use up
// the bound on files looked at before later sources are read.
import * as assert from 'node:assert/strict';
import { clearContextCache, readContextFacts } from '../../server/src/node/context-files';
import { useProjects } from '../cli/helpers';

describe('node/context-files: ignored folders', function () {
  const project = useProjects();
  const context = (dockerignore: string): string => {
    const files: Record<string, string> = { '.dockerignore': dockerignore, 'keep.txt': 'kept', 'bin/app': 'app' };
    for (let i = 0; i < 60; i++) files[`node_modules/pkg${i}/index.js`] = 'module.exports = 1;\n';
    return project(files);
  };
  beforeEach(clearContextCache);

  it('skips an ignored folder that no exception reaches, with `!` lines present', async function () {
    const root = context('node_modules\n*.md\n!keep.txt\n');
    for (const first of ['.', '*', 'node_modules']) {
      const facts = await readContextFacts(root, null, [first, 'bin/app'], { maxFiles: 20 });
      assert.equal(facts.limit, null, `${first}: looked at ${facts.filesVisited} files`);
      assert.equal(facts.matches.get('bin/app')?.files, 1, first);
      assert.ok(facts.filesVisited < 20, `${first}: looked at ${facts.filesVisited} files`);
    }
  });

  it('walks an ignored folder when an exception may re-include below it', async function () {
    for (const exception of ['!node_modules/pkg7/index.js', '!*/pkg7', '!**/index.js']) {
      const root = context(`node_modules\n${exception}\n`);
      const facts = await readContextFacts(root, null, ['.']);
      assert.equal(facts.limit, null);
      const files = facts.matches.get('.')?.files ?? 0;
      const expected = exception === '!**/index.js' ? 63 : 4;
      assert.equal(files, expected, `${exception}: ${files} files`);
    }
  });
});
