// The --print-stages view: each stage's image, C library and why, as JSON.
import { describeRuntime } from '../knowledge/runtime-images';
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
  /** For an alpine-glibc base: the runtime it carries (`Oracle Java 8 JRE`), when it can be told. */
  runtime?: string;
  /** The libc flow into this stage: what each `COPY --from` reads from. */
  copiesFrom: { line: number; from: string | number; libc: string; paths: string[] }[];
}

/** The stages of every file, ready for JSON.stringify. */
export function stagesView(results: readonly FileResult[]): { file: string; stages: StageView[] }[] {
  return results.map((result) => ({
    file: result.file,
    stages: result.stages.map((stage) => viewOf(result, stage)),
  }));
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\r|\n/).length;
}

function viewOf(result: FileResult, stage: Stage): StageView {
  return {
    index: stage.index,
    name: stage.name,
    line: lineOf(result.text, stage.from.span.start),
    image: stage.imageText,
    resolvedImage: stage.resolvedImage,
    parent: stage.parent ? (stage.parent.name ?? stage.parent.index) : null,
    libc: stage.libc,
    glibcOnMusl: stage.glibcOnMusl,
    reason: stage.reason,
    ...(stage.glibcOnMusl && stage.runtime && stage.runtime.kind !== 'none' ? { runtime: describeRuntime(stage.runtime) } : {}),
    copiesFrom: stage.copies.map((copy) => ({
      line: lineOf(result.text, copy.instruction.span.start),
      from: copy.fromStage ? (copy.fromStage.name ?? copy.fromStage.index) : (copy.fromImage ?? ''),
      libc: copy.libc,
      paths: copy.sources.map((s) => s.path),
    })),
  };
}
