// MC2002: a download into a musl stage of a program built for glibc: a release file or URL
// of the catalog (knowledge/glibc-downloads), a command that fetches one (`playwright
// install`, `npm install puppeteer`), or pip forced to manylinux wheels for this stage.
import { installGcompatFix } from '../fixes/stage-libc';
import type { Fix } from '../fixes/types';
import { glibcDownload, muslUrl, PIP_FORCED_MANYLINUX, type GlibcCatalogFacts, type GlibcOnlyDownload } from '../knowledge/glibc-downloads';
import { readDownload, readGlibcInstall, readPipInstall, type PipInstall } from '../model/downloads';
import { installsGcompat } from '../model/gcompat';
import { isAlpineLike, stageLabel, type DockerfileModel, type Stage } from '../model/model';
import { substituteAt, type VariableScope } from '../model/variables';
import type { ShellCommand } from '../parse/shell';
import type { Span } from '../parse/text';
import type { Rule, RuleContext } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC2002',
    slug: 'glibc-prebuilt-download',
    severity: 'warning',
    summary: 'Downloads a glibc build of a program into a musl stage',
    explanation:
      "Many vendors build their Linux releases for glibc only (the AWS CLI v2 installer, Oracle Instant Client, Deno, Playwright's browsers, conda installers) or name the glibc build apart from the musl one (*-linux-gnu, manylinux wheels, linux-x64 vs linux-musl-x64). On Alpine such a build fails to start or crashes on a missing symbol. Use the vendor's musl or Alpine build, Alpine's package, or a glibc stage for that program.",
    fixable: 'sometimes',
    since: '0.1.0',
  },
  check(context) {
    const { model } = context;
    for (const stage of model.stages) {
      if (!isAlpineLike(stage) || installsGcompat(stage)) continue;
      for (const run of stage.runs) {
        const scope = stage.scopes.get(run.instruction) ?? stage.scope;
        for (const command of run.commands) checkCommand(context, model, stage, scope, run.commands, command);
      }
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'ADD') continue;
        const scope = stage.scopes.get(instruction) ?? stage.scope;
        const paths = instruction.arguments.filter((a) => !a.value.startsWith('--'));
        const destination = paths[paths.length - 1];
        const namedByUrl = paths.length > 2 || !!destination?.value.endsWith('/');
        for (const argument of paths.slice(0, -1)) {
          const url = substituteAt(argument.value, scope, model.parsed.escapeChar, model.expansion, argument.span, 'This source');
          const entry = glibcDownload(url.value);
          if (entry) report(context, model, stage, entry, argument.span, namedByUrl ? null : rewriteFix(model, entry, argument.span));
        }
      }
    }
  },
};

function checkCommand(
  context: RuleContext,
  model: DockerfileModel,
  stage: Stage,
  scope: VariableScope,
  script: readonly ShellCommand[],
  command: ShellCommand,
): void {
  const download = readDownload(command);
  if (download) {
    for (const file of download.files) {
      const entry = glibcDownload(file.url.value);
      if (entry) report(context, model, stage, entry, file.url.span, file.namedByUrl ? null : rewriteFix(model, entry, file.url.span));
    }
    return;
  }
  const pip = readPipInstall(command);
  if (pip) {
    checkPip(context, model, stage, pip);
    return;
  }
  const install = readGlibcInstall(command, (name) => isSet(name, scope, script, command));
  if (install) report(context, model, stage, install.entry, install.span);
}

/** Wheels and URLs handed to pip, and `--platform manylinux*` into a directory on PYTHONPATH. */
function checkPip(context: RuleContext, model: DockerfileModel, stage: Stage, pip: PipInstall): void {
  for (const word of pip.packages) {
    const entry = glibcDownload(word.value);
    if (entry) report(context, model, stage, entry, word.span);
  }
  // Without --target pip refuses --platform; with it, the wheels are usually packaged for
  // another system (an AWS Lambda zip), unless this stage runs them from PYTHONPATH.
  if (!pip.platform || !/manylinux/i.test(pip.platform.value) || !pip.target) return;
  const target = trimSlashes(pip.target.value);
  const pythonPath = (stage.scope.get('PYTHONPATH') ?? '').split(':').map(trimSlashes);
  if (pythonPath.includes(target)) report(context, model, stage, PIP_FORCED_MANYLINUX, pip.platform.span);
}

function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

/** True when a variable is set to something other than empty, 0 or false for `command`. */
function isSet(name: string, scope: VariableScope, script: readonly ShellCommand[], command: ShellCommand): boolean {
  const on = (value: string | undefined | null): boolean => value != null && !['', '0', 'false'].includes(value.toLowerCase());
  if (on(scope.get(name))) return true;
  for (const earlier of script) {
    if (earlier === command) break;
    const exports = !earlier.name || earlier.name.value === 'export';
    if (exports && earlier.assignments.some((a) => a.name === name && on(a.value?.value ?? ''))) return true;
    const exported = earlier.name?.value === 'export' ? earlier.args.find((a) => a.value.startsWith(`${name}=`)) : undefined;
    if (exported && on(exported.value.slice(name.length + 1))) return true;
  }
  return false;
}

/**
 * Switches the URL to the vendor's musl build. Unsafe: a checksum check of the download no
 * longer matches, and the musl build may need Alpine packages (libstdc++, libgcc) the glibc
 * one bundled. Offered only where the downloaded file's name does not come from the URL, so
 * later commands that name the file keep working.
 */
function rewriteFix(model: DockerfileModel, entry: GlibcOnlyDownload, span: Span): Fix | null {
  const written = model.parsed.text.slice(span.start, span.end);
  const url = muslUrl(entry, written);
  if (!url || url === written) return null;
  return {
    title: "Download the vendor's musl build instead",
    safety: 'unsafe',
    preferred: false,
    edits: [{ span, newText: url }],
    key: `musl-url:${span.start}`,
  };
}

function report(
  context: RuleContext,
  model: DockerfileModel,
  stage: Stage,
  entry: GlibcCatalogFacts,
  span: Span,
  rewrite: Fix | null = null,
): void {
  const noMusl = entry.alternative === 'none' ? ` (${entry.vendor} publishes no musl build)` : '';
  const where = stage.glibcOnMusl
    ? `stage ${stageLabel(stage)}, where it runs only on the glibc bolted onto musl`
    : `musl-based stage ${stageLabel(stage)}, where glibc builds fail to start or crash`;
  // On glibc bolted onto musl, gcompat would fight the glibc apks for the loader's name.
  const gcompat = stage.glibcOnMusl ? [] : [installGcompatFix(model, stage, 'the glibc build', true)];
  context.report({
    span,
    message: `Downloads ${entry.what} into ${where}${noMusl}. Use ${entry.instead}.`,
    fixes: [...gcompat, ...(rewrite ? [rewrite] : [])],
  });
}
