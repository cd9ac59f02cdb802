// Hover: on a finding, what is wrong, why, what to do and the rule page; on a FROM line,
// the image the stage resolves to and its C library. Markdown when the client renders it,
// plain text otherwise.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { describeRuntime } from '../../knowledge/runtime-images';
import { genericMeaning, renderExplanation, signaturesCaughtBy } from '../../knowledge/runtime-errors';
import { RULES_BY_CODE } from '../../rules/index';
import { docsUrl, type Finding } from '../../rules/types';
import type { ClientFeatures } from '../capabilities';
import type { DocumentAnalysis } from '../analysis/document-analysis';
import type { StageSummary } from '../analysis/summary';
import { libcLabel } from './inlay-hints';

interface Text {
  bold(text: string): string;
  code(text: string): string;
  link(text: string, url: string): string;
}

const MARKDOWN: Text = {
  bold: (text) => `**${text}**`,
  code: (text) => `\`${text}\``,
  link: (text, url) => `[${text}](${url})`,
};

const PLAIN: Text = {
  bold: (text) => text,
  code: (text) => text,
  link: (text, url) => `${text}: ${url}`,
};

/** The hover at a position, or null when there is nothing to say there. */
export function provideHover(analysis: DocumentAnalysis, params: HoverParams, caps: Pick<ClientFeatures, 'hoverMarkdown'>): Hover | null {
  const result = analysis.result;
  if (!result) return null;
  const offset = analysis.codec.toOffset(params.position);
  const t = caps.hoverMarkdown ? MARKDOWN : PLAIN;
  const findings = result.findings.filter((f) => f.span.start <= offset && offset < f.span.end);
  const stage = result.stages.find((s) => s.fromSpan.start <= offset && offset < s.fromSpan.end);
  if (!findings.length && !stage) return null;

  const sections = findings.map((finding) => describeFinding(finding, t));
  if (stage) sections.push(describeStage(stage, t));
  const anchor = findings.length ? findings[0].span : stage!.fromSpan;
  return {
    contents: { kind: caps.hoverMarkdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: sections.join('\n\n---\n\n') },
    range: analysis.codec.spanToClient(anchor),
  };
}

function describeFinding(finding: Finding, t: Text): string {
  const meta = RULES_BY_CODE.get(finding.code)?.meta;
  const lines = [`${t.bold(finding.code)} ${t.code(finding.rule)} (${finding.severity})`, '', finding.message];
  if (meta) lines.push('', `${t.bold('Why:')} ${meta.explanation}`);
  const todo = finding.fixes.length
    ? `apply a quick fix: ${finding.fixes.map((f) => `${f.title}${f.safety === 'unsafe' ? ' (review the change)' : ''}`).join('; ')}.`
    : 'change the instruction as the message says.';
  lines.push(
    '',
    `${t.bold('What to do:')} ${todo} If it is intended, add ${t.code(`# muslcheck ignore=${finding.code}`)} above the instruction.`,
  );
  // How the mistake shows when the container runs: the text `muslcheck explain` prints.
  for (const signature of signaturesCaughtBy(finding.code)) {
    lines.push('', t.bold('At run time'), '', renderExplanation(signature, genericMeaning(signature), t, ruleLabel));
  }
  lines.push('', t.link(`${finding.code} documentation`, docsUrl(finding.code)));
  return lines.join('\n');
}

/** `MC2001 glibc-binary-into-musl`, as `muslcheck explain` names a rule. */
function ruleLabel(code: string): string {
  const slug = RULES_BY_CODE.get(code)?.meta.slug;
  return slug ? `${code} ${slug}` : code;
}

function describeStage(stage: StageSummary, t: Text): string {
  const name = stage.name ? ` ${t.code(stage.name)}` : '';
  const image = stage.resolvedImage ?? stage.imageText;
  const lines = [`${t.bold(`Stage ${stage.index}`)}${name}: ${image ? t.code(image) : 'no image'}`];
  if (stage.imageText && image && stage.imageText !== image) lines.push('', `Written as ${t.code(stage.imageText)}.`);
  lines.push('', `${t.bold('C library:')} ${libcLabel(stage)}`);
  if (stage.glibcOnMusl) lines.push('', 'glibc is bolted onto musl-based Alpine here: programs can load both C libraries and crash.');
  if (stage.glibcOnMusl && stage.runtime && stage.runtime.kind !== 'none') {
    lines.push(
      '',
      `${t.bold('Carries:')} ${describeRuntime(stage.runtime)}${stage.runtime.from === 'family' ? '' : ` (told from its ${stage.runtime.from})`}`,
    );
  }
  if (stage.reason) lines.push('', `${t.bold('Because:')} ${stage.reason}`);
  return lines.join('\n');
}
