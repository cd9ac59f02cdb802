// `muslcheck image TARGET`: scans a built image and prints its findings in the run's format,
// with the exit statuses of a lint run. Progress goes to a terminal's standard error for
// scans that take more than a second; a pipe gets nothing.
import { analyze } from '../analyze';
import { failsAt } from '../config/merge';
import type { ResolvedConfig } from '../config/types';
import { mapLayersToDockerfile } from '../model/history-mapping';
import { ImageError, scanImage } from '../node/image/scan';
import type { ScanCounters } from '../node/image/layer-scan';
import { formatterNamed } from '../outputs/index';
import type { FileResult } from '../outputs/types';
import { imageFindings, rule as imageRule, type DockerfileMapping } from '../rules/mc2005-foreign-libc-binary-in-image';
import { VERSION } from '../version';
import { readTextFile } from './files';
import type { CliOptions } from './options';

/** Streams the image command writes to. */
export interface ImageIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

/** How long a scan runs before progress shows. */
const PROGRESS_AFTER_MS = 1000;

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * A progress line on a terminal, rewritten in place, shown only once the scan has run for
 * a second; on anything else (a pipe, a file) it writes nothing. `clock` is for tests.
 */
export function progressReporter(
  stderr: ImageIO['stderr'],
  clock: () => number = Date.now,
): { update(counters: ScanCounters): void; clear(): void } {
  const started = clock();
  let shown = false;
  if (!stderr.isTTY) return { update() {}, clear() {} };
  return {
    update(counters) {
      if (clock() - started < PROGRESS_AFTER_MS) return;
      shown = true;
      const layers = counters.layersTotal
        ? `, ${counters.layersDone} of ${counters.layersTotal} layers`
        : `, ${counters.layersDone} layers`;
      stderr.write(`\r\x1b[Kmuslcheck: reading image: ${megabytes(counters.bytes)}${layers}`);
    },
    clear() {
      if (shown) stderr.write('\r\x1b[K');
    },
  };
}

/** Runs `muslcheck image` with a resolved configuration; returns the exit status. */
export async function runImage(options: CliOptions, config: ResolvedConfig, io: ImageIO): Promise<number> {
  const target = options.paths[0];
  let dockerfileText = '';
  // Before the scan, which may read gigabytes: a mistyped --dockerfile fails at once.
  if (options.dockerfile) {
    const read = await readTextFile(options.dockerfile);
    if ('error' in read) {
      io.stderr.write(`muslcheck: ${options.dockerfile}: ${read.error}\n`);
      return 2;
    }
    dockerfileText = read.text;
  }
  const bar = progressReporter(io.stderr);
  let scan;
  try {
    scan = await scanImage(target, {
      platform: options.layer.platform ?? null,
      ...(options.maxImageBytes ? { maxBytes: options.maxImageBytes } : {}),
      fetch: { platform: config.platform, offline: config.offline },
      stdin: io.stdin as NodeJS.ReadableStream & AsyncIterable<Uint8Array>,
      onCounters: (counters) => bar.update(counters),
    });
  } catch (error) {
    bar.clear();
    if (error instanceof ImageError) {
      io.stderr.write(`muslcheck: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  bar.clear();
  let mapping: DockerfileMapping | undefined;
  if (options.dockerfile) {
    const model = analyze(dockerfileText, { only: [] }).model;
    mapping = { model, origins: mapLayersToDockerfile(model, scan.layerInstructions) };
  }
  for (const note of scan.notes) io.stderr.write(`muslcheck: ${target}: ${note}\n`);
  const ignored = config.ignored.includes(imageRule.meta.code);
  const severity = config.severities[imageRule.meta.code] ?? imageRule.meta.severity;
  const findings = ignored ? [] : imageFindings(scan.facts, severity, mapping);
  const result: FileResult = {
    file: options.dockerfile ?? (target === '-' ? '<stdin>' : target),
    text: dockerfileText,
    findings,
    stages: mapping?.model.stages ?? [],
    ...(mapping ? { instructions: mapping.model.parsed.instructions } : {}),
  };
  const color = options.color ?? (Boolean(io.stdout.isTTY) && !io.env.NO_COLOR);
  io.stdout.write(formatterNamed(config.format)!.format([result], { color, version: VERSION }));
  const failing = !config.noFail && findings.some((f) => failsAt(f.severity, config.failureThreshold));
  return failing ? 1 : 0;
}
