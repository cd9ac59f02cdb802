// MC2005: an ELF file in a built image's final filesystem is linked for another C library
// (or machine) than the image has. Reported by `muslcheck image`, which reads the layers; a
// Dockerfile alone never shows it, so the rule's check over Dockerfile text reports nothing.
import { aMachine, judgeBinary, type BinaryVerdict } from '../model/binary-verdict';
import type { ImageFilesystem } from '../model/image-files';
import type { ImageLibc } from '../model/image-libc';
import type { LayerOrigin } from '../model/history-mapping';
import type { DockerfileModel } from '../model/model';
import { hasMuslSibling } from '../model/npm-libc-variants';
import type { Finding, Rule } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC2005',
    slug: 'foreign-libc-binary-in-image',
    severity: 'warning',
    summary: 'A program in a built image is linked for another C library than the image has',
    explanation:
      '`muslcheck image` reads every ELF file of an image\'s final filesystem: its program interpreter, needed libraries and required GLIBC versions. A glibc-linked program in an Alpine (musl) image fails with "not found" or "Error relocating ...: symbol not found", a musl-linked one in a glibc image fails with "not found", and any dynamically linked program fails in an image without a C library. The finding names the file, the layer that wrote it and the Dockerfile step that made that layer.',
    fixable: 'never',
    since: '0.1.0',
    input: 'image',
  },
  check() {
    // Findings come from image layers (imageFindings below), not from Dockerfile text.
  },
};

/** One layer as the scanner saw it. */
export interface ImageLayer {
  /** 0-based, in application order. */
  index: number;
  digest: string;
  /** The `history[].created_by` of the step that made this layer, or null when the history has none. */
  createdBy: string | null;
}

/** Everything the judgement needs. */
export interface ImageFacts {
  fs: ImageFilesystem;
  libc: ImageLibc;
  /** The image's `os/architecture[/variant]`, or null. */
  platform: string | null;
  layers: readonly ImageLayer[];
}

/** The Dockerfile the image was built from, with each layer's origin in it. */
export interface DockerfileMapping {
  model: DockerfileModel;
  origins: readonly LayerOrigin[];
}

type Problem = Exclude<BinaryVerdict, { kind: 'clean' }>;

/** Most shared libraries named in one grouped finding. */
const NAMED_LIBRARIES = 3;

/**
 * Judges every ELF file of the final filesystem. Programs get one finding each; shared
 * libraries of one folder that fail the same way get one finding together (a bundled glibc
 * is dozens of them). Sorted by path.
 */
export function imageFindings(facts: ImageFacts, severity = rule.meta.severity, dockerfile?: DockerfileMapping): Finding[] {
  const target = {
    libc: facts.libc.libc,
    gcompat: facts.libc.gcompat,
    muslLoader: facts.libc.muslLoader,
    platform: facts.platform,
    glibcVersion: facts.libc.glibcVersion,
  };
  const programs: { path: string; layer: number; verdict: Problem }[] = [];
  const libraries = new Map<string, { paths: string[]; layer: number; verdict: Problem }>();
  const bundle = bundleRoot(facts.libc);
  const bundled: { paths: string[]; layer: number } = { paths: [], layer: -1 };
  const paths = [...facts.fs.files.keys()].sort();
  for (const path of paths) {
    const fact = facts.fs.files.get(path)!;
    if (fact.kind !== 'file' || !fact.elf) continue;
    const verdict = judgeBinary(fact.elf, target);
    if (verdict.kind === 'clean') continue;
    if (verdict.kind === 'glibc-on-musl' && hasMuslSibling(path, paths)) continue;
    if (bundle && path.startsWith(`${bundle}/`) && verdict.kind === 'glibc-on-musl') {
      // The bolted-on glibc's own files: one finding for the copy, not one per file of it.
      bundled.paths.push(path);
      if (bundled.layer < 0) bundled.layer = fact.layer;
      continue;
    }
    if (fact.elf.linking === 'dynamic') {
      programs.push({ path, layer: fact.layer, verdict });
      continue;
    }
    const key = `${path.slice(0, path.lastIndexOf('/'))}\n${verdict.kind}\n${fact.layer}`;
    const group = libraries.get(key);
    if (group) group.paths.push(path);
    else libraries.set(key, { paths: [path], layer: fact.layer, verdict });
  }
  const findings: Finding[] = [];
  for (const p of programs) findings.push(finding(facts, p.layer, describe(`\`${p.path}\``, p.verdict, facts), severity, dockerfile));
  for (const group of libraries.values()) {
    const named = group.paths.slice(0, NAMED_LIBRARIES).map((p) => `\`${p}\``);
    const more = group.paths.length - named.length;
    const what =
      group.paths.length === 1
        ? `the shared library ${named[0]}`
        : `${group.paths.length} shared libraries (${named.join(', ')}${more ? `, and ${more} more` : ''})`;
    findings.push(finding(facts, group.layer, describe(what, group.verdict, facts, group.paths.length > 1), severity, dockerfile));
  }
  if (bundled.paths.length) {
    const message = `\`${bundle}\` holds a glibc of its own (${bundled.paths.length} ELF file${bundled.paths.length > 1 ? 's' : ''} linked against it, such as \`${bundled.paths[0]}\`) bolted onto ${imageText(facts.libc)}: the alpine-glibc setup, where programs run on a second C library that apk does not manage and musl upgrades can break. Use a glibc base (debian-slim, distroless) for glibc programs, or musl or static builds with gcompat at most.`;
    findings.push(finding(facts, bundled.layer, message, severity, dockerfile));
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || (a.message < b.message ? -1 : 1));
}

/** The folder a bolted-on glibc lives in (`/usr/glibc-compat` for `/usr/glibc-compat/lib/ld-linux-x86-64.so.2`), or null when it sits in the system's own folders. */
function bundleRoot(libc: ImageLibc): string | null {
  if (libc.libc !== 'musl' || !libc.bundledGlibc) return null;
  const root = libc.bundledGlibc.replace(/\/lib(32|64|x32)?\/[^/]+$/, '');
  return root && root !== libc.bundledGlibc && root !== '/usr' ? root : null;
}

function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

/** `layer 3 (3f2a9c1b7d10, RUN apk add x)`. */
function layerText(facts: ImageFacts, index: number): string {
  const layer = facts.layers[index];
  if (!layer) return `layer ${index + 1}`;
  const step = layer.createdBy ? `, made by \`${oneLine(layer.createdBy)}\`` : ', no history entry';
  return `layer ${index + 1} (${shortDigest(layer.digest)}${step})`;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

function imageText(libc: ImageLibc): string {
  const name = libc.libc === 'none' ? 'no C library' : libc.libc;
  const bundled = libc.bundledGlibc ? `; glibc is bolted on at ${libc.bundledGlibc}` : '';
  return `the image's ${name} (${libc.evidence}${bundled})`;
}

/** The message for one file, or for several (`plural`) that fail the same way. */
function describe(what: string, verdict: Problem, facts: ImageFacts, plural = false): string {
  const image = imageText(facts.libc);
  const is = plural ? 'are' : 'is';
  const it = plural ? 'they' : 'it';
  const them = plural ? 'them' : 'it';
  const fail = plural ? 'fail' : 'fails';
  switch (verdict.kind) {
    case 'glibc-on-musl': {
      const details = [
        verdict.interpreter ? `interpreter ${verdict.interpreter}` : null,
        verdict.highestGlibc ? `needs ${verdict.highestGlibc}` : 'no GLIBC version named',
      ].filter(Boolean);
      const gcompat = verdict.gcompat.covered
        ? `or install gcompat (\`apk add --no-cache gcompat\`), which should run ${them}: ${verdict.gcompat.why}`
        : `gcompat may not be enough: ${verdict.gcompat.why}`;
      const fails = facts.libc.bundledGlibc
        ? `${it} run${plural ? '' : 's'} only on the glibc copy bolted onto musl, the alpine-glibc setup that breaks on the next upgrade`
        : `${it} ${fail} with "not found" or "Error relocating ...: symbol not found"`;
      return `${what} ${is} linked against glibc (${details.join(', ')}) under ${image}: ${fails}. Build ${them} for musl or statically, or use a glibc base; ${gcompat}.`;
    }
    case 'musl-on-glibc':
      return `${what} ${is} linked against musl (interpreter ${verdict.interpreter ?? 'none'}) under ${image}, which has no musl loader: ${it} ${fail} to start with "not found". Build ${them} statically or for glibc, or install musl.`;
    case 'no-libc':
      return `${what} is dynamically linked (interpreter ${verdict.interpreter ?? 'none'}) in an image with no C library: it fails with "no such file or directory". Build it statically (CGO_ENABLED=0, -static, a *-linux-musl target) or use a base that has its C library.`;
    case 'glibc-too-new':
      return `${what} ${is} built against a newer glibc (needs ${verdict.highestGlibc}) than ${imageText(facts.libc)}, which is ${verdict.available}: ${it} ${fail} with "version '${verdict.highestGlibc}' not found". Build ${them} on the image's release or an older one, or use a newer base.`;
    case 'wrong-machine':
      return `${what} ${is} ${plural ? verdict.machine : aMachine(verdict.machine)} file${plural ? 's' : ''} in an image for ${verdict.platform}: ${it} ${fail} with "exec format error". Build ${them} for ${verdict.platform}.`;
  }
}

function finding(facts: ImageFacts, layer: number, what: string, severity: Finding['severity'], dockerfile?: DockerfileMapping): Finding {
  let message = `${what} It comes from ${layerText(facts, layer)}.`;
  let span = { start: 0, end: 0 };
  if (dockerfile) {
    const origin = dockerfile.origins[layer];
    if (origin && origin.kind !== 'unmatched') {
      span = origin.instruction.span;
      if (origin.kind === 'base') message += ' That layer is part of the base image.';
    } else message += ' No instruction of the Dockerfile matches that layer, so the finding is on line 1.';
  }
  const range = dockerfile
    ? dockerfile.model.parsed.lines.rangeOf(span)
    : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { code: rule.meta.code, rule: rule.meta.slug, severity, message, span, range, related: [], fixes: [], stage: null };
}
