// Merges configuration layers in one documented order, lowest first:
//   defaults < configuration file < environment (MUSLCHECK_*) < command-line flags.
// Scalars: the highest layer that sets one wins. Lists and maps accumulate: `ignored` is the
// union, `override` and `build-args` merge per code or name (higher wins), and `images` of a
// higher layer are consulted before those of a lower one.
import type { AnalyzeOptions, ConfigError, ConfigLayer, FailureThreshold, ResolvedConfig } from './types';
import { SEVERITIES, type Severity } from '../rules/types';
import { configSchema } from './schema';
import { validateAgainstSchema } from './validate';

/** The settings when nothing is configured. */
export const DEFAULT_CONFIG: Readonly<ResolvedConfig> = Object.freeze({
  ignored: [],
  severities: {},
  failureThreshold: 'style',
  noFail: false,
  format: 'text',
  buildArgs: {},
  images: [],
  disableIgnorePragma: false,
  reportUnusedPragmas: false,
  resolveImages: false,
  offline: false,
  platform: 'linux/amd64',
  context: null,
});

/** Merges layers given lowest precedence first. */
export function resolveConfig(layers: readonly ConfigLayer[]): ResolvedConfig {
  const resolved: ResolvedConfig = {
    ...DEFAULT_CONFIG,
    ignored: [],
    severities: {},
    buildArgs: {},
    images: [],
  };
  for (const layer of layers) {
    for (const code of layer.ignored ?? []) if (!resolved.ignored.includes(code)) resolved.ignored.push(code);
    // Within one layer a code listed under two severities gets the more serious one.
    const severities: Record<string, Severity> = {};
    for (const severity of [...SEVERITIES].reverse()) for (const code of layer.override?.[severity] ?? []) severities[code] = severity;
    Object.assign(resolved.severities, severities);
    if (layer['failure-threshold'] !== undefined) resolved.failureThreshold = layer['failure-threshold'];
    if (layer['no-fail'] !== undefined) resolved.noFail = layer['no-fail'];
    if (layer.format !== undefined) resolved.format = layer.format;
    Object.assign(resolved.buildArgs, layer['build-args'] ?? {});
    if (layer.images) resolved.images = [...layer.images, ...resolved.images];
    if (layer['disable-ignore-pragma'] !== undefined) resolved.disableIgnorePragma = layer['disable-ignore-pragma'];
    if (layer['report-unused-pragmas'] !== undefined) resolved.reportUnusedPragmas = layer['report-unused-pragmas'];
    if (layer['resolve-images'] !== undefined) resolved.resolveImages = layer['resolve-images'];
    if (layer.offline !== undefined) resolved.offline = layer.offline;
    if (layer.platform !== undefined) resolved.platform = layer.platform;
    if (layer.context !== undefined) resolved.context = layer.context;
  }
  return resolved;
}

/** The analyzer options a resolved configuration asks for. */
export function toAnalyzeOptions(config: ResolvedConfig): AnalyzeOptions {
  return {
    ignored: config.ignored,
    severities: config.severities,
    buildArgs: config.buildArgs,
    imageFacts: config.images,
    pragmas: !config.disableIgnorePragma,
    reportUnusedPragmas: config.reportUnusedPragmas,
  };
}

/** True when a finding of `severity` fails the run under `threshold`. */
export function failsAt(severity: Severity, threshold: FailureThreshold): boolean {
  if (threshold === 'none') return false;
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/** The environment variables read, and the key each sets. Lists are comma-separated. */
export const ENVIRONMENT_VARIABLES: Readonly<Record<string, string>> = {
  MUSLCHECK_IGNORED: 'ignored',
  MUSLCHECK_OVERRIDE_ERROR: 'override.error',
  MUSLCHECK_OVERRIDE_WARNING: 'override.warning',
  MUSLCHECK_OVERRIDE_INFO: 'override.info',
  MUSLCHECK_OVERRIDE_STYLE: 'override.style',
  MUSLCHECK_FAILURE_THRESHOLD: 'failure-threshold',
  MUSLCHECK_NO_FAIL: 'no-fail',
  MUSLCHECK_FORMAT: 'format',
  MUSLCHECK_DISABLE_IGNORE_PRAGMA: 'disable-ignore-pragma',
  MUSLCHECK_REPORT_UNUSED_PRAGMAS: 'report-unused-pragmas',
  MUSLCHECK_RESOLVE_IMAGES: 'resolve-images',
  MUSLCHECK_OFFLINE: 'offline',
  MUSLCHECK_PLATFORM: 'platform',
  MUSLCHECK_CONTEXT: 'context',
};

/** Builds the environment layer; an empty variable counts as unset. */
export function environmentLayer(
  env: Readonly<Record<string, string | undefined>>,
  formats: readonly string[],
): { layer: ConfigLayer } | { errors: ConfigError[] } {
  const layer: Record<string, unknown> = {};
  const errors: ConfigError[] = [];
  for (const [variable, key] of Object.entries(ENVIRONMENT_VARIABLES)) {
    const raw = env[variable]?.trim();
    if (!raw) continue;
    let value: unknown = raw;
    if (key === 'ignored' || key.startsWith('override.')) value = splitList(raw);
    else if (key === 'no-fail' || key === 'offline' || key === 'resolve-images' || key.endsWith('-pragma') || key.endsWith('-pragmas')) {
      value = parseBoolean(raw);
      if (value === undefined) {
        errors.push({ file: 'environment', line: 0, column: 0, message: `${variable}: expected true or false, got '${raw}'` });
        continue;
      }
    }
    if (key.startsWith('override.')) {
      const override = (layer.override ?? {}) as Record<string, unknown>;
      override[key.slice('override.'.length)] = value;
      layer.override = override;
    } else layer[key] = value;
  }
  const variableOf = (key: string, sub: unknown): string =>
    Object.keys(ENVIRONMENT_VARIABLES).find((v) => ENVIRONMENT_VARIABLES[v] === (key === 'override' ? `override.${String(sub)}` : key)) ??
    key;
  for (const problem of validateAgainstSchema(layer, configSchema(formats))) {
    const [key, sub] = problem.path;
    errors.push({ file: 'environment', line: 0, column: 0, message: `${variableOf(String(key), sub)}: ${problem.message}` });
  }
  return errors.length ? { errors } : { layer: layer as ConfigLayer };
}

/** Splits `MC1002, MC1006` into codes, upper-cased so `mc1002` works too. */
export function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}

function parseBoolean(raw: string): boolean | undefined {
  const lower = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(lower)) return true;
  if (['0', 'false', 'no', 'off'].includes(lower)) return false;
  return undefined;
}
