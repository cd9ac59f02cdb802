// What the connected client can do, read once from its initialize request, in the terms
// the providers care about (rather than passing LSP's deep capability tree around).
import type { ClientCapabilities } from 'vscode-languageserver';
import { negotiatePositionEncoding, type PositionEncoding } from './position-encoding';

/** The client features that change what the server sends. */
export interface ClientFeatures {
  positionEncoding: PositionEncoding;
  /** Hover contents may be Markdown. */
  hoverMarkdown: boolean;
  /** Workspace edits may use versioned `documentChanges`, so stale edits are refused. */
  documentChanges: boolean;
  /** The client pulls diagnostics (`textDocument/diagnostic`), so the server need not push. */
  pullDiagnostics: boolean;
  /** The client answers `workspace/configuration`. */
  configuration: boolean;
  /** The client wants didChangeConfiguration registered dynamically before it sends it. */
  dynamicConfigurationChange: boolean;
  /** The client understands `workspace/diagnostic/refresh`. */
  diagnosticRefresh: boolean;
  /** The client understands `workspace/inlayHint/refresh`. */
  inlayHintRefresh: boolean;
  /** The client watches files for the server once asked to (configuration files). */
  watchedFilesRegistration: boolean;
  /** The client reports workspace folders. */
  workspaceFolders: boolean;
}

/** Features for a client that declared nothing: the protocol's baseline. */
export const BASELINE_FEATURES: Readonly<ClientFeatures> = Object.freeze({
  positionEncoding: 'utf-16',
  hoverMarkdown: false,
  documentChanges: false,
  pullDiagnostics: false,
  configuration: false,
  dynamicConfigurationChange: false,
  diagnosticRefresh: false,
  inlayHintRefresh: false,
  watchedFilesRegistration: false,
  workspaceFolders: false,
});

/** Reads the features the server uses from the client's capabilities. */
export function readClientFeatures(capabilities: ClientCapabilities): ClientFeatures {
  const text = capabilities.textDocument;
  const workspace = capabilities.workspace;
  return {
    positionEncoding: negotiatePositionEncoding(capabilities.general?.positionEncodings),
    hoverMarkdown: text?.hover?.contentFormat?.includes('markdown') ?? false,
    documentChanges: workspace?.workspaceEdit?.documentChanges ?? false,
    pullDiagnostics: text?.diagnostic !== undefined,
    configuration: workspace?.configuration ?? false,
    dynamicConfigurationChange: workspace?.didChangeConfiguration?.dynamicRegistration ?? false,
    diagnosticRefresh: workspace?.diagnostics?.refreshSupport ?? false,
    inlayHintRefresh: workspace?.inlayHint?.refreshSupport ?? false,
    watchedFilesRegistration: workspace?.didChangeWatchedFiles?.dynamicRegistration ?? false,
    workspaceFolders: workspace?.workspaceFolders ?? false,
  };
}
