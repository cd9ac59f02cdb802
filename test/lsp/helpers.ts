// Shared set-up for the language server's unit tests: the analyzer with the bash grammar
// from node_modules, and analysed documents built by the real documents and scheduler.
import { readFileSync } from 'node:fs';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { join } from 'node:path';
import { initAnalyzer } from '../../server/src/analyze';
import type { ConfigLayer } from '../../server/src/config/types';
import type { DocumentAnalysis } from '../../server/src/lsp/analysis/document-analysis';
import { hasSafeFix } from '../../server/src/lsp/analysis/fix-all';
import { AnalysisScheduler } from '../../server/src/lsp/analysis/scheduler';
import { OpenDocuments } from '../../server/src/lsp/documents';
import { DEFAULT_SETTINGS, toAnalyzeOptions, type MuslcheckSettings } from '../../server/src/lsp/features/settings';
import type { PositionEncoding } from '../../server/src/lsp/position-encoding';

/** Loads the shell grammar; call from a `before` hook. */
export async function initAnalyzerForTests(): Promise<void> {
  await initAnalyzer({ grammar: readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')) });
}

/** The text of a fixture in test/lsp/fixtures. */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8');
}

/** How to analyse a test document. */
export interface AnalyseOptions {
  uri?: string;
  languageId?: string;
  version?: number;
  encoding?: PositionEncoding;
  settings?: MuslcheckSettings;
  file?: ConfigLayer | null;
}

/** Opens `text` as the server does and returns its analysis and the fix-all edit the server would offer. */
export async function analyseWithFixAll(
  text: string,
  options: AnalyseOptions = {},
): Promise<{ analysis: DocumentAnalysis; fixAll: TextEdit | null }> {
  const uri = options.uri ?? 'file:///project/Dockerfile';
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const encoding = options.encoding ?? 'utf-16';
  const documents = new OpenDocuments(encoding);
  const scheduler = new AnalysisScheduler({
    encoding,
    documents,
    settingsFor: async () => ({ settings, options: toAnalyzeOptions(settings, options.file ?? null) }),
    analyzed: () => undefined,
    failed: (_uri, error) => {
      throw error;
    },
  });
  scheduler.opened(
    documents.open({ textDocument: { uri, languageId: options.languageId ?? 'dockerfile', version: options.version ?? 1, text } }),
  );
  const analysis = (await scheduler.current(uri))!;
  const fixAll = analysis.result && hasSafeFix(analysis.result.findings) ? await scheduler.fixAll(analysis) : null;
  await scheduler.dispose();
  return { analysis, fixAll };
}

/** Opens `text` as the server does and returns its analysis. */
export async function analyse(text: string, options: AnalyseOptions = {}): Promise<DocumentAnalysis> {
  return (await analyseWithFixAll(text, options)).analysis;
}
