// MC2002: a download into a musl stage of an artefact that is built for glibc and has a
// musl counterpart (`*-linux-gnu`, manylinux wheels, Node.js and Bun linux tarballs).
import { installGcompatFix } from '../fixes/stage-libc';
import { glibcArtefact } from '../knowledge/glibc-builds';
import { readDownload } from '../model/downloads';
import { installsGcompat } from '../model/gcompat';
import { isAlpineLike, stageLabel, type DockerfileModel, type Stage } from '../model/model';
import { substituteAt } from '../model/variables';
import type { Span } from '../parse/text';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC2002',
    slug: 'glibc-prebuilt-download',
    severity: 'warning',
    summary: 'Downloads a glibc build of a program into a musl stage',
    explanation:
      "Release archives named *-linux-gnu, manylinux wheels and the vendors' plain linux tarballs (Node.js, Bun) are linked against glibc. On Alpine they fail to start or crash on missing symbols. The same projects publish musl builds (*-linux-musl, musllinux, -musl tarballs), or Alpine packages them.",
    fixable: 'always',
    since: '0.1.0',
  },
  check(context) {
    const { model } = context;
    for (const stage of model.stages) {
      if (!isAlpineLike(stage) || installsGcompat(stage)) continue;
      for (const run of stage.runs) {
        for (const command of run.commands) {
          const download = readDownload(command);
          const name = command.name?.value.split('/').pop();
          const urls = download ? download.files.map((f) => f.url) : name === 'pip' || name === 'pip3' ? command.args : [];
          for (const word of urls) reportIfGlibc(context, model, stage, word.value, word.span);
        }
      }
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'ADD') continue;
        const scope = stage.scopes.get(instruction) ?? stage.scope;
        for (const argument of instruction.arguments.slice(0, -1)) {
          const url = substituteAt(argument.value, scope, model.parsed.escapeChar, model.expansion, argument.span, 'This source');
          reportIfGlibc(context, model, stage, url.value, argument.span);
        }
      }
    }
  },
};

function reportIfGlibc(context: Parameters<Rule['check']>[0], model: DockerfileModel, stage: Stage, url: string, span: Span): void {
  const artefact = glibcArtefact(url);
  if (!artefact) return;
  const fix = installGcompatFix(model, stage, 'the glibc build', true);
  context.report({
    span,
    message: `Downloads ${artefact.what} into musl-based stage ${stageLabel(stage)}, where it fails to start or crashes. Use ${artefact.instead}.`,
    fixes: [fix],
  });
}
