// Fixes are plain data: text edits on document offsets, so the CLI, the language server
// and tests apply exactly the same change.
import type { Span } from '../parse/text';

/** Replace the text of `span` with `newText` (an empty span inserts). */
export interface Edit {
  span: Span;
  newText: string;
}

/**
 * `safe` fixes keep the build's behaviour apart from the libc change; `unsafe` ones change
 * more (another base image, another distribution) and need a person to review them.
 */
export type FixSafety = 'safe' | 'unsafe';

/** One way to resolve a finding. */
export interface Fix {
  /** A verb phrase shown to users: "Replace the glibc install with gcompat". */
  title: string;
  safety: FixSafety;
  /** The fix an editor should offer first. */
  preferred: boolean;
  /** Non-overlapping edits. */
  edits: Edit[];
  /** Fixes with the same key make the same change, so fix-all applies them once. */
  key: string;
}
