// A one-chunk hand-over between a producer (the outer archive's reader) and a consumer (a
// layer scan running alongside): the producer waits until its chunk is taken, so at most one
// chunk is in flight. When the consumer fails, pending and later pushes return at once and
// the failure is re-thrown to the producer.

export class Channel implements AsyncIterable<Uint8Array> {
  private readonly pending: { chunk: Uint8Array; taken: () => void }[] = [];
  private wake: (() => void) | null = null;
  private closed = false;
  private failure: unknown = null;

  /** Hands one chunk over; resolves once the consumer took it. */
  push(chunk: Uint8Array): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((taken) => {
      this.pending.push({ chunk, taken });
      this.wake?.();
    });
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  /** The consumer failed: release the producer and make its next push throw. */
  fail(error: unknown): void {
    this.failure = error ?? new Error('layer scan failed');
    for (const p of this.pending.splice(0)) p.taken();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    for (;;) {
      const next = this.pending.shift();
      if (next) {
        next.taken();
        yield next.chunk;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}
