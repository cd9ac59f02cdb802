// `muslcheck explain [--format text|json] [TEXT...]`: says what a run-time error such as
// "Error relocating /app: __fcntl64: symbol not found" means, which rule would have caught it
// and how to fix it. The text comes from the arguments, or from standard input without any
// (or with `-`). Only `explain` as the very first argument selects it, so `muslcheck ./explain`
// or `muslcheck Dockerfile explain` still lint paths of that name: the precedent is Ruff, whose
// `ruff <path>` meant `ruff check <path>` next to its subcommands until it required `check`.
import { explainRuntimeError, PLAIN_STYLE, renderExplanation, RUNTIME_ERROR_SIGNATURES } from '../knowledge/runtime-errors';
import { RULES_BY_CODE } from '../rules/index';
import { docsUrl } from '../rules/types';

/** Exit statuses of `explain`: 0 explained, 1 no known signature in the text, 2 usage. */
export const EXPLAIN_OK = 0;
export const EXPLAIN_UNKNOWN = 1;
export const EXPLAIN_USAGE = 2;

/** What `explain` reads and writes. */
export interface ExplainIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

/** The text of `muslcheck explain --help`. */
function explainHelp(): string {
  return `Usage: muslcheck explain [--format text|json] [ERROR TEXT... | RULE CODE]

Says what a run-time error of a container means, which muslcheck rule would have caught it
and how to fix it. Without ERROR TEXT (or with '-'), reads it from standard input. Given a
rule code (MC2001), explains the rule.

Examples:
  muslcheck explain 'Error relocating /app: __fcntl64: symbol not found'
  docker logs web 2>&1 | muslcheck explain
  muslcheck explain MC2001

Exit status: 0 explained, 1 no known C library error in the text (or no such rule), 2 usage
error.
`;
}

/** Runs `explain` with the arguments after the word `explain`. */
export async function runExplain(args: readonly string[], io: ExplainIO): Promise<number> {
  let format = 'text';
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') {
      io.stdout.write(explainHelp());
      return EXPLAIN_OK;
    }
    const inline = /^--format=(.*)$/.exec(arg);
    if (arg === '--format' || arg === '-f' || inline) {
      format = inline ? inline[1] : (args[++i] ?? '');
      if (format !== 'text' && format !== 'json') return usage(io, `explain: --format takes text or json, not '${format}'`);
    } else if (arg === '--') {
      words.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') return usage(io, `explain: unknown option '${arg}'`);
    else words.push(arg);
  }
  const text = words.length && !(words.length === 1 && words[0] === '-') ? words.join(' ') : await readAll(io.stdin);
  if (!text.trim()) return usage(io, 'explain: give the error text as arguments or on standard input');

  // A rule code alone (`muslcheck explain MC2001`) explains the rule, as `ruff rule` does.
  const code = /^\s*(MC\d{4})\s*$/i.exec(text)?.[1].toUpperCase();
  if (code) return explainRule(code, format, io);

  const matches = explainRuntimeError(text);
  if (format === 'json') {
    const explained = matches.map((m) => ({
      id: m.signature.id,
      title: m.signature.title,
      matched: m.matched,
      meaning: m.meaning,
      rules: m.signature.rules.map((code) => ({ code, slug: RULES_BY_CODE.get(code)?.meta.slug ?? null, docs: docsUrl(code) })),
      fixes: m.signature.fixes,
    }));
    io.stdout.write(`${JSON.stringify(explained, null, 2)}\n`);
    return matches.length ? EXPLAIN_OK : EXPLAIN_UNKNOWN;
  }
  if (!matches.length) {
    io.stdout.write(
      `muslcheck does not recognise a C library error in this text. It knows:\n${RUNTIME_ERROR_SIGNATURES.map((s) => `- ${s.title}`).join('\n')}\n`,
    );
    return EXPLAIN_UNKNOWN;
  }
  const sections = matches.map((m) => `${m.matched}\n\n${renderExplanation(m.signature, m.meaning, PLAIN_STYLE, describeRule)}`);
  io.stdout.write(`${sections.join('\n\n')}\n`);
  return EXPLAIN_OK;
}

/** What a rule flags, why, the run-time errors it prevents and its page. */
function explainRule(code: string, format: string, io: ExplainIO): number {
  const rule = RULES_BY_CODE.get(code);
  if (!rule) {
    io.stdout.write(format === 'json' ? 'null\n' : `muslcheck has no rule ${code}. Its rules are listed in docs/rules/README.md.\n`);
    return EXPLAIN_UNKNOWN;
  }
  const { meta } = rule;
  const prevents = RUNTIME_ERROR_SIGNATURES.filter((s) => s.rules.includes(code));
  if (format === 'json') {
    const view = { ...meta, docs: docsUrl(code), prevents: prevents.map((s) => ({ id: s.id, title: s.title })) };
    io.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
    return EXPLAIN_OK;
  }
  const lines = [`${code} ${meta.slug} (${meta.severity}, fixable: ${meta.fixable})`, '', meta.summary, '', meta.explanation];
  if (prevents.length) lines.push('', 'Run-time errors it prevents:', ...prevents.map((s) => `- ${s.title}`));
  lines.push('', docsUrl(code));
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXPLAIN_OK;
}

function describeRule(code: string): string {
  const slug = RULES_BY_CODE.get(code)?.meta.slug;
  return slug ? `${code} ${slug}` : code;
}

function usage(io: ExplainIO, message: string): number {
  io.stderr.write(`muslcheck: ${message}\nTry 'muslcheck explain --help'.\n`);
  return EXPLAIN_USAGE;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
