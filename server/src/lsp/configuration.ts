// Each document's settings: the editor's `muslcheck` section (asked through
// workspace/configuration, or as pushed by clients that cannot answer it) merged over the
// nearest configuration file, fetched once per document until something changes.
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import type { AnalyzeOptions } from '../analyze';
import type { ConfigLayer } from '../config/types';
import { withNetworkConsent } from '../config/consent';
import { clearConfigCache, loadConfigFor, loadUserConfig, userConfigPath } from '../node/config-files';
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
  /** Each repository file whose request for registry lookups was refused is told once. */
  private readonly shownRequests = new Set<string>();

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
    // In a workspace the editor does not trust, nothing reaches the network, whatever the settings.
    const consented = this.workspaceTrusted && settings.resolveImages;
    if (file?.request && !consented && !this.shownRequests.has(file.request)) {
      this.shownRequests.add(file.request);
      const text = `muslcheck: ${file.request}: ${requestNotice(this.workspaceTrusted)}`;
      this.connection.console.info(text);
      void this.connection
        .sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: text })
        .catch((error: unknown) => this.connection.console.warn(`muslcheck: ${describeError(error)}`));
    }
    const layer = file?.layer ?? null;
    const path = filePathOf(uri);
    const options = toAnalyzeOptions(settings, layer);
    const context =
      path && readsContext(options) ? { dockerfile: path, folder: contextFolder(path, contextSetting(settings, layer)) } : null;
    const imageLookup = this.workspaceTrusted ? imageLookupOptions(settings, layer) : null;
    return { settings, options, imageLookup, context };
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

  /**
   * The configuration file's layer, and the file when it asked for registry lookups nobody
   * agreed to: a repository's own file cannot turn them on (config/consent.ts); the
   * user-level file can.
   */
  private async configFileLayer(uri: string): Promise<{ layer: ConfigLayer; request: string | null } | null> {
    const path = filePathOf(uri);
    if (!path) return null;
    const loaded = await loadConfigFor(path);
    if (!('error' in loaded)) {
      if (loaded.source === null || loaded.source === userConfigPath()) return { layer: loaded.layer, request: null };
      const user = await loadUserConfig();
      const consented = withNetworkConsent(loaded.layer, user?.layer ?? null, []);
      return { layer: Object.assign({}, ...consented.layers) as ConfigLayer, request: consented.unansweredRequest ? loaded.source : null };
    }
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

/** The notice for a repository's request for registry lookups that the user did not answer. */
function requestNotice(trusted: boolean): string {
  const how = trusted
    ? 'turn on the muslcheck.resolveImages setting'
    : 'trust this workspace and turn on the muslcheck.resolveImages setting';
  return `asks for registry lookups (resolve-images: true), which need your consent, so none are made; to allow them, ${how}, or set \`resolve-images: true\` in your user-level muslcheck configuration`;
}
