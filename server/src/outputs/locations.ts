// Shared helpers of the output formats: 1-based positions and the level names that CI
// systems use for our severities.
import type { Finding, Severity } from '../rules/types';

/** A finding's range as people count: 1-based lines and columns, end column exclusive. */
export interface OneBasedRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The 1-based range of a 0-based LSP-style range. */
export function oneBased(range: Finding['range']): OneBasedRange {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** Our severities in SARIF's levels (and in GitHub's, where `note` is `notice`). */
export const SARIF_LEVELS: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  style: 'note',
};

/** The path with forward slashes and without a leading `./`, as CI systems show paths. */
export function portablePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/**
 * Escapes text for XML attributes and content, dropping characters XML 1.0 cannot hold.
 * Line breaks and tabs become character references, which XML parsers keep in attributes
 * (a literal newline there would be read back as a space).
 */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
      .replace(/\t/g, '&#9;')
  );
}
