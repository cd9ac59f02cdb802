// Each document's settings: the editor's `muslcheck` section (asked through
// workspace/configuration, or as pushed by clients that cannot answer it) merged over the
// nearest configuration file, fetched once per document until something changes.
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import type { AnalyzeOptions } from '../analyze';
import type { ConfigLayer } from '../config/types';
import { clearConfigCache, loadConfigFor } from '../node/config-files';
import { contextFolder, readsContext } from '../node/context-analysis';
import type { FetchOptions } from '../node/registry';
import type { ContextLocation } from './context-reader';
import type { ClientFeatures } from './capabilities';
import {
  contextSetting,
  imageLookupOptions,
  provideConfigurationItem,
  readSettings,
  SETTINGS_SECTION,
  toAnalyzeOptions,
  type MuslcheckSettings,
} from './features/settings';

/** The settings of one document and the analyzer options they come to. */
export interface DocumentSettings {
  settings: MuslcheckSettings;
  options: AnalyzeOptions;
  /** Registry lookup options when unknown base images are to be looked up, else null. */
  imageLookup?: FetchOptions | null;
  /** Where the document's build context is, for a file on disk; null or absent: not read. */
  context?: ContextLocation | null;
}

/** The settings of every document of one connection. */
export class Configuration {
  /** Settings pushed by clients that cannot answer workspace/configuration. */
  private pushed: unknown = undefined;
  /** An editor that says the workspace is untrusted gets no network lookups from its files. */
  private workspaceTrusted = true;
  private readonly byDocument = new Map<string, Promise<DocumentSettings>>();
  /** Each broken configuration file is shown once, not on every document that reads it. */
  private readonly shownErrors = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly features: () => ClientFeatures,
  ) {}

  /** Reads what the initialize request says: pushed settings and workspace trust. */
  initialize(initializationOptions: unknown): void {
    const init = initializationOptions as { muslcheck?: unknown; workspaceTrusted?: unknown } | null | undefined;
    if (init && typeof init === 'object' && SETTINGS_SECTION in init) this.pushed = init.muslcheck;
    if (init && typeof init === 'object' && init.workspaceTrusted === false) this.workspaceTrusted = false;
  }

  /** didChangeConfiguration: keep pushed settings and fetch everything again. */
  settingsPushed(settings: unknown): void {
    const pushed = settings as { muslcheck?: unknown } | null | undefined;
    if (pushed && typeof pushed === 'object' && SETTINGS_SECTION in pushed) this.pushed = pushed.muslcheck;
    this.changed();
  }

  /** A configuration file changed: read the files again too. */
  filesChanged(): void {
    clearConfigCache();
    this.shownErrors.clear();
    this.changed();
  }

  /** Forget every document's settings, so they are fetched again. */
  changed(): void {
    this.byDocument.clear();
  }

  /** A closed document's settings are not kept. */
  forget(uri: string): void {
    this.byDocument.delete(uri);
  }

  /** The settings of a document; fetched once until they change. Never rejects. */
  settingsFor(uri: string): Promise<DocumentSettings> {
    let settings = this.byDocument.get(uri);
    if (!settings) {
      settings = this.fetch(uri);
      this.byDocument.set(uri, settings);
    }
    return settings;
  }

  private async fetch(uri: string): Promise<DocumentSettings> {
    const [settings, file] = await Promise.all([this.editorSettings(uri), this.configFileLayer(uri).catch(() => null)]);
    const path = filePathOf(uri);
    const options = toAnalyzeOptions(settings, file);
    const context =
      path && readsContext(options) ? { dockerfile: path, folder: contextFolder(path, contextSetting(settings, file)) } : null;
    return { settings, options, imageLookup: imageLookupOptions(settings, file), context };
  }

  private async editorSettings(uri: string): Promise<MuslcheckSettings> {
    let raw = this.pushed;
    if (this.features().configuration) {
      try {
        raw = await this.connection.workspace.getConfiguration(provideConfigurationItem(uri));
      } catch (error) {
        this.connection.console.warn(`muslcheck: workspace/configuration failed, using defaults: ${describeError(error)}`);
      }
    }
    const { settings, problems } = readSettings(raw);
    for (const problem of problems) this.connection.console.warn(`muslcheck: ${problem}`);
    return settings;
  }

  private async configFileLayer(uri: string): Promise<ConfigLayer | null> {
    const path = filePathOf(uri);
    if (!path) return null;
    const loaded = await loadConfigFor(path);
    if (!('error' in loaded)) return this.workspaceTrusted ? loaded.layer : withoutNetwork(loaded.layer);
    const { file, line, column, message } = loaded.error;
    const text = `muslcheck: ${file}:${line}:${column}: ${message} (the file is ignored)`;
    this.connection.console.warn(text);
    if (!this.shownErrors.has(text)) {
      this.shownErrors.add(text);
      void this.connection
        .sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: text })
        .catch((error: unknown) => this.connection.console.warn(`muslcheck: ${describeError(error)}`));
    }
    return null;
  }
}

/** An error for the log: its stack when it has one. */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** The file path of a `file:` URI; other schemes (untitled, remote) have no configuration file. */
function filePathOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** A configuration file's layer without the keys that reach the network (untrusted workspaces). */
function withoutNetwork(layer: ConfigLayer): ConfigLayer {
  const copy = { ...layer };
  delete copy['resolve-images'];
  return copy;
}
