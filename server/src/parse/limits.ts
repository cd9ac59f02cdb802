// Bounds on variable expansion. Values can double at each ARG (`ARG A1=${A0}${A0}`), so a
// 1 KB file could ask for gigabytes; past these bounds a variable counts as unknown, like
// one without a value, and the place is recorded so the analysis can say it stopped there.
import type { Span } from './text';

/** Longest value one expansion may produce, in UTF-16 code units (twice MAX_LINE_LENGTH). */
export const MAX_EXPANDED_LENGTH = 64 * 1024;

/** Deepest `${A:-${B:-...}}` followed; real Dockerfiles nest two or three. */
export const MAX_EXPANSION_NESTING = 64;

/** Which bound an expansion met. */
export type ExpansionLimit = 'length' | 'nesting';

/** Characters that expansions may insert in one document, all together. */
export const MAX_EXPANDED_TOTAL = 16 * 1024 * 1024;

/** A place where the analysis stopped at a limit, for a finding on that line. */
export interface LimitHit {
  span: Span;
  message: string;
  /**
   * Set when the document's expansion budget was spent: every later expansion stops too, so
   * only the first such place is worth a finding. Counts the budget's stops in the order they
   * happened (rules expand again after the model is built, at earlier places).
   */
  budgetStop?: number;
}

/** The expansion budget of one analysis and the places where it ran out. */
export class ExpansionLimits {
  private remaining = MAX_EXPANDED_TOTAL;
  private readonly noted = new Map<string, LimitHit>();
  private stops = 0;

  /** True when `length` more characters may be inserted (and they are counted). */
  take(length: number): boolean {
    if (length > this.remaining) {
      this.remaining = 0;
      return false;
    }
    this.remaining -= length;
    return true;
  }

  /** True once the document-wide budget is spent. */
  get spent(): boolean {
    return this.remaining === 0;
  }

  /** Numbers a stop caused by the spent budget. */
  nextStop(): number {
    return this.stops++;
  }

  /** Records that expansion stopped at `hit.span`; one record per span. */
  note(hit: LimitHit): void {
    const key = `${hit.span.start}:${hit.span.end}`;
    if (!this.noted.has(key)) this.noted.set(key, hit);
  }

  get hits(): LimitHit[] {
    return [...this.noted.values()];
  }
}

/** Where and why an expansion of `what` was not followed, for the finding. */
export function expansionLimitHit(
  span: Span,
  what: string,
  limits: ExpansionLimits | undefined,
  kind: ExpansionLimit = 'length',
): LimitHit {
  if (kind === 'nesting') {
    return {
      span,
      message: `${what} nests \`\${...}\` deeper than ${MAX_EXPANSION_NESTING} levels, so muslcheck treats it as unknown and may miss findings that depend on it`,
    };
  }
  if (limits?.spent) {
    return {
      span,
      message: `${what} stops here: variable expansion in this document reached ${MAX_EXPANDED_TOTAL / 1024 / 1024} Mi characters, so from here on muslcheck treats variables as unknown and may miss findings that depend on them`,
      budgetStop: limits.nextStop(),
    };
  }
  return {
    span,
    message: `${what} expands to more than ${MAX_EXPANDED_LENGTH / 1024} Ki characters, so muslcheck treats it as unknown and may miss findings that depend on it`,
  };
}
