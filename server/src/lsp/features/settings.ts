// The `muslcheck` settings section an editor sends through workspace/configuration: read
// leniently (a bad value falls back to its default and is reported, never fatal) and
// turned into analyzer options.
import type { ConfigurationItem } from 'vscode-languageserver';
import type { AnalyzeOptions } from '../../analyze';
import { resolveConfig, toAnalyzeOptions as configToAnalyzeOptions } from '../../config/merge';
import type { ConfigLayer } from '../../config/types';
import type { FetchOptions } from '../../node/registry';
import { RULES } from '../../rules/index';
import type { Severity } from '../../rules/types';

/** The configuration section the server asks for. */
export const SETTINGS_SECTION = 'muslcheck';

/** What a user can set a rule's severity to; `ignore` turns the rule off. */
export type SeveritySetting = 'ignore' | 'info' | 'warning' | 'error';

/** Every severity setting, most lenient first (the order the Settings UI lists them). */
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['ignore', 'info', 'warning', 'error'];

/** The server's settings for one document. */
export interface MuslcheckSettings {
  /** False turns every check off for the document. */
  enable: boolean;
  /** Severity per rule code. */
  severity: Record<string, SeveritySetting>;
  /** `--build-arg` values for ARG substitution in FROM lines and RUNs. */
  buildArgs: Record<string, string>;
  /** Codes of the rules that run; null runs all of them. */
  rules: string[] | null;
  /** Look unknown base images up in their registry (opt-in: uses the network). */
  resolveImages: boolean;
  /** The build context folder, relative to the Dockerfile's folder or absolute; null: the configuration's, else the Dockerfile's folder. */
  context: string | null;
}

/** Settings for clients that send none. */
export const DEFAULT_SETTINGS: Readonly<MuslcheckSettings> = Object.freeze({
  enable: true,
  severity: {},
  buildArgs: {},
  rules: null,
  resolveImages: false,
  context: null,
});

/** Settings read from a client, with what was wrong in them. */
export interface ReadSettings {
  settings: MuslcheckSettings;
  problems: string[];
}

/** The workspace/configuration item for one document's settings. */
export function provideConfigurationItem(uri: string): ConfigurationItem {
  return { scopeUri: uri, section: SETTINGS_SECTION };
}

/**
 * Reads a `muslcheck` settings object. Rule codes may also be given by slug
 * (`glibc-apk-install`), since that is what users see in messages and docs.
 */
export function readSettings(raw: unknown): ReadSettings {
  const problems: string[] = [];
  const settings: MuslcheckSettings = { ...DEFAULT_SETTINGS, severity: {}, buildArgs: {} };
  if (raw === null || raw === undefined) return { settings, problems };
  if (!isObject(raw)) return { settings, problems: [`muslcheck settings must be an object, got ${describe(raw)}`] };

  if (raw.enable !== undefined) {
    if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
    else problems.push(`muslcheck.enable must be true or false, got ${describe(raw.enable)}`);
  }
  if (raw.resolveImages !== undefined) {
    if (typeof raw.resolveImages === 'boolean') settings.resolveImages = raw.resolveImages;
    else problems.push(`muslcheck.resolveImages must be true or false, got ${describe(raw.resolveImages)}`);
  }
  if (raw.context !== undefined && raw.context !== null) {
    if (typeof raw.context === 'string' && raw.context.trim()) settings.context = raw.context.trim();
    else problems.push(`muslcheck.context must be a folder path, got ${describe(raw.context)}`);
  }
  if (raw.severity !== undefined) readSeverities(raw.severity, settings, problems);
  if (raw.buildArgs !== undefined) readBuildArgs(raw.buildArgs, settings, problems);
  if (raw.rules !== undefined && raw.rules !== null) readRules(raw.rules, settings, problems);
  return { settings, problems };
}

/** The settings as a configuration layer, so they merge with files as the command line does. */
function settingsLayer(settings: MuslcheckSettings): ConfigLayer {
  const ignored: string[] = [];
  const override: Partial<Record<Severity, string[]>> = {};
  for (const [code, level] of Object.entries(settings.severity)) {
    if (level === 'ignore') ignored.push(code);
    else (override[level] ??= []).push(code);
  }
  // Only an explicit `true` counts: the editor's default must not switch a file's lookups off.
  return {
    ignored,
    override,
    'build-args': settings.buildArgs,
    ...(settings.resolveImages ? { 'resolve-images': true } : {}),
    ...(settings.context ? { context: settings.context } : {}),
  };
}

/** The configured build context (the setting over the configuration file's), or null for the Dockerfile's folder. */
export function contextSetting(settings: MuslcheckSettings, file: ConfigLayer | null = null): string | null {
  return resolveConfig(file ? [file, settingsLayer(settings)] : [settingsLayer(settings)]).context;
}

/** Registry lookup options for a document, or null when lookups are off (the default). */
export function imageLookupOptions(settings: MuslcheckSettings, file: ConfigLayer | null = null): FetchOptions | null {
  const config = resolveConfig(file ? [file, settingsLayer(settings)] : [settingsLayer(settings)]);
  return config.resolveImages ? { platform: config.platform, offline: config.offline } : null;
}

/**
 * The analyzer options for a document: its configuration file (if any) with the editor
 * settings over it, merged like the command line's flags over a file.
 */
export function toAnalyzeOptions(settings: MuslcheckSettings, file: ConfigLayer | null = null): AnalyzeOptions {
  const config = resolveConfig(file ? [file, settingsLayer(settings)] : [settingsLayer(settings)]);
  return { ...configToAnalyzeOptions(config), ...(settings.rules ? { only: settings.rules } : {}) };
}

function readSeverities(raw: unknown, settings: MuslcheckSettings, problems: string[]): void {
  if (!isObject(raw)) {
    problems.push(`muslcheck.severity must map rule codes to ${SEVERITY_SETTINGS.join('|')}, got ${describe(raw)}`);
    return;
  }
  for (const [key, level] of Object.entries(raw)) {
    const code = ruleCode(key);
    if (!code) problems.push(`muslcheck.severity: unknown rule ${JSON.stringify(key)}`);
    else if (typeof level !== 'string' || !SEVERITY_SETTINGS.includes(level as SeveritySetting)) {
      problems.push(`muslcheck.severity.${key} must be one of ${SEVERITY_SETTINGS.join('|')}, got ${describe(level)}`);
    } else settings.severity[code] = level as SeveritySetting;
  }
}

function readBuildArgs(raw: unknown, settings: MuslcheckSettings, problems: string[]): void {
  if (!isObject(raw)) {
    problems.push(`muslcheck.buildArgs must map names to strings, got ${describe(raw)}`);
    return;
  }
  for (const [name, value] of Object.entries(raw)) {
    // Numbers and booleans are what people write in JSON settings for `--build-arg N=1`.
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') settings.buildArgs[name] = String(value);
    else problems.push(`muslcheck.buildArgs.${name} must be a string, got ${describe(value)}`);
  }
}

function readRules(raw: unknown, settings: MuslcheckSettings, problems: string[]): void {
  if (!Array.isArray(raw)) {
    problems.push(`muslcheck.rules must be a list of rule codes, got ${describe(raw)}`);
    return;
  }
  const codes: string[] = [];
  for (const entry of raw) {
    const code = typeof entry === 'string' ? ruleCode(entry) : null;
    if (code) codes.push(code);
    else problems.push(`muslcheck.rules: unknown rule ${JSON.stringify(entry)}`);
  }
  settings.rules = codes;
}

function ruleCode(key: string): string | null {
  const wanted = key.trim().toLowerCase();
  const rule = RULES.find((r) => r.meta.code.toLowerCase() === wanted || r.meta.slug === wanted);
  return rule?.meta.code ?? null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : `${typeof value} ${JSON.stringify(value)}`;
}
