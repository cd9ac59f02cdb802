// A small unified diff for --fix-dry-run: Myers' O(ND) line diff, then hunks with three
// lines of context, in the format `patch` and `git apply` read. Fixes change a few lines of
// small files, so D stays small and no dependency is needed.

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Splits text into lines that keep their line breaks, so CRLF files diff and patch back exactly. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** The edit script turning `a` into `b`. */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const max = a.length + b.length;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= a.length && y >= b.length) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back from the end to recover the path.
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      y--;
      ops.push({ kind: ' ', line: a[--x] });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[--y] });
      else ops.push({ kind: '-', line: a[--x] });
    }
  }
  return ops.reverse();
}

/** A unified diff of two versions of `file`, or '' when they are equal. */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const out = [`--- a/${file}`, `+++ b/${file}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last
    // change that lies within 2*context lines of the previous one.
    const start = Math.max(0, i - context);
    let end = i;
    let lastChange = i;
    while (end < ops.length && end - lastChange <= 2 * context) {
      if (ops[end].kind !== ' ') lastChange = end;
      end++;
    }
    end = Math.min(ops.length, lastChange + context + 1);
    out.push(hunkHeader(ops, start, end));
    for (const op of ops.slice(start, end)) {
      // Only the LF goes: a CR stays, so the patch recreates CRLF lines exactly.
      out.push(`${op.kind}${op.line.replace(/\n$/, '')}`);
      if (!op.line.endsWith('\n')) out.push('\\ No newline at end of file');
    }
    i = end;
  }
  return `${out.join('\n')}\n`;
}

function hunkHeader(ops: readonly Op[], start: number, end: number): string {
  let oldLine = 1;
  let newLine = 1;
  for (const op of ops.slice(0, start)) {
    if (op.kind !== '+') oldLine++;
    if (op.kind !== '-') newLine++;
  }
  const slice = ops.slice(start, end);
  const oldCount = slice.filter((o) => o.kind !== '+').length;
  const newCount = slice.filter((o) => o.kind !== '-').length;
  const range = (line: number, count: number): string => `${count === 0 ? line - 1 : line}${count === 1 ? '' : `,${count}`}`;
  return `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`;
}
