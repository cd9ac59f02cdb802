// The library API: analyze Dockerfile text without the CLI or the language server.
export { analyze, initAnalyzer, isAnalyzerReady, type AnalyzeOptions, type AnalysisResult, type SuppressedFinding } from './analyze';
export { initAnalyzerForNode } from './node/init';
export { ParseCache, type ParseCacheSize } from './parse/parse-cache';
export { applyEdits, selectFixes } from './fixes/apply';
export type { Edit, Fix, FixSafety } from './fixes/types';
export type { DockerfileModel, Stage } from './model/model';
export type { ImageFact } from './model/libc';
export {
  bytesSource,
  hasElfMagic,
  readElf,
  readElfAsync,
  type ByteSource,
  type ElfInfo,
  type ElfLimits,
  type ElfLinking,
} from './parse/elf';
export {
  elfLibc,
  gcompatReach,
  glibcVersions,
  highestGlibcVersion,
  judgeBinary,
  type BinaryVerdict,
  type RunTarget,
} from './model/binary-verdict';
export { contextPatterns, type ContextFacts, type ContextFile, type ContextMatch } from './model/context-copies';
export { readContextFacts, type ContextBounds } from './node/context-files';
export { ImageError, scanImage, type ImageScan, type ImageScanOptions } from './node/image/scan';
export { mapLayersToDockerfile, type LayerOrigin } from './model/history-mapping';
export { imageFindings, type DockerfileMapping, type ImageFacts, type ImageLayer } from './rules/mc2005-foreign-libc-binary-in-image';
export { RULES, RULES_BY_CODE } from './rules/index';
export type { Finding, Rule, RuleMeta, Severity } from './rules/types';
export { docsUrl } from './rules/types';
export { VERSION } from './version';
