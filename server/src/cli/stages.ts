// The --print-stages view: each stage's image, C library and why, as JSON.
import { elfLibc, highestGlibcVersion } from '../model/binary-verdict';
import type { ContextFacts } from '../model/context-copies';
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
  /** The ELF files each COPY/ADD takes from the build context, when the context was read. */
  contextCopies?: { line: number; source: string; files: number; elf: ElfView[] }[];
}

/** One ELF file of the context, as printed. */
export interface ElfView {
  path: string;
  machine: string;
  linking: string;
  libc: string;
  interpreter: string | null;
  highestGlibc: string | null;
}

/** What was read from the build context for one file. */
export interface ContextView {
  root: string;
  filesVisited: number;
  bytesRead: number;
  /** The bound that stopped the reading, or null: then findings of MC2003 may be missing. */
  limit: string | null;
}

/** The stages of every file, ready for JSON.stringify. */
export function stagesView(results: readonly FileResult[]): { file: string; context?: ContextView; stages: StageView[] }[] {
  return results.map((result) => ({
    file: result.file,
    ...(result.context ? { context: contextView(result.context) } : {}),
    stages: result.stages.map((stage) => viewOf(result, stage)),
  }));
}

function contextView(context: ContextFacts): ContextView {
  return { root: context.root, filesVisited: context.filesVisited, bytesRead: context.bytesRead, limit: context.limit };
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
    ...(result.context ? { contextCopies: contextCopiesView(result, stage, result.context) } : {}),
  };
}

function contextCopiesView(result: FileResult, stage: Stage, context: ContextFacts): NonNullable<StageView['contextCopies']> {
  return stage.contextCopies.flatMap((copy) =>
    copy.sources.map((source) => {
      const match = context.matches.get(source.pattern);
      return {
        line: lineOf(result.text, copy.instruction.span.start),
        source: source.pattern,
        files: match?.files ?? 0,
        elf: (match?.elf ?? []).map((f) => ({
          path: f.path,
          machine: f.elf.machineName,
          linking: f.elf.linking,
          libc: elfLibc(f.elf),
          interpreter: f.elf.interpreter,
          highestGlibc: highestGlibcVersion(f.elf),
        })),
      };
    }),
  );
}
