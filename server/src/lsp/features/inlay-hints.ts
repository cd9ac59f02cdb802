// Inlay hints: the C library of each stage, right after the image of its FROM line, so the
// libc of every stage can be read at a glance.
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import type { DocumentAnalysis } from '../analysis/document-analysis';
import type { StageSummary } from '../analysis/summary';

/** What a stage's libc reads as: `musl`, `glibc`, `none`, `unknown` or `glibc on musl!`. */
export function libcLabel(stage: Pick<StageSummary, 'glibcOnMusl' | 'libc'>): string {
  return stage.glibcOnMusl ? 'glibc on musl!' : stage.libc;
}

/** The hints of the FROM lines inside the requested range. */
export function provideInlayHints(analysis: DocumentAnalysis, params: InlayHintParams): InlayHint[] {
  const result = analysis.result;
  if (!result) return [];
  const range = analysis.codec.rangeToSpan(params.range);
  const hints: InlayHint[] = [];
  for (const stage of result.stages) {
    const image = stage.imageSpan;
    if (!image || image.end < range.start || image.end > range.end) continue;
    const hint: InlayHint = {
      position: analysis.codec.toClient(image.end),
      label: libcLabel(stage),
      kind: InlayHintKind.Type,
      paddingLeft: true,
    };
    if (stage.reason) hint.tooltip = stage.reason;
    hints.push(hint);
  }
  return hints;
}
