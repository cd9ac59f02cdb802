// MC2003: a COPY/ADD from the build context brings an ELF file linked for another C library
// (or another machine) than the stage has. Judged from the files themselves, which an
// adapter read for the analysis (AnalyzeOptions.contextFacts); without them, silent.
import { installGcompatFix } from '../fixes/stage-libc';
import type { Fix } from '../fixes/types';
import { aMachine, imageGlibcVersion, judgeBinary, type BinaryVerdict, type RunTarget } from '../model/binary-verdict';
import type { ContextFile } from '../model/context-copies';
import { installsGcompat } from '../model/gcompat';
import { hasMuslSibling } from '../model/npm-libc-variants';
import { fromImageSpan, isAlpineLike, rootStage, stageLabel, type DockerfileModel, type Stage } from '../model/model';
import { substitute } from '../model/variables';
import { hasWildcard, matchPathOrParent, matchSegment, segments } from '../parse/context-patterns';
import type { Rule } from './types';

const INSTALLERS = new Set(['apt-get', 'apt', 'dnf', 'yum', 'microdnf', 'zypper']);

/**
 * Folders whose ELF files are not run as they are: test data, and `prebuilds/`, where Node
 * packages ship a build per platform and C library and pick the right one at run time. A
 * file named by the COPY itself is judged wherever it is.
 */
const NOT_RUN_FOLDERS = new Set(['testdata', 'test', 'tests', '__tests__', 'fixtures', '__fixtures__', 'prebuilds']);

function judged(file: ContextFile, pattern: string, excludes: readonly string[]): boolean {
  if (excluded(file.path, pattern, excludes)) return false;
  if (file.path === pattern) return true;
  const folders = file.path.split('/').slice(0, -1);
  return !folders.some((f) => NOT_RUN_FOLDERS.has(f));
}

export const rule: Rule = {
  meta: {
    code: 'MC2003',
    slug: 'foreign-libc-binary-in-context',
    severity: 'warning',
    summary: 'COPY/ADD of a program from the build context that is linked for another C library',
    explanation:
      'muslcheck reads the ELF files a COPY or ADD takes from the build context: their program interpreter, needed libraries and required GLIBC versions. A glibc-linked program copied into Alpine (musl) fails with "not found" or "Error relocating ... symbol not found"; a musl-linked one fails the same way on a glibc base, and any dynamically linked program fails on scratch. Build it statically or for the stage\'s C library, install gcompat when the program is within its reach, or pick a base with the right C library.',
    fixable: 'sometimes',
    since: '0.1.0',
  },
  check(context) {
    const { model } = context;
    if (!model.context) return;
    for (const copy of model.stages.flatMap((s) => s.contextCopies)) {
      const target = runTarget(model, copy.stage);
      if (target.libc === 'unknown' && !target.platform) continue;
      for (const source of copy.sources) {
        const match = model.context.matches.get(source.pattern);
        if (!match) continue;
        const bad: { file: ContextFile; verdict: Exclude<BinaryVerdict, { kind: 'clean' }> }[] = [];
        // A hand-assembled image that copies a loader in may run dynamic programs on scratch.
        const loaderCopied = bringsLoader(copy.stage);
        for (const file of match.elf) {
          if (!judged(file, source.pattern, copy.excludes)) continue;
          const verdict = judgeBinary(file.elf, target);
          if (verdict.kind === 'clean' || (verdict.kind === 'no-libc' && loaderCopied)) continue;
          if (
            verdict.kind === 'glibc-on-musl' &&
            hasMuslSibling(
              file.path,
              match.elf.map((f) => f.path),
            )
          )
            continue;
          bad.push({ file, verdict });
        }
        if (!bad.length) continue;
        const [first] = bad;
        const others = bad.length > 1 ? ` (and ${bad.length - 1} more such file${bad.length > 2 ? 's' : ''})` : '';
        const fixes: Fix[] = [];
        if (first.verdict.kind === 'glibc-on-musl' && first.verdict.gcompat.covered && bad.every((b) => coveredByGcompat(b.verdict))) {
          fixes.push(installGcompatFix(model, copy.stage, `\`${first.file.path}\``, true));
        }
        const root = rootStage(copy.stage);
        context.report({
          span: source.span,
          message: `${describe(first.file, first.verdict, copy.stage)}${others}`,
          related: [
            {
              span: fromImageSpan(root),
              message: `${stageLabel(copy.stage)} is built on ${root.resolvedImage ?? root.imageText ?? 'an unknown image'}: ${copy.stage.reason}`,
            },
          ],
          fixes,
        });
      }
    }
  },
};

function coveredByGcompat(verdict: BinaryVerdict): boolean {
  return verdict.kind === 'glibc-on-musl' && verdict.gcompat.covered;
}

/**
 * True when a `--exclude` pattern leaves the file out. Read generously, so an exclusion never
 * produces a finding: the pattern may match the path in the context, the path below the
 * source's folder, or a folder on the way.
 */
function excluded(path: string, pattern: string, excludes: readonly string[]): boolean {
  if (!excludes.length) return false;
  const parts = segments(path);
  const base = segments(pattern).findIndex((p) => hasWildcard(p));
  const prefix = base < 0 ? segments(pattern).length : base;
  const below = parts.slice(Math.min(prefix, parts.length - 1));
  return excludes.some((exclude) => {
    const rule = segments(exclude);
    return (
      matchPathOrParent(rule, parts) || matchPathOrParent(rule, below) || (rule.length === 1 && parts.some((p) => matchSegment(rule[0], p)))
    );
  });
}

/** Where the stage's programs run: its libc, gcompat, musl's loader, its explicit platform. */
function runTarget(model: DockerfileModel, stage: Stage): RunTarget {
  const libc = isAlpineLike(stage) ? 'musl' : stage.libc;
  const root = rootStage(stage);
  return {
    libc,
    gcompat: installsGcompat(stage),
    muslLoader: installsMusl(stage),
    platform: stagePlatform(model, stage),
    glibcVersion: libc === 'glibc' && root.reference ? imageGlibcVersion(root.reference) : null,
  };
}

/** The stage's `FROM --platform` when it is a literal platform (not $BUILDPLATFORM left open). */
function stagePlatform(model: DockerfileModel, stage: Stage): string | null {
  const flag = rootStage(stage).from.flags.find((f) => f.name.toLowerCase() === 'platform');
  if (!flag?.value) return null;
  const resolved = substitute(flag.value, model.globalScope, model.parsed.escapeChar);
  if (resolved.unresolved.length || !/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(resolved.value)) return null;
  return resolved.value;
}

/** True when the stage (or one it builds on) installs musl with a glibc distribution's package manager. */
function installsMusl(stage: Stage): boolean {
  for (let current: Stage | null = stage; current; current = current.parent) {
    for (const run of current.runs) {
      for (const command of run.commands) {
        const name = command.name?.value.split('/').pop() ?? '';
        if (!INSTALLERS.has(name)) continue;
        const words = command.args.map((a) => a.value);
        if (words.includes('install') && words.some((w) => /^musl(-libc)?([=:].*)?$/.test(w))) return true;
      }
    }
  }
  return false;
}

/** True when another COPY of the stage brings a loader or libraries (a hand-assembled scratch image). */
function bringsLoader(stage: Stage): boolean {
  return stage.instructions.some(
    (i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && i.arguments.some((a) => /(^|\/)(lib|lib64|ld-[\w.-]*)(\/|$)/.test(a.value)),
  );
}

function stageText(stage: Stage): string {
  const root = rootStage(stage);
  const image = root.resolvedImage ?? root.imageText ?? 'unknown image';
  const libc = stage.glibcOnMusl ? 'glibc on musl' : isAlpineLike(stage) ? 'musl' : stage.libc === 'none' ? 'no C library' : stage.libc;
  return `stage ${stageLabel(stage)} (${image}, ${libc})`;
}

function describe(file: ContextFile, verdict: Exclude<BinaryVerdict, { kind: 'clean' }>, stage: Stage): string {
  const name = `\`${file.path}\``;
  const into = stageText(stage);
  switch (verdict.kind) {
    case 'glibc-on-musl': {
      const facts = [
        `interpreter ${verdict.interpreter ?? 'none (a shared library)'}`,
        verdict.highestGlibc ? `needs ${verdict.highestGlibc}` : 'no GLIBC version named',
      ].join(', ');
      const remedy = verdict.gcompat.covered
        ? `Build it for musl or statically, use a glibc base, or install gcompat (\`apk add --no-cache gcompat\`), which should run it: ${verdict.gcompat.why}.`
        : `Build it for musl or statically, or use a glibc base; gcompat may not be enough: ${verdict.gcompat.why}.`;
      return `${name} from the build context is linked against glibc (${facts}) and lands in ${into}: it fails with "not found" or "Error relocating ...: symbol not found". ${remedy}`;
    }
    case 'musl-on-glibc':
      return `${name} from the build context is linked against musl (interpreter ${verdict.interpreter ?? 'none'}) and lands in ${into}, which has no musl loader: it fails to start with "not found". Build it statically or on the stage's distribution, or install musl there.`;
    case 'no-libc':
      return `${name} from the build context is dynamically linked (interpreter ${verdict.interpreter ?? 'none'}) and lands in ${into}: with no loader there it fails with "no such file or directory". Build it statically (CGO_ENABLED=0, -static, a *-linux-musl target) or use a base that has its C library.`;
    case 'glibc-too-new':
      return `${name} from the build context needs ${verdict.highestGlibc} and lands in ${into}, whose glibc is ${verdict.available.replace('GLIBC_', '')}: it fails with "version \`${verdict.highestGlibc}' not found". Build it on a release no newer than the stage's, or use a newer base.`;
    case 'wrong-machine':
      return `${name} from the build context is ${aMachine(verdict.machine)} program and lands in ${into}, built for ${verdict.platform}: it fails with "exec format error". Build it for ${verdict.platform}.`;
  }
}
