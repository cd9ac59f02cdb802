// The pragma injection grammar (syntaxes/muslcheck-pragma.injection.json), run through
// vscode-textmate and vscode-oniguruma, the engine VS Code tokenizes with. The Dockerfile
// grammar it is injected into is VS Code's; a small stand-in with the same shape (a comment
// is one `match` rule that starts at `#` and takes the whole line) is enough to check that
// the injection wins on pragma lines and leaves every other line alone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..');
const INJECTION_PATH = join(ROOT, 'syntaxes', 'muslcheck-pragma.injection.json');
const PRAGMA_SCOPE = 'muslcheck.pragma.injection';

const DOCKERFILE_STAND_IN = JSON.stringify({
  scopeName: 'source.dockerfile',
  patterns: [
    { match: '^\\s*(?i:(FROM|RUN|COPY|ARG|ENV))\\s', captures: { 1: { name: 'keyword.other.special-method.dockerfile' } } },
    { begin: '"', end: '"', name: 'string.quoted.double.dockerfile' },
    {
      match: '^(\\s*)((#).*$\\n?)',
      captures: {
        1: { name: 'punctuation.whitespace.comment.leading.dockerfile' },
        2: { name: 'comment.line.number-sign.dockerfile' },
        3: { name: 'punctuation.definition.comment.dockerfile' },
      },
    },
  ],
});

interface Token {
  text: string;
  scopes: string[];
}

let grammar: IGrammar;

/** Tokenizes lines in order, as an editor does, and returns each line's tokens. */
function tokenize(...lines: string[]): Token[][] {
  let state: StateStack = INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the token whose text is exactly `text`. */
function scopesOf(tokens: Token[], text: string): string[] {
  const token = tokens.find((t) => t.text === text);
  assert.ok(token, `no token ${JSON.stringify(text)} in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes;
}

function hasMuslcheckScope(tokens: Token[]): boolean {
  return tokens.some((t) => t.scopes.some((s) => s.endsWith('.muslcheck')));
}

describe('pragma injection grammar', () => {
  before(async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName) => {
        if (scopeName === 'source.dockerfile') return parseRawGrammar(DOCKERFILE_STAND_IN, 'dockerfile.json');
        if (scopeName === PRAGMA_SCOPE) return parseRawGrammar(readFileSync(INJECTION_PATH, 'utf8'), INJECTION_PATH);
        return null;
      },
      // What the manifest's `injectTo: ["source.dockerfile"]` tells VS Code.
      getInjections: (scopeName) => (scopeName === 'source.dockerfile' ? [PRAGMA_SCOPE] : undefined),
    });
    const loaded = await registry.loadGrammar('source.dockerfile');
    assert.ok(loaded);
    grammar = loaded;
  });

  it('scopes each part of an instruction pragma, and keeps it a comment', () => {
    const [tokens] = tokenize('# muslcheck ignore=MC1002,MC1006 # reason: vendor binary');
    for (const token of tokens) assert.ok(token.scopes.includes('comment.line.number-sign.dockerfile'), JSON.stringify(token));
    assert.ok(scopesOf(tokens, 'muslcheck').includes('keyword.control.directive.muslcheck'));
    assert.ok(scopesOf(tokens, 'ignore').includes('keyword.other.ignore.muslcheck'));
    assert.ok(scopesOf(tokens, '=').includes('keyword.operator.assignment.muslcheck'));
    assert.ok(scopesOf(tokens, 'MC1002').includes('variable.other.constant.rule-code.muslcheck'));
    assert.ok(scopesOf(tokens, ',').includes('punctuation.separator.rule-code.muslcheck'));
    assert.ok(scopesOf(tokens, 'MC1006').includes('variable.other.constant.rule-code.muslcheck'));
    assert.ok(scopesOf(tokens, ' reason: vendor binary').includes('meta.reason.muslcheck'));
  });

  it('scopes the stage and global forms, indented, without a space after #, in any case of muslcheck', () => {
    const [stage, global, tight] = tokenize(
      '  # muslcheck stage ignore=MC2001',
      '# MuslCheck global ignore=mc1006',
      '#muslcheck ignore=MC1003',
    );
    assert.ok(scopesOf(stage, 'stage').includes('storage.modifier.scope.muslcheck'));
    assert.ok(scopesOf(stage, 'MC2001').includes('variable.other.constant.rule-code.muslcheck'));
    assert.ok(scopesOf(global, 'global').includes('storage.modifier.scope.muslcheck'));
    assert.ok(scopesOf(global, 'mc1006').includes('variable.other.constant.rule-code.muslcheck'));
    assert.ok(scopesOf(global, 'MuslCheck').includes('keyword.control.directive.muslcheck'));
    assert.ok(scopesOf(tight, 'muslcheck').includes('keyword.control.directive.muslcheck'));
    assert.ok(scopesOf(tight, 'MC1003').includes('variable.other.constant.rule-code.muslcheck'));
  });

  it('marks what is not a rule code in the list as invalid', () => {
    const [tokens] = tokenize('# muslcheck ignore=MC1002,glibc');
    assert.ok(scopesOf(tokens, 'glibc').includes('invalid.illegal.rule-code.muslcheck'));
    assert.ok(!scopesOf(tokens, 'MC1002').includes('invalid.illegal.rule-code.muslcheck'));
  });

  it('leaves ordinary comments and look-alikes plain comments', () => {
    const lines = tokenize(
      '# install glibc so muslcheck ignore=MC1002 is needed',
      '# muslchecker ignore=MC1002',
      '# muslcheck: ignore=MC1002',
      '# muslcheck disable=MC1002',
      '# just a comment',
    );
    for (const tokens of lines) {
      assert.ok(!hasMuslcheckScope(tokens), JSON.stringify(tokens));
      assert.ok(tokens.every((t) => t.scopes.includes('comment.line.number-sign.dockerfile')));
    }
  });

  it('does not fire outside comments, and the line after a pragma tokenizes normally', () => {
    const [pragma, run, quoted] = tokenize('# muslcheck ignore=MC1002', 'RUN apk add glibc', 'RUN echo "# muslcheck ignore=MC1002"');
    assert.ok(hasMuslcheckScope(pragma));
    assert.ok(scopesOf(run, 'RUN').includes('keyword.other.special-method.dockerfile'));
    assert.ok(!hasMuslcheckScope(run));
    assert.ok(!hasMuslcheckScope(quoted), JSON.stringify(quoted));
  });
});
