// The --print-stages view: each stage's image, C library and why, as JSON.
import type { Stage } from '../model/model';
import type { FileResult } from '../outputs/types';

/** One stage as printed. */
export interface StageView {
  index: number;
  name: string | null;
  line: number;
  image: string | null;
  resolvedImage: string | null;
  parent: string | number | null;
  libc: string;
  glibcOnMusl: boolean;
  reason: string;
}

/** The stages of every file, ready for JSON.stringify. */
export function stagesView(results: readonly FileResult[]): { file: string; stages: StageView[] }[] {
  return results.map((result) => ({
    file: result.file,
    stages: result.stages.map((stage) => viewOf(result, stage)),
  }));
}

function viewOf(result: FileResult, stage: Stage): StageView {
  const line = result.text.slice(0, stage.from.span.start).split(/\r\n|\r|\n/).length;
  return {
    index: stage.index,
    name: stage.name,
    line,
    image: stage.imageText,
    resolvedImage: stage.resolvedImage,
    parent: stage.parent ? (stage.parent.name ?? stage.parent.index) : null,
    libc: stage.libc,
    glibcOnMusl: stage.glibcOnMusl,
    reason: stage.reason,
  };
}
