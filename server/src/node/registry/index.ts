// The registry lookup's public surface: what the CLI and the language server call to
// resolve base images that no list knows. Everything here does I/O; the core stays pure.

export { fetchImageConfig, openRegistryImage } from './client';
export type { FetchOptions, HistoryEntry, ImageConfig, ImageConfigResult, RegistryImage } from './client';
export { defaultCacheDir, DEFAULT_TAG_TTL_MS } from './cache';
export { HISTORY_BASE, historyInstruction, historyToDockerfile, layerLabel } from './history';
export type { GeneratedHistory } from './history';
export type { Judge, Verdict } from './judge';
export { DEFAULT_MAX_DEPTH, resolveImages } from './resolver';
export type { ImageResolution, ResolveOptions } from './resolver';
