// What the C library mismatch looks like when a container runs: the error texts users paste
// into issues, what each means, which rule would have caught it and how to fix it. The
// matcher is pure: `muslcheck explain` prints its answers and the editor's hover on a
// finding shows the same text for the rule's signatures.

/** One recognisable run-time failure. */
export interface RuntimeErrorSignature {
  id: string;
  /** A short name for the failure. */
  title: string;
  /** Lower-case text that starts a match; the pattern is tried where one occurs. */
  anchors: readonly string[];
  /**
   * Matches at an anchor (so it starts with `^`: an unanchored search of pasted logs would be
   * quadratic); named groups (`file`, `symbol`, `version`...) fill the meaning.
   */
  pattern: RegExp;
  /** What it means; {{name}} is replaced by the pattern's named group. */
  meaning: string;
  /** Rules that would have caught the cause, most likely first. */
  rules: readonly string[];
  fixes: readonly string[];
}

const GLIBC_ON_MUSL_FIXES = [
  "Build the program for musl: `CGO_ENABLED=0` for Go, `--target x86_64-unknown-linux-musl` for Rust, the vendor's musl or Alpine build, or build it in an `-alpine` stage.",
  "Or install Alpine's `gcompat` (`apk add --no-cache gcompat`) for a prebuilt glibc program that only needs the common glibc ABI.",
  'Or run it on a glibc base (debian-slim, distroless cc) instead of Alpine.',
];

const MUSL_ON_GLIBC_FIXES = [
  'Build the program (or install the dependencies) in a stage with the same C library as the one that runs it.',
  'Or build it statically (`CGO_ENABLED=0`, Rust musl targets link statically), or run it on an Alpine base.',
];

/** The signatures `explain` knows, the commonest first (a rule's hover shows its first ones). */
export const RUNTIME_ERROR_SIGNATURES: readonly RuntimeErrorSignature[] = [
  {
    id: 'symbol-not-found',
    title: 'Error relocating: symbol not found',
    anchors: ['error relocating '],
    pattern: /^Error relocating (?<file>[^:\n]+): (?<symbol>[^:\s]+): symbol not found/,
    meaning:
      "{{file}} is linked against glibc and runs on musl, which (like gcompat, if installed) lacks the glibc symbol {{symbol}}. musl's loader started it, through gcompat, libc6-compat or a loader symlink, and stopped at the first missing symbol.",
    rules: ['MC2001', 'MC2002', 'MC2003', 'MC2005', 'MC2004', 'MC1007'],
    fixes: GLIBC_ON_MUSL_FIXES,
  },
  {
    id: 'interpreter-missing',
    title: 'not found / no such file or directory for a file that exists',
    anchors: ['sh:', 'exec '],
    pattern:
      /^(?:sh(?::\s*\d+)?:\s*(?<file>[^:\s][^:\n]*):\s*not found|exec(?: user process caused)?:?(?: "?(?<file2>[^":\n]+)"?:?)? "?no such file or directory)/i,
    meaning:
      'The file{{ (file)}} exists, but the program interpreter its ELF header names does not: a glibc binary asks for `/lib64/ld-linux-x86-64.so.2`, which Alpine lacks (a musl binary asks for `/lib/ld-musl-x86_64.so.1`, which Debian lacks). The shell reports the missing interpreter as the program itself. (A script with Windows line ends or a wrong `#!` line fails the same way.)',
    rules: ['MC2001', 'MC2002', 'MC2003', 'MC2005', 'MC2004', 'MC1007'],
    fixes: [
      ...GLIBC_ON_MUSL_FIXES,
      'For a musl binary on Debian: ' + MUSL_ON_GLIBC_FIXES[0].charAt(0).toLowerCase() + MUSL_ON_GLIBC_FIXES[0].slice(1),
    ],
  },
  {
    id: 'glibc-loader-missing',
    title: 'Error loading shared library ld-linux / libc.so.6',
    anchors: ['error loading shared library '],
    pattern:
      /^Error loading shared library (?<library>ld-linux[\w.-]*\.so\.\d|libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1)[^\n(]*(?:\(needed by (?<file>[^)\n]+)\))?/,
    meaning: "musl's loader is running {{file}}, which needs glibc's {{library}}: a glibc-linked program or native addon on Alpine.",
    rules: ['MC2001', 'MC2004', 'MC2002'],
    fixes: GLIBC_ON_MUSL_FIXES,
  },
  {
    id: 'musl-loader-missing',
    title: 'ld-musl / libc.musl not found on glibc',
    anchors: ['ld-musl-', 'libc.musl-'],
    pattern: /^(?<library>(?:ld-musl|libc\.musl)-[\w-]+\.so\.1)[^\n]*?(?:not found|No such file|cannot open shared object file)/,
    meaning:
      "musl's loader{{ (library)}} is missing: a program or native addon built on Alpine (musl) is running on a glibc base, where that loader does not exist.",
    rules: ['MC2004', 'MC2003', 'MC2005'],
    fixes: MUSL_ON_GLIBC_FIXES,
  },
  {
    id: 'glibc-version',
    title: "version `GLIBC_x.y' not found",
    anchors: ['glibc_', 'glibcxx_'],
    pattern: /^(?<version>GLIBC(?:XX)?_\d+(?:\.\d+)*)'?\s+not found(?:\s+\(required by (?<file>[^)\n]+)\))?/,
    meaning:
      'The program{{ (file)}} was linked against a newer glibc (or libstdc++) than the one it runs on: it needs {{version}}. On Alpine with glibc bolted on, the glibc apk is older than the build; on Debian or Ubuntu, the runtime base is older than the builder.',
    rules: ['MC2003', 'MC2005', 'MC2001', 'MC1001', 'MC1002', 'MC2002'],
    fixes: [
      "Build on the same distribution release as the runtime base (or an older one), or move the runtime base to the builder's release.",
      'On Alpine, build for musl or install `gcompat` instead of glibc apks.',
    ],
  },
  {
    id: 'isoc23',
    title: '__isoc23_* symbols missing',
    anchors: ['__isoc23_'],
    pattern: /^(?<symbol>__isoc23_\w+)/,
    meaning:
      'The `__isoc23_*` symbols{{ (symbol)}} are how glibc 2.38 and later redirect scanf/strtol-family calls (C23). The program was built against glibc 2.38+ headers, so it fails on musl (also with gcompat) and on any glibc older than 2.38.',
    rules: ['MC2003', 'MC2005', 'MC2001', 'MC2002'],
    fixes: [
      'Build it on the C library and release that will run it: in an `-alpine` stage for Alpine, or on a builder no newer than the runtime base.',
      ...GLIBC_ON_MUSL_FIXES.slice(1),
    ],
  },
  {
    id: 'relocation-37',
    title: 'unsupported relocation type 37',
    anchors: ['unsupported relocation type 37'],
    pattern: /^unsupported relocation type (?<type>37)\b/,
    meaning:
      "Relocation type 37 (R_X86_64_IRELATIVE) is glibc's IFUNC mechanism, which musl's loader does not implement: a glibc-linked program or library is being loaded by musl, typically glibc apks (sgerrand 2.35) on Alpine or musl's loader posing as glibc's.",
    rules: ['MC1002', 'MC1001', 'MC1007', 'MC2001'],
    fixes: ['Remove the glibc apks and the loader symlinks.', ...GLIBC_ON_MUSL_FIXES],
  },
  {
    id: 'apk-overwrite',
    title: 'apk: trying to overwrite a file owned by gcompat, libc6-compat or alpine-baselayout',
    anchors: ['trying to overwrite '],
    pattern: /^trying to overwrite (?<path>\S+) owned by (?<owner>libc6-compat|gcompat|alpine-baselayout[\w-]*|musl[\w-]*)/,
    meaning:
      "A glibc apk (sgerrand's packages) is being installed over Alpine's own files: {{path}} already belongs to {{owner}}. The glibc packages clash with gcompat/libc6-compat and with newer Alpine releases.",
    rules: ['MC1002', 'MC1006'],
    fixes: [
      'Drop the glibc apks and install `gcompat` instead; never force the install with `--force-overwrite`.',
      ...GLIBC_ON_MUSL_FIXES.slice(2),
    ],
  },
];

/** One signature found in a text, with the values its pattern captured. */
export interface RuntimeErrorMatch {
  signature: RuntimeErrorSignature;
  /** The part of the text that matched. */
  matched: string;
  /** The meaning with the captured values filled in. */
  meaning: string;
}

/** What some glibc symbols that musl lacks are, for the symbol-not-found explanation. */
const SYMBOL_NOTES: readonly { pattern: RegExp; note: string }[] = [
  {
    pattern: /^__?fcntl64$|^(?:__)?(?:stat|fstat|lstat|fstatat)64$/,
    note: 'glibc 2.28 and later route 64-bit file calls through such symbols',
  },
  { pattern: /^__\w+_chk$/, note: "the `_chk` functions are glibc's `_FORTIFY_SOURCE` checks" },
  { pattern: /^gnu_get_libc_version$/, note: 'the program asks glibc for its version, which musl cannot answer' },
  { pattern: /^__res_n?init$|^__res_\w+$/, note: "glibc's resolver internals" },
  { pattern: /^__isoc23_\w+$/, note: 'glibc 2.38 headers redirect C23 scanf/strtol calls to these' },
];

/** Lines are cut to this length, and a pattern is tried at this many anchors a line. */
const MAX_LINE = 4096;
const MAX_ANCHORS = 32;

/**
 * Every known signature in an error text, the commonest first; empty when none is known.
 * Each signature reports its first match, with the whole line it is on.
 */
export function explainRuntimeError(text: string): RuntimeErrorMatch[] {
  const lines = text.split('\n').map((line) => line.slice(0, MAX_LINE));
  const matches: RuntimeErrorMatch[] = [];
  for (const signature of RUNTIME_ERROR_SIGNATURES) {
    const found = firstMatch(signature, lines);
    if (!found) continue;
    const groups = found.match.groups ?? {};
    let meaning = fillIn(signature.meaning, groups);
    const note = groups.symbol ? SYMBOL_NOTES.find((n) => n.pattern.test(groups.symbol!)) : undefined;
    if (note && signature.id === 'symbol-not-found') meaning += ` (\`${groups.symbol}\`: ${note.note}.)`;
    matches.push({ signature, matched: found.line.trim(), meaning });
  }
  return matches;
}

function firstMatch(signature: RuntimeErrorSignature, lines: readonly string[]): { match: RegExpExecArray; line: string } | null {
  for (const line of lines) {
    const lower = line.toLowerCase();
    for (const anchor of signature.anchors) {
      let at = lower.indexOf(anchor);
      for (let tries = 0; at >= 0 && tries < MAX_ANCHORS; tries++) {
        const match = signature.pattern.exec(line.slice(at));
        if (match) return { match, line };
        at = lower.indexOf(anchor, at + 1);
      }
    }
  }
  return null;
}

/** The signatures a rule would have caught: those it is first for, then the rest; at most `limit`. */
export function signaturesCaughtBy(code: string, limit = 2): RuntimeErrorSignature[] {
  const first = RUNTIME_ERROR_SIGNATURES.filter((s) => s.rules[0] === code);
  const others = RUNTIME_ERROR_SIGNATURES.filter((s) => s.rules[0] !== code && s.rules.includes(code));
  return [...first, ...others].slice(0, limit);
}

/** A signature's meaning with nothing captured, for the hover of a rule that would catch it. */
export function genericMeaning(signature: RuntimeErrorSignature): string {
  return fillIn(signature.meaning, {});
}

/** How explanations are rendered: plain text for the terminal, Markdown for editors. */
export interface ExplainStyle {
  bold(text: string): string;
  code(text: string): string;
}

/** Plain text: inline code stays in backticks, which read well in a terminal. */
export const PLAIN_STYLE: ExplainStyle = { bold: (text) => text, code: (text) => `\`${text}\`` };

/**
 * One explanation as text: the failure, what it means, the rules that would have caught it
 * (`describeRule` names them) and the fixes. `muslcheck explain` and the hover share it.
 */
export function renderExplanation(
  signature: RuntimeErrorSignature,
  meaning: string,
  style: ExplainStyle,
  describeRule: (code: string) => string,
): string {
  const lines = [
    `${style.bold('Error:')} ${signature.title}`,
    `${style.bold('What it means:')} ${meaning}`,
    `${style.bold('Caught by:')} ${signature.rules.map(describeRule).join(', ')}`,
    `${style.bold('Fixes:')}`,
    ...signature.fixes.map((fix) => `- ${fix}`),
  ];
  return lines.join('\n');
}

/** What a placeholder says when the error text did not give its value (the hover). */
const PLACEHOLDER_DEFAULTS: Readonly<Record<string, string>> = {
  file: 'the program',
  symbol: 'it needs',
  library: "glibc's loader or libc",
  version: 'a newer GLIBC_x.y',
  path: 'a file',
  owner: 'an Alpine package',
};

/** Placeholders become the captured value in backticks, or a default; the ` (name)` form becomes ` (value)` or nothing. */
function fillIn(template: string, groups: Record<string, string | undefined>): string {
  const value = (name: string): string | undefined => (groups[name] ?? groups[`${name}2`] ?? groups[`${name}3`])?.trim() || undefined;
  return template
    .replace(/\{\{ \((\w+)\)\}\}/g, (_, name: string) => {
      const v = value(name);
      return v ? ` (\`${v}\`)` : '';
    })
    .replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const v = value(name);
      return v ? `\`${v}\`` : (PLACEHOLDER_DEFAULTS[name] ?? 'it');
    });
}
