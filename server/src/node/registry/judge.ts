// Reads the Dockerfile text made from an image history with muslcheck's own rules: the same
// signatures of glibc on musl as in a Dockerfile (knowledge/glibc.ts), nothing repeated here.
import { analyze } from '../../analyze';
import { runtimeFromEnvironment, type Runtime } from '../../knowledge/runtime-images';

/** A judge's verdict on the Dockerfile text made from an image history. */
export interface Verdict {
  glibcOnMusl: boolean;
  /** 0-based line of the text that shows it. */
  evidenceLine?: number;
  /** The part of that line that shows it. */
  evidenceText?: string;
  libc?: 'musl' | 'glibc' | 'unknown';
  /** The runtime the image's environment shows (Java, Node.js...), when the judge reads it. */
  runtime?: Runtime;
}

/** Judges generated Dockerfile text. */
export type Judge = (dockerfileText: string) => Verdict;

/** The rules whose findings in a base image's history mean "glibc on musl". */
const HISTORY_CODES = ['MC1002', 'MC1003', 'MC1004', 'MC1005'];
const GLIBC_PACKAGE_MANAGERS = new Set(['apt-get', 'apt', 'dpkg', 'yum', 'dnf', 'microdnf', 'zypper', 'pacman']);

/** Judges generated history text with the real rules; what `resolveImages` uses unless given another judge. */
export const analyzerJudge: Judge = (text) => {
  const result = analyze(text, { only: HISTORY_CODES, pragmas: false });
  const stage = result.model.stages[0];
  const first = result.findings[0];
  const managers = new Set(stage?.runs.flatMap((r) => r.commands.map((c) => c.name?.value.split('/').pop() ?? '')) ?? []);
  const libc = stage?.usesApk ? 'musl' : [...managers].some((m) => GLIBC_PACKAGE_MANAGERS.has(m)) ? 'glibc' : 'unknown';
  // The history's ENV lines (JAVA_VERSION, NODE_VERSION...) say what runtime the image carries.
  const runtime = stage ? runtimeFromEnvironment((name) => stage.scope.get(name)) : null;
  const carried = runtime ? { runtime } : {};
  if (!first) return { glibcOnMusl: false, libc, ...carried };
  return {
    glibcOnMusl: true,
    libc: 'musl',
    ...carried,
    evidenceLine: first.range.start.line,
    evidenceText: text.slice(first.span.start, first.span.end),
  };
};
