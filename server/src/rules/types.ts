// The contract between rules and everything around them: a rule's metadata, the context it
// reads the model through, and the findings it reports.
import type { Fix } from '../fixes/types';
import type { DockerfileModel, Stage } from '../model/model';
import type { Range, Span } from '../parse/text';

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

/** A rule: metadata plus a check over the model. */
export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Base URL of the rule pages. */
export const DOCS_BASE_URL = 'https://github.com/muslcheck/muslcheck/blob/main/docs/rules/';

/** The documentation page of a rule. */
export function docsUrl(code: string): string {
  return `${DOCS_BASE_URL}${code}.md`;
}

/** Re-exported so rule files import everything they need from one place. */
export type { Stage };
