// A check of the message framing the client sends over standard input, read beside the
// JSON-RPC reader. vscode-jsonrpc's reader never recovers from a corrupt header (a
// Content-Length that is not a number, is negative or too large, a body shorter than it says,
// no blank line after the headers): it waits for ever, and the editor, which sees a live
// process, never restarts it. So a corrupt header ends the server with its reason on standard
// error, and the editor starts a new one. A body that is not JSON is well framed and stays the
// reader's to answer.
import type { Readable } from 'node:stream';

/** Longest header block a client sends (two short headers); longer means no blank line after them. */
const MAX_HEADER_BYTES = 4096;

/** Largest message read: far above any document muslcheck analyzes (10 MiB), JSON-escaped. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const HEADER_NAME = /^[A-Za-z0-9-]+$/;

/** Follows the framing of a byte stream; reports the first corrupt header. */
export class FrameChecker {
  private header = Buffer.alloc(0);
  /** Body bytes still to come, or -1 while a header is read. */
  private bodyLeft = -1;
  /** Bytes read before the current header. */
  private offset = 0;

  /** Reads the next bytes; returns what is wrong with the framing, or null while it is sound. */
  push(chunk: Buffer): string | null {
    let at = 0;
    while (at < chunk.length) {
      if (this.bodyLeft >= 0) {
        const taken = Math.min(this.bodyLeft, chunk.length - at);
        this.bodyLeft -= taken;
        at += taken;
        this.offset += taken;
        if (this.bodyLeft === 0) this.bodyLeft = -1;
        continue;
      }
      // A header block is short: look for its end only in the bytes it may take.
      const pending = this.header.length;
      const window = Buffer.concat([this.header, chunk.subarray(at, at + MAX_HEADER_BYTES + HEADER_END.length)]);
      const end = window.indexOf(HEADER_END, Math.max(0, pending - HEADER_END.length + 1));
      if (end < 0) {
        if (window.length >= MAX_HEADER_BYTES) return this.corrupt(`no blank line within ${MAX_HEADER_BYTES} bytes of headers`);
        this.header = window;
        return null;
      }
      const problem = this.readHeaders(window.subarray(0, end).toString('latin1'));
      if (problem) return this.corrupt(problem);
      at += end + HEADER_END.length - pending;
      this.offset += end + HEADER_END.length;
      this.header = Buffer.alloc(0);
    }
    return null;
  }

  private readHeaders(block: string): string | null {
    let length: string | null = null;
    for (const line of block.split('\r\n')) {
      const colon = line.indexOf(':');
      const name = colon < 0 ? '' : line.slice(0, colon).trim();
      if (!HEADER_NAME.test(name)) return `${JSON.stringify(line.slice(0, 80))} is not a header`;
      if (name.toLowerCase() === 'content-length') length = line.slice(colon + 1).trim();
    }
    if (length === null) return 'no Content-Length header';
    if (!/^\d+$/.test(length)) return `Content-Length ${JSON.stringify(length.slice(0, 40))} is not a byte count`;
    const bytes = Number(length);
    if (bytes < 2) return `Content-Length ${bytes} is too small for a JSON-RPC message`;
    if (bytes > MAX_MESSAGE_BYTES) return `Content-Length ${bytes} is over the ${MAX_MESSAGE_BYTES / 1024 / 1024} MiB a message may have`;
    this.bodyLeft = bytes;
    return null;
  }

  private corrupt(problem: string): string {
    return `${problem} (the header at byte ${this.offset})`;
  }
}

/**
 * Checks the framing of `input` as it is read and calls `corrupt` once, with the reason, at
 * the first corrupt header.
 */
export function watchFraming(input: Readable, corrupt: (problem: string) => void): void {
  const checker = new FrameChecker();
  const onData = (chunk: Buffer): void => {
    const problem = checker.push(chunk);
    if (!problem) return;
    input.off('data', onData);
    corrupt(problem);
  };
  input.on('data', onData);
}
