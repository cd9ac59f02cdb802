// Turns an image config's `history[].created_by` entries back into Dockerfile text, so
// the same rules that lint a Dockerfile can judge how a base image was built, and maps
// each generated line back to the history entry (and layer) it came from.

import type { HistoryEntry } from './client';

/** Dockerfile text made from an image history. */
export interface GeneratedHistory {
  text: string;
  /** For each 0-based line of `text`: the index in `history` it came from, or -1 for header lines. */
  lineToHistory: number[];
}

const INSTRUCTIONS =
  /^(?:ADD|ARG|CMD|COPY|ENTRYPOINT|ENV|EXPOSE|HEALTHCHECK|LABEL|MAINTAINER|ONBUILD|RUN|SHELL|STOPSIGNAL|USER|VOLUME|WORKDIR)\b/i;
// `[|N k=v ...] /bin/sh -c CMD`: the classic builder's record of a RUN (with N build args).
const SHELL_FORM = /^(?:\|\d+\s+.*?\s)?(?:\/usr)?(?:\/bin\/)?(?:ba|a|da)?sh(?:\s+-[a-z]+(?:\s+pipefail)?)*\s+-c\s+/s;

/**
 * The base written above a history: an image muslcheck knows nothing about, so the
 * analyzer judges the stage by its commands (apk makes it Alpine) as for any unknown base.
 */
export const HISTORY_BASE = 'history.invalid/base';

/**
 * Rewrites one `created_by` entry as a Dockerfile instruction. Classic builder records
 * (`/bin/sh -c #(nop)  ENV X=1`, `/bin/sh -c apk add x`), BuildKit ones (`RUN /bin/sh -c
 * apk add x # buildkit`) and plain instructions are understood; anything else (`docker
 * import`, other tools' notes) becomes a comment. Undefined for an empty entry.
 */
export function historyInstruction(createdBy: string): string | undefined {
  let text = createdBy.replace(/\r\n?/g, '\n').trim();
  text = withoutBuildkitMark(text);
  if (text === '') return undefined;
  const nop = /^(?:\/bin\/)?sh\s+-c\s+#\(nop\)\s*(.*)$/s.exec(text);
  if (nop) return fromNop(nop[1].trim());
  const run = /^RUN\s+(.*)$/is.exec(text);
  const body = run ? run[1] : text;
  const shell = SHELL_FORM.exec(body);
  if (shell) return `RUN ${body.slice(shell[0].length).trim()}`;
  if (run || INSTRUCTIONS.test(text)) return run ? `RUN ${body.trim()}` : text;
  return `# ${text}`;
}

/** `ADD file:abc in /` and `COPY dir:abc in /app` name the destination after "in". */
function fromNop(instruction: string): string {
  const m = /^(ADD|COPY)\s+(.*?)\s+in\s+(\S+)\s*$/s.exec(instruction);
  return m ? `${m[1]} ${m[2]} ${m[3]}` : instruction;
}

/**
 * Builds the Dockerfile text for a history, one instruction per entry after a header
 * (`# layers of TITLE` and `FROM HISTORY_BASE`: the rules judge the commands, not a base).
 * Multi-line commands keep their lines, joined by continuations.
 */
export function historyToDockerfile(config: { history: HistoryEntry[] }, title = 'image'): GeneratedHistory {
  const lines = [`# layers of ${title.replace(/[\r\n]/g, ' ')}`, `FROM ${HISTORY_BASE}`];
  const lineToHistory = [-1, -1];
  config.history.forEach((entry, index) => {
    const instruction = historyInstruction(entry.createdBy);
    if (instruction === undefined) return;
    const parts = instruction.split('\n');
    parts.forEach((part, i) => {
      lines.push(i < parts.length - 1 ? `${part} \\` : part);
      lineToHistory.push(index);
    });
  });
  return { text: lines.join('\n') + '\n', lineToHistory };
}

/**
 * Names a history entry as a person reads `docker history`: "layer N" (1-based, counting
 * only entries that added a layer) or "step N (no layer)" for ENV, CMD and the like.
 */
export function layerLabel(history: HistoryEntry[], index: number): string {
  if (history[index]?.emptyLayer) return `step ${index + 1} (no layer)`;
  let layer = 0;
  for (let i = 0; i <= index && i < history.length; i++) if (!history[i].emptyLayer) layer++;
  return `layer ${layer}`;
}

/** Drops BuildKit's trailing `# buildkit` mark (string steps: the regex form is quadratic). */
function withoutBuildkitMark(text: string): string {
  const trimmed = text.trimEnd();
  if (!trimmed.endsWith('buildkit')) return text;
  const beforeWord = trimmed.slice(0, -'buildkit'.length).trimEnd();
  return beforeWord.endsWith('#') ? beforeWord.slice(0, -1).trimEnd() : text;
}
