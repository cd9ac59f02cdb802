// The contract between rules and everything around them: a rule's metadata, the context it
// reads the model through, and the findings it reports.
import type { Fix } from '../fixes/types';
import type { DockerfileModel, Stage } from '../model/model';
import type { ParsedInstruction } from '../parse/dockerfile';
import type { Range, Span } from '../parse/text';
import type { Pragmas, SuppressedFinding } from './pragmas';

/** How serious a finding is, from most to least (hadolint's levels). */
export type Severity = 'error' | 'warning' | 'info' | 'style';

/** All severities, most serious first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];

/** Static facts about a rule: what docs, outputs and configuration read. */
export interface RuleMeta {
  /** Stable code, never reused: `MC1002`. */
  code: string;
  /** Names the pattern, not the cure: `glibc-apk-install`. */
  slug: string;
  severity: Severity;
  /** One line for rule lists, SARIF and hovers. */
  summary: string;
  /** A few sentences on why it breaks, for hovers and SARIF's full description. */
  explanation: string;
  /** Whether findings come with an automatic fix: always, sometimes, or never. */
  fixable: 'always' | 'sometimes' | 'never';
  /** The version that introduced the rule. */
  since: string;
  /** Set for a rule that is off unless the analysis turns this option on. */
  enabledBy?: 'reportUnusedPragmas';
  /**
   * What the rule reads: Dockerfile text (the default), or a built image's files, which only
   * `muslcheck image` opens; such a rule never reports from a Dockerfile's text.
   */
  input?: 'image';
}

/** A related location shown with a finding (the builder stage, the key download). */
export interface RelatedLocation {
  span: Span;
  message: string;
}

/** What a rule reports. */
export interface Report {
  span: Span;
  message: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** The instruction a finding outside every instruction is about (a pragma's), for its stage. */
  about?: ParsedInstruction | null;
}

/** A finding as the analyzer returns it. */
export interface Finding {
  code: string;
  rule: string;
  severity: Severity;
  message: string;
  span: Span;
  /** 0-based, UTF-16, like LSP. */
  range: Range;
  related: (RelatedLocation & { range: Range })[];
  fixes: Fix[];
  /** Index of the stage the finding is in, or null for the preamble. */
  stage: number | null;
}

/** What a rule sees. */
export interface RuleContext {
  model: DockerfileModel;
  report(report: Report): void;
}

/** What a rule about the pragmas themselves sees, once the other rules' findings are known. */
export interface PragmaRuleContext extends RuleContext {
  /** The document's pragmas and the problems of those that could not be read. */
  pragmas: Pragmas;
  /** The findings the pragmas silenced. */
  suppressed: readonly SuppressedFinding<Finding>[];
  /** Codes of the rules that ran: a pragma code of any other cannot be judged. */
  ran: ReadonlySet<string>;
}

/**
 * A rule: metadata plus a check over the model. With `phase: 'last'` it runs after the other
 * model rules, because it reports what they may meet too (MC0003, the analysis limits).
 */
export interface ModelRule {
  meta: RuleMeta;
  phase?: 'last';
  check(context: RuleContext): void;
}

/**
 * A rule about pragmas: it runs after suppression (so it can tell which pragma codes
 * silenced something), only when pragmas are honoured, and pragmas cannot silence it.
 */
export interface PragmaRule {
  meta: RuleMeta;
  phase: 'pragmas';
  check(context: PragmaRuleContext): void;
}

/** Any rule. */
export type Rule = ModelRule | PragmaRule;

/** Base URL of the rule pages. */
export const DOCS_BASE_URL = 'https://github.com/muslcheck/muslcheck/blob/main/docs/rules/';

/** The documentation page of a rule. */
export function docsUrl(code: string): string {
  return `${DOCS_BASE_URL}${code}.md`;
}

/** Re-exported so rule files import everything they need from one place. */
export type { Stage };
