// MC1007: workarounds that make a program start on the other C library and hide the
// mismatch: a symlink between the loaders, patchelf onto musl's loader, LD_PRELOAD of glibc
// libraries, or libc6-compat for a glibc program that needs gcompat.
import { alpineRelease, compareRelease } from '../fixes/gcompat-install';
import type { Fix } from '../fixes/types';
import { FIRST_ALPINE_WITH_GCOMPAT, glibcPrefixIn } from '../knowledge/glibc';
import { isGlibcLibrary, isGlibcLoader, isMuslLoader } from '../knowledge/loaders';
import { glibcArtefact } from '../knowledge/glibc-builds';
import { readApk } from '../model/apk';
import { readDownload } from '../model/downloads';
import { installsGcompat } from '../model/gcompat';
import { glibcCodeCopiesInto } from '../model/glibc-copies';
import { alpineStages } from '../model/glibc-evidence';
import { isAlpineLike, stageLabel, type DockerfileModel, type Stage } from '../model/model';
import { stageWords } from '../model/words';
import type { ShellCommand, ShellWord } from '../parse/shell';
import type { Span } from '../parse/text';
import type { Rule, RuleContext } from './types';

const MUSL_FIXES =
  'Install `gcompat` (it ships the glibc loader names and an ABI layer), build the program for musl (static, `CGO_ENABLED=0`, a `*-linux-musl` target), or use a glibc base.';

export const rule: Rule = {
  meta: {
    code: 'MC1007',
    slug: 'glibc-loader-workaround',
    severity: 'warning',
    summary: "A workaround that starts programs on the other C library's loader",
    explanation:
      "Symlinking musl's loader to glibc's name (/lib64/ld-linux-x86-64.so.2), rewriting a binary's interpreter with patchelf, or preloading glibc's libraries makes a glibc program start on musl, but its versioned glibc symbols still do not resolve: it fails later with \"Error relocating ... symbol not found\" or misbehaves. libc6-compat only adds file names. gcompat, a musl build or a glibc base solve it.",
    fixable: 'sometimes',
    since: '0.2.0',
  },
  check(context) {
    const { model } = context;
    for (const stage of model.stages) {
      for (const run of stage.runs) {
        for (const command of run.commands) {
          const name = command.name?.value.split('/').pop();
          if (name === 'ln') checkLink(context, stage, command);
          else if (name === 'patchelf' && isAlpineLike(stage)) checkPatchelf(context, command);
        }
      }
    }
    for (const stage of alpineStages(model)) {
      checkLibc6Compat(context, stage);
      checkPreload(context, stage);
    }
  },
};

/** `ln -s <one libc's loader> <the other's name>`, in the stage whose libc it fakes. */
function checkLink(context: RuleContext, stage: Stage, command: ShellCommand): void {
  const operands = command.args.filter((a) => !a.value.startsWith('-'));
  if (operands.length < 2) return;
  const musl = operands.find((a) => isMuslLoader(a.value));
  const glibc = operands.find((a) => isGlibcLibrary(a.value));
  if (!musl || !glibc) return;
  const link = operands[operands.length - 1];
  const span = command.span;
  const shown = command.text.replace(/\\?\s+/g, ' ').trim();
  if (link === glibc && isAlpineLike(stage)) {
    context.report({
      span,
      message: `\`${shown}\` gives musl's ${musl.value.includes('ld-musl') ? 'loader' : 'C library'} glibc's name, so glibc programs start and then fail on their versioned symbols ("Error relocating ... symbol not found"). ${MUSL_FIXES}`,
    });
  } else if (link === musl && stage.libc === 'glibc') {
    context.report({
      span,
      message: `\`${shown}\` gives glibc's ${isGlibcLoader(glibc.value) ? 'loader' : 'library'} musl's name, so musl programs start on glibc and break where the two ABIs differ. Build the program for glibc (or statically) in a glibc stage, or run it on an Alpine base.`,
    });
  }
}

/** `patchelf --set-interpreter /lib/ld-musl-*.so.1 <binary>`: a glibc binary made to start on musl. */
function checkPatchelf(context: RuleContext, command: ShellCommand): void {
  command.args.forEach((arg, i) => {
    const inline = /^--set-interpreter=(.*)$/.exec(arg.value);
    const value: ShellWord | undefined = inline ? arg : arg.value === '--set-interpreter' ? command.args[i + 1] : undefined;
    const path = inline ? inline[1] : value?.value;
    if (!value || !path || !isMuslLoader(path)) return;
    context.report({
      span: { start: arg.span.start, end: value.span.end },
      message: `\`patchelf --set-interpreter ${path}\` makes a glibc-linked binary start on musl's loader; the glibc symbols it needs are still missing, so it fails at the first one ("symbol not found"). ${MUSL_FIXES}`,
    });
  });
}

/** `apk add libc6-compat` in a stage that receives glibc-linked code: gcompat is what it needs. */
function checkLibc6Compat(context: RuleContext, stage: Stage): void {
  if (installsGcompat(stage)) return;
  const sources = glibcCodeSources(context.model, stage);
  if (!sources.length) return;
  for (const run of stage.runs) {
    for (const command of run.commands) {
      const call = readApk(command);
      if (call?.applet?.value !== 'add') continue;
      for (const target of call.targets) {
        if (target.kind !== 'package' || target.name !== 'libc6-compat') continue;
        context.report({
          span: target.word.span,
          message: `\`libc6-compat\` only adds glibc's file names (the loader symlink), not its symbols: the glibc-linked ${sources[0].what} still fails with "symbol not found". Install \`gcompat\` instead, or use a musl build.`,
          related: sources.map((s) => ({ span: s.span, message: `glibc-linked ${s.what}` })),
          fixes: [gcompatForLibc6Compat(stage, target.word.span)],
        });
      }
    }
  }
}

/** Where glibc-linked code enters a stage: COPY --from a glibc stage, or a download of a glibc build. */
function glibcCodeSources(model: DockerfileModel, stage: Stage): { what: string; span: Span }[] {
  const sources = glibcCodeCopiesInto(model, stage).map((c) => ({
    what: `code copied from ${c.fromStage ? `stage ${stageLabel(c.fromStage)}` : `\`${c.fromImage}\``}`,
    span: c.fromSpan,
  }));
  for (const run of stage.runs) {
    for (const command of run.commands) {
      for (const file of readDownload(command)?.files ?? []) {
        const artefact = glibcArtefact(file.url.value);
        if (artefact) sources.push({ what: `download (${artefact.what})`, span: file.url.span });
      }
    }
  }
  return sources;
}

function gcompatForLibc6Compat(stage: Stage, span: Span): Fix {
  // gcompat arrived in Alpine 3.12; it provides and replaces libc6-compat.
  const release = alpineRelease(stage);
  const old = release !== null && compareRelease(release, FIRST_ALPINE_WITH_GCOMPAT) < 0;
  return {
    title: `Install gcompat instead of libc6-compat${old ? ` (gcompat needs Alpine ${FIRST_ALPINE_WITH_GCOMPAT.join('.')} or later)` : ''}`,
    safety: old ? 'unsafe' : 'safe',
    preferred: true,
    edits: [{ span, newText: 'gcompat' }],
    key: `libc6-compat:${span.start}`,
  };
}

/** LD_PRELOAD (ENV, ARG or a shell assignment) naming glibc's own libraries on musl. */
function checkPreload(context: RuleContext, stage: Stage): void {
  for (const located of stageWords(context.model, stage)) {
    if (located.variable !== 'LD_PRELOAD') continue;
    const entries = located.word.value.split(/[\s:]+/).filter(Boolean);
    // Paths under /usr/glibc-compat are MC1005's; libgcompat is the supported layer.
    const glibc = entries.filter((e) => isGlibcLibrary(e) && !glibcPrefixIn(e) && !/libgcompat/.test(e));
    if (!glibc.length) continue;
    context.report({
      span: located.word.span,
      message: `\`LD_PRELOAD\` loads glibc's ${glibc.map((e) => `\`${e}\``).join(', ')} into programs on musl: two C libraries in one process break in ways that are hard to trace. ${MUSL_FIXES}`,
    });
  }
}
