// A small stand-in for the analyzer's rules: decides from generated history text whether
// an image bolts glibc onto musl, and which libc its package commands imply. The
// resolver takes the real rules as an injected judge; this one keeps the module usable
// (and testable) on its own.
import type { Runtime } from '../knowledge/runtime-images';

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

// The signatures of alpine-glibc (see docs/registry.md): its install prefix, the
// publishers' signing keys, their release URLs, and the package files themselves.
const GLIBC_ON_MUSL = [
  /\/usr\/glibc-compat\b/,
  /\b(?:sgerrand|andyshinn|stackfeed)\.rsa\.pub\b/,
  /alpine-pkg-glibc/,
  /\bglibc(?:-bin|-dev|-i18n)?-\d[\w.]*-r\d+\.apk\b/,
];
const MUSL = /(?:^|[\s;&|(])apk\s+(?:add|update|upgrade|--)/;
const GLIBC = /(?:^|[\s;&|(])(?:apt-get|apt|dpkg|yum|dnf|microdnf)\s/;

/**
 * The built-in judge: glibc on musl when a line carries an alpine-glibc signature; libc
 * `musl` when `apk` is used, `glibc` when apt/dpkg/yum/dnf are, else `unknown`.
 */
export const defaultJudge: Judge = (text) => {
  const lines = text.split('\n');
  let libc: Verdict['libc'] = 'unknown';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    for (const sig of GLIBC_ON_MUSL) {
      const m = sig.exec(line);
      if (m) return { glibcOnMusl: true, evidenceLine: i, evidenceText: m[0], libc: 'musl' };
    }
    if (libc === 'unknown' && MUSL.test(line)) libc = 'musl';
    else if (libc === 'unknown' && GLIBC.test(line)) libc = 'glibc';
  }
  return { glibcOnMusl: false, libc };
};
