// What the language server keeps of an analysis: the findings, with their fixes and
// suppressions ready to send, and what hover and inlay hints say about each stage. It is
// plain data, so it crosses from the analysis worker in one structured clone, and it holds
// nothing of the parse or the model, so an open document costs its text and this.
import type { AnalysisResult, InternalError } from '../../analyze';
import type { Libc } from '../../knowledge/images';
import type { Runtime } from '../../knowledge/runtime-images';
import type { Stage } from '../../model/model';
import type { Span } from '../../parse/text';
import type { Finding } from '../../rules/types';
import { suppressEdit, type SuppressEdit } from '../../rules/pragmas';

/** A finding, with the edit that suppresses it (null outside any instruction). */
export interface FindingSummary extends Finding {
  suppress: SuppressEdit | null;
}

/** What the features say about a stage. */
export interface StageSummary {
  index: number;
  name: string | null;
  imageText: string | null;
  resolvedImage: string | null;
  libc: Libc;
  glibcOnMusl: boolean;
  reason: string;
  /** The language runtime an alpine-glibc base carries, when it is known. */
  runtime: Runtime | null;
  /** The FROM instruction. */
  fromSpan: Span;
  /** The image after FROM, when there is one. */
  imageSpan: Span | null;
}

/** One analysis, as the features read it. */
export interface AnalysisSummary {
  findings: FindingSummary[];
  stages: StageSummary[];
  /** Rules that crashed on this input (see AnalysisResult.internalErrors). */
  internalErrors: InternalError[];
  /** Why nothing was analyzed (a size limit, or an analysis that failed), else null. */
  limit: string | null;
}

/** The summary of an analysis result. */
export function summarize(result: AnalysisResult): AnalysisSummary {
  return {
    findings: result.findings.map((finding) => ({ ...finding, suppress: suppressEdit(result.model.parsed, result.pragmas, finding) })),
    stages: result.model.stages.map(summarizeStage),
    internalErrors: result.internalErrors,
    limit: result.limit,
  };
}

function summarizeStage(stage: Stage): StageSummary {
  return {
    index: stage.index,
    name: stage.name,
    imageText: stage.imageText,
    resolvedImage: stage.resolvedImage,
    libc: stage.libc,
    glibcOnMusl: stage.glibcOnMusl,
    reason: stage.reason,
    runtime: stage.runtime,
    fromSpan: stage.from.span,
    imageSpan: stage.from.from?.imageSpan ?? null,
  };
}
